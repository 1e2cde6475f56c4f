/**
 * Before a draft is created from an SOP table: each performer and the role of the catalogue its
 * lane will carry. A suggestion is marked as such; a performer the catalogue lacks gets a new
 * role (its name editable) unless the administrator picks an existing one.
 */
import { Alert, Button, Chip, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, MenuItem, Table, TableBody, TableCell, TableHead, TableRow, TextField } from '@mui/material';
import { useState } from 'react';
import type { Role } from '../../api/client.js';
import { useT } from '../../i18n/index.js';
import type { RoleChoice } from './role-mapping.js';
import { slug } from './sop-table.js';

const NEW = '__new__';

export interface RoleMappingDialogProps {
  choices: RoleChoice[];
  catalogue: Role[];
  busy: boolean;
  error?: string;
  onCancel(): void;
  /** the confirmed mapping, with the names of the roles to create */
  onConfirm(choices: RoleChoice[], newNames: Record<string, string>): void;
}

export function RoleMappingDialog({ choices: initial, catalogue, busy, error, onCancel, onConfirm }: RoleMappingDialogProps) {
  const t = useT();
  const [choices, setChoices] = useState(initial);
  const [names, setNames] = useState<Record<string, string>>(() => Object.fromEntries(initial.map((c) => [c.performer, c.performer])));
  const pickable = catalogue.filter((r) => r.kind === 'officer' || r.kind === 'applicant');

  function pick(performer: string, value: string) {
    setChoices((cs) => cs.map((c) => {
      if (c.performer !== performer) return c;
      return value === NEW ? { performer, role: slug(names[performer] ?? performer), create: true, suggested: false } : { performer, role: value, create: false, suggested: false };
    }));
  }
  function rename(performer: string, name: string) {
    setNames((n) => ({ ...n, [performer]: name }));
    setChoices((cs) => cs.map((c) => (c.performer === performer && c.create ? { ...c, role: slug(name) } : c)));
  }
  const incomplete = choices.some((c) => c.create && !(names[c.performer] ?? '').trim());

  return (
    <Dialog open onClose={onCancel} maxWidth="md" fullWidth aria-labelledby="role-mapping-title" data-testid="role-mapping">
      <DialogTitle id="role-mapping-title">{t('import.mapping.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 1 }}>{t('import.mapping.help')}</DialogContentText>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{t('import.mapping.performer')}</TableCell>
              <TableCell>{t('import.mapping.role')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {choices.map((c) => (
              <TableRow key={c.performer} data-testid={`mapping-${slug(c.performer)}`}>
                <TableCell>{c.performer}</TableCell>
                <TableCell>
                  <TextField
                    select
                    size="small"
                    fullWidth
                    label={t('import.mapping.roleOf', { performer: c.performer })}
                    value={c.create ? NEW : c.role}
                    onChange={(e) => pick(c.performer, e.target.value)}
                  >
                    {pickable.map((r) => <MenuItem key={r.key} value={r.key}>{`${r.name} (${r.key})`}</MenuItem>)}
                    <MenuItem value={NEW}>{t('import.mapping.newRole')}</MenuItem>
                  </TextField>
                  {c.create && (
                    <TextField
                      size="small"
                      fullWidth
                      sx={{ mt: 1 }}
                      label={t('import.mapping.newName')}
                      helperText={t('import.mapping.newKey', { key: c.role })}
                      value={names[c.performer] ?? ''}
                      onChange={(e) => rename(c.performer, e.target.value)}
                    />
                  )}
                </TableCell>
                <TableCell>
                  {c.create
                    ? <Chip size="small" color="warning" label={t('import.mapping.new')} />
                    : c.suggested ? <Chip size="small" label={t('import.mapping.suggested')} /> : <Chip size="small" color="success" label={t('import.mapping.chosen')} />}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {error && <Alert severity="error" sx={{ mt: 2 }} data-testid="mapping-error">{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button variant="contained" disabled={busy || incomplete} onClick={() => onConfirm(choices, names)} data-testid="mapping-confirm">{t('import.create')}</Button>
      </DialogActions>
    </Dialog>
  );
}
