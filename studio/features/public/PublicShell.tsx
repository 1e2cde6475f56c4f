/** The frame of the pages anyone may open without an account (/lacak, /survei/…): title, language, a way in. */
import { AppBar, Box, Button, MenuItem, TextField, Toolbar, Typography } from '@mui/material';
import { useEffect, type ReactNode } from 'react';
import { useLanguage, useT, type MessageKey } from '../../i18n/index.js';

export function PublicShell({ title, children }: { title: MessageKey; children: ReactNode }) {
  const t = useT();
  const { lang, setLang } = useLanguage();
  useEffect(() => {
    document.title = `${t(title)} · ${t('app.title')}`;
  }, [t, title]);
  return (
    <Box>
      <AppBar position="static" color="primary" elevation={0}>
        <Toolbar sx={{ gap: 1 }}>
          <Typography variant="h6" component="div" sx={{ flexGrow: 1 }}>{t('app.title')}</Typography>
          <TextField
            select
            size="small"
            value={lang}
            onChange={(e) => setLang(e.target.value === 'en' ? 'en' : 'id')}
            slotProps={{ htmlInput: { 'aria-label': t('public.language') } }}
            sx={{ bgcolor: 'background.paper', borderRadius: 1, minWidth: 130 }}
          >
            <MenuItem value="id">Bahasa Indonesia</MenuItem>
            <MenuItem value="en">English</MenuItem>
          </TextField>
          <Button color="inherit" href="/">{t('public.login')}</Button>
        </Toolbar>
      </AppBar>
      <Box component="main" sx={{ maxWidth: 720, mx: 'auto', p: { xs: 1.5, sm: 3 } }}>
        <Typography variant="h5" component="h1" sx={{ mb: 2 }}>{t(title)}</Typography>
        {children}
      </Box>
    </Box>
  );
}
