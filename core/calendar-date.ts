/**
 * Calendar dates written YYYY-MM-DD (the civil date in Asia/Jakarta, where offices and tariffs
 * live) and the month arithmetic tax law uses: a month later is the same day of the month, or
 * the month's last day when that month is shorter (31 Jan + 1 month = 28/29 Feb; 29 Feb + 1
 * year = 28 Feb). Pure functions on strings and integers; no time zones, no floats.
 */

/** Asia/Jakarta is UTC+7 all year (Indonesia has kept no daylight saving since 1964). */
export const JAKARTA_OFFSET_MS = 7 * 3_600_000;

/**
 * A Date whose UTC fields read as the civil date and time in Asia/Jakarta: plain arithmetic,
 * where a time-zone formatter costs several microseconds a call.
 */
export function jakartaCivil(at: Date): Date {
  return new Date(at.getTime() + JAKARTA_OFFSET_MS);
}

/** The civil date in Asia/Jakarta of an instant, YYYY-MM-DD. */
export function jakartaDate(at: Date): string {
  return jakartaCivil(at).toISOString().slice(0, 10);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

/** Days in a month of the proleptic Gregorian calendar (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Parses a real calendar date (2025-02-30 is not one); undefined otherwise. */
export function parseCalendarDate(s: unknown): CalendarDate | undefined {
  if (typeof s !== 'string') return undefined;
  const m = DATE_RE.exec(s);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function isCalendarDate(s: unknown): s is string {
  return parseCalendarDate(s) !== undefined;
}

function formatCalendarDate(d: CalendarDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

function mustParse(s: string): CalendarDate {
  const d = parseCalendarDate(s);
  if (!d) throw new RangeError(`"${s}" is not a date (YYYY-MM-DD)`);
  return d;
}

/**
 * `date` plus `months` calendar months (negative goes back), the day clamped to the target
 * month's last day: 2024-01-31 + 1 = 2024-02-29, 2023-01-31 + 1 = 2023-02-28.
 */
export function addMonths(date: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`months must be a whole number, got ${months}`);
  const d = mustParse(date);
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return formatCalendarDate({ year, month, day: Math.min(d.day, daysInMonth(year, month)) });
}

/** `date` plus `years` years; 29 February becomes 28 February in a year without one. */
export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

/** Compares two dates: negative, 0 or positive (YYYY-MM-DD strings order like the dates). */
function compareDates(a: string, b: string): number {
  mustParse(a);
  mustParse(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Months late of something due on `due` and settled on `at`, every part of a month counting
 * as a whole month: 0 when `at` ≤ `due`; otherwise the least n ≥ 1 such that `due` + n months
 * (clamped to the month's end) ≥ `at`. 2024-01-31 → 2024-02-29 is 1; → 2024-03-01 is 2.
 */
export function monthsLate(due: string, at: string): number {
  if (compareDates(at, due) <= 0) return 0;
  const d = mustParse(due);
  const a = mustParse(at);
  // A first guess from the calendar months between them, then at most a step or two to fix it.
  let n = Math.max(1, (a.year - d.year) * 12 + (a.month - d.month) - 1);
  while (n > 1 && addMonths(due, n - 1) >= at) n--;
  while (addMonths(due, n) < at) n++;
  return n;
}

/**
 * The due dates of the tax years owed: the year due on `due`, always, and each anniversary of
 * it that falls on or before `at` (29 February → 28 February in other years).
 */
export function dueDatesOwed(due: string, at: string): string[] {
  mustParse(at);
  const out = [formatCalendarDate(mustParse(due))];
  for (let n = 1; ; n++) {
    const next = addYears(due, n);
    if (next > at) break;
    out.push(next);
  }
  return out;
}

/** How many tax years are owed (dueDatesOwed(due, at).length) without listing them. */
export function yearsOwed(due: string, at: string): number {
  const d = mustParse(due);
  const a = mustParse(at);
  let n = Math.max(0, a.year - d.year);
  while (n > 0 && addYears(due, n) > at) n--;
  return n + 1;
}

/** `date` plus `days` calendar days (a fee's due date for payment: issue 21). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}


