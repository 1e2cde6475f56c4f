import { CompiledQuery, sql, type Expression, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool, type Transaction } from 'kysely';
import type { Variables } from '../../runtime/conditions.js';
import { canActOnTask, canCancel, canReleaseClaim, canSeeInternalVariables, canSeeTask, officerGrants as officerGrantsOf, officesOf, canSendMessage, maySendMessages, startMode, supervisedOffices } from '../../core/access.js';
import { INTERNAL_NOTE } from '../../runtime/inputs.js';
import { Engine, type MessageCommand, type MessageTarget, type SignalCommand, type SigningRequest } from '../../runtime/engine.js';
import { RUNTIME_ERROR_STATUS, RuntimeError } from '../../runtime/errors.js';
import type { InstanceState, JobRow, TaskRow, Token, WalkInApplicant } from '../../runtime/store.js';
import { followingOccurrence, latestDue } from '../../runtime/timer-start.js';
import type { Database } from '../db/index.js';
import type { RuntimeTasksTable } from '../db/tables/runtime.js';
import { perDatabase } from '../db/per-database.js';
import { preparedStatement } from '../db/prepared.js';
import { AppError, registerErrorCodes } from '../errors.js';
import { signOnStep } from '../documents/issue.js';
import { officeOfferings, startInputs } from './runtime-inputs.js';
import type { SessionUser } from './accounts.js';
import { publicationCache } from './publication-cache.js';
import { calendarCache } from './calendars.js';
import { delegatedPostFor } from './delegations.js';
import { ruleSetService } from './rules.js';
import { notifyWorkspaceAfterCommit } from './runtime-notify.js';
import { raiseNotices } from './notification-notices.js';
import { RuntimeRowCache } from './runtime-row-cache.js';
import { KyselyRuntimeStore, OptimisticStepAbandoned, toInstance, toTask } from './runtime-store.js';
import { assertOfficeOffers } from './office-offers.js';
import { feeNotas } from './task-context.js';
import { instanceAccessFor } from './workspace-access.js';
import { allocateRegistrationNumber, applicationOfRegistrationNumber, newPin, recordRegistration, registrationNumbers } from './registration-number.js';

registerErrorCodes(RUNTIME_ERROR_STATUS);

/** One engine per database handle (outside a step, its rule evaluator reads that database). */
export const engineFor = perDatabase((db) => {
  const rules = ruleSetService(db);
  const calendars = calendarCache(db);
  return new Engine({
    rules: { evaluate: (key, facts, at) => rules.evaluate(key, facts, at), factSchema: (key) => rules.factSchema(key), reasons: (key, facts, at) => rules.reasons(key, facts, at), eligibilityFacts: (key) => rules.eligibilityFacts(key) },
    workingTime: (office) => calendars.get(office),
  });
});

/**
 * The runtime store of one step on `conn` (the step's transaction, or the database itself for an
 * optimistic step): rule lookups made on the step's behalf go through `conn` too, so the step sees
 * its own snapshot, and on PGlite's single connection a read through the outer handle does not wait
 * forever for the step to end.
 */
function stepStore(db: Kysely<Database>, conn: Kysely<Database>, opts: ConstructorParameters<typeof KyselyRuntimeStore>[1]): KyselyRuntimeStore {
  const rules = ruleSetService(db);
  return new KyselyRuntimeStore(conn, {
    ...opts,
    cache: rowCacheFor(db),
    publications: publicationCache(db),
    notices: raiseNotices,
    rules: {
      evaluate: (key, facts, at) => rules.evaluate(key, facts, at, conn),
      factSchema: (key) => rules.factSchema(key, conn),
      reasons: (key, facts, at) => rules.reasons(key, facts, at, conn),
      eligibilityFacts: (key) => rules.eligibilityFacts(key, conn),
    },
  });
}

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
async function inStep<T>(
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
  if (store?.tasksChanged) notifyWorkspaceAfterCommit(db);
  return out;
}

/**
 * inStep for a step that writes once, at its end (a task completion), on PostgreSQL: the
 * transaction is opened with a plain BEGIN on one pooled connection and the step's write is
 * sent with its COMMIT in one query (KyselyRuntimeStore `commitWithWrite`) — one round trip
 * fewer than kysely's transaction(). Same isolation, locks and retries as inStep.
 */
