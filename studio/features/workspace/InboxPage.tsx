/** The officer's inbox: "Tugas saya" / "Tersedia", due order, SLA colours, filters, live updates. */
import { Alert, Box, Button, MenuItem, Stack, Tab, Tabs, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth.js';
import { formatDateTime, useLanguage, useT } from '../../i18n/index.js';
import { CounterStartDialog } from './CounterStartDialog.js';
import { EscalationNotices } from '../kinerja/EscalationNotices.js';
import { FoundApplications, InboxTable } from './InboxTable.js';
import { useInbox, type InboxTab, type Post } from './useInbox.js';

export default function InboxPage() {
  const t = useT();
  const { lang } = useLanguage();
  const when = (iso: string | null) => (iso ? formatDateTime(iso, lang) : '-');
  const [starting, setStarting] = useState(false);
  const navigate = useNavigate();
  const openTask = (id: string) => {
    navigate(`/inbox/tasks/${id}`);
  };
  const { user } = useAuth();
  // The officer's posts (role × office): "Ambil tugas berikutnya" takes from one post's queue.
  // Supervisors (managers) also find applications no task of theirs waits on, closed ones included.
  const supervisor = (user?.roles ?? []).some((r) => r.role === 'manager' || r.role === 'admin');
  const posts = (user?.roles ?? []).filter((r): r is Post => r.office !== null && !['admin', 'manager', 'pemohon'].includes(r.role));
  const inbox = useInbox(supervisor, openTask);
  const { tab, filters, setFilters, page } = inbox;

  const processes = [...new Map((page?.tasks ?? []).map((x) => [x.processKey, x.processName])).entries()];
  return (
    <Box sx={{ p: { xs: 1.5, sm: 3 } }}>
      <Stack direction="row" useFlexGap sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 2, flexWrap: 'wrap', gap: 1 }}>
        <Typography variant="h5" component="h1">{t('ws.inbox.title')}</Typography>
        <Button variant="contained" onClick={() => setStarting(true)}>{t('ws.inbox.counterStart')}</Button>
      </Stack>
      <EscalationNotices />
      <Tabs value={tab} onChange={(_, v: InboxTab) => inbox.setTab(v)} variant="scrollable" allowScrollButtonsMobile sx={{ mb: 2 }}>
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
            <Button key={`${p.role}@${p.office}`} variant="outlined" onClick={() => void inbox.takeNext(p)} data-take-next={`${p.role}@${p.office}`}>
              {posts.length === 1 ? t('ws.inbox.takeNext') : t('ws.inbox.takeNextPost', { role: p.role, office: p.office })}
            </Button>
          ))}
        </Stack>
      )}
      {inbox.nothingToTake && tab === 'available' && <Alert severity="info" onClose={() => inbox.setNothingToTake(false)} sx={{ mb: 2 }}>{t('ws.inbox.nothingToTake')}</Alert>}
      {inbox.error && <Alert severity="error">{inbox.error}</Alert>}
      <InboxTable page={page} tab={tab} when={when} onOpen={openTask} />
      <FoundApplications found={inbox.found} when={when} />
      <CounterStartDialog open={starting} onClose={() => setStarting(false)} onStarted={(taskId) => (taskId ? openTask(taskId) : void inbox.load())} />
    </Box>
  );
}
