import { AppBar, Box, Button, MenuItem, Select, Toolbar, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Link as RouterLink, useLocation } from 'react-router-dom';
import { useLanguage, useT } from '../i18n/index.js';
import { audiencesOf, useAuth } from './auth.js';
import { routes } from './routes.js';

export function Layout({ children }: { children: ReactNode }) {
  const t = useT();
  const { lang, setLang } = useLanguage();
  const { user, logout } = useAuth();
  const location = useLocation();
  const aud = audiencesOf(user);
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
      <AppBar position="static" color="primary">
        <Toolbar variant="dense" component="nav" aria-label="navigasi utama">
          <Typography variant="h6" sx={{ mr: 3 }}>{t('app.title')}</Typography>
          {routes.filter((r) => r.nav && aud.has(r.audience)).map((r) => (
            <Button key={r.path} color="inherit" component={RouterLink} to={r.path} aria-current={location.pathname === r.path ? 'page' : undefined}>
              {t(r.nav!.label)}
            </Button>
          ))}
          <Box sx={{ flex: 1 }} />
          <Select
            size="small"
            value={lang}
            onChange={(e) => setLang(e.target.value === 'en' ? 'en' : 'id')}
            inputProps={{ 'aria-label': t('app.language') }}
            sx={{ color: 'inherit', mr: 2, '.MuiOutlinedInput-notchedOutline': { borderColor: 'rgba(255,255,255,.5)' } }}
          >
            <MenuItem value="id">Bahasa Indonesia</MenuItem>
            <MenuItem value="en">English</MenuItem>
          </Select>
          {user && <Typography variant="body2" sx={{ mr: 2 }} data-testid="current-user">{user.name}</Typography>}
          {user && <Button color="inherit" onClick={() => void logout()}>{t('app.logout')}</Button>}
        </Toolbar>
      </AppBar>
      <Box component="main" sx={{ flex: 1, minHeight: 0, overflow: 'auto' }}>{children}</Box>
    </Box>
  );
}
