import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, DatabaseKind } from '../../db/index.js';
import { calendarCache } from '../offices/calendars.js';
import { rowCacheFor, stepStore } from './runtime-engine.js';
import { notifyWorkspaceAfterCommit } from './runtime-notify.js';
import { COMMIT_WITH_WRITE, optimisticWrite, OptimisticStepAbandoned, type KyselyRuntimeStore, type StepOutcome } from './runtime-store.js';

/*
 * The transaction strategies of a step. Which one a task completion takes is chosen once per
 * database (stepStrategyFor, by the `runtime` plugin), never per request: PostgreSQL tries the
 * optimistic way first, then the committing one; PGlite writes a step from remembered rows when
 * it can, else runs it in one kysely transaction.
 */

/** A deadlock or serialization failure: the attempt lost a race and left nothing behind. */
const RETRYABLE = new Set(['40001', '40P01']);
/** A deadlock or serialization failure is retried (the attempt was rolled back whole). */
async function retrying<T>(attemptOnce: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptOnce();
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (attempt < 5 && typeof code === 'string' && RETRYABLE.has(code)) {
        await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 10));
        continue;
      }
      throw e;
    }
  }
}

/** One step = one transaction; a deadlock or serialization failure is retried, never half-applied. */
export async function inTransaction<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return retrying(() => db.transaction().execute(work));
}

/**
 * One engine step in its own transaction (see inTransaction), on a store that leaves the
 * workspace NOTIFY to after the commit, which is sent here when the step changed tasks.
 */
export async function inStep<T>(
  db: Kysely<Database>,
  work: (store: KyselyRuntimeStore, trx: Transaction<Database>) => Promise<T>,
  opts: { remember?: boolean } = {},
): Promise<T> {
  let store: KyselyRuntimeStore | undefined;
  // Before the transaction: on PGlite's one connection a reload inside it would wait for it.
  await calendarCache(db).ready();
  const out = await inTransaction(db, (trx) => {
    store = stepStore(db, trx, { notifyAfterCommit: true });
    return work(store, trx);
  });
  // Only for a transaction that is the step and nothing else: a later write to the same rows in
  // it would carry the same xmin as what the cache keeps, and a savepoint's rows another one.
  if (opts.remember) store?.rememberWritten();
  if (store?.outcome.tasksChanged) notifyWorkspaceAfterCommit(db);
  return out;
}

/**
 * inStep for a step that writes once, at its end (a task completion), on PostgreSQL: the
 * transaction is opened with a plain BEGIN on one pooled connection and the step's write is
 * sent with its COMMIT in one query (KyselyRuntimeStore `commitWithWrite`) — one round trip
 * fewer than kysely's transaction(). Same isolation, locks and retries as inStep.
 */
async function inCommittingStep<T>(db: Kysely<Database>, work: (store: KyselyRuntimeStore) => Promise<T>): Promise<{ out: T; outcome: StepOutcome }> {
  await calendarCache(db).ready();
  const result = await retrying(() =>
    db.connection().execute(async (conn) => {
      await sql.raw('begin').execute(conn);
      const store = stepStore(db, conn, { notifyAfterCommit: true, mode: COMMIT_WITH_WRITE });
      try {
        const out = await work(store);
        if (!store.outcome.committed) await sql.raw('commit').execute(conn);
        return { out, outcome: store.outcome };
      } catch (e) {
        if (!store.outcome.committed) await sql.raw('rollback').execute(conn).catch(() => undefined);
        throw e;
      }
    }),
  );
  if (result.outcome.tasksChanged) notifyWorkspaceAfterCommit(db);
  return result;
}

/**
 * A step tried without a transaction of its own (KyselyRuntimeStore `optimistic`, PostgreSQL):
 * the rows this server last wrote (the row cache) or unlocked reads, then one statement guarded
 * by their versions that commits by itself. Undefined when it gave up with nothing written — it
 * needed more than that statement covers, or lost a race — and the caller then runs the step the
 * locking way (inCommittingStep). A try from remembered rows that did not commit is made again on
 * read rows first. An answer the engine gives on READ rows (task completed, not found, not
 * allowed, variables invalid) is final: a task's role, office and assignee never change and a
 * closed task never reopens.
 */
async function optimisticStep<T>(db: Kysely<Database>, taskId: string, work: (store: KyselyRuntimeStore) => Promise<T>): Promise<{ out: T; outcome: StepOutcome } | undefined> {
  const first = await optimisticAttempt(db, work, true);
  if (first !== 'stale') return first;
  // What the cached rows led to (a refused write, an error) is decided again on fresh rows.
  rowCacheFor(db).forgetTask(taskId);
  const again = await optimisticAttempt(db, work, false);
  return again === 'stale' ? undefined : again;
}