async function inCommittingStep<T>(db: Kysely<Database>, work: (store: KyselyRuntimeStore) => Promise<T>): Promise<{ out: T; store: KyselyRuntimeStore }> {
  await calendarCache(db).ready();
  const result = await retrying(() =>
    db.connection().execute(async (conn) => {
      await sql.raw('begin').execute(conn);
      const store = stepStore(db, conn, { notifyAfterCommit: true, commitWithWrite: true });
      try {
        const out = await work(store);
        if (!store.committed) await sql.raw('commit').execute(conn);
        return { out, store };
      } catch (e) {
        if (!store.committed) await sql.raw('rollback').execute(conn).catch(() => undefined);
        throw e;
      }
    }),
  );
  if (result.store.tasksChanged) notifyWorkspaceAfterCommit(db);
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
async function optimisticStep<T>(db: Kysely<Database>, taskId: string, work: (store: KyselyRuntimeStore) => Promise<T>): Promise<{ out: T; store: KyselyRuntimeStore } | undefined> {
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
): Promise<{ out: T; store: KyselyRuntimeStore } | undefined | 'stale'> {
  await calendarCache(db).ready();
  const store = stepStore(db, db, { notifyAfterCommit: true, optimistic: true, readCache });
  try {
    const out = await work(store);
    if (!store.committed) return undefined;
    if (store.tasksChanged) notifyWorkspaceAfterCommit(db);
    return { out, store };
  } catch (e) {
    if (store.committed) throw e;
    if (e instanceof OptimisticStepAbandoned) return store.fromCache && e.reason === 'conflict' ? 'stale' : undefined;
    if (store.fromCache) return 'stale';
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && RETRYABLE.has(code)) return undefined;
    throw e;
  }
}

/** One row cache per database handle: the rows this server's optimistic steps last wrote. */
export const rowCacheFor = perDatabase(() => new RuntimeRowCache());

/* ---------------- authorization: core/access.ts decides, this reads ---------------- */

/** Who may act on a task (the policy's canActOnTask; kept under this name for the store's callers). */
const mayActOnTask = (u: SessionUser, t: Pick<TaskRow, 'assignee' | 'role' | 'office' | 'claimedBy'>): boolean => canActOnTask(u, t);

/** Applicants do not see the officers' internal note (`catatan`) nor variables whose name starts with "_". */
function visibleVariables(u: SessionUser, inst: InstanceState): Variables {
  if (canSeeInternalVariables(u)) return inst.variables;
  return Object.fromEntries(Object.entries(inst.variables).filter(([k]) => !k.startsWith('_') && k !== INTERNAL_NOTE));
}

/* ---------------- instances ---------------- */

export interface StartInput {
  office: string;
  variables?: Variables;
  businessKey?: string;
  applicant?: WalkInApplicant;
}

/** `opts.postgres`: the database is PostgreSQL (the start is remembered for the first step's optimistic completion). */
/** The publication of `processKey` in force today and its model (PROCESS_NOT_PUBLISHED without one). */
export async function publishedModel(db: Kysely<Database>, processKey: string): Promise<{ publication: number; model: Awaited<ReturnType<Engine['model']>> }> {
  const engine = engineFor(db);
  const store = new KyselyRuntimeStore(db, { publications: publicationCache(db) });
  const pub = await store.currentPublication(processKey, engine.now());
  if (!pub) throw new RuntimeError('PROCESS_NOT_PUBLISHED', `Proses "${processKey}" belum diterbitkan`, { processKey });
  return { publication: pub.n, model: await engine.model(store, pub.key, pub.n) };
}

export async function startInstance(db: Kysely<Database>, user: SessionUser, processKey: string, input: StartInput, opts: { postgres?: boolean } = {}) {
  const { publication, model } = await publishedModel(db, processKey);
  const offered = await officeOfferings(db, input.office);
  if (!offered) throw new RuntimeError('NOT_ALLOWED', `Kantor "${input.office}" tidak dikenal`, { office: input.office });
  // Finding 7: only at an office that offers the service (applicants and walk-ins alike).
  if (!offered.includes(processKey)) throw new AppError('SERVICE_NOT_OFFERED', `Layanan "${processKey}" tidak tersedia di kantor "${input.office}"`, { office: input.office, processKey });
  const starters = model.starterRoles;
  const mode = startMode(user, input.office, starters);
  if (mode === null) {
    throw new RuntimeError('NOT_ALLOWED', 'Anda tidak berwenang memulai permohonan ini di kantor tersebut', { starterRoles: starters, office: input.office });
  }
  // An applicant starts for themselves; an officer registers a walk-in (or named) applicant.
  const selfService = mode === 'applicant';
  const started = await startOffered(db, model, publication, processKey, {
    office: input.office,
    variables: input.variables ?? {},
    businessKey: input.businessKey ?? null,
    applicantUserId: selfService ? user.id : null,
    applicant: selfService ? null : (input.applicant ?? null),
    startedBy: user.id,
    postgres: opts.postgres === true,
  });
  // The instance's open tasks are the ones its start opened: no read needed.
  const described = await describeInstance(db, user, started.inst, started.opened, started.number);
  // The PIN is answered once, here (the confirmation shows it); only its hash is kept.
  return { ...described, registration: { number: started.number, pin: started.pin } };
}

