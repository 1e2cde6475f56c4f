/**
 * Pengguna: the admin's account administration. Search and filter the list, add a user with
 * role × office grants, replace grants, disable/enable, set a new password. Managers read the
 * list of their offices' staff (the server scopes it) without any of the actions. The server
 * enforces who may do what; the screen only leaves out what the reader cannot do.
 */
import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  MenuItem,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TablePagination,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, type AdminUser, type Office, type Role, type RoleGrant, type UserPage } from '../../api/client.js';
import { useAuth } from '../../app/auth.js';
import { useLatestOnly } from '../../app/latest-only.js';
import { useT, type MessageKey, type Translate } from '../../i18n/index.js';
import { GrantsEditor, grantLabel } from './GrantsEditor.js';

const KNOWN_ERRORS = ['UNKNOWN_ROLE', 'UNKNOWN_OFFICE', 'USER_EXISTS', 'USER_NOT_FOUND', 'CANNOT_DISABLE_SELF', 'CANNOT_REMOVE_OWN_ADMIN', 'LAST_ADMIN', 'FORBIDDEN', 'PASSWORD_TOO_WEAK'] as const;

/** Our words for the codes this screen expects; otherwise the server's own message. */
function userErrorText(t: Translate, e: unknown): string {
  if (e instanceof ApiError && (KNOWN_ERRORS as readonly string[]).includes(e.code)) return t(`users.error.${e.code}` as MessageKey);
  if (e instanceof ApiError && e.code === 'NETWORK') return t('error.network');
  return (e as Error).message || t('common.error');
}

type Dialogs = { kind: 'create' } | { kind: 'roles'; user: AdminUser } | { kind: 'password'; user: AdminUser } | { kind: 'identity'; user: AdminUser } | null;

