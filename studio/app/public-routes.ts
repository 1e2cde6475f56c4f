/** Screens anyone may open without an account (issue 21): tracking and the satisfaction survey. */
import { lazy } from 'react';

export const publicRoutes = [
  { path: '/lacak', component: lazy(() => import('../features/public/TrackPage.js')) },
  { path: '/survei/:token', component: lazy(() => import('../features/public/SurveyPage.js')) },
];
