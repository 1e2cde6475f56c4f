import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, List, ListItem, ListItemText, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { api, ApiError, type Issue, type StoreKind } from '../../api/client.js';
import { useLanguage, useT, type Translate } from '../../i18n/index.js';
import { modelerTranslate } from '../../modeler/i18n/translate.js';
import type { LintItem } from '../../modeler/lint-issues.js';
import { jakartaDate } from '../../../core/calendar-date.js';

/** Today in Asia/Jakarta as YYYY-MM-DD: the default effective-from date. */
export function todayJakarta(): string {
  return jakartaDate(new Date());
}

/**
 * The server's 409 EFFECTIVE_DATE_BEFORE_CURRENT in words (which version is in force since when);
 * undefined for any other error. The publish dialog and the approval panel both show it.
 */
export function effectiveDateRefusal(t: Translate, e: unknown): string | undefined {
  if (!(e instanceof ApiError) || e.code !== 'EFFECTIVE_DATE_BEFORE_CURRENT') return undefined;
  const current = (e.details?.current ?? {}) as { n?: number; effectiveFrom?: string };
  return t('publish.error.EFFECTIVE_DATE_BEFORE_CURRENT', { n: current.n ?? '?', date: current.effectiveFrom ?? '?' });
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
  const { lang } = useLanguage();
  const [effectiveFrom, setEffectiveFrom] = useState(todayJakarta());
  const [note, setNote] = useState('');
  const [regulation, setRegulation] = useState('');
  const [article, setArticle] = useState('');
  const [regulationDate, setRegulationDate] = useState('');
  /** the server's refusal of the date, shown under the date field */
  const [dateError, setDateError] = useState<string>();
  const [last, setLast] = useState<{ n: number; content: string } | null>();
  const [refusal, setRefusal] = useState<{ message: string; errors: Issue[] }>();
  const [busy, setBusy] = useState(false);
  /** the SOP needs a second person: the publish became a submission for approval (issue 19) */
  const [submitted, setSubmitted] = useState(false);
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
    setDateError(undefined);
    try {
      const legalBasis = { regulation: regulation.trim(), article: article.trim(), date: regulationDate };
      const answer = await api.publish(kind, docKey, { effectiveFrom, note, ...(legalBasis.regulation || legalBasis.article || legalBasis.date ? { legalBasis } : {}) });
      if ((answer as { approval?: unknown }).approval) setSubmitted(true);
      else onPublished(answer.version ?? answer.n);
    } catch (e) {
      const dateRefusal = effectiveDateRefusal(t, e);
      if (dateRefusal) setDateError(dateRefusal);
      else if (e instanceof ApiError) setRefusal({ message: e.message, errors: ((e.details?.errors as Issue[] | undefined) ?? []) });
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
          <TextField
            type="date"
            label={t('publish.effectiveFrom')}
            value={effectiveFrom}
            onChange={(e) => {
              setEffectiveFrom(e.target.value);
              setDateError(undefined);
            }}
            slotProps={{ inputLabel: { shrink: true }, formHelperText: { 'data-testid': 'publish-date-error' } as object }}
            error={!!dateError}
            helperText={dateError}
            sx={{ maxWidth: 360 }}
            required
          />
          <TextField label={t('publish.note')} value={note} onChange={(e) => setNote(e.target.value)} fullWidth />
        </Box>
        <Box sx={{ display: 'flex', gap: 2, mt: 2 }}>
          <TextField label={t('publish.legalRegulation')} value={regulation} onChange={(e) => setRegulation(e.target.value)} sx={{ flex: 2 }} slotProps={{ htmlInput: { maxLength: 500 } }} />
          <TextField label={t('publish.legalArticle')} value={article} onChange={(e) => setArticle(e.target.value)} sx={{ flex: 1 }} slotProps={{ htmlInput: { maxLength: 500 } }} />
          <TextField type="date" label={t('publish.legalDate')} value={regulationDate} onChange={(e) => setRegulationDate(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
        </Box>
        <Typography variant="subtitle1" sx={{ mt: 2 }}>{t('publish.lint')}</Typography>
        {errors.length === 0 && warnings.length === 0 && <Alert severity="success">{t('editor.lintClean')}</Alert>}
        {errors.length > 0 && <Alert severity="error" data-testid="publish-blocked">{t('publish.blocked')}</Alert>}
        {lint.length > 0 && (
          <List dense data-testid="publish-lint">
            {lint.map((i, k) => (
              <ListItem key={k}><ListItemText primary={`${i.category === 'error' ? '⛔' : '⚠'} ${modelerTranslate(lang, i.message)}`} secondary={`${i.element} · ${i.rule}`} /></ListItem>
            ))}
          </List>
        )}
        {submitted && <Alert severity="info" sx={{ mt: 1 }} data-testid="publish-submitted">{t('publish.submittedForApproval')}</Alert>}
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
        <Button variant="contained" onClick={() => void submit()} disabled={busy || submitted || errors.length > 0 || !effectiveFrom} data-testid="publish-submit">{t('publish.submit')}</Button>
      </DialogActions>
    </Dialog>
  );
}
