import { jakartaDate } from '../../../core/calendar-date.js';

/** Today's date in Asia/Jakarta (the offices' civil date), as YYYY-MM-DD. */
export function todayInJakarta(now: Date = new Date()): string {
  return jakartaDate(now);
}

export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

export function isValidDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
