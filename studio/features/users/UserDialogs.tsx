/** Pengguna's dialogs: add a user with grants, replace grants, set a password, an official's signing identity. */
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { api, type AdminUser, type Office, type Role, type RoleGrant } from '../../api/client.js';
import { useT, type MessageKey } from '../../i18n/index.js';
import { GrantsEditor } from './GrantsEditor.js';
import { userErrorText } from './user-errors.js';

export function CreateUserDialog({ roles, offices, onClose, onCreated }: { roles: Role[]; offices: Office[]; onClose(): void; onCreated(u: AdminUser): void }) {
  const t = useT();
  const [form, setForm] = useState({ username: '', name: '', email: '', phone: '', password: '' });
  const [grants, setGrants] = useState<RoleGrant[]>([]);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    try {
      onCreated(
        await api.users.create({
          username: form.username.trim(),
          ...(form.name.trim() ? { name: form.name.trim() } : {}),
          email: form.email.trim() || null,
          phone: form.phone.trim() || null,
          password: form.password,
          roles: grants,
        }),
      );
    } catch (e) {
      setError(userErrorText(t, e));
    }
  };
  const field = (k: keyof typeof form, label: MessageKey, extra: { required?: boolean; type?: string } = {}) => (
    <TextField label={t(label)} value={form[k]} onChange={(e) => setForm({ ...form, [k]: e.target.value })} required={extra.required} type={extra.type} autoComplete={extra.type === 'password' ? 'new-password' : 'off'} />
  );
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{t('users.createTitle')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          {error && <Alert severity="error">{error}</Alert>}
          {field('username', 'users.username', { required: true })}
          {field('name', 'users.name')}
          {field('email', 'users.email')}
          {field('phone', 'users.phone')}
          {field('password', 'users.password', { required: true, type: 'password' })}
          <GrantsEditor roles={roles} offices={offices} value={grants} onChange={setGrants} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" disabled={!form.username.trim() || !form.password} onClick={() => void submit()}>{t('common.save')}</Button>
      </DialogActions>
    </Dialog>
  );
}

export function RolesDialog({ user, roles, offices, onClose, onSaved }: { user: AdminUser; roles: Role[]; offices: Office[]; onClose(): void; onSaved(u: AdminUser): void }) {
  const t = useT();
  const [grants, setGrants] = useState<RoleGrant[]>(user.roles);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    try {
      onSaved(await api.users.setRoles(user.id, grants));
    } catch (e) {
      setError(userErrorText(t, e));
    }
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{t('users.rolesTitle', { username: user.username })}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{t('users.rolesHelp')}</DialogContentText>
        {error && <Alert severity="error" sx={{ mb: 2 }}>{error}</Alert>}
        <GrantsEditor roles={roles} offices={offices} value={grants} onChange={setGrants} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={() => void submit()}>{t('common.save')}</Button>
      </DialogActions>
    </Dialog>
  );
}

export function PasswordDialog({ user, onClose, onSaved }: { user: AdminUser; onClose(): void; onSaved(): void }) {
  const t = useT();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    try {
      await api.users.setPassword(user.id, password);
      onSaved();
    } catch (e) {
      setError(userErrorText(t, e));
    }
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs">
      <DialogTitle>{t('users.passwordTitle', { username: user.username })}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{t('users.passwordHelp')}</DialogContentText>
        {error && <Alert severity="error" sx={{ mb: 2 }}>{error}</Alert>}
        <TextField fullWidth type="password" autoComplete="new-password" label={t('users.password')} value={password} onChange={(e) => setPassword(e.target.value)} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" disabled={!password} onClick={() => void submit()}>{t('common.save')}</Button>
      </DialogActions>
    </Dialog>
  );
}

/** An official's signing identity: full name, NIP, jabatan (printed on what they sign) and NIK (for the TTE service). */
export function IdentityDialog({ user, onClose, onSaved }: { user: AdminUser; onClose(): void; onSaved(u: AdminUser): void }) {
  const t = useT();
  const [form, setForm] = useState({
    fullName: user.identity?.fullName ?? '',
    nip: user.identity?.nip ?? '',
    jabatan: user.identity?.jabatan ?? '',
    nik: user.identity?.nik ?? '',
  });
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    try {
      const blankToNull = (v: string) => (v.trim() ? v.trim() : null);
      onSaved(await api.users.setIdentity(user.id, { fullName: blankToNull(form.fullName), nip: blankToNull(form.nip), jabatan: blankToNull(form.jabatan), nik: blankToNull(form.nik) }));
    } catch (e) {
      setError(userErrorText(t, e));
    }
  };
  const field = (k: keyof typeof form, label: MessageKey) => (
    <TextField fullWidth label={t(label)} value={form[k]} onChange={(e) => setForm({ ...form, [k]: e.target.value })} sx={{ mb: 2 }} slotProps={{ htmlInput: { 'data-testid': `identity-${k}` } }} />
  );
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{t('users.identityTitle', { username: user.username })}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{t('users.identityHelp')}</DialogContentText>
        {error && <Alert severity="error" sx={{ mb: 2 }}>{error}</Alert>}
        {field('fullName', 'users.fullName')}
        {field('nip', 'users.nip')}
        {field('jabatan', 'users.jabatan')}
        {field('nik', 'users.nik')}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={() => void submit()}>{t('common.save')}</Button>
      </DialogActions>
    </Dialog>
  );
}