/**
 * Starts an application the caller has authorized (a start route by its starter roles, a
 * complaint by the tracked application's number and PIN): the start's inputs checked against
 * its model, the office's next registration number and a tracking PIN, all in one transaction.
 */
export async function startOffered(
  db: Kysely<Database>,
  model: Awaited<ReturnType<Engine['model']>>,
  publication: number,
  processKey: string,
  input: { office: string; variables: Variables; businessKey: string | null; applicantUserId: string | null; applicant: WalkInApplicant | null; startedBy: string; postgres: boolean },
): Promise<{ inst: InstanceState; opened: TaskRow[]; number: string; pin: string }> {
  // the start's tasks get due times in the office's working calendar: loaded before the step
  await calendarCache(db).ready();
  const engine = engineFor(db);
  // Only the start's inputs (runtime/inputs.ts), checked before anything is written.
  const variables = await startInputs(db, model, input.variables);
  let opened: TaskRow[] = [];
  // Issue 21: every start takes the office's next registration number and a tracking PIN in its
  // own transaction (a start that fails gives the number back: gap-free). The PIN's hash is made
  // before it (CPU work outside the counter row's lock).
  const pin = await newPin();
  let number = '';
  const inst = await inStep(
    db,
    async (store, trx) => {
      store.insertedTasks = opened = [];
      number = await allocateRegistrationNumber(trx, input.office, engine.now());
      const started = await engine.start(store, {
        processKey,
        publication,
        office: input.office,
        variables,
        businessKey: input.businessKey,
        applicantUserId: input.applicantUserId,
        applicant: input.applicant,
        startedBy: input.startedBy,
      });
      await recordRegistration(trx, {
        instanceId: started.id, office: input.office, number, pin: pin.pin, pinHash: pin.hash,
        applicantUserId: started.applicantUserId, processName: started.processName,
      });
      return started;
    },
    { remember: input.postgres },
  );
  kickWorker(db);
  return { inst, opened: opened.filter((t) => t.instanceId === inst.id && t.status === 'open'), number, pin: pin.pin };
}

async function activeTasks(db: Kysely<Database>, instanceId: string): Promise<TaskRow[]> {
  const rows = await db.selectFrom('runtime_tasks').selectAll().where('instance_id', '=', instanceId).where('status', '=', 'open').orderBy('created_at').execute();
  return rows.map(toTask);
}

async function describeInstance(db: Kysely<Database>, user: SessionUser, inst: InstanceState, openTasks?: TaskRow[], registrationNumber?: string) {
  const tasks = openTasks ?? (await activeTasks(db, inst.id));
  const number = registrationNumber ?? (await registrationNumbers(db, [inst.id])).get(inst.id) ?? null;
  return {
    id: inst.id,
    registrationNumber: number,
    processKey: inst.processKey,
    processName: inst.processName,
    publication: inst.publication,
    office: inst.office,
    businessKey: inst.businessKey,
    applicantUserId: inst.applicantUserId,
    applicant: inst.applicant,
    startedBy: inst.startedBy,
    status: inst.status,
    outcome: inst.outcome,
    createdAt: inst.createdAt.toISOString(),
    endedAt: inst.endedAt ? inst.endedAt.toISOString() : null,
    parentInstanceId: inst.parentInstanceId,
    activeElements: activeElements(inst.tokens),
    tasks: tasks.map(taskView),
    variables: visibleVariables(user, inst),
  };
}

export async function getInstance(db: Kysely<Database>, user: SessionUser, id: string) {
  // Not found and not allowed answer the same, so ids of others' applications are not probed.
  const access = await instanceAccessFor(db, user, id);
  if (!access) throw new RuntimeError('INSTANCE_NOT_FOUND', 'Permohonan tidak ditemukan', { id });
  const r = await db.selectFrom('runtime_instances').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new RuntimeError('INSTANCE_NOT_FOUND', 'Permohonan tidak ditemukan', { id });
  const described = await describeInstance(db, user, toInstance(r));
  if (access.view !== 'task') return described;
  // An officer reached only by a task (an OPD review) does not see the office's fee notas.
  const noNotas = new Set(feeNotas(described.variables).map((n) => n.variable));
  return { ...described, variables: Object.fromEntries(Object.entries(described.variables).filter(([k]) => !noNotas.has(k))) };
}