/**
 * One optimistic try. 'stale': it began from the row cache and did not commit, for a reason fresh
 * rows could change (a lost guard, an error on what the cache said).
 */
async function optimisticAttempt<T>(
  db: Kysely<Database>,
  work: (store: KyselyRuntimeStore) => Promise<T>,
  readCache: boolean,
): Promise<{ out: T; outcome: StepOutcome } | undefined | 'stale'> {
  await calendarCache(db).ready();
  const store = stepStore(db, db, { notifyAfterCommit: true, mode: optimisticWrite({ readCache }) });
  try {
    const out = await work(store);
    const outcome = store.outcome;
    if (!outcome.committed) return undefined;
    if (outcome.tasksChanged) notifyWorkspaceAfterCommit(db);
    return { out, outcome };
  } catch (e) {
    const { committed, fromCache } = store.outcome;
    if (committed) throw e;
    if (e instanceof OptimisticStepAbandoned) return fromCache && e.reason === 'conflict' ? 'stale' : undefined;
    if (fromCache) return 'stale';
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && RETRYABLE.has(code)) return undefined;
    throw e;
  }
}

/** How the task completions of one database are written (chosen once: stepStrategyFor). */
export interface StepStrategy {
  /** a start's rows are kept for its first step's optimistic completion (runtime-row-cache.ts) */
  readonly remembersStarts: boolean;
  /** runs a task completion's step; `jobsQueued`: the step may have queued a job (wake the worker) */
  complete<T>(db: Kysely<Database>, taskId: string, work: (store: KyselyRuntimeStore) => Promise<T>): Promise<{ out: T; jobsQueued: boolean }>;
}

/** Every step in its own kysely transaction: for callers without the app's runtime (LOCKING_RUNTIME: the CLI, the seed). */
const lockingSteps: StepStrategy = {
  remembersStarts: false,
  async complete(db, _taskId, work) {
    return { out: await inStep(db, (store) => work(store)), jobsQueued: true };
  },
};

/**
 * PostgreSQL: a completion is tried optimistically (optimisticStep), and when that gives up it
 * runs the locking way with its write sent with the COMMIT (inCommittingStep).
 */
const optimisticSteps: StepStrategy = {
  remembersStarts: true,
  async complete(db, taskId, work) {
    const r = (await optimisticStep(db, taskId, work)) ?? (await inCommittingStep(db, work));
    return { out: r.out, jobsQueued: r.outcome.jobsQueued };
  },
};

/**
 * PGlite: one connection, so an unlocked read saves nothing over a locking one, but the rows this
 * server last wrote (the row cache) save the read itself — a step's costliest statement after
 * its write in the embedded database. A completion whose task is remembered is tried as one
 * guarded statement from those rows; any other, or one whose guard was lost, runs in a
 * transaction as before, and what that wrote is remembered for the next step.
 */
const cachedSteps: StepStrategy = {
  remembersStarts: true,
  async complete(db, taskId, work) {
    if (rowCacheFor(db).has(taskId)) {
      const tried = await optimisticAttempt(db, work, true);
      if (tried === 'stale') rowCacheFor(db).forgetTask(taskId);
      else if (tried) return { out: tried.out, jobsQueued: tried.outcome.jobsQueued };
    }
    return { out: await inStep(db, (store) => work(store), { remember: true }), jobsQueued: true };
  },
};

export function stepStrategyFor(kind: DatabaseKind): StepStrategy {
  return kind === 'postgres' ? optimisticSteps : cachedSteps;
}

/**
 * What the runtime's service functions are given by their caller (the `runtime` plugin's
 * `app.runtime`): the database's step strategy, and whom to tell that a step may have queued a
 * job (this app's job worker, woken at once instead of at its next poll).
 */
export interface RuntimeContext {
  readonly steps: StepStrategy;
  jobsQueued(): void;
}

export function runtimeContext(kind: DatabaseKind, jobsQueued: () => void = () => {}): RuntimeContext {
  return { steps: stepStrategyFor(kind), jobsQueued };
}

/** For callers without an app (tests, the CLI): one transaction per step, no worker to wake. */
export const LOCKING_RUNTIME: RuntimeContext = { steps: lockingSteps, jobsQueued: () => {} };
