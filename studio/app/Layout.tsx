/**
 * The shell: the app bar with the screens the user may open, the language and log-out. On a
 * phone (below the `md` breakpoint) the screens, language and log-out move into a menu behind
 * one button, so the bar never pushes the page wider than the screen. A user with many screens
 * (an admin has eight) gets the menu below the `lg` breakpoint too: beside the language and the
 * name their labels wrapped onto two lines and squeezed the user's name to "ad…". On the bar the
 * language picker shows its short code (the options keep the full names).
 */
import { AppBar, Box, Button, Divider, Drawer, IconButton, List, ListItemButton, ListItemText, MenuItem, Select, Toolbar, Typography, useMediaQuery } from '@mui/material';
import MenuIcon from '@mui/icons-material/Menu';
import { useState, type ReactNode } from 'react';
import { Link as RouterLink, useLocation } from 'react-router-dom';
import { useLanguage, useT } from '../i18n/index.js';
import { audiencesOf, useAuth } from './auth.js';
import { routes } from './routes.js';
import { theme } from './theme.js';

/** How many screens fit the bar at a desk (from `md`); more move into the menu below `lg`. */
const MAX_BAR_SCREENS = 4;

export function Layout({ children }: { children: ReactNode }) {
  const t = useT();
  const { lang, setLang } = useLanguage();
  const { user, logout } = useAuth();
  const location = useLocation();
  const aud = audiencesOf(user);
  const nav = routes.filter((r) => r.nav && aud.has(r.audience));
  const phone = useMediaQuery(theme.breakpoints.down(nav.length > MAX_BAR_SCREENS ? 'lg' : 'md'));
  const [menuOpen, setMenuOpen] = useState(false);
  const languagePicker = (
    <Select
      size="small"
      value={lang}
      onChange={(e) => setLang(e.target.value === 'en' ? 'en' : 'id')}
      inputProps={{ 'aria-label': t('app.language') }}
      renderValue={phone ? undefined : (v) => v.toUpperCase()}
      sx={phone ? { m: 2 } : { color: 'inherit', mr: 2, flexShrink: 0, '.MuiOutlinedInput-notchedOutline': { borderColor: 'rgba(255,255,255,.5)' } }}
    >
      <MenuItem value="id">Bahasa Indonesia</MenuItem>
      <MenuItem value="en">English</MenuItem>
    </Select>
  );
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
      <AppBar position="static" color="primary">
        <Toolbar variant="dense" component="nav" aria-label={t('app.mainNav')}>
          {phone && (
            <IconButton color="inherit" edge="start" sx={{ mr: 1 }} aria-label={t('app.menu')} aria-expanded={menuOpen} onClick={() => setMenuOpen(true)} data-testid="menu-button">
              <MenuIcon />
            </IconButton>
          )}
          <Typography variant="h6" sx={{ mr: 3, whiteSpace: 'nowrap', flexShrink: 0 }}>{t('app.title')}</Typography>
          {!phone && (
            // a longer name or language than measured scrolls the screens, never hides the name or log-out
            <Box sx={{ display: 'flex', minWidth: 0, overflowX: 'auto', scrollbarWidth: 'none' }}>
              {nav.map((r) => (
                <Button key={r.path} color="inherit" component={RouterLink} to={r.path} aria-current={location.pathname === r.path ? 'page' : undefined} sx={{ whiteSpace: 'nowrap', flexShrink: 0, textTransform: 'none', fontSize: '0.95rem' }}>
                  {t(r.nav!.label)}
                </Button>
              ))}
            </Box>
          )}
          <Box sx={{ flex: 1 }} />
          {!phone && languagePicker}
          {user && (
            <Typography variant="body2" sx={{ mr: phone ? 0 : 2, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0, flexShrink: phone ? 1 : 0, maxWidth: '16rem' }} data-testid="current-user">
              {user.name}
            </Typography>
          )}
          {user && !phone && <Button color="inherit" onClick={() => void logout()} sx={{ flexShrink: 0, whiteSpace: 'nowrap' }}>{t('app.logout')}</Button>}
        </Toolbar>
      </AppBar>
      {phone && (
        <Drawer anchor="left" open={menuOpen} onClose={() => setMenuOpen(false)}>
          <Box sx={{ width: 280 }} role="presentation" data-testid="menu">
            <List component="nav" aria-label={t('app.menu')}>
              {nav.map((r) => (
                <ListItemButton key={r.path} component={RouterLink} to={r.path} selected={location.pathname === r.path} aria-current={location.pathname === r.path ? 'page' : undefined} onClick={() => setMenuOpen(false)}>
                  <ListItemText primary={t(r.nav!.label)} />
                </ListItemButton>
              ))}
            </List>
            <Divider />
            {languagePicker}
            <Divider />
            {user && (
              <List>
                <ListItemButton onClick={() => { setMenuOpen(false); void logout(); }}>
                  <ListItemText primary={t('app.logout')} />
                </ListItemButton>
              </List>
            )}
          </Box>
        </Drawer>
      )}
      <Box component="main" sx={{ flex: 1, minHeight: 0, overflow: 'auto' }}>{children}</Box>
    </Box>
  );
}