export interface InstanceQuery {
  process?: string;
  office?: string;
  status?: string;
  businessKey?: string;
  limit?: number;
  offset?: number;
}

export async function listInstances(db: Kysely<Database>, user: SessionUser, q: InstanceQuery) {
  const limit = Math.min(q.limit ?? 50, 200);
  const offset = q.offset ?? 0;
  let query = db.selectFrom('runtime_instances').select(['id', 'process_key', 'process_name', 'publication', 'office', 'business_key', 'status', 'created_at', 'ended_at', 'applicant_user_id', 'started_by']);
  const supervised = supervisedOffices(user);
  if (supervised !== 'all') {
    // Officers and managers see their offices' instances; applicants their own applications.
    const offices = [...new Set([...officesOf(user), ...supervised])];
    query = query.where((eb) =>
      eb.or([
        ...(offices.length > 0 ? [eb('office', 'in', offices)] : []),
        eb('applicant_user_id', '=', user.id),
        eb('started_by', '=', user.id),
      ]),
    );
  }
  if (q.process) query = query.where('process_key', '=', q.process);
  if (q.office) query = query.where('office', '=', q.office);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.businessKey) query = query.where('business_key', '=', q.businessKey);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id').limit(limit + 1).offset(offset).execute();
  return {
    items: rows.slice(0, limit).map((r) => ({
      id: r.id,
      processKey: r.process_key,
      processName: r.process_name,
      publication: r.publication,
      office: r.office,
      businessKey: r.business_key,
      status: r.status,
      createdAt: r.created_at.toISOString(),
      endedAt: r.ended_at ? r.ended_at.toISOString() : null,
    })),
    limit,
    offset,
    hasMore: rows.length > limit,
  };
}

const withoutKey = <T extends Record<string, unknown>>(o: T, key: string): T => {
  if (!(key in o)) return o;
  const { [key]: _dropped, ...rest } = o;
  return rest as T;
};

export async function getHistory(db: Kysely<Database>, user: SessionUser, id: string) {
  await getInstance(db, user, id);
  const internal = canSeeInternalVariables(user);
  const rows = await db.selectFrom('runtime_history').selectAll().where('instance_id', '=', id).orderBy('id').execute();
  return {
    items: rows.map((h) => {
      const durationMs = h.ended_at.getTime() - h.started_at.getTime();
      return {
        elementId: h.element_id,
        elementName: h.element_name,
        elementKind: h.element_kind,
        event: h.event,
        actor: h.actor,
        onBehalf: h.on_behalf,
        startedAt: h.started_at.toISOString(),
        endedAt: h.ended_at.toISOString(),
        durationMs,
        slaMs: h.sla_ms === null ? null : Number(h.sla_ms),
        // on time = done by its due time, which counts the office's working hours (not durationMs ≤ slaMs)
        withinSla: h.due_at === null ? null : h.ended_at.getTime() <= new Date(h.due_at).getTime(),
        taskId: h.task_id,
        details: h.details && !internal ? withoutKey(h.details, INTERNAL_NOTE) : h.details,
      };
    }),
  };
}

export async function cancelInstance(db: Kysely<Database>, user: SessionUser, id: string, reason: string) {
  const access = await instanceAccessFor(db, user, id);
  if (!access) throw new RuntimeError('INSTANCE_NOT_FOUND', 'Permohonan tidak ditemukan', { id });
  if (!canCancel(user, access.inst)) throw new RuntimeError('NOT_ALLOWED', 'Hanya admin atau manajer kantor ini yang dapat membatalkan permohonan');
  const inst = await inStep(db, (store) => engineFor(db).cancel(store, { instanceId: id, reason, by: user.id }));
  return describeInstance(db, user, inst);
}

/* ---------------- tasks ---------------- */

export function taskView(t: TaskRow) {
  return {
    id: t.id,
    instanceId: t.instanceId,
    processKey: t.processKey,
    processName: t.processName,
    publication: t.publication,
    elementId: t.elementId,
    elementName: t.elementName,
    role: t.role,
    office: t.office,
    assignee: t.assignee,
    onBehalf: t.onBehalf,
    businessKey: t.businessKey,
    dueAt: t.dueAt ? t.dueAt.toISOString() : null,
    claimedBy: t.claimedBy,
    status: t.status,
    createdAt: t.createdAt.toISOString(),
    completedAt: t.completedAt ? t.completedAt.toISOString() : null,
    completedBy: t.completedBy,
    form: t.form,
    documents: t.documents,
    instruction: t.instruction,
    item: t.item,
  };
}

