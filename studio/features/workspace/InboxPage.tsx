/** The officer's inbox: "Tugas saya" / "Tersedia", due order, SLA colours, filters, live updates. */
import { Alert, Box, Button, Chip, MenuItem, Paper, Stack, Tab, Table, TableBody, TableCell, TableHead, TableRow, Tabs, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { ws, subscribeEvents, type InboxPage as Page, type SlaState } from './api.js';
import { CounterStartDialog } from './CounterStartDialog.js';

export const SLA_LABEL: Record<SlaState, { label: string; color: 'default' | 'success' | 'warning' | 'error' }> = {
  none: { label: 'tanpa tenggat', color: 'default' },
  'on-time': { label: 'tepat waktu', color: 'success' },
  warning: { label: '< 20% waktu tersisa', color: 'warning' },
  late: { label: 'terlambat', color: 'error' },
};

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('id-ID', { timeZone: 'Asia/Jakarta', dateStyle: 'short', timeStyle: 'short' }) : '-');

export default function InboxPage() {
  const [tab, setTab] = useState<'mine' | 'available'>('mine');
  const [filters, setFilters] = useState({ q: '', process: '', applicant: '' });
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const navigate = useNavigate();

  const load = useCallback(async () => {
    try {
      setPage(await ws.inbox({ tab, q: filters.q || undefined, process: filters.process || undefined, applicant: filters.applicant || undefined }));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [tab, filters]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => subscribeEvents(() => void load()), [load]);

  const processes = [...new Map((page?.tasks ?? []).map((t) => [t.processKey, t.processName])).entries()];
  return (
    <Box>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 2 }}>
        <Typography variant="h5" component="h1">Kotak tugas</Typography>
        <Button variant="contained" onClick={() => setStarting(true)}>Permohonan baru di loket</Button>
      </Stack>
      <Tabs value={tab} onChange={(_, v: 'mine' | 'available') => setTab(v)} sx={{ mb: 2 }}>
        <Tab value="mine" label={`Tugas saya (${page?.counts.mine ?? '…'})`} />
        <Tab value="available" label={`Tersedia (${page?.counts.available ?? '…'})`} />
      </Tabs>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ mb: 2 }}>
        <TextField size="small" label="Cari nomor (nopol, NOP, nomor permohonan)" value={filters.q} onChange={(e) => setFilters({ ...filters, q: e.target.value })} sx={{ minWidth: 280 }} />
        <TextField size="small" label="Pemohon" value={filters.applicant} onChange={(e) => setFilters({ ...filters, applicant: e.target.value })} />
        <TextField size="small" select label="Layanan" value={filters.process} onChange={(e) => setFilters({ ...filters, process: e.target.value })} sx={{ minWidth: 200 }}>
          <MenuItem value="">Semua</MenuItem>
          {processes.map(([k, n]) => (
            <MenuItem key={k} value={k}>{n}</MenuItem>
          ))}
        </TextField>
      </Stack>
      {error && <Alert severity="error">{error}</Alert>}
      <Paper variant="outlined">
        <Table size="small" aria-label="daftar tugas">
          <TableHead>
            <TableRow>
              <TableCell>Tenggat</TableCell>
              <TableCell>Langkah</TableCell>
              <TableCell>Layanan</TableCell>
              <TableCell>Nomor</TableCell>
              <TableCell>Pemohon</TableCell>
              <TableCell>Status</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(page?.tasks ?? []).map((t) => (
              <TableRow key={t.id} hover sx={{ cursor: 'pointer' }} onClick={() => navigate(`/inbox/tasks/${t.id}`)} data-task-id={t.id}>
                <TableCell>{when(t.dueAt)}</TableCell>
                <TableCell>
                  <RouterLink to={`/inbox/tasks/${t.id}`}>{t.elementName}</RouterLink>
                </TableCell>
                <TableCell>{t.processName}</TableCell>
                <TableCell>{t.businessKey ?? '-'}</TableCell>
                <TableCell>{t.applicantName ?? '-'}</TableCell>
                <TableCell>
                  <Chip size="small" color={SLA_LABEL[t.sla].color} label={SLA_LABEL[t.sla].label} />
                  {t.claimedByName && tab === 'available' && <Chip size="small" sx={{ ml: 1 }} label={`diambil ${t.claimedByName}`} />}
                </TableCell>
              </TableRow>
            ))}
            {page && page.tasks.length === 0 && (
              <TableRow>
                <TableCell colSpan={6}>{tab === 'mine' ? 'Belum ada tugas yang Anda ambil.' : 'Tidak ada tugas tersedia.'}</TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </Paper>
      <CounterStartDialog open={starting} onClose={() => setStarting(false)} onStarted={(taskId) => (taskId ? navigate(`/inbox/tasks/${taskId}`) : void load())} />
    </Box>
  );
}
