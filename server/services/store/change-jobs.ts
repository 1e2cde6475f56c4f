import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../platform/audit.js';

/**
 * The runs of regulation change (issue 19) — "Dampak" of a rule-set or process draft, and the
 * migration of running applications — as rows of `change_jobs` (migration 0024), so that any
 * server may run one and a run survives a restart:
 * - a run is queued by the request that asks for it (with its audit row, in one transaction);
 * - a server's worker takes the oldest waiting run with FOR UPDATE SKIP LOCKED (another server
 *   taking one at the same moment skips it) and holds it by a lease that it extends after each
 *   batch; a run whose lease has passed (its server died) is taken again and resumes after the
 *   applications it already recorded in `change_job_items`;
 * - the end writes the result (and the audit row with the counts).
 */

export type ChangeJobKind = 'ruleset-impact' | 'process-impact' | 'migration';
export type ChangeJobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ChangeJob {
  id: string;
  kind: ChangeJobKind;
  key: string;
  params: Record<string, unknown>;
  status: ChangeJobStatus;
  progress: number;
  total: number | null;
  result: Record<string, unknown> | null;
  error: string | null;
  attempts: number;
  createdBy: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** How long a taken run is its server's without a sign of life (a batch extends it). */
export const CHANGE_JOB_LEASE_MS = 60_000;

const AUDIT_ACTION: Record<ChangeJobKind, string> = {
  'ruleset-impact': 'ruleset.impact',
  'process-impact': 'process.impact',
  migration: 'process.migration',
};
const SUBJECT_KIND: Record<ChangeJobKind, string> = { 'ruleset-impact': 'ruleset', 'process-impact': 'process', migration: 'process' };

type JobRow = {
  id: string;
  kind: string;
  doc_key: string;
  params: unknown;
  status: string;
  progress: number;
  total: number | null;
  result: unknown;
  error: string | null;
  attempts: number;
  created_by: string;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
};

const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

function toJob(r: JobRow): ChangeJob {
  return {
    id: r.id,
    kind: r.kind as ChangeJobKind,
    key: r.doc_key,
    params: json<Record<string, unknown>>(r.params),
    status: r.status as ChangeJobStatus,
    progress: Number(r.progress),
    total: r.total,
    result: r.result === null ? null : json<Record<string, unknown>>(r.result),
    error: r.error,
    attempts: r.attempts,
    createdBy: r.created_by,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

const COLUMNS = ['id', 'kind', 'doc_key', 'params', 'status', 'progress', 'total', 'result', 'error', 'attempts', 'created_by', 'created_at', 'started_at', 'finished_at'] as const;

/**
 * Queues a run in the caller's transaction with its audit row (who asked, what for: the audit
 * names the parameters but not a draft document the run carries).
 */
export async function queueChangeJob(
  trx: Transaction<Database>,
  input: { kind: ChangeJobKind; key: string; params: Record<string, unknown>; actor: string; auditDetails: Record<string, unknown> },
): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('change_jobs')
    .values({ id, kind: input.kind, doc_key: input.key, params: JSON.stringify(input.params), status: 'queued', created_by: input.actor })
    .execute();
  await appendAudit(trx, { actor: input.actor, action: `${AUDIT_ACTION[input.kind]}.start`, subject: `${SUBJECT_KIND[input.kind]}:${input.key}`, details: { job: id, ...input.auditDetails } });
  return id;
}

export async function getChangeJob(db: Kysely<Database>, kind: ChangeJobKind, key: string, id: string): Promise<ChangeJob> {
  const row = /^[0-9a-f-]{36}$/.test(id)
    ? await db.selectFrom('change_jobs').select(COLUMNS).where('id', '=', id).where('kind', '=', kind).where('doc_key', '=', key).executeTakeFirst()
    : undefined;
  if (!row) throw new AppError('CHANGE_JOB_NOT_FOUND', 'Proses latar tidak ditemukan', { id });
  return toJob(row as JobRow);
}

/**
 * Takes the oldest run that waits (queued, or running with its lease passed), SKIP LOCKED, and
 * leases it to this server. Undefined when there is none.
 */
export async function takeChangeJob(db: Kysely<Database>, now: Date = new Date(), leaseMs = CHANGE_JOB_LEASE_MS): Promise<ChangeJob | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('change_jobs')
      .select('id')
      .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('lease_until', '<', now)])]))
      .orderBy('created_at')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!row) return undefined;
    const taken = await trx
      .updateTable('change_jobs')
      .set({ status: 'running', lease_until: new Date(now.getTime() + leaseMs), attempts: sql<number>`attempts + 1`, started_at: sql<Date>`coalesce(started_at, ${now})` })
      .where('id', '=', row.id)
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    return toJob(taken as JobRow);
  });
}

