/** Per service: days to pay after the nota, the permit's validity and the reminder before it expires. */
import { Alert, Button, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { api, ApiError, type DocumentSummary } from '../../api/client.js';
import { notificationsApi } from '../../api/notifications.js';
import { useT } from '../../i18n/index.js';

type Form = { paymentDueDays: string; validMonths: string; remindDaysBefore: string };
const num = (v: string): number | null => (v.trim() === '' ? null : Number(v));

export function ServiceSettingsPanel() {
  const t = useT();
  const [processes, setProcesses] = useState<DocumentSummary[]>([]);
  const [key, setKey] = useState('');
  const [form, setForm] = useState<Form | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    api.list('processes').then((list) => {
      const published = list.filter((p) => p.latestVersion !== null);
      setProcesses(published);
      setKey((k) => k || published[0]?.key || '');
    }, (e: unknown) => setMessage({ ok: false, text: (e as Error).message }));
  }, []);
  useEffect(() => {
    if (!key) return;
    notificationsApi.serviceSettings(key).then(
      (s) => setForm({ paymentDueDays: String(s.paymentDueDays), validMonths: s.validMonths === null ? '' : String(s.validMonths), remindDaysBefore: s.remindDaysBefore === null ? '' : String(s.remindDaysBefore) }),
      (e: unknown) => setMessage({ ok: false, text: (e as Error).message }),
    );
  }, [key]);

  const save = async () => {
    if (!form) return;
    try {
      await notificationsApi.saveServiceSettings(key, { paymentDueDays: num(form.paymentDueDays), validMonths: num(form.validMonths), remindDaysBefore: num(form.remindDaysBefore) });
      setMessage({ ok: true, text: t('serviceSettings.saved') });
    } catch (e) {
      setMessage({ ok: false, text: e instanceof ApiError ? e.message : String(e) });
    }
  };
  const field = (name: keyof Form, label: string) => (
    <TextField size="small" type="number" label={label} value={form?.[name] ?? ''} onChange={(e) => form && setForm({ ...form, [name]: e.target.value })} slotProps={{ htmlInput: { min: 1 } }} />
  );

  return (
    <Paper variant="outlined" sx={{ p: 2, mt: 3 }}>
      <Typography variant="h6" component="h2">{t('serviceSettings.title')}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{t('serviceSettings.help')}</Typography>
      {message && <Alert severity={message.ok ? 'success' : 'error'} sx={{ mb: 2 }} onClose={() => setMessage(null)}>{message.text}</Alert>}
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: 'center' }}>
        <TextField size="small" select label={t('serviceSettings.service')} value={key} onChange={(e) => setKey(e.target.value)} sx={{ minWidth: { xs: 0, sm: 280 }, maxWidth: '100%' }}>
          {processes.map((p) => <MenuItem key={p.key} value={p.key}>{p.name}</MenuItem>)}
        </TextField>
        {field('paymentDueDays', t('serviceSettings.paymentDueDays'))}
        {field('validMonths', t('serviceSettings.validMonths'))}
        {field('remindDaysBefore', t('serviceSettings.remindDaysBefore'))}
        <Button variant="contained" disabled={!form} onClick={() => void save()}>{t('common.save')}</Button>
      </Stack>
    </Paper>
  );
}
