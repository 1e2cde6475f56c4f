import { addDuration } from '../core/duration.js';
import type { TimerSpec } from './duration.js';

/**
 * When a process-level timer start event fires. A schedule is plain data (the next due time and
 * how many occurrences are left, null = unbounded), kept as a database row by the server, so
 * any server process can take it and a restart loses nothing.
 */
export interface StartSchedule {
  dueAt: Date;
  remaining: number | null;
}

/** Office keys are the catalogue's keys: a timer start has no variables to compute one from. */
const OFFICE_KEY = /^[a-z0-9][a-z0-9-]*$/;

/**
 * The offices named by a timer start's `sop:office`: a key or a comma-separated list (one
 * instance per office each time it fires). Undefined when absent or not a list of keys.
 */
export function timerStartOffices(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const list = text.split(',').map((s) => s.trim());
  if (list.length === 0 || list.some((o) => !OFFICE_KEY.test(o))) return undefined;
  return [...new Set(list)];
}

/**
 * The first occurrence once the publication takes effect at `effectiveAt`: a date fires at that
 * date; a duration that long after `effectiveAt`; a cycle at its own start if it names one, else
 * one period after `effectiveAt`. Undefined when it never fires (R0).
 */
export function firstOccurrence(spec: TimerSpec, effectiveAt: Date): StartSchedule | undefined {
  if (spec.type === 'date') return { dueAt: spec.at, remaining: 1 };
  if (spec.type === 'duration') return { dueAt: addDuration(effectiveAt, spec.duration), remaining: 1 };
  const remaining = spec.repetitions ?? null;
  if (remaining === 0) return undefined;
  return { dueAt: spec.start ?? addDuration(effectiveAt, spec.duration), remaining };
}

/**
 * The occurrence to fire when a schedule is taken at `now`: missed occurrences (no server ran
 * while they were due) are not replayed, only the latest one that is due fires; the skipped ones
 * count against the repetitions.
 */
export function latestDue(spec: TimerSpec, due: StartSchedule, now: Date): StartSchedule {
  if (spec.type !== 'cycle') return due;
  let { dueAt, remaining } = due;
  for (;;) {
    if (remaining !== null && remaining <= 1) break;
    const next = addDuration(dueAt, spec.duration);
    if (next.getTime() > now.getTime()) break;
    dueAt = next;
    if (remaining !== null) remaining--;
  }
  return { dueAt, remaining };
}

/** The occurrence after the one due at `fired`; undefined when the timer is done. */
export function followingOccurrence(spec: TimerSpec, fired: StartSchedule): StartSchedule | undefined {
  if (spec.type !== 'cycle') return undefined;
  if (fired.remaining !== null && fired.remaining <= 1) return undefined;
  return { dueAt: addDuration(fired.dueAt, spec.duration), remaining: fired.remaining === null ? null : fired.remaining - 1 };
}
