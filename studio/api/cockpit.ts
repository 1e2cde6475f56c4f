/** The managers' cockpit API (issue 18): office calendars, analytics. Same error handling as client.ts. */
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
