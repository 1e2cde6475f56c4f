/**
 * /lacak: follow an application without an account, by its registration number and PIN (issue 21).
 * The PIN travels in a POST body, never in the address. A wrong PIN and an unknown number read alike.
 */
import { Alert, Box, Button, List, ListItem, ListItemText, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import { reachApi, type Expected, type Tracking } from '../../api/reach.js';
import { formatDateTime, useLanguage, useT, type Translate } from '../../i18n/index.js';
import { ComplaintForm } from './ComplaintForm.js';
import { PublicShell } from './PublicShell.js';

function actionText(t: Translate, x: Expected): string {
  if (x.kind === 'missing-documents') return t('portal.app.missing', { docs: x.documents.join(', ') });
  if (x.kind === 'my-step') return t('portal.app.myStep', { step: x.step });
  return x.text;
}

const longDate = (ymd: string, lang: string) => new Date(`${ymd}T00:00:00Z`).toLocaleDateString(lang === 'id' ? 'id-ID' : 'en-GB', { timeZone: 'UTC', dateStyle: 'long' });

export default function TrackPage() {
  const t = useT();
  const { lang } = useLanguage();
  const [number, setNumber] = useState(() => new URLSearchParams(window.location.search).get('nomor') ?? '');
  const [pin, setPin] = useState('');
  const [result, setResult] = useState<Tracking | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await reachApi.track(number.trim(), pin.trim()));
    } catch (e) {
      setResult(null);
      const code = e instanceof ApiError ? e.code : '';
      setError(code === 'TRACKING_NOT_FOUND' ? t('track.notFound') : code === 'RATE_LIMITED' ? t('track.rateLimited') : code === 'VALIDATION_FAILED' ? t('track.invalid') : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const statusText = (s: string) => (['running', 'completed', 'cancelled', 'failed'].includes(s) ? t(`portal.status.${s}` as 'portal.status.running') : s);
  return (
    <PublicShell title="track.title">
      <Typography sx={{ mb: 2 }}>{t('track.intro')}</Typography>
      <Box component="form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ mb: 2 }}>
          <TextField label={t('track.number')} value={number} onChange={(e) => setNumber(e.target.value)} required sx={{ flex: 2 }} slotProps={{ htmlInput: { maxLength: 64, autoCapitalize: 'none' } }} />
          <TextField label={t('track.pin')} value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} required type="password" sx={{ flex: 1 }} slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 6, autoComplete: 'off' } }} />
          <Button type="submit" variant="contained" disabled={busy || !number.trim() || pin.length !== 6}>{t('track.submit')}</Button>
        </Stack>
      </Box>
      {error && <Alert severity="error" data-testid="track-error">{error}</Alert>}
      {result && (
        <Paper variant="outlined" sx={{ p: 2 }} data-testid="track-result">
          <Typography variant="h6" component="h2">{result.service}</Typography>
          <Typography color="text.secondary" sx={{ mb: 1 }}>
            {result.number} · {result.office}{result.firstName ? ` · ${t('track.applicant', { name: result.firstName })}` : ''}
          </Typography>
          <Typography sx={{ mb: 1 }} data-testid="track-status">{t('track.status', { status: statusText(result.status) })}</Typography>
          {result.currentSteps.length > 0 && <Typography sx={{ mb: 1 }} data-testid="track-current">{t('portal.app.current', { steps: result.currentSteps.join(', ') })}</Typography>}
          {result.applicantActions.length === 0 && result.status === 'running' && <Alert severity="info" sx={{ mb: 1 }}>{t('track.nothingToDo')}</Alert>}
          {result.applicantActions.map((x, i) => (
            <Alert key={i} severity="warning" sx={{ mb: 1 }} data-testid="track-action">{actionText(t, x)}</Alert>
          ))}
          {result.expectedCompletion && result.status === 'running' && (
            <Typography sx={{ mb: 1 }} data-testid="track-expected">
              {t('track.expected', { date: longDate(result.expectedCompletion.date, lang), days: result.expectedCompletion.workingDays })}
            </Typography>
          )}
          <Typography variant="subtitle1" component="h3" sx={{ mt: 1 }}>{t('track.done')}</Typography>
          <List dense>
            {result.stepsDone.map((s, i) => (
              <ListItem key={i} disableGutters>
                <ListItemText primary={s.step} secondary={formatDateTime(s.at, lang)} />
              </ListItem>
            ))}
          </List>
          <Typography variant="caption" color="text.secondary">{t('track.submitted', { at: formatDateTime(result.submittedAt, lang) })}</Typography>
        </Paper>
      )}
      {result && <ComplaintForm key={result.number} number={result.number} pin={pin.trim()} />}
    </PublicShell>
  );
}
