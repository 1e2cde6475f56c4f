/** The managers' cockpit API (issue 18): office calendars, analytics. Same error handling as client.ts. */
import type { MarkReadAnswer } from '../../contracts/workspace.js';
import { json } from './client.js';

export interface DayHours { open: string; close: string }
export type HolidayKind = 'libur-nasional' | 'cuti-bersama' | 'libur-lokal';
export interface Holiday { date: string; name: string; kind: HolidayKind; assumption: boolean }
export interface OfficeCalendar {
  office: string;
  /** index 0 = Sunday … 6 = Saturday */
  week: Array<DayHours | null>;
  holidays: Holiday[];
  custom: boolean;
  updatedBy: string | null;
  updatedAt: string | null;
  tasksUpdated?: number;
}

const enc = encodeURIComponent;

export const cockpitApi = {
  calendar: (office: string) => json<OfficeCalendar>('GET', `/api/admin/offices/${enc(office)}/calendar`),
  saveCalendar: (office: string, cal: { week: OfficeCalendar['week']; holidays: Holiday[] }) =>
    json<OfficeCalendar>('PUT', `/api/admin/offices/${enc(office)}/calendar`, cal as unknown as Record<string, unknown>),
};

export interface AnalyticsFilter { process: string; office?: string; from?: string; to?: string; publication?: number }
export interface Overview {
  filter: Record<string, unknown>;
  publication: number | null;
  started: number;
  completed: number;
  open: number;
  cycleSeconds: { p50: number | null; p90: number | null };
  sopTotalSeconds: number | null;
  onTimeRate: number | null;
  backlog: Array<{ bucket: string; n: number }>;
  throughput: Array<{ week: string; completed: number }>;
  decisions: Array<{ elementId: string; name: string; total: number; flows: Array<{ flowId: string; name: string; n: number; rate: number | null }> }>;
}
export interface HeatTask { elementId: string; name: string; completed: number; open: number; lateOpen: number; breachRate: number | null; p50Seconds: number | null; p90Seconds: number | null; slaSeconds: number | null }
export interface Heatmap { publication: number | null; tasks: HeatTask[]; flows: Array<{ flowId: string; name: string; n: number }> }
export interface Workload {
  posts: Array<{ role: string; office: string; open: number; late: number }>;
  officers: Array<{ officer: string; role: string; office: string; completed: number; avgSeconds: number | null }>;
}
export interface StepDetail {
  elementId: string;
  n: number;
  p50Seconds: number | null;
  p90Seconds: number | null;
  buckets: Array<{ fromSeconds: number; toSeconds: number; n: number }>;
  slowestOpen: Array<{ taskId: string; instanceId: string; businessKey: string | null; office: string; role: string; createdAt: string; dueAt: string | null; claimedBy: string | null; claimedByUsername: string | null; reassignable: boolean }>;
}

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
  take: (taskId: string) => json<{ id: string; claimedBy: string | null }>('POST', `/api/tasks/${enc(taskId)}/take`, {}),
  reassign: (taskId: string, username: string) => json<{ id: string; claimedBy: string | null }>('POST', `/api/tasks/${enc(taskId)}/reassign`, { username }),
};

export interface Delegation { id: number; role: string; office: string; from: string; to: string; startsOn: string; endsOn: string; reason: string | null; createdBy: string; createdAt: string }
export interface NewDelegation { role: string; office: string; from?: string; to: string; startsOn: string; endsOn: string; reason?: string }

export const delegationsApi = {
  list: () => json<Delegation[]>('GET', '/api/delegations'),
  create: (d: NewDelegation) => json<Delegation>('POST', '/api/delegations', d as unknown as Record<string, unknown>),
  end: (id: number) => json<void>('DELETE', `/api/delegations/${id}`),
};

/** Marks some of my notifications read (the escalation notices; the inbox's own button marks all). */
export const markNotificationsRead = (ids: number[]) => json<MarkReadAnswer>('POST', '/api/notifications/read', { ids });
