/**
 * Delegasi: an officer going on leave hands their post (role × office) to a colleague of the same
 * role for a date range (Asia/Jakarta, both days included); a supervisor or admin may set it for
 * an officer of an office they manage. While it runs the post's tasks appear in the colleague's
 * inbox and completions are recorded "atas nama" the officer (server/services/workspace/delegations.ts).
 * "Akhiri" ends it at once. The server decides who may do what; this screen shows its answers.
 */
import { Alert, Autocomplete, Box, Button, Chip, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, type Office } from '../../api/client.js';
import { delegationsApi, type Delegation } from '../../api/cockpit.js';
import { useAuth } from '../../app/auth.js';
import { isApplicantRole } from '../../../core/access.js';
import { useT } from '../../i18n/index.js';
import { jakartaDate } from '../../../core/calendar-date.js';

const today = () => jakartaDate(new Date());
const ADMIN_ROLES = new Set(['admin', 'manager']);

type State = 'running' | 'scheduled' | 'ended';
const stateOf = (d: Delegation, day: string): State => (d.endsOn < day ? 'ended' : d.startsOn > day ? 'scheduled' : 'running');

export default function DelegationsPage() {
  const t = useT();
  const { user } = useAuth();
  const [list, setList] = useState<Delegation[]>([]);
  const [offices, setOffices] = useState<Office[]>([]);
  const [colleagues, setColleagues] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The officer's own posts (never one delegated to them); supervisors and admins name any post they manage.
  const ownPosts = useMemo(
    () => (user?.roles ?? []).filter((r) => r.office !== null && !ADMIN_ROLES.has(r.role) && !isApplicantRole(r.role) && !(r as { delegatedFrom?: unknown }).delegatedFrom),
    [user],
  );
  const supervises = (user?.roles ?? []).some((r) => ADMIN_ROLES.has(r.role));
  const [form, setForm] = useState({ from: '', post: ownPosts[0] ? `${ownPosts[0].role}@${ownPosts[0].office}` : '', role: '', office: '', to: '', startsOn: today(), endsOn: today(), reason: '' });
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const [role, office] = form.post ? form.post.split('@') : [form.role, form.office];

  const reload = useCallback(() => delegationsApi.list().then(setList, (e: unknown) => setError((e as Error).message)), []);
  useEffect(() => {
    void reload();
    api.offices().then(setOffices, () => undefined);
  }, [reload]);
  useEffect(() => {
    // Colleagues of the post, when the user may read the user list (supervisors); others type the name.
    if (!supervises || !role || !office) return setColleagues([]);
    api.users.list({ role, office, pageSize: 200 }).then(
      (page) => setColleagues(page.items.filter((u) => !u.disabled && u.username !== user?.username && u.roles.some((r) => r.role === role)).map((u) => u.username)),
      () => setColleagues([]),
    );
  }, [supervises, role, office, user]);

  const submit = async () => {
    setBusy(true);
    try {
      const made = await delegationsApi.create({
        role,
        office,
        ...(form.from.trim() ? { from: form.from.trim() } : {}),
        to: form.to.trim(),
        startsOn: form.startsOn,
        endsOn: form.endsOn,
        ...(form.reason.trim() ? { reason: form.reason.trim() } : {}),
      });
      setNotice(t('delegation.created', { to: made.to, from: made.startsOn, until: made.endsOn }));
      setError(null);
      set({ to: '', reason: '' });
      await reload();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const end = async (d: Delegation) => {
    try {
      await delegationsApi.end(d.id);
      setNotice(t('delegation.ended', { to: d.to }));
      await reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const day = today();

  return (
    <Box sx={{ p: { xs: 1.5, sm: 3 }, maxWidth: 1100, mx: 'auto' }}>
      <Typography variant="h5" component="h1" sx={{ mb: 1 }}>{t('delegation.title')}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{t('delegation.help')}</Typography>
      {error && <Alert severity="error" sx={{ mb: 2 }} onClose={() => setError(null)}>{error}</Alert>}
      {notice && <Alert severity="success" sx={{ mb: 2 }} onClose={() => setNotice(null)}>{notice}</Alert>}
      <Paper variant="outlined" sx={{ p: 2, mb: 3 }} component="form" aria-label={t('delegation.new')} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <Typography variant="subtitle1" component="h2" sx={{ mb: 1.5 }}>{t('delegation.new')}</Typography>
        <Stack spacing={1.5}>
          {supervises && (
            <TextField size="small" label={t('delegation.from')} helperText={t('delegation.fromHelp')} value={form.from} onChange={(e) => set({ from: e.target.value })} />
          )}
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5}>
            {ownPosts.length > 0 && !form.from.trim() ? (
              <TextField size="small" select label={t('delegation.post')} value={form.post} onChange={(e) => set({ post: e.target.value })} sx={{ minWidth: 260 }}>
                {ownPosts.map((p) => <MenuItem key={`${p.role}@${p.office}`} value={`${p.role}@${p.office}`}>{`${p.role} · ${p.office}`}</MenuItem>)}
              </TextField>
            ) : (
              <>
                <TextField size="small" label={t('delegation.role')} value={form.role} onChange={(e) => set({ role: e.target.value, post: '' })} />
                <TextField size="small" select label={t('delegation.office')} value={form.office} onChange={(e) => set({ office: e.target.value, post: '' })} sx={{ minWidth: 220 }}>
                  {offices.map((o) => <MenuItem key={o.key} value={o.key}>{o.name}</MenuItem>)}
                </TextField>
              </>
            )}
            <Autocomplete
              freeSolo
              options={colleagues}
              inputValue={form.to}
              onInputChange={(_, v) => set({ to: v })}
              sx={{ minWidth: 240, flex: 1 }}
              renderInput={(params) => <TextField {...params} size="small" label={t('delegation.to')} />}
            />
          </Stack>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5}>
            <TextField size="small" type="date" label={t('delegation.startsOn')} value={form.startsOn} onChange={(e) => set({ startsOn: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} />
            <TextField size="small" type="date" label={t('delegation.endsOn')} value={form.endsOn} onChange={(e) => set({ endsOn: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} />
            <TextField size="small" label={t('delegation.reason')} value={form.reason} onChange={(e) => set({ reason: e.target.value })} sx={{ flex: 1 }} />
          </Stack>
          <Box>
            <Button type="submit" variant="contained" disabled={busy || !role || !office || form.to.trim() === ''}>{t('delegation.submit')}</Button>
          </Box>
        </Stack>
      </Paper>
      <Typography variant="subtitle1" component="h2" sx={{ mb: 1 }}>{t('delegation.list')}</Typography>
      {list.length === 0 ? (
        <Alert severity="info">{t('delegation.none')}</Alert>
      ) : (
        <Paper variant="outlined" sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label={t('delegation.list')}>
            <TableHead>
              <TableRow>
                {[t('delegation.post'), t('delegation.fromShort'), t('delegation.toShort'), t('delegation.period'), t('delegation.reason'), t('delegation.state'), ''].map((h, i) => <TableCell key={i}>{h}</TableCell>)}
              </TableRow>
            </TableHead>
            <TableBody>
              {list.map((d) => {
                const state = stateOf(d, day);
                return (
                  <TableRow key={d.id} data-delegation={d.id}>
                    <TableCell>{`${d.role} · ${d.office}`}</TableCell>
                    <TableCell>{d.from}</TableCell>
                    <TableCell>{d.to}</TableCell>
                    <TableCell>{`${d.startsOn} – ${d.endsOn}`}</TableCell>
                    <TableCell>{d.reason ?? '–'}</TableCell>
                    <TableCell><Chip size="small" label={t(`delegation.state.${state}`)} color={state === 'running' ? 'primary' : 'default'} /></TableCell>
                    <TableCell>{state !== 'ended' && <Button size="small" color="warning" onClick={() => void end(d)}>{t('delegation.end')}</Button>}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </Paper>
      )}
    </Box>
  );
}
