/**
 * ISO 8601 durations (the SOP's "Waktu": PT5M, PT1H, P1D, P1W, P1Y2M…) and timer
 * definitions. Years, months and days are calendar steps, hours and below are exact.
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

export type TimerSpec =
  | { type: 'duration'; duration: Duration; text: string }
  | { type: 'date'; at: Date; text: string }
  | { type: 'cycle'; repetitions: number | undefined; duration: Duration; text: string; start?: Date };

/** A timer definition's text → when it fires; undefined when it is not one we understand. */
export function parseTimer(type: 'timeDuration' | 'timeDate' | 'timeCycle', text: string): TimerSpec | undefined {
  const value = text.trim();
  if (type === 'timeDuration') {
    const duration = parseDuration(value);
    return duration ? { type: 'duration', duration, text: value } : undefined;
  }
  if (type === 'timeDate') {
    const at = parseDateTime(value);
    return at ? { type: 'date', at, text: value } : undefined;
  }
  // R[n]/<duration> or R[n]/<start>/<duration> (ISO 8601 repeating interval)
  const m = /^R(\d*)\/(?:([^/]+)\/)?(P[^/]+)$/.exec(value);
  if (!m) return undefined;
  const duration = parseDuration(m[3]);
  if (!duration || durationMs(duration) <= 0) return undefined;
  const start = m[2] === undefined ? undefined : parseDateTime(m[2]);
  if (m[2] !== undefined && !start) return undefined;
  return { type: 'cycle', repetitions: m[1] ? Number(m[1]) : undefined, duration, text: value, ...(start ? { start } : {}) };
}

function parseDateTime(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) return undefined;
  // A date without a zone is read in Asia/Jakarta (UTC+7), where every office is.
  const iso = /T/.test(value) ? (/(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}+07:00`) : `${value}T00:00:00+07:00`;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? undefined : at;
}
