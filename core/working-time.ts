/**
 * Working time of an office, in Asia/Jakarta (UTC+7, no daylight saving): the SOP's "Waktu"
 * (PT15M, PT2H, P1D) is service time counted in the office's opening hours, not wall-clock time.
 *
 * - `PTnM` / `PTnH` (and seconds) count only opening minutes: 2 h asked at 15:00 of an office
 *   closing at 16:00 is due at 09:00 of its next working day.
 * - `PnD` is the same working-clock time on the n-th next working day (clamped to that day's
 *   closing when it closes earlier, e.g. a Saturday ending at 12:00); its hours/minutes part is
 *   then added as working time.
 * - Work started outside opening hours counts from the next opening.
 * - Weeks, months and years are calendar steps (then the next opening): no SOP here uses them
 *   for service time and their working meaning is not settled.
 *
 * Pure: imports only core/duration.ts and core/calendar-date.ts (the Jakarta offset); the server keeps calendars in the database and hands them in.
 */
import { JAKARTA_OFFSET_MS } from './calendar-date.js';
import type { Duration } from './duration.js';

/** Opening hours of one weekday, "HH:MM" local time; null = closed all day. */
export interface DayHours {
  open: string;
  close: string;
}

/** Index 0 = Sunday … 6 = Saturday (as Date#getUTCDay), seven entries. */
export type WeekHours = ReadonlyArray<DayHours | null>;

export type HolidayKind = 'libur-nasional' | 'cuti-bersama' | 'libur-lokal';

export interface Holiday {
  /** YYYY-MM-DD, Asia/Jakarta */
  date: string;
  name: string;
  kind: HolidayKind;
  /** entered by hand from memory of the government's decree, to be checked by an admin */
  assumption: boolean;
}

export interface CalendarDefinition {
  week: WeekHours;
  holidays: ReadonlyArray<Holiday>;
}

/** The definition prepared for fast use (minutes, a set of closed dates). */
export interface WorkingCalendar {
  readonly definition: CalendarDefinition;
  /** per weekday: [openMinute, closeMinute) or null */
  readonly days: ReadonlyArray<readonly [number, number] | null>;
  readonly closed: ReadonlySet<string>;
}


const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far to look for a working day before deciding a calendar has none (a decade). */
const MAX_DAYS_SCANNED = 3_700;

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutesOf(hhmm: string): number | undefined {
  if (hhmm === '24:00') return 24 * 60;
  const m = HHMM.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** Why a definition cannot be used (empty = fine). Messages in Bahasa Indonesia for the admin. */
export function calendarProblems(def: CalendarDefinition): string[] {
  const problems: string[] = [];
  if (!Array.isArray(def.week) || def.week.length !== 7) problems.push('week harus berisi 7 hari (Minggu…Sabtu)');
  else {
    (def.week as WeekHours).forEach((d, i) => {
      if (d === null) return;
      const open = minutesOf(d.open);
      const close = minutesOf(d.close);
      if (open === undefined || close === undefined) problems.push(`hari ${i}: jam harus HH:MM`);
      else if (close <= open) problems.push(`hari ${i}: jam tutup harus setelah jam buka`);
    });
    if (def.week.every((d) => d === null)) problems.push('setidaknya satu hari kerja');
  }
  const seen = new Set<string>();
  for (const h of def.holidays) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(h.date) || Number.isNaN(Date.parse(`${h.date}T00:00:00Z`))) problems.push(`tanggal libur tidak sah: ${h.date}`);
    else if (seen.has(h.date)) problems.push(`tanggal libur ganda: ${h.date}`);
    seen.add(h.date);
    if (!h.name || !h.name.trim()) problems.push(`nama libur kosong: ${h.date}`);
  }
  return problems;
}

export function compileCalendar(def: CalendarDefinition): WorkingCalendar {
  const problems = calendarProblems(def);
  if (problems.length > 0) throw new Error(`invalid working calendar: ${problems.join('; ')}`);
  const days = def.week.map((d) => (d ? ([minutesOf(d.open)!, minutesOf(d.close)!] as const) : null));
  return { definition: def, days, closed: new Set(def.holidays.map((h) => h.date)) };
}

