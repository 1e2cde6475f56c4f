/** Pengguna's list: username, name and contacts, grants, status; an admin's actions per row; pages. */
import { Box, Button, Chip, Paper, Table, TableBody, TableCell, TableHead, TablePagination, TableRow, Typography } from '@mui/material';
import type { AdminUser, Office, Role, UserPage } from '../../api/client.js';
import { useT } from '../../i18n/index.js';
import { grantLabel } from './GrantsEditor.js';

export type UserAction = 'roles' | 'password' | 'identity' | 'toggle';

export function UsersTable(props: { data: UserPage | null; page: number; roles: Role[]; offices: Office[]; readOnly: boolean; me: string | undefined; onPage(page: number): void; onAction(action: UserAction, user: AdminUser): void }) {
  const t = useT();
  const { data, readOnly, onAction } = props;
  return (
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
                    <Chip key={`${g.role}|${g.office ?? ''}`} size="small" label={grantLabel(g, props.roles, props.offices)} />
                  ))}
                </Box>
              </TableCell>
              <TableCell>
                <Chip size="small" color={u.disabled ? 'default' : 'success'} variant={u.disabled ? 'filled' : 'outlined'} label={u.disabled ? t('users.disabledMarker') : t('users.active')} />
              </TableCell>
              {!readOnly && <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                <Button size="small" onClick={() => onAction('roles', u)}>{t('users.editRoles')}</Button>
                <Button size="small" onClick={() => onAction('password', u)}>{t('users.setPassword')}</Button>
                <Button size="small" onClick={() => onAction('identity', u)} data-testid={`identity-${u.username}`}>{t('users.identity')}</Button>
                {/* the server refuses it too; an admin who locks themselves out needs another admin */}
                {u.username !== props.me && (
                  <Button size="small" color={u.disabled ? 'primary' : 'warning'} onClick={() => onAction('toggle', u)}>
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
          page={data.total === 0 ? 0 : props.page - 1}
          rowsPerPage={data.pageSize}
          rowsPerPageOptions={[data.pageSize]}
          onPageChange={(_, p) => props.onPage(p + 1)}
          labelDisplayedRows={({ from, to, count }) => t('users.pageOf', { from, to, count })}
        />
      )}
    </Paper>
  );
}
