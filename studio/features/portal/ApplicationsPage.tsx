/** The applicant's home: notifications and my applications (updates live). */
import { Alert, Box, Button, Chip, List, ListItemButton, ListItemText, Stack, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { useLatestOnly } from '../../app/latest-only.js';
import { formatDateTime, useLanguage, useT, type MessageKey } from '../../i18n/index.js';
import { reference } from '../../app/reference.js';
import { subscribeEvents, ws, type ApplicationSummary, type Notification } from '../workspace/api.js';

/** An instance status in the user's language (unknown statuses as they are); a running one that waits on the applicant is "menunggu Anda". */
export function statusKey(status: string, waitingOnMe = false): MessageKey | undefined {
  if (status === 'running' && waitingOnMe) return 'portal.status.waitingOnYou';
  return ['running', 'completed', 'cancelled', 'failed'].includes(status) ? (`portal.status.${status}` as MessageKey) : undefined;
}

export default function ApplicationsPage() {
  const t = useT();
  const { lang } = useLanguage();
  const [apps, setApps] = useState<ApplicationSummary[]>([]);
  const [notes, setNotes] = useState<Notification[]>([]);
  const navigate = useNavigate();
  const latest = useLatestOnly();
  const load = useCallback(() => {
    const newest = latest.take();
    ws.applications().then((a) => newest() && setApps(a), () => undefined);
    ws.notifications().then((n) => newest() && setNotes(n), () => undefined);
  }, [latest]);
  useEffect(load, [load]);
  useEffect(() => subscribeEvents(load), [load]);
  return (
    <Box sx={{ p: { xs: 1.5, sm: 3 } }}>
      <Stack direction="row" useFlexGap sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 2, flexWrap: 'wrap', gap: 1 }}>
        <Typography variant="h5" component="h1">{t('portal.apps.title')}</Typography>
        <Stack direction="row" spacing={1}>
          <Button component={RouterLink} to="/lacak">{t('track.link')}</Button>
          <Button variant="contained" component={RouterLink} to="/portal/services">{t('portal.apps.apply')}</Button>
        </Stack>
      </Stack>
      {notes.map((n) => (
        <Alert key={n.id} severity="info" sx={{ mb: 1 }} action={n.link ? <Button onClick={() => navigate(n.link!)}>{t('common.open')}</Button> : undefined}>{n.message}</Alert>
      ))}
      {notes.length > 0 && <Button size="small" onClick={() => void ws.markRead().then(load)}>{t('portal.apps.markRead')}</Button>}
      <List>
        {apps.map((a) => {
          const s = statusKey(a.status, a.waitingOnMe);
          return (
            <ListItemButton key={a.id} component={RouterLink} to={`/portal/applications/${a.id}`}>
              <ListItemText primary={a.processName} secondary={`${reference(t, a.registrationNumber, a.businessKey)} · ${formatDateTime(a.createdAt, lang)}`} />
              <Chip label={s ? t(s) : a.status} color={a.waitingOnMe && a.status === 'running' ? 'warning' : 'default'} data-testid="application-list-status" />
            </ListItemButton>
          );
        })}
        {apps.length === 0 && <Typography>{t('portal.apps.empty')}</Typography>}
      </List>
    </Box>
  );
}
