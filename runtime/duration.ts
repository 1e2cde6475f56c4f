/** BPMN timer definitions (timeDuration, timeDate, timeCycle) over the ISO durations of core/duration.ts. */
import { durationMs, parseDuration, type Duration } from '../core/duration.js';

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