export interface TaskQuery {
  scope?: 'mine' | 'available';
  office?: string;
  limit?: number;
  offset?: number;
}

/**
 * The inbox, ordered by due time. `available`: unclaimed tasks of the user's (role, office)
 * grants; `mine`: tasks claimed by the user or assigned to them (applicant lane, walk-ins).
 * Each grant reads its own ordered range of the partial worklist index (LIMIT pushed into
 * each branch), so the query costs the same at 10k or 1M open tasks.
 */
export async function listTasks(db: Kysely<Database>, user: SessionUser, q: TaskQuery) {
  const limit = Math.min(q.limit ?? 50, 200);
  const offset = q.offset ?? 0;
  const want = limit + offset + 1;
  const cols = sql.raw('id, instance_id, token_id, process_key, process_name, publication, element_id, element_name, role, office, assignee, on_behalf, business_key, due_at, claimed_by, status, created_at, completed_at, completed_by, form, documents, instruction, item');
  const branches: ReturnType<typeof sql>[] = [];
  if (q.scope === 'mine') {
    branches.push(sql`(select ${cols} from runtime_tasks where status = 'open' and assignee is not null and assignee = ${user.id} order by due_at, id limit ${want})`);
    branches.push(sql`(select ${cols} from runtime_tasks where status = 'open' and claimed_by is not null and claimed_by = ${user.id} order by due_at, id limit ${want})`);
    // Tasks taken by an officer whose post is delegated to this user today.
    for (const g of user.roles.filter((r) => r.delegatedFrom && r.office !== null)) {
      branches.push(
        sql`(select ${cols} from runtime_tasks where status = 'open' and claimed_by is not null and claimed_by = ${g.delegatedFrom!.id} and office = ${g.office} and role = ${g.role} order by due_at, id limit ${want})`,
      );
    }
  } else {
    const grants = officerGrantsOf(user).filter((g) => !q.office || g.office === q.office);
    for (const g of grants) {
      branches.push(
        sql`(select ${cols} from runtime_tasks where status = 'open' and assignee is null and office = ${g.office} and role = ${g.role} and claimed_by is null order by due_at, id limit ${want})`,
      );
    }
  }
  if (branches.length === 0) return { items: [], limit, offset, hasMore: false };
  const union = sql.join(branches, sql` union `);
  const { rows } = await sql<Parameters<typeof toTask>[0]>`select * from (${union}) t order by due_at, id limit ${limit + 1} offset ${offset}`.execute(db);
  const items = rows.slice(0, limit).map((r) => taskView(toTask(r)));
  return { items, limit, offset, hasMore: rows.length > limit };
}

async function taskForActor(db: Kysely<Database>, user: SessionUser, id: string, may: (u: SessionUser, t: TaskRow) => boolean = canActOnTask): Promise<TaskRow> {
  const r = await db.selectFrom('runtime_tasks').selectAll().where('id', '=', id).executeTakeFirst();
  // A task the user may not act on is reported as absent: its existence is not theirs to know.
  if (!r || !may(user, toTask(r))) throw new RuntimeError('TASK_NOT_FOUND', 'Tugas tidak ditemukan', { id });
  return toTask(r);
}

/** Its queue acts on it; its office's supervisors read it. */
export async function getTask(db: Kysely<Database>, user: SessionUser, id: string) {
  return taskView(await taskForActor(db, user, id, canSeeTask));
}

/**
 * Sets who holds an open task and logs the change for the inboxes (workspace_changes, see
 * migration 0008) in the same statement. Undefined when `holder` does not match. The statement
 * also answers the row's new version, so this server's row cache keeps the task as claimed and
 * the claimer's completion that follows starts without a read (runtime-row-cache.ts `claimed`).
 */
async function setClaim(db: Kysely<Database>, id: string, claimedBy: string | null, holder: (eb: ExpressionBuilder<Database, 'runtime_tasks'>) => Expression<SqlBool>) {
  const r = await db
    .with('changed', (qb) =>
      qb
        .updateTable('runtime_tasks')
        .set({ claimed_by: claimedBy })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .where(holder)
        .returningAll()
        .returning(sql<string>`xmin::text`.as('row_xmin')),
    )
    .with('logged', (qb) =>
      qb
        .insertInto('workspace_changes')
        .columns(['office', 'user_id', 'kind', 'ref'])
        .expression((eb) => eb.selectFrom('changed').select(['office', 'assignee', sql.lit('task').as('kind'), 'id'])),
    )
    .selectFrom('changed')
    .selectAll()
    .executeTakeFirst();
  return r && claimedRow(db, r);
}

