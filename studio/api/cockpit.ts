/** The managers' cockpit API (issue 18): office calendars, analytics. Same error handling as client.ts. */
import type {
  AnalyticsFilter,
  CalendarBody,
  Delegation,
  Heatmap,
  HeatTask,
  Holiday,
  NewDelegation,
  OfficeCalendar,
  Overview,
  StepDetail,
  Workload,
} from '../../contracts/cockpit.js';
import type { Task } from '../../contracts/runtime.js';
import type { MarkReadAnswer } from '../../contracts/workspace.js';
import { json } from './client.js';

export type { Holiday, OfficeCalendar };

const enc = encodeURIComponent;

export const cockpitApi = {
  calendar: (office: string) => json<OfficeCalendar>('GET', `/api/admin/offices/${enc(office)}/calendar`),
  saveCalendar: (office: string, cal: CalendarBody) => json<OfficeCalendar>('PUT', `/api/admin/offices/${enc(office)}/calendar`, cal),
};

export type { AnalyticsFilter, HeatTask, Heatmap, Overview, StepDetail, Workload };

/** The query string of an analytics request (also the export links). */
export function analyticsQuery(f: AnalyticsFilter, format?: 'csv' | 'xlsx'): string {
  const p = new URLSearchParams({ process: f.process });
  if (f.office) p.set('office', f.office);
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.publication) p.set('publication', String(f.publication));
  if (format) p.set('format', format);
  return p.toString();
}

export const analyticsApi = {
  overview: (f: AnalyticsFilter) => json<Overview>('GET', `/api/analytics/overview?${analyticsQuery(f)}`),
  heatmap: (f: AnalyticsFilter) => json<Heatmap>('GET', `/api/analytics/heatmap?${analyticsQuery(f)}`),
  workload: (f: AnalyticsFilter) => json<Workload>('GET', `/api/analytics/workload?${analyticsQuery(f)}`),
  step: (f: AnalyticsFilter, elementId: string) => json<StepDetail>('GET', `/api/analytics/steps/${encodeURIComponent(elementId)}?${analyticsQuery(f)}`),
};

/** A supervisor's actions on an open task (POST /api/tasks/:id/reassign|take); the answer is the task. */
export const supervisionApi = {
  take: (taskId: string) => json<Task>('POST', `/api/tasks/${enc(taskId)}/take`, {}),
  reassign: (taskId: string, username: string) => json<Task>('POST', `/api/tasks/${enc(taskId)}/reassign`, { username }),
};

export type { Delegation };

export const delegationsApi = {
  list: () => json<Delegation[]>('GET', '/api/delegations'),
  create: (d: NewDelegation) => json<Delegation>('POST', '/api/delegations', d),
  end: (id: number) => json<void>('DELETE', `/api/delegations/${id}`),
};

/** Marks some of my notifications read (the escalation notices; the inbox's own button marks all). */
export const markNotificationsRead = (ids: number[]) => json<MarkReadAnswer>('POST', '/api/notifications/read', { ids });
