/** Applicant self-registration (email or mobile number + password); logs in right after. */
import { Alert, Box, Button, Link, Paper, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.js';
import { useAuth } from '../../app/auth.js';
import { useT } from '../../i18n/index.js';
import { ws } from '../workspace/api.js';

export function RegisterForm({ onBack }: { onBack(): void }) {
  const t = useT();
  const { login } = useAuth();
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const isEmail = contact.includes('@');
    try {
      const answer = await ws.register({ name, password, ...(isEmail ? { email: contact.trim() } : { phone: contact.trim() }) });
      await login(answer.user.username, password);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 409 ? t('register.taken') : (err as Error).message);
      setBusy(false);
    }
  }

  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', alignItems: 'center', minHeight: '100vh', bgcolor: 'grey.100' }}>
      <Paper component="form" onSubmit={submit} sx={{ p: 4, width: 380 }} aria-labelledby="register-title">
        <Typography id="register-title" variant="h5" component="h1" gutterBottom>{t('register.title')}</Typography>
        {error && <Alert severity="error" role="alert" sx={{ mb: 2 }}>{error}</Alert>}
        <TextField label={t('register.name')} name="name" autoComplete="name" fullWidth margin="normal" value={name} onChange={(e) => setName(e.target.value)} autoFocus required />
        <TextField label={t('register.contact')} name="contact" autoComplete="username" fullWidth margin="normal" value={contact} onChange={(e) => setContact(e.target.value)} required />
        <TextField label={t('register.password')} name="password" type="password" autoComplete="new-password" fullWidth margin="normal" value={password} onChange={(e) => setPassword(e.target.value)} required slotProps={{ htmlInput: { minLength: 8 } }} />
        <Button type="submit" variant="contained" fullWidth sx={{ mt: 2 }} disabled={busy}>{t('register.submit')}</Button>
        <Link component="button" type="button" onClick={onBack} sx={{ mt: 2, display: 'block' }}>{t('register.back')}</Link>
      </Paper>
    </Box>
  );
}