/** A task row a claim statement returned (with its new version): told to the row cache. */
function claimedRow(db: Kysely<Database>, r: Selectable<RuntimeTasksTable> & { row_xmin: string }): Selectable<RuntimeTasksTable> {
  const { row_xmin, ...row } = r;
  rowCacheFor(db).claimed(toTask(row), row_xmin);
  return row;
}

export async function claimTask(db: Kysely<Database>, user: SessionUser, id: string) {
  // Who may act is part of the claim statement (one round trip when it succeeds); a refusal is
  // then explained by reading the task, with the same answers as before.
  const r = await setClaim(db, id, user.id, (eb) => eb.and([mayActOnTaskSql(eb, user), eb.or([eb('claimed_by', 'is', null), eb('claimed_by', '=', user.id)])]));
  if (!r) {
    await taskForActor(db, user, id);
    const now = await db.selectFrom('runtime_tasks').select(['status', 'claimed_by']).where('id', '=', id).executeTakeFirstOrThrow();
    if (now.status !== 'open') throw new RuntimeError('TASK_ALREADY_COMPLETED', 'Tugas sudah diselesaikan', { id, status: now.status });
    throw new RuntimeError('TASK_NOT_CLAIMABLE', 'Tugas sudah diambil petugas lain', { id, claimedBy: now.claimed_by });
  }
  return taskView(toTask(r));
}

/** mayActOnTask as a condition on runtime_tasks (the assignee, or a holder of the role in the office). */
function mayActOnTaskSql(eb: ExpressionBuilder<Database, 'runtime_tasks'>, user: SessionUser): Expression<SqlBool> {
  const grants = officerGrantsOf(user);
  return eb.or([
    eb('assignee', '=', user.id),
    eb.and([eb('assignee', 'is', null), eb('claimed_by', '=', user.id)]),
    eb.and([eb('assignee', 'is', null), eb.or(grants.length === 0 ? [eb.lit(false)] : grants.map((g) => eb.and([eb('role', '=', g.role), eb('office', '=', g.office)])))]),
  ]);
}

export interface TakeNextInput {
  role: string;
  office: string;
  processKey?: string;
}

/**
 * "Ambil tugas berikutnya": claims the first task of the caller's Tersedia inbox for one of their
 * posts (role × office; optionally one process), in the inbox's order (due time, then id), in ONE
 * statement. FOR UPDATE SKIP LOCKED: two officers taking at the same moment get two different
 * tasks, and neither waits for the other. Null when none is available. The row cache is told the
 * claim (setClaim), so the completion that follows starts without a read.
 */
/**
 * The take-next statement, a named prepared statement (db/prepared.ts): its partial-index range is
 * the Tersedia queue of one post; the inboxes' change row is written by the same statement.
 */
const TAKE_NEXT_SQL = preparedStatement(
  'sop_take_next',
  `with picked as (
     select id from runtime_tasks
      where status = 'open' and assignee is null and office = $1 and role = $2 and claimed_by is null and ($3::text is null or process_key = $3::text)
      order by due_at, id limit 1 for update skip locked),
   changed as (
     update runtime_tasks t set claimed_by = $4 from picked
      where t.id = picked.id and t.status = 'open' and t.claimed_by is null
      returning t.*, t.xmin::text as row_xmin),
   logged as (
     insert into workspace_changes (office, user_id, kind, ref) select office, assignee, 'task', id from changed)
   select * from changed`,
);

export async function takeNextTask(db: Kysely<Database>, user: SessionUser, input: TakeNextInput) {
  if (!officerGrantsOf(user).some((g) => g.role === input.role && g.office === input.office)) {
    throw new RuntimeError('NOT_ALLOWED', 'Anda tidak memegang peran ini di kantor tersebut', { role: input.role, office: input.office });
  }
  const { rows } = await db.executeQuery<Selectable<RuntimeTasksTable> & { row_xmin: string }>(
    CompiledQuery.raw(TAKE_NEXT_SQL, [input.office, input.role, input.processKey ?? null, user.id]),
  );
  const r = rows[0];
  return { task: r ? taskView(toTask(claimedRow(db, r))) : null };
}

export async function unclaimTask(db: Kysely<Database>, user: SessionUser, id: string) {
  const t = await taskForActor(db, user, id);
  const r = await setClaim(db, id, null, (eb) => (canReleaseClaim(user, t) ? eb('claimed_by', 'is not', null) : eb('claimed_by', '=', user.id)));
  if (!r) throw new RuntimeError('TASK_NOT_CLAIMABLE', 'Tugas tidak sedang Anda ambil', { id });
  return taskView(toTask(r));
}