/** A batch is done: the progress (0–1) and a new lease. False when the run is no longer ours. */
export async function reportProgress(db: Kysely<Database>, id: string, done: number, total: number, leaseMs = CHANGE_JOB_LEASE_MS): Promise<boolean> {
  const r = await db
    .updateTable('change_jobs')
    .set({ progress: total === 0 ? 1 : Math.min(1, done / total), total, lease_until: new Date(Date.now() + leaseMs) })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function finishChangeJob(db: Kysely<Database>, job: ChangeJob, outcome: { result: Record<string, unknown> } | { error: string }, auditCounts: Record<string, unknown> = {}): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('change_jobs')
      .set({
        status: 'result' in outcome ? 'done' : 'failed',
        progress: 'result' in outcome ? 1 : sql<number>`progress`,
        result: 'result' in outcome ? JSON.stringify(outcome.result) : null,
        error: 'error' in outcome ? outcome.error : null,
        finished_at: new Date(),
        lease_until: null,
      })
      .where('id', '=', job.id)
      .execute();
    await appendAudit(trx, {
      actor: job.createdBy,
      action: `${AUDIT_ACTION[job.kind]}.${'result' in outcome ? 'finish' : 'fail'}`,
      subject: `${SUBJECT_KIND[job.kind]}:${job.key}`,
      details: { job: job.id, ...('error' in outcome ? { error: outcome.error } : auditCounts) },
    });
  });
}

export interface ChangeJobItem {
  instanceId: string;
  status: string;
  reason: string | null;
  data: Record<string, unknown> | null;
}

/** Items written for a run (impact: one per application; resume-safe: an item already there stays). */
export async function writeItems(conn: Kysely<Database>, jobId: string, items: Array<ChangeJobItem & { magnitude?: string | null }>): Promise<void> {
  if (items.length === 0) return;
  await conn
    .insertInto('change_job_items')
    .values(
      items.map((i) => ({ job_id: jobId, instance_id: i.instanceId, status: i.status, reason: i.reason, magnitude: i.magnitude ?? null, data: i.data === null ? null : JSON.stringify(i.data) })),
    )
    .onConflict((oc) => oc.columns(['job_id', 'instance_id']).doNothing())
    .execute();
}

/** A page of a run's items: largest changes first (impact), else by application id. */
export async function listItems(db: Kysely<Database>, jobId: string, opts: { limit: number; status?: string; byMagnitude?: boolean }): Promise<ChangeJobItem[]> {
  let q = db.selectFrom('change_job_items').select(['instance_id', 'status', 'reason', 'data']).where('job_id', '=', jobId);
  if (opts.status) q = q.where('status', '=', opts.status);
  q = opts.byMagnitude ? q.orderBy(sql`magnitude desc nulls last`).orderBy('instance_id') : q.orderBy('instance_id');
  const rows = await q.limit(opts.limit).execute();
  return rows.map((r) => ({ instanceId: r.instance_id, status: r.status, reason: r.reason, data: r.data === null ? null : json<Record<string, unknown>>(r.data) }));
}

/** How many items of each status a run has recorded. */
export async function countItems(db: Kysely<Database>, jobId: string): Promise<Record<string, number>> {
  const rows = await db.selectFrom('change_job_items').select(['status', (eb) => eb.fn.countAll<string>().as('n')]).where('job_id', '=', jobId).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** What every run answers about itself when polled (Dampak and migration add their items). */
export function jobSummary(job: ChangeJob, params: Record<string, unknown> = job.params) {
  return {
    id: job.id,
    status: job.status,
    progress: job.progress,
    total: job.total,
    createdBy: job.createdBy,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt ? job.finishedAt.toISOString() : null,
    error: job.error,
    params,
    result: job.result,
  };
}
