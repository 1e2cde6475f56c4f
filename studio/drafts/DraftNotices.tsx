/** What a draft editor shows about its draft: the local copy found in the browser, and a refused save's conflict. */
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import type { DraftConflict } from '../api/client.js';
import { formatDateTime, useLanguage, useT } from '../i18n/index.js';
import type { LocalDraft } from './local-draft.js';

export function LocalCopyBanner({ copy, onRestore, onDiscard }: { copy: LocalDraft; onRestore(): void; onDiscard(): void }) {
  const t = useT();
  const { lang } = useLanguage();
  return (
    <Alert severity="warning" data-testid="local-found" action={
      <>
        <Button color="inherit" onClick={onRestore}>{t('editor.localRestore')}</Button>
        <Button color="inherit" onClick={onDiscard}>{t('editor.localDiscard')}</Button>
      </>
    }>
      {t('editor.localFound', { at: formatDateTime(copy.savedAt, lang) })}
    </Alert>
  );
}

/** "Changed by X at T": load theirs, compare (when offered), or save mine over it. */
export function ConflictDialog(props: { conflict: DraftConflict; titleId: string; onClose(): void; onReload(): void; onCompare?(): void; onOverwrite(): void }) {
  const t = useT();
  const { lang } = useLanguage();
  const { conflict } = props;
  return (
    <Dialog open onClose={props.onClose} aria-labelledby={props.titleId}>
      <DialogTitle id={props.titleId}>{t('editor.conflictTitle')}</DialogTitle>
      <DialogContent>
        <DialogContentText data-testid="conflict-text">
          {t('editor.conflictText', { by: conflict.updatedBy, at: formatDateTime(conflict.updatedAt, lang), rev: conflict.revision })}
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onReload}>{t('editor.conflictReload')}</Button>
        {props.onCompare && <Button onClick={props.onCompare}>{t('editor.conflictCompare')}</Button>}
        <Button variant="contained" color="warning" onClick={props.onOverwrite}>{t('editor.conflictOverwrite')}</Button>
      </DialogActions>
    </Dialog>
  );
}
