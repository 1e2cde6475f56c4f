/** The applicant's account settings: which channels notifications use besides the in-app list, and their language. */
import { Alert, Box, Button, Checkbox, FormControlLabel, MenuItem, Paper, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { notificationsApi, type ChannelSettings, type Language } from '../../api/notifications.js';
import { useT } from '../../i18n/index.js';

export default function AccountSettingsPage() {
  const t = useT();
  const [settings, setSettings] = useState<ChannelSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    notificationsApi.mySettings().then(setSettings, (e: unknown) => setError((e as Error).message));
  }, []);
  const save = async () => {
    if (!settings) return;
    try {
      setSettings(await notificationsApi.saveMySettings({ email: settings.email.enabled, whatsapp: settings.whatsapp.enabled, language: settings.language }));
      setSaved(true);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const toggle = (channel: 'email' | 'whatsapp', enabled: boolean) => settings && setSettings({ ...settings, [channel]: { ...settings[channel], enabled } });

  return (
    <Box sx={{ p: { xs: 1.5, sm: 3 }, maxWidth: 640, mx: 'auto' }}>
      <Typography variant="h5" component="h1" sx={{ mb: 1 }}>{t('account.title')}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{t('account.help')}</Typography>
      {error && <Alert severity="error" role="alert" sx={{ mb: 2 }}>{error}</Alert>}
      {saved && <Alert severity="success" sx={{ mb: 2 }} onClose={() => setSaved(false)}>{t('account.saved')}</Alert>}
      {settings && (
        <Paper variant="outlined" sx={{ p: 2 }}>
          <FormControlLabel
            control={<Checkbox checked={settings.email.enabled} disabled={!settings.email.address} onChange={(e) => toggle('email', e.target.checked)} />}
            label={`${t('account.email')}: ${settings.email.address ?? t('account.noAddress')}`}
          />
          <FormControlLabel
            control={<Checkbox checked={settings.whatsapp.enabled} disabled={!settings.whatsapp.address} onChange={(e) => toggle('whatsapp', e.target.checked)} />}
            label={`${t('account.whatsapp')}: ${settings.whatsapp.address ?? t('account.noAddress')}`}
          />
          <TextField select size="small" label={t('account.language')} value={settings.language} onChange={(e) => setSettings({ ...settings, language: e.target.value as Language })} sx={{ display: 'flex', mt: 2, maxWidth: 240 }}>
            <MenuItem value="id">Bahasa Indonesia</MenuItem>
            <MenuItem value="en">English</MenuItem>
          </TextField>
          <Button variant="contained" sx={{ mt: 2 }} onClick={() => void save()}>{t('common.save')}</Button>
        </Paper>
      )}
    </Box>
  );
}
