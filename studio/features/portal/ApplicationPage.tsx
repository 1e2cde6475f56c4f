/** Follow one application: current step in plain words, what is expected of me, re-upload and resubmit, timeline, result. */
import { Alert, Box, Button, Chip, List, ListItem, ListItemText, Paper, Stack, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { printUrl, subscribeEvents, ws, type ApplicationStatus } from '../workspace/api.js';
import { FeeNotaView } from '../workspace/FeeNotaView.js';
import { STATUS_LABEL } from './ApplicationsPage.js';

export default function ApplicationPage() {
  const { id = '' } = useParams();
  const [app, setApp] = useState<ApplicationStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    ws.application(id).then(setApp, (e: Error) => setError(e.message));
  }, [id]);
  useEffect(load, [load]);
  useEffect(() => subscribeEvents(load), [load]);
  if (!app) return <Box>{error ?? 'Memuat…'}</Box>;

  const reupload = async (code: string, file: File | undefined) => {
    if (!file) return;
    try {
      await ws.upload(file, code, id);
      setError(null);
      load();
    } catch (e) {
      setError(`${file.name}: ${(e as Error).message}`);
    }
  };
  const resubmit = async (taskId: string) => {
    try {
      await ws.complete(taskId, {});
      load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Box sx={{ maxWidth: 760 }}>
      <Typography variant="h5" component="h1">{app.processName}</Typography>
      <Stack direction="row" spacing={1} sx={{ my: 1 }}>
        <Chip label={STATUS_LABEL[app.status] ?? app.status} color={app.status === 'completed' ? 'success' : 'default'} />
        {app.businessKey && <Chip variant="outlined" label={app.businessKey} />}
      </Stack>
      {error && <Alert severity="error" sx={{ mb: 2 }}>{error}</Alert>}
      {app.currentSteps.length > 0 && <Typography sx={{ mb: 1 }} data-testid="current-step">Sedang diproses: {app.currentSteps.join(', ')}</Typography>}
      {app.expected.map((x) => (
        <Alert key={x} severity="warning" sx={{ mb: 1 }} data-testid="expected">{x}</Alert>
      ))}
      {app.myTasks.length > 0 && (
        <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
          <Typography variant="h6">Dokumen</Typography>
          {app.checklist.map((d) => (
            <Stack key={d.code} direction="row" spacing={2} sx={{ alignItems: 'center', my: 1 }}>
              <Chip size="small" color={d.present ? 'success' : 'error'} label={d.present ? 'ada' : 'belum ada'} />
              <Typography sx={{ flex: 1 }}>{d.label}</Typography>
              <input type="file" accept="application/pdf,image/jpeg,image/png" aria-label={`unggah ${d.label}`} data-upload={d.code} onChange={(e) => void reupload(d.code, e.target.files?.[0])} />
            </Stack>
          ))}
          {app.myTasks.map((t) => (
            <Button key={t.id} variant="contained" sx={{ mt: 1 }} onClick={() => void resubmit(t.id)}>Kirim ulang: {t.name}</Button>
          ))}
        </Paper>
      )}
      {app.fees.map((n) => (
        <Paper key={n.variable} variant="outlined" sx={{ p: 2, mb: 2 }}>
          <Typography variant="h6">Biaya</Typography>
          <FeeNotaView nota={n} />
        </Paper>
      ))}
      {app.result && (
        <Alert severity="success" sx={{ mb: 2 }} action={<Button href={printUrl(app.id, 'izin')} target="_blank" data-testid="download-result">Unduh</Button>}>
          Dokumen hasil terbit: {app.result.number}
        </Alert>
      )}
      <Typography variant="h6">Linimasa</Typography>
      <List dense aria-label="linimasa">
        {app.timeline.map((e, i) => (
          <ListItem key={i}>
            <ListItemText primary={`${e.step}${e.event === 'completed' ? '' : ` (${e.event})`}`} secondary={`${new Date(e.at).toLocaleString('id-ID', { timeZone: 'Asia/Jakarta' })}${e.note ? ` · ${e.note}` : ''}`} />
          </ListItem>
        ))}
      </List>
    </Box>
  );
}
