import { RuleSetError, type RuleIssue } from './errors.js';
import type { Period } from './types.js';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2025-02-30 is not). */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const JAKARTA = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Asia/Jakarta (WIB) of an instant: offices and tariffs live on that calendar. */
export function jakartaDate(instant: Date = new Date()): string {
  return JAKARTA.format(instant);
}

function dayBefore(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** A period with its effective end made explicit (an open end runs until the next period starts). */
export interface PeriodSpan {
  index: number;
  from: string;
  /** inclusive; null = open-ended */
  to: string | null;
}

/**
 * Orders the periods by start and resolves implicit ends; reports periods that end before they
 * start and periods that overlap, since then two tariffs would be "in force" on the same day.
 */
export function periodSpans(periods: Period[], issues?: RuleIssue[]): PeriodSpan[] {
  const order = periods.map((p, index) => ({ p, index })).sort((a, b) => (a.p.effectiveFrom < b.p.effectiveFrom ? -1 : a.p.effectiveFrom > b.p.effectiveFrom ? 1 : a.index - b.index));
  const spans: PeriodSpan[] = [];
  for (let i = 0; i < order.length; i++) {
    const { p, index } = order[i];
    const next = order[i + 1];
    if (p.effectiveTo !== undefined && p.effectiveTo < p.effectiveFrom) {
      issues?.push({ code: 'PERIOD_INVALID', message: `period ends (${p.effectiveTo}) before it starts (${p.effectiveFrom})`, path: `/versions/${index}/effectiveTo` });
    }
    if (next) {
      if (next.p.effectiveFrom === p.effectiveFrom) {
        issues?.push({ code: 'PERIOD_OVERLAP', message: `two periods start on ${p.effectiveFrom}`, path: `/versions/${next.index}/effectiveFrom` });
      } else if (p.effectiveTo !== undefined && p.effectiveTo >= next.p.effectiveFrom) {
        issues?.push({ code: 'PERIOD_OVERLAP', message: `period ${p.effectiveFrom}–${p.effectiveTo} overlaps the period starting ${next.p.effectiveFrom}`, path: `/versions/${index}/effectiveTo` });
      }
    }
    const to = p.effectiveTo ?? (next ? dayBefore(next.p.effectiveFrom) : null);
    spans.push({ index, from: p.effectiveFrom, to });
  }
  return spans;
}

// Applications cluster on a few dates (mostly today), so a valid date string is checked once.
const checkedDates = new Set<string>();

/** The period in force on `at` (YYYY-MM-DD, Asia/Jakarta calendar date). */
export function pickSpan(spans: PeriodSpan[], at: string, key: string): PeriodSpan {
  if (!checkedDates.has(at)) {
    if (!isIsoDate(at)) throw new RuleSetError('AT_INVALID', `"${at}" is not a date (YYYY-MM-DD)`, { path: '/at' });
    if (checkedDates.size > 4096) checkedDates.clear();
    checkedDates.add(at);
  }
  for (const s of spans) {
    if (s.from <= at && (s.to === null || at <= s.to)) return s;
  }
  throw new RuleSetError('NO_PERIOD_IN_FORCE', `rule set "${key}" has no period in force on ${at}`, { at, periods: spans.map((s) => ({ effectiveFrom: s.from, effectiveTo: s.to })) });
}
