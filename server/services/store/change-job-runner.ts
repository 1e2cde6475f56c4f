import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { CHANGE_JOB_LEASE_MS, finishChangeJob, takeChangeJob, type ChangeJob, type ChangeJobKind } from './change-jobs.js';
import { runProcessImpact, runRuleSetImpact } from './impact.js';
import { runMigration } from './migrations.js';

type Runner = (db: Kysely<Database>, job: ChangeJob) => Promise<{ result: Record<string, unknown>; counts: Record<string, unknown> }>;

/** What each kind of run does: one entry per kind, so a kind without a runner does not compile. */
const RUNNERS: Record<ChangeJobKind, Runner> = {
  'ruleset-impact': runRuleSetImpact,
  'process-impact': runProcessImpact,
  migration: runMigration,
};

/** Takes one waiting run (SKIP LOCKED) and runs it to its end. False when none waited. */
export async function runOneChangeJob(db: Kysely<Database>, now: Date = new Date(), leaseMs = CHANGE_JOB_LEASE_MS): Promise<boolean> {
  const job = await takeChangeJob(db, now, leaseMs);
  if (!job) return false;
  let outcome: { result: Record<string, unknown>; counts: Record<string, unknown> };
  try {
    outcome = await RUNNERS[job.kind](db, job);
  } catch (e) {
    // Taken over by another server (our lease passed): that one finishes it.
    if (e instanceof Error && e.message === 'run taken over by another server') return true;
    await finishChangeJob(db, job, { error: e instanceof Error ? e.message : String(e) });
    return true;
  }
  await finishChangeJob(db, job, { result: outcome.result }, outcome.counts);
  return true;
}

/** Runs every waiting run now (tests, and the CLI-less way to finish a queue). */
export async function drainChangeJobs(db: Kysely<Database>, now?: Date): Promise<number> {
  let n = 0;
  while (await runOneChangeJob(db, now)) n++;
  return n;
}

export interface ChangeJobWorker {
  /** a run was just queued on this server: look now rather than at the next poll */
  kick(): void;
  stop(): Promise<void>;
}

/** Looks for waiting runs every `intervalMs` (and when kicked); one run at a time per server. */
export function startChangeJobWorker(db: Kysely<Database>, opts: { intervalMs?: number; onError?: (e: unknown) => void } = {}): ChangeJobWorker {
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    running ??= drainChangeJobs(db)
      .then(() => undefined)
      .catch((e: unknown) => opts.onError?.(e))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, opts.intervalMs ?? 2_000);
  timer.unref();
  return {
    kick: tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
