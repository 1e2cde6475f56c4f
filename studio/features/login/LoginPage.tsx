import { Alert, Box, Button, Link, Paper, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useAuth } from '../../app/auth.js';
import { useT } from '../../i18n/index.js';
import { RegisterForm } from '../portal/RegisterForm.js';
import { RecoveryForm } from './RecoveryForm.js';

export function LoginPage() {
  const t = useT();
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
    } catch {
      setError(t('login.failed'));
    } finally {
      setBusy(false);
    }
  }

  if (registering) return <RegisterForm onBack={() => setRegistering(false)} />;
  if (recovering) return <RecoveryForm onBack={() => setRecovering(false)} />;
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', alignItems: 'center', minHeight: '100vh', bgcolor: 'grey.100' }}>
      <Paper component="form" onSubmit={submit} sx={{ p: 4, width: 360 }} aria-labelledby="login-title">
        <Typography id="login-title" variant="h5" component="h1" gutterBottom>{t('login.title')}</Typography>
        {error && <Alert severity="error" role="alert" sx={{ mb: 2 }}>{error}</Alert>}
        <TextField label={t('login.username')} name="username" autoComplete="username" fullWidth margin="normal" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus required />
        <TextField label={t('login.password')} name="password" type="password" autoComplete="current-password" fullWidth margin="normal" value={password} onChange={(e) => setPassword(e.target.value)} required />
        <Button type="submit" variant="contained" fullWidth sx={{ mt: 2 }} disabled={busy}>{t('login.submit')}</Button>
        <Link component="button" type="button" onClick={() => setRegistering(true)} sx={{ mt: 2, display: 'block' }}>{t('register.link')}</Link>
        <Link component="button" type="button" onClick={() => setRecovering(true)} sx={{ mt: 1, display: 'block' }}>{t('recovery.link')}</Link>
      </Paper>
    </Box>
  );
}
