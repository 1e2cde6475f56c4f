/** Applicant self-registration (email or mobile number + password); logs in right after. */
import { Alert, Box, Button, Link, Paper, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.js';
import { useAuth } from '../../app/auth.js';
import { useT, type MessageKey, type Translate } from '../../i18n/index.js';
import { ws } from '../workspace/api.js';

/** The form's fields the server may refuse, by the request's path. */
const FIELD_ERRORS: Record<string, MessageKey> = {
  '/name': 'register.error.name',
  '/email': 'register.error.email',
  '/phone': 'register.error.phone',
  '/password': 'register.error.password',
};

/**
 * What a refused registration says, in the chosen language: the field to correct (the server's
 * schema message, e.g. `body/phone must match pattern "^[+0-9 ()-]{8,20}$"`, is not for people).
 */
function registerErrorText(t: Translate, e: unknown): string {
  if (!(e instanceof ApiError)) return String(e);
  if (e.status === 409) return t('register.taken');
  if (e.code === 'PASSWORD_TOO_WEAK') return t('register.error.password');
  if (e.code === 'VALIDATION_FAILED') {
    const paths = ((e.details?.errors ?? []) as Array<{ path?: string }>).map((x) => x.path ?? '');
    const keys = [...new Set(paths.map((p) => FIELD_ERRORS[p]).filter((k): k is MessageKey => !!k))];
    if (keys.length) return keys.map((k) => t(k)).join(' ');
  }
  return e.message;
}

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
      setError(registerErrorText(t, err));
      setBusy(false);
    }
  }

  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', alignItems: 'center', minHeight: '100vh', bgcolor: 'grey.100' }}>
      <Paper component="form" onSubmit={submit} sx={{ p: { xs: 2.5, sm: 4 }, width: 380, maxWidth: '100%' }} aria-labelledby="register-title">
        <Typography id="register-title" variant="h5" component="h1" gutterBottom>{t('register.title')}</Typography>
        {error && <Alert severity="error" role="alert" sx={{ mb: 2 }}>{error}</Alert>}
        <TextField label={t('register.name')} name="name" autoComplete="name" fullWidth margin="normal" value={name} onChange={(e) => setName(e.target.value)} autoFocus required />
        <TextField label={t('register.contact')} name="contact" autoComplete="username" fullWidth margin="normal" value={contact} onChange={(e) => setContact(e.target.value)} required />
        <TextField label={t('register.password')} name="password" type="password" autoComplete="new-password" fullWidth margin="normal" value={password} onChange={(e) => setPassword(e.target.value)} required slotProps={{ htmlInput: { minLength: 10 } }} />
        <Button type="submit" variant="contained" fullWidth sx={{ mt: 2 }} disabled={busy}>{t('register.submit')}</Button>
        <Link component="button" type="button" onClick={onBack} sx={{ mt: 2, display: 'block' }}>{t('register.back')}</Link>
      </Paper>
    </Box>
  );
}
