/** The applicant's home: notifications and my applications (updates live). */
import { Alert, Box, Button, Chip, List, ListItemButton, ListItemText, Stack, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { subscribeEvents, ws, type ApplicationSummary, type Notification } from '../workspace/api.js';

export const STATUS_LABEL: Record<string, string> = { running: 'diproses', completed: 'selesai', cancelled: 'dibatalkan', failed: 'gagal' };

export default function ApplicationsPage() {
  const [apps, setApps] = useState<ApplicationSummary[]>([]);
  const [notes, setNotes] = useState<Notification[]>([]);
  const navigate = useNavigate();
  const load = useCallback(() => {
    ws.applications().then(setApps, () => undefined);
    ws.notifications().then(setNotes, () => undefined);
  }, []);
  useEffect(load, [load]);
  useEffect(() => subscribeEvents(load), [load]);
  return (
    <Box>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 2 }}>
        <Typography variant="h5" component="h1">Permohonan saya</Typography>
        <Button variant="contained" component={RouterLink} to="/portal/services">Ajukan layanan</Button>
      </Stack>
      {notes.map((n) => (
        <Alert key={n.id} severity="info" sx={{ mb: 1 }} action={n.link ? <Button onClick={() => navigate(n.link!)}>Buka</Button> : undefined}>{n.message}</Alert>
      ))}
      {notes.length > 0 && <Button size="small" onClick={() => void ws.markRead().then(load)}>Tandai sudah dibaca</Button>}
      <List>
        {apps.map((a) => (
          <ListItemButton key={a.id} component={RouterLink} to={`/portal/applications/${a.id}`}>
            <ListItemText primary={a.processName} secondary={`${a.businessKey ?? a.id.slice(0, 8)} · ${new Date(a.createdAt).toLocaleDateString('id-ID')}`} />
            {a.waitingOnMe && <Chip color="warning" label="perlu tindakan Anda" sx={{ mr: 1 }} />}
            <Chip label={STATUS_LABEL[a.status] ?? a.status} />
          </ListItemButton>
        ))}
        {apps.length === 0 && <Typography>Belum ada permohonan.</Typography>}
      </List>
    </Box>
  );
}