/** Local (Jakarta) day number since 1970-01-01 and minute-of-day, with the ms within the minute. */
function local(at: Date): { day: number; ms: number } {
  const t = at.getTime() + JAKARTA_OFFSET_MS;
  const day = Math.floor(t / DAY);
  return { day, ms: t - day * DAY };
}

function instant(day: number, msOfDay: number): Date {
  return new Date(day * DAY + msOfDay - JAKARTA_OFFSET_MS);
}

function isoDate(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** Opening of a local day in ms of the day, or null when the office is closed that day. */
function hoursOn(cal: WorkingCalendar, day: number): readonly [number, number] | null {
  // 1970-01-01 was a Thursday (4).
  const h = cal.days[(((day + 4) % 7) + 7) % 7];
  if (!h || cal.closed.has(isoDate(day))) return null;
  return [h[0] * MINUTE, h[1] * MINUTE];
}

export function isWorkingDay(cal: WorkingCalendar, at: Date): boolean {
  return hoursOn(cal, local(at).day) !== null;
}

/** `at` itself when the office is open then, else the next opening. */
export function nextOpening(cal: WorkingCalendar, at: Date): Date {
  const { day, ms } = local(at);
  for (let d = day; d < day + MAX_DAYS_SCANNED; d++) {
    const h = hoursOn(cal, d);
    if (!h) continue;
    if (d > day || ms < h[0]) return instant(d, h[0]);
    if (ms < h[1]) return at;
  }
  throw new Error('working calendar has no working day');
}

/** `from` plus `ms` of opening time. Ending exactly at a closing gives that closing. */
export function addWorkingMs(cal: WorkingCalendar, from: Date, ms: number): Date {
  let at = nextOpening(cal, from);
  let left = ms;
  for (let i = 0; i < MAX_DAYS_SCANNED; i++) {
    const { day, ms: now } = local(at);
    const h = hoursOn(cal, day)!;
    const room = h[1] - now;
    if (left <= room) return instant(day, now + left);
    left -= room;
    at = nextOpening(cal, instant(day, h[1]));
  }
  throw new Error('working calendar has no working day');
}

/** The n-th next working day after the one `at` falls on, at the same clock time (clamped to its hours). */
function workingDaysLater(cal: WorkingCalendar, at: Date, n: number): Date {
  const { day, ms } = local(at);
  let d = day;
  for (let found = 0, scanned = 0; found < n; scanned++) {
    if (scanned > MAX_DAYS_SCANNED) throw new Error('working calendar has no working day');
    d++;
    if (hoursOn(cal, d)) found++;
  }
  if (d === day) return at;
  const h = hoursOn(cal, d)!;
  return instant(d, Math.min(Math.max(ms, h[0]), h[1]));
}

/** The due time of `d` started at `from`, in the calendar's working time (see the header). */
export function addWorkingDuration(cal: WorkingCalendar, from: Date, d: Duration): Date {
  let at = from;
  if (d.years || d.months || d.weeks) {
    const t = new Date(at.getTime());
    if (d.years || d.months) t.setUTCMonth(t.getUTCMonth() + d.years * 12 + d.months);
    if (d.weeks) t.setUTCDate(t.getUTCDate() + d.weeks * 7);
    at = t;
  }
  at = nextOpening(cal, at);
  const whole = Math.floor(d.days);
  if (whole > 0) at = workingDaysLater(cal, at, whole);
  // A fractional day (P0.5D) is that share of the day's opening hours where the work began.
  const frac = d.days - whole;
  const fromHours = hoursOn(cal, local(nextOpening(cal, from)).day)!;
  const ms = frac * (fromHours[1] - fromHours[0]) + ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000;
  return ms > 0 ? addWorkingMs(cal, at, Math.round(ms)) : at;
}

/** Opening time (ms) between two instants; 0 when `to` is not after `from`. */
export function workingMsBetween(cal: WorkingCalendar, from: Date, to: Date): number {
  if (to.getTime() <= from.getTime()) return 0;
  const a = local(from);
  const b = local(to);
  let total = 0;
  for (let d = a.day; d <= b.day; d++) {
    const h = hoursOn(cal, d);
    if (!h) continue;
    const start = d === a.day ? Math.max(h[0], a.ms) : h[0];
    const end = d === b.day ? Math.min(h[1], b.ms) : h[1];
    if (end > start) total += end - start;
  }
  return total;
}
