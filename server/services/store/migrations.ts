import type { Kysely, Transaction } from 'kysely';
import { mappingProblems, planMigration, unmatchedElements, type MigrationBlock } from '../../../runtime/migration.js';
import { parseModel } from '../../../runtime/model/parse.js';
import type { ProcessModel } from '../../../runtime/model/types.js';
import type { Token } from '../../../runtime/store.js';
import type { Database } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { calendarCache, type CalendarCache } from '../offices/calendars.js';
import { countItems, jobSummary, listItems, queueChangeJob, reportProgress, writeItems, type ChangeJob } from './change-jobs.js';
import type { OfficeScope } from './impact.js';
import { rowCacheFor } from '../runtime/runtime.js';
import { notifyWorkspaceAfterCommit } from '../runtime/runtime-notify.js';
import { getPublication } from './store.js';

/**
 * Migration of running applications from publication `from` to `to` of a process (issue 19):
 * a run of `change_jobs` (see change-jobs.ts) that looks at every running application of the
 * process on `from` in the caller's offices, one transaction per application: it locks the
 * application's row (as every step does, so a step and the move never interleave), plans the
 * move (runtime/migration.ts) and either records why it is blocked, or — not a dry run — moves
 * tokens, open tasks (element, name, role, due time, claim), timers and subscriptions to the new
 * publication and records `moved`. The run resumes after a restart with the applications it has
 * not recorded yet. A step that raced the move and lost (its guarded write refused, or it waited
 * for the lock) is decided again on the moved application.
 */

export interface MigrationInput {
  from: number;
  to: number;
  mapping?: Record<string, string>;
  dryRun?: boolean;
}

async function model(db: Kysely<Database>, key: string, n: number): Promise<ProcessModel> {
  const pub = await getPublication(db, 'process', key, n);
  const { model: m, errors } = await parseModel(pub.content, { processKey: key });
  if (!m) throw new AppError('MODEL_INVALID', `Versi ${n} tidak dapat dibaca`, { errors });
  return m;
}

/** What the studio's mapping editor needs: the old elements without a same-id target, and the new elements. */
export async function migrationOptions(db: Kysely<Database>, key: string, from: number, to: number) {
  const [a, b] = [await model(db, key, from), await model(db, key, to)];
  return {
    unmatched: unmatchedElements(a, b),
    targets: Object.values(b.nodes).map((n) => ({ id: n.id, name: n.name, kind: n.kind })),
  };
}

export async function startMigration(db: Kysely<Database>, key: string, input: MigrationInput, actor: string, offices: OfficeScope): Promise<{ id: string }> {
  if (input.from === input.to) throw new AppError('MIGRATION_MAPPING_INVALID', 'Versi asal dan tujuan sama', { field: 'to' });
  const [a, b] = [await model(db, key, input.from), await model(db, key, input.to)];
  const mapping = input.mapping ?? {};
  const problems = mappingProblems(a, b, mapping);
  if (problems.length > 0) throw new AppError('MIGRATION_MAPPING_INVALID', 'Pemetaan elemen tidak sah', { problems });
  const dryRun = input.dryRun === true;
  return db.transaction().execute(async (trx) => ({
    id: await queueChangeJob(trx, {
      kind: 'migration',
      key,
      params: { from: input.from, to: input.to, mapping, dryRun, offices },
      actor,
      auditDetails: { from: input.from, to: input.to, mapping, dryRun, offices },
    }),
  }));
}

const BATCH = 100;

type Outcome = { status: 'ok' | 'moved' | 'blocked' | 'failed'; reason: string | null; data: Record<string, unknown> | null };

const parse = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

async function migrateOne(trx: Transaction<Database>, job: ChangeJob, id: string, from: ProcessModel, to: ProcessModel, calendars: CalendarCache): Promise<Outcome> {
  const p = job.params as { from: number; to: number; mapping: Record<string, string>; dryRun: boolean };
  const inst = await trx.selectFrom('runtime_instances').select(['status', 'publication', 'tokens']).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!inst || inst.status !== 'running') return { status: 'blocked', reason: 'Permohonan sudah tidak berjalan', data: { blocks: [{ code: 'NOT_RUNNING' }] } };
  if (inst.publication !== p.from) return { status: 'blocked', reason: `Permohonan sudah pada versi ${inst.publication}`, data: { blocks: [{ code: 'PUBLICATION_CHANGED' }] } };
  const tokens = parse<Token[]>(inst.tokens);
  const tasks = await trx
    .selectFrom('runtime_tasks')
    .select(['id', 'token_id', 'element_id', 'office', 'role', 'claimed_by', 'created_at', 'due_at'])
    .where('instance_id', '=', id)
    .where('status', '=', 'open')
    .execute();
  const jobs = await trx.selectFrom('runtime_jobs').select(['id', 'element_id']).where('instance_id', '=', id).where('status', '=', 'pending').execute();
  const subs = await trx.selectFrom('runtime_subscriptions').select(['token_id', 'element_id']).where('instance_id', '=', id).execute();
  const plan = planMigration(
    {
      tokens,
      tasks: tasks.map((t) => ({ id: t.id, tokenId: t.token_id, elementId: t.element_id, office: t.office, role: t.role, claimedBy: t.claimed_by, createdAt: new Date(t.created_at), dueAt: t.due_at ? new Date(t.due_at) : null })),
      jobs: jobs.map((j) => ({ id: j.id, elementId: j.element_id })),
      subscriptions: subs.map((s) => ({ tokenId: s.token_id, elementId: s.element_id })),
    },
    from,
    to,
    p.mapping,
    (office) => calendars.get(office),
  );
  if (!plan.ok) return { status: 'blocked', reason: plan.blocks.map((b: MigrationBlock) => b.message).join('; '), data: { blocks: plan.blocks } };
  const moves = Object.entries(plan.elements).filter(([a, b]) => a !== b);
  const data = { elements: [...new Set(tokens.map((t) => plan.elements[t.element] ?? t.element))], moves, claimsReleased: plan.tasks.filter((t) => t.claimReleased).map((t) => t.id) };
  if (p.dryRun) return { status: 'ok', reason: null, data };
  const now = new Date();
  await trx.updateTable('runtime_instances').set({ publication: p.to, process_name: to.name, tokens: JSON.stringify(plan.tokens), updated_at: now }).where('id', '=', id).execute();
  for (const t of plan.tasks) {
    const row = await trx
      .updateTable('runtime_tasks')
      .set({ element_id: t.elementId, element_name: t.elementName, publication: p.to, process_name: to.name, role: t.role, claimed_by: t.claimedBy, ...(t.claimedBy === null ? { claimed_session: null } : {}), due_at: t.dueAt, escalated_at: null })
      .where('id', '=', t.id)
      .returning(['office', 'assignee'])
      .executeTakeFirstOrThrow();
    // the inboxes hear of the moved task as of any other change to it
    await trx.insertInto('workspace_changes').values({ office: row.office, user_id: row.assignee, kind: 'task', ref: t.id }).execute();
  }
  for (const j of jobs) if (plan.elements[j.element_id] !== j.element_id) await trx.updateTable('runtime_jobs').set({ element_id: plan.elements[j.element_id] }).where('id', '=', j.id).execute();
  for (const s of subs) {
    if (plan.elements[s.element_id] === s.element_id) continue;
    await trx.updateTable('runtime_subscriptions').set({ element_id: plan.elements[s.element_id] }).where('instance_id', '=', id).where('token_id', '=', s.token_id).where('element_id', '=', s.element_id).execute();
  }
  return { status: 'moved', reason: null, data };
}

