/**
 * Templat notifikasi: an admin edits the subject and text of each catalogue event
 * (core/notification-events.ts) in Bahasa Indonesia and English; `{{field}}` takes the event's
 * values. The server refuses unknown fields (TEMPLATE_INVALID) and nothing is stored then.
 */
import { Alert, Box, Button, Chip, List, ListItemButton, ListItemText, Paper, Stack, Tab, Tabs, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { notificationsApi, type EventTemplates, type Language } from '../../api/notifications.js';
import { useT, type MessageKey } from '../../i18n/index.js';
import { ServiceSettingsPanel } from './ServiceSettingsPanel.js';

export default function NotificationTemplatesPage() {
  const t = useT();
  const [events, setEvents] = useState<EventTemplates[]>([]);
  const [selected, setSelected] = useState<string>('');
  const [language, setLanguage] = useState<Language>('id');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    notificationsApi.templates().then((list) => {
      setEvents(list);
      setSelected((s) => s || list[0]?.event || '');
    }, (e: unknown) => setError((e as Error).message));
  }, []);
  const current = events.find((e) => e.event === selected);
  useEffect(() => {
    if (!current) return;
    setSubject(current.templates[language].subject);
    setBody(current.templates[language].body);
  }, [current, language]);

  const run = async (work: () => Promise<EventTemplates[]>, done: MessageKey) => {
    setBusy(true);
    try {
      setEvents(await work());
      setError(null);
      setNotice(t(done));
    } catch (e) {
      const errors = e instanceof ApiError && Array.isArray(e.details?.errors) ? (e.details.errors as Array<{ message: string }>).map((x) => x.message).join('; ') : '';
      setError(`${(e as Error).message}${errors ? `: ${errors}` : ''}`);
      setNotice(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box sx={{ p: { xs: 1.5, sm: 3 }, maxWidth: 1100, mx: 'auto' }}>
      <Typography variant="h5" component="h1" sx={{ mb: 1 }}>{t('notifications.title')}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{t('notifications.help')}</Typography>
      {error && <Alert severity="error" role="alert" sx={{ mb: 2 }} onClose={() => setError(null)}>{error}</Alert>}
      {notice && <Alert severity="success" sx={{ mb: 2 }} onClose={() => setNotice(null)}>{notice}</Alert>}
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <Paper variant="outlined" sx={{ minWidth: 260 }}>
          <List dense aria-label={t('notifications.events')}>
            {events.map((e) => (
              <ListItemButton key={e.event} selected={e.event === selected} onClick={() => setSelected(e.event)}>
                <ListItemText
                  primary={t(`notifications.event.${e.event}` as MessageKey)}
                  secondary={`${t(`notifications.audience.${e.audience}` as MessageKey)}${e.templates.id.custom || e.templates.en.custom ? ` · ${t('notifications.custom')}` : ''}`}
                />
              </ListItemButton>
            ))}
          </List>
        </Paper>
        {current && (
          <Paper variant="outlined" sx={{ p: 2, flex: 1 }}>
            <Tabs value={language} onChange={(_e, v: Language) => setLanguage(v)} aria-label={t('app.language')} sx={{ mb: 1 }}>
              <Tab value="id" label="Bahasa Indonesia" />
              <Tab value="en" label="English" />
            </Tabs>
            <Typography variant="body2" sx={{ mb: 1 }}>{t('notifications.fields')}</Typography>
            <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5, mb: 2 }}>
              {current.fields.map((f) => <Chip key={f} size="small" label={`{{${f}}}`} onClick={() => setBody((b) => `${b}{{${f}}}`)} />)}
            </Stack>
            <TextField label={t('notifications.subject')} value={subject} onChange={(e) => setSubject(e.target.value)} fullWidth margin="dense" slotProps={{ htmlInput: { maxLength: 200 } }} />
            <TextField label={t('notifications.body')} value={body} onChange={(e) => setBody(e.target.value)} fullWidth margin="dense" multiline minRows={4} slotProps={{ htmlInput: { maxLength: 2000 } }} />
            <Stack direction="row" spacing={1} sx={{ mt: 2 }}>
              <Button variant="contained" disabled={busy} onClick={() => void run(() => notificationsApi.saveTemplate(current.event, language, { subject, body }), 'notifications.saved')}>{t('common.save')}</Button>
              <Button disabled={busy || !current.templates[language].custom} onClick={() => void run(() => notificationsApi.resetTemplate(current.event, language), 'notifications.resetDone')}>{t('notifications.reset')}</Button>
            </Stack>
          </Paper>
        )}
      </Stack>
      <ServiceSettingsPanel />
    </Box>
  );
}