/**
 * `opts.postgres`: the database is PostgreSQL (the step's write is sent with its COMMIT).
 * `opts.claimNext`: the queue tasks this completion opens that the same user may do ("the next
 * step is yours") are claimed for them in the same statement, so a colleague's "Ambil tugas
 * berikutnya" does not take the step they are about to do.
 */
export async function completeTask(
  db: Kysely<Database>,
  user: SessionUser,
  id: string,
  variables: Variables,
  opts: { postgres?: boolean; claimNext?: boolean; signing?: { passphrase: string; origin: string } } = {},
) {
  // Authorized on the task as read under the instance lock (no read of its own before the step):
  // the same checks, in the same order, as taskForActor + the claim check.
  const authorize = (t: TaskRow) => {
    if (!mayActOnTask(user, t)) throw new RuntimeError('TASK_NOT_FOUND', 'Tugas tidak ditemukan', { id });
    // A delegate acts "atas nama" the officer whose post it is, also on the tasks that officer had taken.
    const delegated = t.assignee === null ? delegatedPostFor(user, t) : undefined;
    if (t.claimedBy !== null && t.claimedBy !== user.id && t.claimedBy !== delegated?.delegatedFrom?.id) {
      throw new RuntimeError('TASK_NOT_CLAIMABLE', 'Tugas sedang dikerjakan petugas lain', { id, claimedBy: t.claimedBy });
    }
    return delegated?.delegatedFrom ? { onBehalf: t.onBehalf, details: { atasNama: delegated.delegatedFrom.username } } : { onBehalf: t.onBehalf };
  };
  const step = (store: KyselyRuntimeStore, trx?: Transaction<Database>) => {
    if (opts.claimNext) store.claimOpenedFor = { by: user.id, may: (t) => mayActOnTask(user, t) };
    // A signing step issues its signed document inside this step's transaction (server/documents/issue.ts).
    const signing = opts.signing;
    const sign =
      signing && trx
        ? (req: SigningRequest) =>
            signOnStep(trx, { actor: user.id, role: req.task.role, instanceId: req.task.instanceId, office: req.office, model: req.model, output: req.node.output, variables: req.variables, inputs: req.inputs, passphrase: signing.passphrase, origin: signing.origin })
        : undefined;
    return engineFor(db).completeTask(store, { taskId: id, actor: user.id, variables, authorize, ...(sign ? { sign } : {}) });
  };
  let jobsQueued = true;
  const onPostgres = async () => {
    const r = (await optimisticStep(db, id, step)) ?? (await inCommittingStep(db, step));
    jobsQueued = r.store.jobsQueued;
    return r.out;
  };
  // A signing step runs in a transaction of its own (the document is rendered and signed in it), never optimistically.
  const run = opts.signing ? inStep(db, (store, trx) => step(store, trx)) : opts.postgres ? onPostgres() : inStep(db, (store) => step(store));
  const { instance, task, created } = await run.catch((e: unknown) => {
    // An absent task is reported exactly as before (as taskForActor does), whoever noticed it.
    if (e instanceof RuntimeError && e.code === 'TASK_NOT_FOUND') throw new RuntimeError('TASK_NOT_FOUND', 'Tugas tidak ditemukan', { id });
    throw e;
  });
  // The worker is woken only for jobs this step queued (a timer or service task after the task).
  if (jobsQueued) kickWorker(db);
  return {
    task: taskView(task),
    instance: { id: instance.id, status: instance.status, activeElements: activeElements(instance.tokens) },
    // The steps this completion opened that the same user may do next ("the next step is yours").
    nextTasks: created.filter((c) => mayActOnTask(user, c)).map((c) => ({ id: c.id, elementId: c.elementId, elementName: c.elementName, instanceId: c.instanceId })),
  };
}

/* ---------------- messages ---------------- */

/**
 * A message from outside (a cashier's "payment received"): delivered only to applications the
 * sender may reach (core/access.ts canSendMessage: their offices, or any office with the
 * system-issued key, by a role the model lets send it), and a message start only at an office
 * that exists and offers the process.
 */
export async function correlateMessage(db: Kysely<Database>, user: SessionUser, msg: Omit<MessageCommand, 'authorize' | 'startedBy'>) {
  if (!maySendMessages(user)) throw new RuntimeError('MESSAGE_NOT_ALLOWED', 'Pesan hanya dapat dikirim petugas atau sistem');
  // Read through the step's transaction (PGlite has one connection: the outer handle would wait for the step).
  const authorize = (conn: Kysely<Database>) => async (target: MessageTarget) => {
    if (target.kind === 'start') await assertOfficeOffers(conn, target.office, target.processKey);
    return canSendMessage(user, target);
  };
  // A registration number names its application as the system-issued key (its id) does (issue 21).
  const correlationKey = (await applicationOfRegistrationNumber(db, msg.correlationKey)) ?? msg.correlationKey;
  const out = await inStep(db, (store, trx) => engineFor(db).correlate(store, { ...msg, correlationKey, startedBy: user.id, authorize: authorize(trx) }));
  kickWorker(db);
  return out;
}

