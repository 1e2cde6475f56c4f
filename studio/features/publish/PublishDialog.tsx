import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, List, ListItem, ListItemText, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { api, ApiError, type Issue, type StoreKind } from '../../api/client.js';
import { useT } from '../../i18n/index.js';
import type { LintItem } from '../process-editor/lint-issues.js';

/** Today in Asia/Jakarta as YYYY-MM-DD: the default effective-from date. */
export function todayJakarta(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
}

export interface PublishDialogProps {
  kind: StoreKind;
  docKey: string;
  lint: LintItem[];
  /** renders the difference to the last published version, given its content and number */
  renderDiff?: (lastContent: string, lastN: number) => React.ReactNode;
  onClose(): void;
  onPublished(n: number): void;
}

export function PublishDialog({ kind, docKey, lint, renderDiff, onClose, onPublished }: PublishDialogProps) {
  const t = useT();
  const [effectiveFrom, setEffectiveFrom] = useState(todayJakarta());
  const [note, setNote] = useState('');
  const [last, setLast] = useState<{ n: number; content: string } | null>();
  const [refusal, setRefusal] = useState<{ message: string; errors: Issue[] }>();
  const [busy, setBusy] = useState(false);
  const errors = lint.filter((i) => i.category === 'error');
  const warnings = lint.filter((i) => i.category !== 'error');

  useEffect(() => {
    api.versions(kind, docKey).then(async (list) => {
      const n = Math.max(0, ...list.map((v) => v.n));
      if (!n) return setLast(null);
      const v = await api.version(kind, docKey, n);
      setLast({ n, content: v.content });
    }, () => setLast(null));
  }, [kind, docKey]);

  async function submit() {
    setBusy(true);
    setRefusal(undefined);
    try {
      const answer = await api.publish(kind, docKey, { effectiveFrom, note });
      onPublished(answer.version ?? answer.n);
    } catch (e) {
      if (e instanceof ApiError) setRefusal({ message: e.message, errors: ((e.details?.errors as Issue[] | undefined) ?? []) });
      else setRefusal({ message: String(e), errors: [] });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth aria-labelledby="publish-title">
      <DialogTitle id="publish-title">{t('publish.title', { key: docKey })}</DialogTitle>
      <DialogContent>
        <Box sx={{ display: 'flex', gap: 2, mt: 1 }}>
          <TextField type="date" label={t('publish.effectiveFrom')} value={effectiveFrom} onChange={(e) => setEffectiveFrom(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} required />
          <TextField label={t('publish.note')} value={note} onChange={(e) => setNote(e.target.value)} fullWidth />
        </Box>
        <Typography variant="subtitle1" sx={{ mt: 2 }}>{t('publish.lint')}</Typography>
        {errors.length === 0 && warnings.length === 0 && <Alert severity="success">{t('editor.lintClean')}</Alert>}
        {errors.length > 0 && <Alert severity="error" data-testid="publish-blocked">{t('publish.blocked')}</Alert>}
        {lint.length > 0 && (
          <List dense data-testid="publish-lint">
            {lint.map((i, k) => (
              <ListItem key={k}><ListItemText primary={`${i.category === 'error' ? '⛔' : '⚠'} ${i.message}`} secondary={`${i.element} · ${i.rule}`} /></ListItem>
            ))}
          </List>
        )}
        {refusal && (
          <Alert severity="error" sx={{ mt: 1 }} data-testid="publish-refused">
            {t('publish.refused')}: {refusal.message}
            {refusal.errors.map((e, k) => <div key={k}>{e.element ?? e.path ?? ''} {e.message}</div>)}
          </Alert>
        )}
        <Typography variant="subtitle1" sx={{ mt: 2 }}>{last ? t('publish.diff', { n: last.n }) : last === null ? t('publish.firstVersion') : t('common.loading')}</Typography>
        {last && renderDiff?.(last.content, last.n)}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={() => void submit()} disabled={busy || errors.length > 0 || !effectiveFrom} data-testid="publish-submit">{t('publish.submit')}</Button>
      </DialogActions>
    </Dialog>
  );
}
