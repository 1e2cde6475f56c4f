import { sql, type Kysely } from 'kysely';
import { followingOccurrence, latestDue } from '../../../runtime/timer-start.js';
import type { Database } from '../../db/index.js';
import { calendarCache } from '../offices/calendars.js';
import { engineFor } from './runtime-engine.js';
import { inStep } from './runtime-steps.js';

/* Timer start events: one due occurrence per step. */
/**
 * Takes one due timer start schedule (runtime_timer_starts, written at publication) with FOR
 * UPDATE SKIP LOCKED and, in the same transaction: starts its instances if its publication is the
 * one in force at the due time; drops the schedule if a newer publication is in force (that one
 * has its own); skips the occurrence if its publication is not in force yet. Then the schedule
 * moves to its next occurrence or is deleted. Several servers fire each occurrence once.
 * Returns false when none is due.
 */
export async function runOneTimerStart(
  db: Kysely<Database>,
  now: Date = new Date(),
  hooks: { onFailure?: (error: unknown) => void; jobsQueued?: () => void } = {},
): Promise<boolean> {
  await calendarCache(db).ready();
  let failed: unknown;
  const took = await inStep(db, async (store, trx) => {
    const r = await trx
      .selectFrom('runtime_timer_starts')
      .selectAll()
      .where('due_at', '<=', now)
      .orderBy('due_at')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!r) return false;
    const row = trx
      .deleteFrom('runtime_timer_starts')
      .where('process_key', '=', r.process_key)
      .where('publication', '=', r.publication)
      .where('element_id', '=', r.element_id);
    const engine = engineFor(db);
    const model = await engine.model(store, r.process_key, r.publication);
    const ev = model.nodes[r.element_id]?.event;
    if (ev?.type !== 'timer') {
      await row.execute();
      return true;
    }
    const due = latestDue(ev.timer, { dueAt: r.due_at, remaining: r.remaining }, now);
    const inForce = await store.currentPublication(r.process_key, due.dueAt);
    if (inForce && inForce.n > r.publication) {
      await row.execute();
      return true;
    }
    let lastError: string | null = null;
    if (inForce?.n === r.publication) {
      try {
        // A start that fails (a model that loops, a rule set that throws) costs this occurrence
        // only: rolled back alone, recorded on the row, and the schedule goes on.
        await sql`savepoint timer_start`.execute(trx);
        await engine.startByTimer(store, { processKey: r.process_key, publication: r.publication, elementId: r.element_id });
        await sql`release savepoint timer_start`.execute(trx);
      } catch (error) {
        await sql`rollback to savepoint timer_start`.execute(trx);
        failed = error;
        lastError = error instanceof Error ? error.message.slice(0, 2000) : String(error).slice(0, 2000);
      }
    }
    const next = followingOccurrence(ev.timer, due);
    if (!next) await row.execute();
    else {
      await trx
        .updateTable('runtime_timer_starts')
        .set({ due_at: next.dueAt, remaining: next.remaining, last_error: lastError })
        .where('process_key', '=', r.process_key)
        .where('publication', '=', r.publication)
        .where('element_id', '=', r.element_id)
        .execute();
    }
    return true;
  });
  if (failed !== undefined) hooks.onFailure?.(failed);
  // The instances it started may have queued jobs (a service task first).
  if (took) hooks.jobsQueued?.();
  return took;
}
