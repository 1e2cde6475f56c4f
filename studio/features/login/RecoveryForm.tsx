/** Forgotten password: a one-time code sent to the account's email or WhatsApp, then a new password. */
import { Alert, Box, Button, Link, Paper, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.js';
import { notificationsApi } from '../../api/notifications.js';
import { useT } from '../../i18n/index.js';

export function RecoveryForm({ onBack }: { onBack(): void }) {
  const t = useT();
  const [identifier, setIdentifier] = useState('');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [sent, setSent] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      if (!sent) {
        await notificationsApi.requestCode(identifier.trim());
        setSent(true);
      } else {
        await notificationsApi.resetPassword(identifier.trim(), code.trim(), password);
        setDone(true);
      }
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'RESET_CODE_INVALID' ? t('recovery.invalid') : (err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', alignItems: 'center', minHeight: '100vh', bgcolor: 'grey.100' }}>
      <Paper component="form" onSubmit={submit} sx={{ p: 4, width: 380 }} aria-labelledby="recovery-title">
        <Typography id="recovery-title" variant="h5" component="h1" gutterBottom>{t('recovery.title')}</Typography>
        {error && <Alert severity="error" role="alert" sx={{ mb: 2 }}>{error}</Alert>}
        {done ? (
          <Alert severity="success">{t('recovery.done')}</Alert>
        ) : (
          <>
            <Typography variant="body2" color="text.secondary">{sent ? t('recovery.sent') : t('recovery.help')}</Typography>
            <TextField label={t('recovery.identifier')} name="identifier" autoComplete="username" fullWidth margin="normal" value={identifier} onChange={(e) => setIdentifier(e.target.value)} disabled={sent} autoFocus required />
            {sent && (
              <>
                <TextField label={t('recovery.code')} name="code" autoComplete="one-time-code" fullWidth margin="normal" value={code} onChange={(e) => setCode(e.target.value)} required slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 6 } }} />
                <TextField label={t('recovery.password')} name="password" type="password" autoComplete="new-password" fullWidth margin="normal" value={password} onChange={(e) => setPassword(e.target.value)} required />
              </>
            )}
            <Button type="submit" variant="contained" fullWidth sx={{ mt: 2 }} disabled={busy}>{sent ? t('recovery.reset') : t('recovery.send')}</Button>
          </>
        )}
        <Link component="button" type="button" onClick={onBack} sx={{ mt: 2, display: 'block' }}>{t('recovery.back')}</Link>
      </Paper>
    </Box>
  );
}