/**
 * An officer broadcasts a signal in their office. Who may send which signal is declared in the
 * models (`sop:senders` on bpmn:signal, over the current publications): the sender must hold one
 * of those roles in that office. One step: the waiting catches and the signal starts together.
 */
export async function sendSignal(db: Kysely<Database>, user: SessionUser, sig: Omit<SignalCommand, 'startedBy'>) {
  const out = await inStep(db, async (store) => {
    const engine = engineFor(db);
    const senders = new Set<string>();
    let declared = false;
    for (const pub of await store.currentPublications(new Date())) {
      const declaration = (await engine.model(store, pub.key, pub.n)).signals[sig.name];
      if (!declaration) continue;
      declared = true;
      for (const r of declaration.senders) senders.add(r);
    }
    if (!declared) throw new AppError('SIGNAL_NOT_DECLARED', `Sinyal "${sig.name}" tidak dideklarasikan proses mana pun yang berlaku`);
    if (!user.roles.some((r) => r.office === sig.office && senders.has(r.role))) {
      throw new RuntimeError('NOT_ALLOWED', `Sinyal "${sig.name}" hanya dapat dikirim oleh ${[...senders].join(', ') || '(tidak ada peran)'} di kantor ${sig.office}`);
    }
    return engine.signal(store, { ...sig, startedBy: user.id });
  });
  kickWorker(db);
  return out;
}

/* ---------------- jobs: timers and asynchronous service tasks ---------------- */

const MAX_JOB_ATTEMPTS = 5;

/**
 * Takes one due job with FOR UPDATE SKIP LOCKED and runs it in the same transaction as the
 * step it causes, then deletes it: several server processes each take a job at most once,
 * and a crash before commit leaves the job for the next taker. Returns false when none is due.
 */
export async function runOneJob(db: Kysely<Database>, now: Date = new Date()): Promise<boolean> {
  await calendarCache(db).ready();
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
  return took;
}

/* ---------------- timer start events ---------------- */

/**
 * Takes one due timer start schedule (runtime_timer_starts, written at publication) with FOR
 * UPDATE SKIP LOCKED and, in the same transaction: starts its instances if its publication is the
 * one in force at the due time; drops the schedule if a newer publication is in force (that one
 * has its own); skips the occurrence if its publication is not in force yet. Then the schedule
 * moves to its next occurrence or is deleted. Several servers fire each occurrence once.
 * Returns false when none is due.
 */
export async function runOneTimerStart(db: Kysely<Database>, now: Date = new Date()): Promise<boolean> {
  await calendarCache(db).ready();
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
  // The instances it started may have queued jobs (a service task first).
  if (took) kickWorker(db);
  return took;
}

/** Runs due jobs and timer start events until none is left (tests, CLI); returns how many ran. */
export async function drainJobs(db: Kysely<Database>, now?: Date, max = 10_000): Promise<number> {
  let n = 0;
  while (n < max && ((await runOneJob(db, now)) || (await runOneTimerStart(db, now)))) n++;
  return n;
}

const kicks = new WeakMap<Kysely<Database>, () => void>();
/** After a step that may have queued an immediate job, wake this process's worker. */
function kickWorker(db: Kysely<Database>): void {
  kicks.get(db)?.();
}

export interface JobWorker {
  stop(): Promise<void>;
}

/** Polls for due jobs (every `intervalMs`, and at once when a step on this process queued one). */
export function startJobWorker(db: Kysely<Database>, opts: { intervalMs?: number; onError?: (e: unknown) => void } = {}): JobWorker {
  const interval = opts.intervalMs ?? 500;
  let stopped = false;
  let wake: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  kicks.set(db, () => wake?.());
  const loop = (async () => {
    while (!stopped) {
      try {
        while (!stopped && ((await runOneJob(db)) || (await runOneTimerStart(db)))) {
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
    async stop() {
      stopped = true;
      kicks.delete(db);
      wake?.();
      await loop;
    },
  };
}

/** Where an instance stands: its tokens' elements, without the waiting starts of event sub-processes (not begun). */
function activeElements(tokens: Token[]): string[] {
  return [...new Set(tokens.filter((t) => !t.data?.listener).map((t) => t.element))];
}
