/**
 * The app's screens: ONE list. Adding a screen is one entry here (lazy-loaded, so the
 * modeler and the rule editor stay out of the initial bundle). `audience` decides who sees it
 * in the nav and who may open it.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Audience } from './auth.js';
import type { MessageKey } from '../i18n/index.js';

export interface AppRoute {
  path: string;
  audience: Audience;
  component: LazyExoticComponent<ComponentType>;
  /** shown in the nav when set */
  nav?: { label: MessageKey };
  /** the page title (and the nav label's, when there is no title) */
  title?: MessageKey;
}

/** The browser tab's title for a screen: its own title, else its nav label. */
export function titleKeyOf(route: AppRoute): MessageKey {
  return route.title ?? route.nav?.label ?? 'app.title';
}

export const routes: AppRoute[] = [
  { path: '/', audience: 'studio', component: lazy(() => import('../features/library/LibraryPage.js')), nav: { label: 'nav.library' } },
  // creating drafts: a manager of one office reads the studio but saves nothing (403), so no Impor
  { path: '/import', audience: 'editor', component: lazy(() => import('../features/import/ImportPage.js')), nav: { label: 'nav.import' } },
  { path: '/processes/:key', audience: 'studio', component: lazy(() => import('../features/process-editor/ProcessEditorPage.js')), title: 'title.processEditor' },
  { path: '/processes/:key/versions', audience: 'studio', component: lazy(() => import('../features/versions/VersionsPage.js')), title: 'title.versions' },
  { path: '/rulesets/:key', audience: 'studio', component: lazy(() => import('../features/rule-editor/RuleEditorPage.js')), title: 'title.ruleEditor' },
  { path: '/rulesets/:key/versions', audience: 'studio', component: lazy(() => import('../features/versions/VersionsPage.js')), title: 'title.versions' },
  { path: '/processes/:key/changelog', audience: 'studio', component: lazy(() => import('../features/versions/ChangelogPage.js')), title: 'title.changelog' },
  { path: '/rulesets/:key/changelog', audience: 'studio', component: lazy(() => import('../features/versions/ChangelogPage.js')), title: 'title.changelog' },
  { path: '/processes/:key', audience: 'studio', component: lazy(() => import('../features/process-editor/ProcessEditorPage.js')) },
  { path: '/processes/:key/versions', audience: 'studio', component: lazy(() => import('../features/versions/VersionsPage.js')) },
  { path: '/rulesets/:key', audience: 'studio', component: lazy(() => import('../features/rule-editor/RuleEditorPage.js')) },
  { path: '/rulesets/:key/versions', audience: 'studio', component: lazy(() => import('../features/versions/VersionsPage.js')) },
  { path: '/offices', audience: 'admin', component: lazy(() => import('../features/offices/OfficesPage.js')), nav: { label: 'nav.offices' } },
  // admins edit; managers read their offices' staff (the screen leaves the actions out)
  { path: '/users', audience: 'studio', component: lazy(() => import('../features/users/UsersPage.js')), nav: { label: 'nav.users' } },
  { path: '/kinerja', audience: 'studio', component: lazy(() => import('../features/kinerja/KinerjaPage.js')), nav: { label: 'nav.kinerja' } },
  { path: '/calendars', audience: 'admin', component: lazy(() => import('../features/calendar/CalendarPage.js')), nav: { label: 'nav.calendars' } },
  { path: '/inbox', audience: 'officer', component: lazy(() => import('../features/workspace/InboxPage.js')), nav: { label: 'nav.inbox' } },
  { path: '/inbox/tasks/:id', audience: 'officer', component: lazy(() => import('../features/workspace/TaskPage.js')), title: 'title.task' },
  { path: '/portal', audience: 'pemohon', component: lazy(() => import('../features/portal/ApplicationsPage.js')), nav: { label: 'nav.portal' } },
  { path: '/portal/services', audience: 'pemohon', component: lazy(() => import('../features/portal/ServicesPage.js')), title: 'title.services' },
  { path: '/portal/apply/:key', audience: 'pemohon', component: lazy(() => import('../features/portal/ApplyPage.js')), title: 'title.apply' },
  { path: '/portal/applications/:id', audience: 'pemohon', component: lazy(() => import('../features/portal/ApplicationPage.js')), title: 'title.application' },
  { path: '/delegasi', audience: 'staff', component: lazy(() => import('../features/delegations/DelegationsPage.js')), nav: { label: 'nav.delegations' } },
  { path: '/portal/account', audience: 'pemohon', component: lazy(() => import('../features/portal/AccountSettingsPage.js')), nav: { label: 'nav.account' } },
  { path: '/notifications', audience: 'admin', component: lazy(() => import('../features/notifications/NotificationTemplatesPage.js')), nav: { label: 'nav.notifications' } },
];