export async function runMigration(db: Kysely<Database>, job: ChangeJob): Promise<{ result: Record<string, unknown>; counts: Record<string, unknown> }> {
  const p = job.params as { from: number; to: number; offices: OfficeScope; dryRun: boolean; mapping: Record<string, string> };
  const [from, to] = [await model(db, job.key, p.from), await model(db, job.key, p.to)];
  await calendarCache(db).ready();
  const base = () => {
    let q = db.selectFrom('runtime_instances').where('process_key', '=', job.key).where('publication', '=', p.from).where('status', '=', 'running');
    if (p.offices !== 'all') q = q.where('office', 'in', p.offices.length > 0 ? p.offices : ['\u0000']);
    return q;
  };
  // The applications to look at are fixed at the first attempt (moved ones leave `from`).
  let total = job.total ?? Number((await base().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  let cursor = '';
  await reportProgress(db, job.id, Object.values(await countItems(db, job.id)).reduce((a, b) => a + b, 0), total);
  for (;;) {
    const ids = (
      await base()
        .select('id')
        .where('id', '>', cursor)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('change_job_items').select('instance_id').where('job_id', '=', job.id).whereRef('instance_id', '=', 'runtime_instances.id'))))
        .orderBy('id')
        .limit(BATCH)
        .execute()
    ).map((r) => r.id);
    if (ids.length === 0) break;
    for (const id of ids) {
      let outcome: Outcome;
      try {
        outcome = await db.transaction().execute(async (trx) => {
          const o = await migrateOne(trx, job, id, from, to, calendarCache(db));
          await writeItems(trx, job.id, [{ instanceId: id, ...o }]);
          return o;
        });
      } catch (e) {
        outcome = { status: 'failed', reason: e instanceof Error ? e.message : String(e), data: null };
        await writeItems(db, job.id, [{ instanceId: id, ...outcome }]);
      }
      if (outcome.status === 'moved') rowCacheFor(db).forgetInstance(id);
    }
    cursor = ids[ids.length - 1];
    if (!p.dryRun) notifyWorkspaceAfterCommit(db);
    const c = await countItems(db, job.id);
    const done = Object.values(c).reduce((a, b) => a + b, 0);
    total = Math.max(total, done);
    if (!(await reportProgress(db, job.id, done, total))) throw new Error('run taken over by another server');
  }
  const counts = await countItems(db, job.id);
  const result = { from: p.from, to: p.to, dryRun: p.dryRun, mapping: p.mapping, ok: counts.ok ?? 0, moved: counts.moved ?? 0, blocked: counts.blocked ?? 0, failed: counts.failed ?? 0 };
  return { result, counts: { from: p.from, to: p.to, dryRun: p.dryRun, moved: result.moved, blocked: result.blocked, failed: result.failed, ok: result.ok } };
}

export async function migrationView(db: Kysely<Database>, job: ChangeJob, limit = 1000) {
  const items = await listItems(db, job.id, { limit });
  // the manager knows an application by its number (business key) and office, not by its id
  const known = items.length === 0 ? [] : await db.selectFrom('runtime_instances').select(['id', 'business_key', 'office']).where('id', 'in', items.map((i) => i.instanceId)).execute();
  const byId = new Map(known.map((r) => [r.id, r]));
  return {
    ...jobSummary(job),
    counts: await countItems(db, job.id),
    items: items.map((i) => ({
      instanceId: i.instanceId,
      businessKey: byId.get(i.instanceId)?.business_key ?? null,
      office: byId.get(i.instanceId)?.office ?? null,
      status: i.status,
      ...(i.reason ? { reason: i.reason } : {}),
      ...(i.data ? { details: i.data } : {}),
    })),
  };
}