export default function UsersPage() {
  const t = useT();
  const { user: me } = useAuth();
  const readOnly = !me?.roles.some((r) => r.role === 'admin');
  const [filters, setFilters] = useState({ search: '', role: '', office: '' });
  const [page, setPage] = useState(1);
  const [data, setData] = useState<UserPage | null>(null);
  const [roles, setRoles] = useState<Role[]>([]);
  const [offices, setOffices] = useState<Office[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialogs>(null);

  useEffect(() => {
    api.roles().then(setRoles, (e: unknown) => setError(userErrorText(t, e)));
    api.offices().then(setOffices, (e: unknown) => setError(userErrorText(t, e)));
  }, [t]);

  const latest = useLatestOnly();
  const load = useCallback(async () => {
    const newest = latest.take();
    try {
      const list = await api.users.list({ ...filters, page });
      if (!newest()) return;
      setData(list);
      setError(null);
    } catch (e) {
      if (newest()) setError(userErrorText(t, e));
    }
  }, [filters, page, t, latest]);
  useEffect(() => {
    void load();
  }, [load]);

  const setFilter = (k: keyof typeof filters, v: string) => {
    setFilters({ ...filters, [k]: v });
    setPage(1);
  };
  const done = (text: string) => {
    setDialog(null);
    setNotice(text);
    void load();
  };
  const toggle = async (u: AdminUser) => {
    try {
      await api.users.setDisabled(u.id, !u.disabled);
      done(t(u.disabled ? 'users.enabledDone' : 'users.disabledDone', { username: u.username }));
    } catch (e) {
      setError(userErrorText(t, e));
    }
  };

  return (
    <Box sx={{ p: { xs: 1.5, sm: 3 }, maxWidth: 1200, mx: 'auto' }}>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 2 }}>
        <Typography variant="h5" component="h1">{t('users.title')}</Typography>
        {!readOnly && <Button variant="contained" onClick={() => setDialog({ kind: 'create' })}>{t('users.add')}</Button>}
      </Stack>
      {readOnly && <Alert severity="info" sx={{ mb: 2 }} data-testid="users-read-only">{t('users.readOnly')}</Alert>}
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ mb: 2 }}>
        <TextField size="small" label={t('common.search')} placeholder={t('users.search')} value={filters.search} onChange={(e) => setFilter('search', e.target.value)} sx={{ minWidth: { sm: 320 } }} />
        <TextField size="small" select label={t('users.filterRole')} value={filters.role} onChange={(e) => setFilter('role', e.target.value)} sx={{ minWidth: 180 }}>
          <MenuItem value="">{t('users.all')}</MenuItem>
          {roles.map((r) => (
            <MenuItem key={r.key} value={r.key}>{r.name}</MenuItem>
          ))}
        </TextField>
        <TextField size="small" select label={t('users.filterOffice')} value={filters.office} onChange={(e) => setFilter('office', e.target.value)} sx={{ minWidth: 220 }}>
          <MenuItem value="">{t('users.all')}</MenuItem>
          {offices.map((o) => (
            <MenuItem key={o.key} value={o.key}>{o.name}</MenuItem>
          ))}
        </TextField>
      </Stack>
      {error && <Alert severity="error" sx={{ mb: 2 }} onClose={() => setError(null)}>{error}</Alert>}
      {notice && <Alert severity="success" sx={{ mb: 2 }} onClose={() => setNotice(null)}>{notice}</Alert>}
      <Paper variant="outlined">
        {/* a phone scrolls the table, not the page */}
        <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label={t('users.table')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('users.username')}</TableCell>
              <TableCell>{t('users.name')}</TableCell>
              <TableCell>{t('users.roles')}</TableCell>
              <TableCell>{t('users.status')}</TableCell>
              {!readOnly && <TableCell align="right">{t('users.actions')}</TableCell>}
            </TableRow>
          </TableHead>
          <TableBody>
            {(data?.items ?? []).map((u) => (
              <TableRow key={u.id} data-username={u.username} sx={u.disabled ? { opacity: 0.6 } : undefined}>
                <TableCell>{u.username}</TableCell>
                <TableCell>
                  {u.name}
                  {(u.email || u.phone) && <Typography variant="caption" component="div" color="text.secondary">{[u.email, u.phone].filter(Boolean).join(' · ')}</Typography>}
                </TableCell>
                <TableCell>
                  <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
                    {u.roles.length === 0 && <Typography variant="body2" color="text.secondary">{t('users.noRoles')}</Typography>}
                    {u.roles.map((g) => (
                      <Chip key={`${g.role}|${g.office ?? ''}`} size="small" label={grantLabel(g, roles, offices)} />
                    ))}
                  </Box>
                </TableCell>
                <TableCell>
                  <Chip size="small" color={u.disabled ? 'default' : 'success'} variant={u.disabled ? 'filled' : 'outlined'} label={u.disabled ? t('users.disabledMarker') : t('users.active')} />
                </TableCell>
                {!readOnly && <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  <Button size="small" onClick={() => setDialog({ kind: 'roles', user: u })}>{t('users.editRoles')}</Button>
                  <Button size="small" onClick={() => setDialog({ kind: 'password', user: u })}>{t('users.setPassword')}</Button>
                  <Button size="small" onClick={() => setDialog({ kind: 'identity', user: u })} data-testid={`identity-${u.username}`}>{t('users.identity')}</Button>
                  {/* the server refuses it too; an admin who locks themselves out needs another admin */}
                  {u.username !== me?.username && (
                    <Button size="small" color={u.disabled ? 'primary' : 'warning'} onClick={() => void toggle(u)}>
                      {u.disabled ? t('users.enable') : t('users.disable')}
                    </Button>
                  )}
                </TableCell>}
              </TableRow>
            ))}
            {data && data.items.length === 0 && (
              <TableRow>
                <TableCell colSpan={readOnly ? 4 : 5}>{t('users.empty')}</TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
        </Box>
        {data && (
          <TablePagination
            component="div"
            count={data.total}
            page={data.total === 0 ? 0 : page - 1}
            rowsPerPage={data.pageSize}
            rowsPerPageOptions={[data.pageSize]}
            onPageChange={(_, p) => setPage(p + 1)}
            labelDisplayedRows={({ from, to, count }) => t('users.pageOf', { from, to, count })}
          />
        )}
      </Paper>
      {dialog?.kind === 'create' && (
        <CreateUserDialog
          roles={roles}
          offices={offices}
          onClose={() => setDialog(null)}
          onCreated={(u) => {
            // the new account may sort onto another page: show it by name
            setFilters({ search: u.username, role: '', office: '' });
            setPage(1);
            done(t('users.created', { username: u.username }));
          }}
        />
      )}
      {dialog?.kind === 'roles' && (
        <RolesDialog user={dialog.user} roles={roles} offices={offices} onClose={() => setDialog(null)} onSaved={(u) => done(t('users.rolesSaved', { username: u.username }))} />
      )}
      {dialog?.kind === 'identity' && (
        <IdentityDialog user={dialog.user} onClose={() => setDialog(null)} onSaved={(u) => done(t('users.identitySaved', { username: u.username }))} />
      )}
      {dialog?.kind === 'password' && (
        <PasswordDialog user={dialog.user} onClose={() => setDialog(null)} onSaved={() => done(t('users.passwordDone', { username: dialog.user.username }))} />
      )}
    </Box>
  );
}

function CreateUserDialog({ roles, offices, onClose, onCreated }: { roles: Role[]; offices: Office[]; onClose(): void; onCreated(u: AdminUser): void }) {
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

function RolesDialog({ user, roles, offices, onClose, onSaved }: { user: AdminUser; roles: Role[]; offices: Office[]; onClose(): void; onSaved(u: AdminUser): void }) {
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

function PasswordDialog({ user, onClose, onSaved }: { user: AdminUser; onClose(): void; onSaved(): void }) {
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
function IdentityDialog({ user, onClose, onSaved }: { user: AdminUser; onClose(): void; onSaved(u: AdminUser): void }) {
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
