/** The officer's inbox: "Tugas saya" / "Tersedia", due order, SLA colours, filters, live updates. */
import { Alert, Box, Button, Chip, MenuItem, Paper, Stack, Tab, Table, TableBody, TableCell, TableHead, TableRow, Tabs, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth.js';
import { useLatestOnly } from '../../app/latest-only.js';
import { formatDateTime, useLanguage, useT } from '../../i18n/index.js';
import { reference } from '../../app/reference.js';
import { ws, subscribeEvents, type ApplicationFound, type InboxPage as Page, type SlaState } from './api.js';
import { CounterStartDialog } from './CounterStartDialog.js';
import { EscalationNotices } from '../kinerja/EscalationNotices.js';

const SLA_COLOR: Record<SlaState, 'default' | 'success' | 'warning' | 'error'> = { none: 'default', 'on-time': 'success', warning: 'warning', late: 'error' };

export default function InboxPage() {
  const t = useT();
  const { lang } = useLanguage();
  const when = (iso: string | null) => (iso ? formatDateTime(iso, lang) : '-');
  const [tab, setTab] = useState<'mine' | 'available'>('mine');
  const [filters, setFilters] = useState({ q: '', process: '', applicant: '' });
  const [page, setPage] = useState<Page | null>(null);
  const [found, setFound] = useState<ApplicationFound[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [nothingToTake, setNothingToTake] = useState(false);
  const navigate = useNavigate();
  const { user } = useAuth();
  // The officer's posts (role × office): "Ambil tugas berikutnya" takes from one post's queue.
  // Supervisors (managers) also find applications no task of theirs waits on, closed ones included.
  const supervisor = (user?.roles ?? []).some((r) => r.role === 'manager' || r.role === 'admin');
  const posts = (user?.roles ?? []).filter((r): r is { role: string; office: string } => r.office !== null && !['admin', 'manager', 'pemohon'].includes(r.role));
  const takeNext = async (post: { role: string; office: string }) => {
    try {
      const { task } = await ws.takeNext({ ...post, ...(filters.process ? { processKey: filters.process } : {}) });
      setNothingToTake(task === null);
      if (task) navigate(`/inbox/tasks/${task.id}`);
      else void load();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const latest = useLatestOnly();
  const load = useCallback(async () => {
    const newest = latest.take();
    try {
      const next = await ws.inbox({ tab, q: filters.q || undefined, process: filters.process || undefined, applicant: filters.applicant || undefined });
      if (!newest()) return;
      setPage(next);
      setError(null);
    } catch (e) {
      if (newest()) setError((e as Error).message);
    }
  }, [tab, filters, latest]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => subscribeEvents(() => void load()), [load]);
  useEffect(() => {
    if (!supervisor || !filters.q.trim()) {
      setFound([]);
      return;
    }
    let alive = true;
    ws.findApplications(filters.q.trim()).then((r) => alive && setFound(r.items), () => alive && setFound([]));
    return () => {
      alive = false;
    };
  }, [supervisor, filters.q]);

  const processes = [...new Map((page?.tasks ?? []).map((x) => [x.processKey, x.processName])).entries()];
  return (
    <Box sx={{ p: { xs: 1.5, sm: 3 } }}>
      <Stack direction="row" useFlexGap sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 2, flexWrap: 'wrap', gap: 1 }}>
        <Typography variant="h5" component="h1">{t('ws.inbox.title')}</Typography>
        <Button variant="contained" onClick={() => setStarting(true)}>{t('ws.inbox.counterStart')}</Button>
      </Stack>
      <EscalationNotices />
      <Tabs value={tab} onChange={(_, v: 'mine' | 'available') => setTab(v)} variant="scrollable" allowScrollButtonsMobile sx={{ mb: 2 }}>
        <Tab value="mine" label={t('ws.inbox.tabMine', { n: page?.counts.mine ?? '…' })} />
        <Tab value="available" label={t('ws.inbox.tabAvailable', { n: page?.counts.available ?? '…' })} />
      </Tabs>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ mb: 2 }}>
        <TextField size="small" label={t('ws.inbox.search')} value={filters.q} onChange={(e) => setFilters({ ...filters, q: e.target.value })} sx={{ minWidth: { sm: 280 } }} />
        <TextField size="small" label={t('ws.inbox.applicant')} value={filters.applicant} onChange={(e) => setFilters({ ...filters, applicant: e.target.value })} />
        <TextField size="small" select label={t('ws.inbox.process')} value={filters.process} onChange={(e) => setFilters({ ...filters, process: e.target.value })} sx={{ minWidth: 200 }}>
          <MenuItem value="">{t('ws.inbox.all')}</MenuItem>
          {processes.map(([k, n]) => (
            <MenuItem key={k} value={k}>{n}</MenuItem>
          ))}
        </TextField>
      </Stack>
      {tab === 'available' && posts.length > 0 && (
        <Stack direction="row" spacing={1} sx={{ mb: 2, flexWrap: 'wrap' }}>
          {posts.map((p) => (
            <Button key={`${p.role}@${p.office}`} variant="outlined" onClick={() => void takeNext(p)} data-take-next={`${p.role}@${p.office}`}>
              {posts.length === 1 ? t('ws.inbox.takeNext') : t('ws.inbox.takeNextPost', { role: p.role, office: p.office })}
            </Button>
          ))}
        </Stack>
      )}
      {nothingToTake && tab === 'available' && <Alert severity="info" onClose={() => setNothingToTake(false)} sx={{ mb: 2 }}>{t('ws.inbox.nothingToTake')}</Alert>}
      {error && <Alert severity="error">{error}</Alert>}
      {/* a phone scrolls the table, not the page */}
      <Paper variant="outlined" sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label={t('ws.inbox.table')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('ws.inbox.due')}</TableCell>
              <TableCell>{t('ws.inbox.step')}</TableCell>
              <TableCell>{t('ws.inbox.process')}</TableCell>
              <TableCell>{t('ws.inbox.number')}</TableCell>
              <TableCell>{t('ws.inbox.applicant')}</TableCell>
              <TableCell>{t('ws.inbox.status')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(page?.tasks ?? []).map((task) => (
              <TableRow key={task.id} hover sx={{ cursor: 'pointer' }} onClick={() => navigate(`/inbox/tasks/${task.id}`)} data-task-id={task.id}>
                <TableCell>{when(task.dueAt)}</TableCell>
                <TableCell>
                  <RouterLink to={`/inbox/tasks/${task.id}`}>{task.elementName}</RouterLink>
                </TableCell>
                <TableCell>{task.processName}</TableCell>
                <TableCell data-registration-number={task.registrationNumber ?? undefined}>{task.registrationNumber ?? task.businessKey ?? '-'}{task.registrationNumber && task.businessKey && task.businessKey !== task.registrationNumber ? ` · ${task.businessKey}` : ''}</TableCell>
                <TableCell>{task.applicantName ?? '-'}</TableCell>
                <TableCell>
                  <Chip size="small" color={SLA_COLOR[task.sla]} label={t(`ws.sla.${task.sla}`)} />
                  {task.claimedByName && tab === 'available' && <Chip size="small" sx={{ ml: 1 }} label={t('ws.inbox.claimedBy', { name: task.claimedByName })} />}
                </TableCell>
              </TableRow>
            ))}
            {page && page.tasks.length === 0 && (
              <TableRow>
                <TableCell colSpan={6}>{tab === 'mine' ? t('ws.inbox.emptyMine') : t('ws.inbox.emptyAvailable')}</TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </Paper>
      {found.length > 0 && (
        <Paper variant="outlined" sx={{ mt: 2 }}>
          <Typography variant="h6" sx={{ p: 1.5 }}>{t('ws.inbox.foundApplications')}</Typography>
          <Table size="small" aria-label={t('ws.inbox.foundApplications')} data-testid="found-applications">
            <TableHead>
              <TableRow>
                <TableCell>{t('ws.inbox.number')}</TableCell>
                <TableCell>{t('ws.inbox.process')}</TableCell>
                <TableCell>{t('ws.inbox.started')}</TableCell>
                <TableCell>{t('ws.inbox.status')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {found.map((a) => (
                <TableRow key={a.id} data-instance-id={a.id}>
                  <TableCell>{reference(t, a.businessKey, a.registrationNumber)}</TableCell>
                  <TableCell>{a.processName}</TableCell>
                  <TableCell>{when(a.createdAt)}</TableCell>
                  <TableCell><Chip size="small" label={t(`ws.inbox.instanceStatus.${a.status === 'completed' || a.status === 'cancelled' || a.status === 'failed' ? a.status : 'running'}`)} /></TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}
      <CounterStartDialog open={starting} onClose={() => setStarting(false)} onStarted={(taskId) => (taskId ? navigate(`/inbox/tasks/${taskId}`) : void load())} />
    </Box>
  );
}
