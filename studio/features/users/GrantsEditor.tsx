/** Roles as role × office pairs, picked from the server's roles and offices lists. */
import { Box, Button, Chip, MenuItem, Stack, TextField } from '@mui/material';
import CancelIcon from '@mui/icons-material/Cancel';
import { useState } from 'react';
import type { Office, Role, RoleGrant } from '../../api/client.js';
import { useT } from '../../i18n/index.js';

/** Officer roles work in one office; admin, manager and pemohon are not bound to one. */
function needsOffice(roles: Role[], role: string): boolean {
  return roles.find((r) => r.key === role)?.kind === 'officer';
}

/**
 * The offices where a role exists: those of the agencies that have the post (roles.agencies);
 * every office when the catalogue names no agency for it.
 */
function officesForRole(roles: Role[], offices: Office[], role: string): Office[] {
  const agencies = roles.find((r) => r.key === role)?.agencies ?? [];
  return agencies.length ? offices.filter((o) => agencies.includes(o.agency)) : offices;
}

/** A grant as people read it: the role's and the office's names (their keys until the lists load). */
export function grantLabel(g: RoleGrant, roles: Role[] = [], offices: Office[] = []): string {
  const role = roles.find((r) => r.key === g.role)?.name ?? g.role;
  if (!g.office) return role;
  return `${role} · ${offices.find((o) => o.key === g.office)?.name ?? g.office}`;
}

export function GrantsEditor({ roles, offices, value, onChange }: { roles: Role[]; offices: Office[]; value: RoleGrant[]; onChange(next: RoleGrant[]): void }) {
  const t = useT();
  const [role, setRole] = useState('');
  const [office, setOffice] = useState('');
  const officeNeeded = needsOffice(roles, role);
  const officeChoices = officesForRole(roles, offices, role);
  const add = () => {
    const grant: RoleGrant = { role, office: officeNeeded ? office : null };
    if (!value.some((g) => g.role === grant.role && g.office === grant.office)) onChange([...value, grant]);
    setRole('');
    setOffice('');
  };
  return (
    <Box>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mb: 1.5 }} data-testid="grants">
        {value.map((g) => (
          <Chip
            key={`${g.role}|${g.office ?? ''}`}
            label={grantLabel(g, roles, offices)}
            onDelete={() => onChange(value.filter((x) => x !== g))}
            deleteIcon={<CancelIcon aria-label={t('users.removeGrant', { grant: grantLabel(g, roles, offices) })} aria-hidden={false} />}
          />
        ))}
      </Box>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
        <TextField select size="small" label={t('users.grantRole')} value={role} onChange={(e) => {
          setRole(e.target.value);
          // an office chosen for another role may not have this one
          if (!officesForRole(roles, offices, e.target.value).some((o) => o.key === office)) setOffice('');
        }} sx={{ minWidth: 200 }}>
          {roles.map((r) => (
            <MenuItem key={r.key} value={r.key}>{`${r.name} (${r.key})`}</MenuItem>
          ))}
        </TextField>
        <TextField select size="small" label={t('users.grantOffice')} value={officeNeeded ? office : ''} onChange={(e) => setOffice(e.target.value)} disabled={!officeNeeded} sx={{ minWidth: 240 }}>
          {officeChoices.map((o) => (
            <MenuItem key={o.key} value={o.key}>{`${o.name} (${o.key})`}</MenuItem>
          ))}
        </TextField>
        <Button variant="outlined" onClick={add} disabled={!role || (officeNeeded && !office)}>{t('users.addGrant')}</Button>
      </Stack>
    </Box>
  );
}
