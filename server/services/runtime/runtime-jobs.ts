import { sql, type Kysely } from 'kysely';
import type { JobRow } from '../../../runtime/store.js';
import type { Database } from '../../db/index.js';
import { calendarCache } from '../offices/calendars.js';
import { engineFor } from './runtime-engine.js';
import { inStep } from './runtime-steps.js';

/* Jobs: timers and asynchronous service tasks, one per step. */
const MAX_JOB_ATTEMPTS = 5;

/**
 * Takes one due job with FOR UPDATE SKIP LOCKED and runs it in the same transaction as the
 * step it causes, then deletes it: several server processes each take a job at most once,
 * and a crash before commit leaves the job for the next taker. Returns false when none is due.
 */
export async function runOneJob(db: Kysely<Database>, now: Date = new Date(), hooks: { onFailure?: (job: JobRow, error: unknown) => void } = {}): Promise<boolean> {
  await calendarCache(db).ready();
  let failed: { job: JobRow; error: unknown } | undefined;
  const took = await inStep(db, async (store, trx) => {
    const r = await trx
      .selectFrom('runtime_jobs')
      .selectAll()
      .where('status', '=', 'pending')
      .where('due_at', '<=', now)
      .orderBy('due_at')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!r) return false;
    const job: JobRow = { id: r.id, instanceId: r.instance_id, tokenId: r.token_id, elementId: r.element_id, kind: r.kind as JobRow['kind'], dueAt: r.due_at, attempts: r.attempts };
    await trx.deleteFrom('runtime_jobs').where('id', '=', job.id).execute();
    try {
      // A savepoint keeps the job's deletion apart from the step: a failing step rolls back
      // alone and the job is rescheduled below rather than lost.
      await sql`savepoint job_step`.execute(trx);
      await engineFor(db).fireJob(store, job);
      await sql`release savepoint job_step`.execute(trx);
    } catch (error) {
      await sql`rollback to savepoint job_step`.execute(trx);
      failed = { job, error };
      const attempts = job.attempts + 1;
      const giveUp = attempts >= MAX_JOB_ATTEMPTS;
      await trx
        .insertInto('runtime_jobs')
        .values({
          id: job.id,
          instance_id: job.instanceId,
          token_id: job.tokenId,
          element_id: job.elementId,
          kind: job.kind,
          due_at: new Date(now.getTime() + 1000 * 2 ** attempts),
          attempts,
          status: giveUp ? 'failed' : 'pending',
          last_error: error instanceof Error ? error.message.slice(0, 2000) : String(error).slice(0, 2000),
        })
        .execute();
    }
    return true;
  });
  if (failed) hooks.onFailure?.(failed.job, failed.error);
  return took;
}
