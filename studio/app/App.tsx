import { Box, CircularProgress, CssBaseline, ThemeProvider } from '@mui/material';
import { Suspense, useEffect, useMemo, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, Outlet, RouterProvider } from 'react-router-dom';
import { I18nProvider, useT } from '../i18n/index.js';
import { LoginPage } from '../features/login/LoginPage.js';
import { audiencesOf, AuthProvider, homePath, useAuth } from './auth.js';
import { Layout } from './Layout.js';
import { NotFound } from './NotFound.js';
import { publicRoutes } from './public-routes.js';
import { routes, titleKeyOf, type AppRoute } from './routes.js';
import { localizedTheme } from './theme.js';

function Loading() {
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', p: 6 }}>
      <CircularProgress aria-label="memuat" />
    </Box>
  );
}

function Root() {
  const { user } = useAuth();
  if (user === undefined) return <Loading />;
  if (user === null) return <LoginPage />;
  return (
    <Layout>
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </Layout>
  );
}

/** The tab's title follows the screen and the language. */
function useDocumentTitle(title: string): void {
  const t = useT();
  useEffect(() => {
    document.title = title === t('app.title') ? title : `${title} · ${t('app.title')}`;
  }, [title, t]);
}

/** Opens a screen only for its audience; others go to their own home screen. */
function Guard({ route }: { route: AppRoute }) {
  const { user } = useAuth();
  const t = useT();
  useDocumentTitle(t(titleKeyOf(route)));
  if (!audiencesOf(user).has(route.audience)) return <Navigate to={homePath(user, routes)} replace />;
  return <route.component />;
}

/** An address no screen has: say so, rather than jumping home without a word. */
function Fallback() {
  const t = useT();
  useDocumentTitle(t('notFound.title'));
  return <NotFound />;
}

function Router() {
  // A data router, so screens can block navigation while they hold unsaved changes.
  const router = useMemo(
    () =>
      createBrowserRouter([
        {
          element: <Root />,
          children: [...routes.map((r) => ({ path: r.path, element: <Guard route={r} /> })), { path: '*', element: <Fallback /> }],
        },
        // Pages anyone may open without an account (issue 21): outside the log-in.
        ...publicRoutes.map((r) => ({ path: r.path, element: <Suspense fallback={<Loading />}><r.component /></Suspense> })),
      ]),
    [],
  );
  return <RouterProvider router={router} />;
}

/** MUI's theme in the chosen language (its built-in words from our catalogue). */
function Themed({ children }: { children: ReactNode }) {
  const t = useT();
  const theme = useMemo(() => localizedTheme(t), [t]);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      {children}
    </ThemeProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Themed>
        <AuthProvider>
          <Router />
        </AuthProvider>
      </Themed>
    </I18nProvider>
  );
}
