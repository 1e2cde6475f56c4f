/**
 * "Ajukan pengaduan" on the tracking page (issue 21): the complaint is filed about the application
 * just tracked, with its number and PIN as the authorization; it reaches the office's complaints
 * post and the answer comes back on the applicant's channels.
 */
import { Alert, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import { reachApi } from '../../api/reach.js';
import { useT } from '../../i18n/index.js';

export function ComplaintForm({ number, pin }: { number: string; pin: string }) {
  const t = useT();
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  const [filed, setFiled] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ok = subject.trim().length >= 3 && text.trim().length >= 10;
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      setFiled((await reachApi.complain(number, pin, subject.trim(), text.trim())).number);
    } catch (e) {
      const code = e instanceof ApiError ? e.code : '';
      setError(code === 'RATE_LIMITED' ? t('track.rateLimited') : code === 'SERVICE_NOT_OFFERED' ? t('complaint.notOffered') : t('complaint.failed'));
    } finally {
      setBusy(false);
    }
  };
  if (filed) return <Alert severity="success" sx={{ mt: 2 }} data-testid="complaint-filed">{t('complaint.filed', { number: filed })}</Alert>;
  return (
    <Paper variant="outlined" sx={{ p: 2, mt: 2 }} data-testid="complaint-form">
      <Typography variant="h6" component="h2">{t('complaint.title')}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{t('complaint.help')}</Typography>
      <Stack spacing={1.5}>
        <TextField label={t('complaint.subject')} value={subject} onChange={(e) => setSubject(e.target.value)} required slotProps={{ htmlInput: { maxLength: 200 } }} />
        <TextField label={t('complaint.text')} value={text} onChange={(e) => setText(e.target.value)} required multiline minRows={3} slotProps={{ htmlInput: { maxLength: 4000 } }} />
        {error && <Alert severity="error">{error}</Alert>}
        <Button variant="contained" disabled={busy || !ok} onClick={() => void submit()}>{t('complaint.submit')}</Button>
      </Stack>
    </Paper>
  );
}
