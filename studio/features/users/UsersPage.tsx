/**
 * Pengguna: the admin's account administration. Search and filter the list, add a user with
 * role × office grants, replace grants, disable/enable, set a new password. Managers read the
 * list of their offices' staff (the server scopes it) without any of the actions. The server
 * enforces who may do what; the screen only leaves out what the reader cannot do.
 */
import { Alert, Box, Button, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import type { AdminUser } from '../../api/client.js';
import { useAuth } from '../../app/auth.js';
import { useT } from '../../i18n/index.js';
import { CreateUserDialog, IdentityDialog, PasswordDialog, RolesDialog } from './UserDialogs.js';
import { UsersTable } from './UsersTable.js';
import { useUsers } from './useUsers.js';

type Dialogs = { kind: 'create' } | { kind: 'roles'; user: AdminUser } | { kind: 'password'; user: AdminUser } | { kind: 'identity'; user: AdminUser } | null;

export default function UsersPage() {
  const t = useT();
  const { user: me } = useAuth();
  const readOnly = !me?.roles.some((r) => r.role === 'admin');
  const users = useUsers(t);
  const { filters, setFilter, roles, offices } = users;
  const [dialog, setDialog] = useState<Dialogs>(null);
  const done = (text: string) => {
    setDialog(null);
    users.changed(text);
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
      {users.error && <Alert severity="error" sx={{ mb: 2 }} onClose={() => users.setError(null)}>{users.error}</Alert>}
      {users.notice && <Alert severity="success" sx={{ mb: 2 }} onClose={() => users.setNotice(null)}>{users.notice}</Alert>}
      <UsersTable
        data={users.data}
        page={users.page}
        roles={roles}
        offices={offices}
        readOnly={readOnly}
        me={me?.username}
        onPage={users.setPage}
        onAction={(action, u) => {
          if (action === 'toggle') void users.toggle(u);
          else setDialog({ kind: action, user: u });
        }}
      />
      {dialog?.kind === 'create' && (
        <CreateUserDialog
          roles={roles}
          offices={offices}
          onClose={() => setDialog(null)}
          onCreated={(u) => {
            users.showUser(u);
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
