/**
 * ISO 8601 durations (the SOP's "Waktu": PT5M, PT1H, P1D, P1W, P1Y2M…): the one grammar the
 * runtime, the studio's lint and properties panel, the documents and the SOP-table import read.
 * Years, months and days are calendar steps, hours and below are exact (working time reads the
 * same value in an office's calendar: core/working-time.ts).
 */
export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const PATTERN = /^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

export function parseDuration(text: string): Duration | undefined {
  const m = PATTERN.exec(text.trim());
  if (!m || text.trim() === 'P' || text.trim().endsWith('T')) return undefined;
  const n = (i: number) => (m[i] ? Number(m[i].replace(',', '.')) : 0);
  return { years: n(1), months: n(2), weeks: n(3), days: n(4), hours: n(5), minutes: n(6), seconds: n(7) };
}

export function addDuration(from: Date, d: Duration): Date {
  const t = new Date(from.getTime());
  if (d.years || d.months) t.setUTCMonth(t.getUTCMonth() + d.years * 12 + d.months);
  if (d.weeks || d.days) t.setUTCDate(t.getUTCDate() + d.weeks * 7 + d.days);
  return new Date(t.getTime() + ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000);
}

/** The nominal length in milliseconds (months as 30 days): for SLA comparisons only. */
export function durationMs(d: Duration): number {
  const days = d.years * 365 + d.months * 30 + d.weeks * 7 + d.days;
  return Math.round((((days * 24 + d.hours) * 60 + d.minutes) * 60 + d.seconds) * 1000);
}
