import { Box, CircularProgress, CssBaseline, ThemeProvider } from '@mui/material';
import { Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { I18nProvider } from '../i18n/index.js';
import { LoginPage } from '../features/login/LoginPage.js';
import { audiencesOf, AuthProvider, homePath, useAuth } from './auth.js';
import { Layout } from './Layout.js';
import { routes } from './routes.js';
import { theme } from './theme.js';

function Loading() {
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', p: 6 }}>
      <CircularProgress aria-label="memuat" />
    </Box>
  );
}

function Screens() {
  const { user } = useAuth();
  if (user === undefined) return <Loading />;
  if (user === null) return <LoginPage />;
  const aud = audiencesOf(user);
  const home = homePath(user, routes);
  return (
    <Layout>
      <Suspense fallback={<Loading />}>
        <Routes>
          {routes.filter((r) => aud.has(r.audience)).map((r) => (
            <Route key={r.path} path={r.path} element={<r.component />} />
          ))}
          <Route path="*" element={<Navigate to={home} replace />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}

export function App() {
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <I18nProvider>
        <AuthProvider>
          <BrowserRouter>
            <Screens />
          </BrowserRouter>
        </AuthProvider>
      </I18nProvider>
    </ThemeProvider>
  );
}
