import type { Kysely } from 'kysely';
import type { JobRow } from '../../../runtime/store.js';
import type { Database } from '../../db/index.js';
import { runOneJob } from './runtime-jobs.js';
import { runOneTimerStart } from './runtime-timer-starts.js';

/** Runs due jobs and timer start events until none is left (tests, CLI); returns how many ran. */
export async function drainJobs(db: Kysely<Database>, now?: Date, max = 10_000): Promise<number> {
  let n = 0;
  while (n < max && ((await runOneJob(db, now)) || (await runOneTimerStart(db, now)))) n++;
  return n;
}

export interface JobWorker {
  /** a step on this server may have queued a job: take it now rather than at the next poll */
  wake(): void;
  stop(): Promise<void>;
}

export interface JobWorkerOptions {
  intervalMs?: number;
  onError?: (e: unknown) => void;
  /** a job's step failed (it is retried with backoff, up to MAX_JOB_ATTEMPTS) */
  onJobFailure?: (job: JobRow, error: unknown) => void;
  /** a timer start's start failed (this occurrence only; recorded on its row) */
  onTimerStartFailure?: (error: unknown) => void;
}

/** Polls for due jobs (every `intervalMs`, and at once when woken: the `runtime` plugin's `jobsQueued`). */
export function startJobWorker(db: Kysely<Database>, opts: JobWorkerOptions = {}): JobWorker {
  const interval = opts.intervalMs ?? 500;
  let stopped = false;
  let wake: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  const jobHooks = { onFailure: opts.onJobFailure };
  const timerHooks = { onFailure: opts.onTimerStartFailure };
  const loop = (async () => {
    while (!stopped) {
      try {
        while (!stopped && ((await runOneJob(db, undefined, jobHooks)) || (await runOneTimerStart(db, undefined, timerHooks)))) {
          /* keep taking due jobs and timer starts */
        }
      } catch (e) {
        opts.onError?.(e);
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, interval);
      });
      wake = undefined;
      if (timer) clearTimeout(timer);
    }
  })();
  return {
    wake: () => wake?.(),
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
