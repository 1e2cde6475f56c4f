import { Alert, Box, Button, Link, MenuItem, Paper, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.js';
import { useAuth } from '../../app/auth.js';
import { useLanguage, useT, type Translate } from '../../i18n/index.js';
import { RegisterForm } from '../portal/RegisterForm.js';
import { RecoveryForm } from './RecoveryForm.js';

/**
 * Why a log-in failed: a wrong name or password, or being made to wait after repeated failures
 * (429 with the seconds to wait: "wrong password" there sent people retyping a right one), or no
 * server to reach.
 */
function loginErrorText(t: Translate, e: unknown): string {
  if (e instanceof ApiError && e.status === 429) {
    const seconds = Number(e.details?.retryAfterSeconds);
    return t('login.rateLimited', { wait: Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 1 });
  }
  if (e instanceof ApiError && e.code === 'NETWORK') return t('error.network');
  return t('login.failed');
}

export function LoginPage() {
  const t = useT();
  const { lang, setLang } = useLanguage();
  const { login } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [registering, setRegistering] = useState(false);
  const [recovering, setRecovering] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await login(username, password);
    } catch (e) {
      setError(loginErrorText(t, e));
    } finally {
      setBusy(false);
    }
  }

  if (registering) return <RegisterForm onBack={() => setRegistering(false)} />;
  if (recovering) return <RecoveryForm onBack={() => setRecovering(false)} />;
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', alignItems: 'center', minHeight: '100vh', bgcolor: 'grey.100' }}>
      <Paper component="form" onSubmit={submit} sx={{ p: { xs: 2.5, sm: 4 }, width: 360, maxWidth: '100%' }} aria-labelledby="login-title">
        <Box sx={{ display: 'flex', justifyContent: 'flex-end', mb: 1 }}>
          <TextField select size="small" variant="standard" value={lang} onChange={(e) => setLang(e.target.value === 'en' ? 'en' : 'id')} slotProps={{ htmlInput: { 'aria-label': t('app.language') } }}>
            <MenuItem value="id">Bahasa Indonesia</MenuItem>
            <MenuItem value="en">English</MenuItem>
          </TextField>
        </Box>
        <Typography id="login-title" variant="h5" component="h1" gutterBottom>{t('login.title')}</Typography>
        {error && <Alert severity="error" role="alert" sx={{ mb: 2 }}>{error}</Alert>}
        <TextField label={t('login.username')} name="username" autoComplete="username" fullWidth margin="normal" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus required />
        <TextField label={t('login.password')} name="password" type="password" autoComplete="current-password" fullWidth margin="normal" value={password} onChange={(e) => setPassword(e.target.value)} required />
        <Button type="submit" variant="contained" fullWidth sx={{ mt: 2 }} disabled={busy}>{t('login.submit')}</Button>
        <Link component="button" type="button" onClick={() => setRegistering(true)} sx={{ mt: 2, display: 'block' }}>{t('register.link')}</Link>
        <Link component="button" type="button" onClick={() => setRecovering(true)} sx={{ mt: 1, display: 'block' }}>{t('recovery.link')}</Link>
        <Link href="/lacak" sx={{ mt: 1, display: 'block' }} data-testid="login-track">{t('login.track')}</Link>
      </Paper>
    </Box>
  );
}
