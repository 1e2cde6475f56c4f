/**
 * The supervisor's escalations (issue 18): unread 'escalation' notifications (a task of a post
 * they supervise passed its due time, or the model escalated), each with a way to the cockpit,
 * and "Tandai dibaca". Shown on Kinerja and in the inbox (a kepala seksi may hold only their post).
 */
import { Alert, AlertTitle, Box, Button, Link, Stack } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { markNotificationsRead } from '../../api/cockpit.js';
import { useT } from '../../i18n/index.js';
import { ws, type Notification } from '../workspace/api.js';

export function EscalationNotices({ onOpen }: { onOpen?: (link: string) => void }) {
  const t = useT();
  const [notes, setNotes] = useState<Notification[]>([]);
  const load = useCallback(() => ws.notifications().then((n) => setNotes(n.filter((x) => x.kind === 'escalation')), () => undefined), []);
  useEffect(() => void load(), [load]);
  if (notes.length === 0) return null;
  const read = async () => {
    await markNotificationsRead(notes.map((n) => n.id)).catch(() => undefined);
    await load();
  };
  return (
    <Alert severity="warning" sx={{ mb: 2 }} data-testid="escalations" action={<Button color="inherit" size="small" onClick={() => void read()}>{t('supervise.markRead')}</Button>}>
      <AlertTitle>{t('supervise.escalations', { n: notes.length })}</AlertTitle>
      <Stack component="ul" spacing={0.5} sx={{ m: 0, pl: 2 }}>
        {notes.map((n) => (
          <Box component="li" key={n.id} data-notification={n.id}>
            {n.message} · {new Date(n.createdAt).toLocaleString()}
            {n.link && (
              <>
                {' · '}
                {onOpen ? (
                  <Link component="button" onClick={() => onOpen(n.link!)}>{t('supervise.openCockpit')}</Link>
                ) : (
                  <Link component={RouterLink} to={n.link}>{t('supervise.openCockpit')}</Link>
                )}
              </>
            )}
          </Box>
        ))}
      </Stack>
    </Alert>
  );
}
