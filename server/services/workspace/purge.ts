import type { Kysely } from 'kysely';
import { storageLimits, type StorageLimits } from '../../config.js';
import type { Database } from '../../db/index.js';

export interface PurgeResult {
  unattachedUploads: number;
  expiredSessions: number;
  loginFailures: number;
}

const HOUR = 60 * 60 * 1000;

/**
 * Removes what nobody needs any more (issue 16, finding 8): uploads never attached to an
 * application after UNATTACHED_UPLOAD_TTL_HOURS, sessions past their expiry (revoked ones too,
 * once expired), log-in failures older than LOGIN_FAILURE_RETENTION_HOURS (long past any
 * throttling window). In the caller's transaction.
 */
async function purgeRows(trx: Kysely<Database>, now: Date, limits: StorageLimits): Promise<PurgeResult> {
  const uploads = await trx
    .deleteFrom('uploads')
    .where('instance_id', 'is', null)
    .where('created_at', '<', new Date(now.getTime() - limits.unattachedUploadTtlHours * HOUR))
    .executeTakeFirst();
  const sessions = await trx.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
  const failures = await trx
    .deleteFrom('login_failures')
    .where('at', '<', new Date(now.getTime() - limits.loginFailureRetentionHours * HOUR))
    .executeTakeFirst();
  return { unattachedUploads: Number(uploads.numDeletedRows), expiredSessions: Number(sessions.numDeletedRows), loginFailures: Number(failures.numDeletedRows) };
}

/**
 * Runs the clean-up if it is due, on one server only: the schedule row is taken with FOR UPDATE
 * SKIP LOCKED (another server running it now is skipped, not waited for), the clean-up runs in
 * the same transaction, and the row moves to the next due time. Undefined when not due or taken.
 */
export async function runPurgeIfDue(db: Kysely<Database>, now: Date = new Date(), limits: StorageLimits = storageLimits()): Promise<PurgeResult | undefined> {
  return db.transaction().execute(async (trx) => {
    const due = await trx.selectFrom('maintenance_jobs').select('name').where('name', '=', 'purge').where('due_at', '<=', now).forUpdate().skipLocked().executeTakeFirst();
    if (!due) return undefined;
    const result = await purgeRows(trx, now, limits);
    await trx
      .updateTable('maintenance_jobs')
      .set({ due_at: new Date(now.getTime() + limits.purgeIntervalMinutes * 60_000), last_run_at: now, last_result: JSON.stringify(result) })
      .where('name', '=', 'purge')
      .execute();
    return result;
  });
}

/** Checks every minute (or `intervalMs`) whether the clean-up is due; stops on close. */
export function startPurgeWorker(db: Kysely<Database>, opts: { intervalMs?: number; onError?: (e: unknown) => void; onPurged?: (r: PurgeResult) => void } = {}): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= runPurgeIfDue(db)
      .then((r) => {
        if (r) opts.onPurged?.(r);
      })
      .catch((e: unknown) => opts.onError?.(e))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, opts.intervalMs ?? 60_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
