import { createHash } from 'node:crypto';
import { CompiledQuery, sql, type Compilable, type Kysely, type RawBuilder, type Selectable, type Transaction } from 'kysely';
import type { Database } from '../db/index.js';
import { preparedStatement } from '../db/prepared.js';
import type { RuntimeInstancesTable, RuntimeTasksTable } from '../db/tables/runtime.js';
import type { RuleEvaluator } from '../../runtime/rules-port.js';
import type {
  InstanceState,
  InstanceStatus,
  PublicationRef,
  RuntimeStore,
  StepChanges,
  SubscriptionRow,
  TaskClose,
  TaskRow,
  TaskStatus,
  Token,
  WalkInApplicant,
} from '../../runtime/store.js';
import { todayInJakarta } from './dates.js';
import { inlineParameters, literal } from './runtime-sql.js';

type Db = Kysely<Database> | Transaction<Database>;

const json = (v: unknown): string => JSON.stringify(v ?? null);

export function toInstance(r: Selectable<RuntimeInstancesTable>): InstanceState {
  return {
    id: r.id,
    processKey: r.process_key,
    processName: r.process_name,
    publication: r.publication,
    office: r.office,
    businessKey: r.business_key,
    applicantUserId: r.applicant_user_id,
    applicant: (r.applicant as WalkInApplicant | null) ?? null,
    startedBy: r.started_by,
    status: r.status as InstanceStatus,
    variables: r.variables,
    tokens: r.tokens as Token[],
    parentInstanceId: r.parent_instance_id,
    parentTokenId: r.parent_token_id,
    createdAt: r.created_at,
    endedAt: r.ended_at,
    outcome: r.outcome,
  };
}

export function toTask(r: Selectable<RuntimeTasksTable>): TaskRow {
  return {
    id: r.id,
    instanceId: r.instance_id,
    tokenId: r.token_id,
    processKey: r.process_key,
    processName: r.process_name,
    publication: r.publication,
    elementId: r.element_id,
    elementName: r.element_name,
    role: r.role,
    office: r.office,
    assignee: r.assignee,
    onBehalf: r.on_behalf,
    businessKey: r.business_key,
    dueAt: r.due_at,
    claimedBy: r.claimed_by,
    status: r.status as TaskStatus,
    createdAt: r.created_at,
    completedAt: r.completed_at,
    completedBy: r.completed_by,
    form: r.form,
    documents: r.documents,
    instruction: r.instruction,
    item: r.item ?? null,
  };
}

type InstanceRowWithText = Omit<Selectable<RuntimeInstancesTable>, 'variables'> & { variables_text: string };
const INSTANCE_FIELDS = [
  'id', 'process_key', 'process_name', 'publication', 'office', 'business_key', 'applicant_user_id', 'applicant', 'started_by', 'status',
  'tokens', 'parent_instance_id', 'parent_token_id', 'created_at', 'updated_at', 'ended_at', 'outcome',
] as const;
const INSTANCE_COLUMN_LIST = [...INSTANCE_FIELDS.map((f) => `i.${f}`), 'i.variables::text as variables_text'].join(', ');
const INSTANCE_COLUMNS = sql.raw(INSTANCE_COLUMN_LIST);
const TASK_FIELDS = [
  'id', 'instance_id', 'token_id', 'process_key', 'process_name', 'publication', 'element_id', 'element_name', 'role', 'office', 'assignee',
  'on_behalf', 'business_key', 'due_at', 'claimed_by', 'status', 'created_at', 'completed_at', 'completed_by', 'form', 'documents', 'instruction', 'item',
] as const satisfies ReadonlyArray<keyof RuntimeTasksTable>;
type PrefixedTask = { [K in (typeof TASK_FIELDS)[number] as `t_${K}`]: Selectable<RuntimeTasksTable>[K] };
const TASK_COLUMNS_PREFIXED = TASK_FIELDS.map((f) => `t.${f} as t_${f}`).join(', ');
/**
 * The optimistic completion's read (see `optimistic`): no lock; the rows' xmin (the transaction
 * that wrote this version) is the version the guarded write checks.
 */
const READ_TASK_INSTANCE_SQL = preparedStatement(
  'sop_read_task_instance',
  `select ${INSTANCE_COLUMN_LIST}, ${TASK_COLUMNS_PREFIXED}, i.xmin::text as i_xmin, t.xmin::text as t_xmin from runtime_tasks t join runtime_instances i on i.id = t.instance_id where t.id = $1`,
);
/** Every completion starts with it: a named statement (db/prepared.ts). */
const LOCK_TASK_INSTANCE_SQL = preparedStatement(
  'sop_lock_task_instance',
  `select ${INSTANCE_COLUMN_LIST}, ${TASK_COLUMNS_PREFIXED} from runtime_tasks t join runtime_instances i on i.id = t.instance_id where t.id = $1 for update of i, t`,
);

/**
 * All CTEs of a step see the same snapshot, so its task changes are first made independent of
 * each other: a task closed in the step that inserted it is inserted closed, and a task closed
 * twice gets one update.
 */
function independentTaskChanges(c: StepChanges): { closes: Map<string, TaskClose>; inserted: TaskRow[] } {
    const closes = new Map<string, TaskClose>();
    for (const t of c.tasksClosed) {
      const prev = closes.get(t.id);
      closes.set(t.id, { ...t, onBehalf: t.onBehalf || (prev?.onBehalf ?? false) });
    }
    const inserted = c.tasksInserted.map((t) => {
      const close = closes.get(t.id);
      if (!close) return t;
      closes.delete(t.id);
      return { ...t, status: close.status, completedAt: close.at, completedBy: close.by, onBehalf: t.onBehalf || close.onBehalf };
    });
  return { closes, inserted };
}

/**
 * An optimistic step gives up (nothing was written): it needs a lock or a write the guarded
 * statement does not cover, or another step changed its instance or task since it read them.
 * The caller runs the step again the locking way, which gives the definitive answer.
 */
export class OptimisticStepAbandoned extends Error {
  constructor(readonly reason: 'lock-needed' | 'write-not-covered' | 'conflict') {
    super(`optimistic step abandoned: ${reason}`);
  }
}

/**
 * A guarded step statement's text depends only on the step's shape (how many tasks closed and
 * opened, whether the variables changed…), so the few shapes real models produce are each
 * parsed and planned once per connection, as named statements (db/prepared.ts). Past
 * MAX_STEP_SHAPES (a model with an unusual fan-out) a new shape is sent unnamed.
 */
const MAX_STEP_SHAPES = 256;
const stepShapes = new Set<string>();
function stepStatement(text: string): string {
  if (stepShapes.has(text) || stepShapes.size >= MAX_STEP_SHAPES) return text;
  stepShapes.add(text);
  return preparedStatement(`sop_step_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`, text);
}

/** SQLSTATE raised by runtime_step_conflict() (migration 0006) when a guarded write lost the race. */
export const STEP_CONFLICT_SQLSTATE = 'SOPCF';

/**
 * The runtime's store port on kysely (PostgreSQL and PGlite), bound to one transaction.
 * A step is written as a handful of statements: each kind of change is one multi-row
 * statement, and most steps have only an instance update, a task update, a task insert
 * and a history insert.
 */
export class KyselyRuntimeStore implements RuntimeStore {
  /** The variables JSON of each instance as read under its lock: an unchanged document is not written back. */
  private readonly variablesRead = new Map<string, string>();

  /** This transaction wrote task changes whose NOTIFY it left to the caller (see `notifyAfterCommit`). */
  tasksChanged = false;

  /** The step queued jobs (the caller wakes this process's worker only then). */
  jobsQueued = false;

  /** `commitWithWrite`: the step's write committed the transaction (the caller must not send COMMIT). */
  committed = false;

  /**
   * `notifyAfterCommit`: the caller sends the workspace NOTIFY after the commit
   * (notifyWorkspaceAfterCommit in runtime-notify.ts) when `tasksChanged`; see migration 0004.
   */
  /**
   * `commitWithWrite` (PostgreSQL, a transaction the caller opened with a plain BEGIN, one write
   * per step): the write is sent as one simple-protocol query `<step statement>; commit`, saving
   * the COMMIT round trip. The caller sends COMMIT itself when `committed` stays false.
   */
  /**
   * `optimistic` (PostgreSQL, no transaction open: each statement commits on its own): the task and
   * its instance are read without a lock, and the step's write is ONE statement guarded by the
   * versions read (the rows' xmin): it applies only if neither row changed meanwhile, else it
   * raises and nothing of it stays. A step that needs anything else (another instance's lock, a
   * job or a subscription) abandons before writing (OptimisticStepAbandoned). Two round trips and
   * no row locks instead of BEGIN, a locking read and a write with COMMIT.
   */
  constructor(
    private readonly db: Db,
    private readonly opts: { notifyAfterCommit?: boolean; commitWithWrite?: boolean; optimistic?: boolean; rules?: RuleEvaluator } = {},
  ) {
    this.rules = opts.rules;
  }

  /** The rule evaluator bound to this store's transaction (see RuntimeStore.rules). */
  readonly rules: RuleEvaluator | undefined;

  /** `optimistic`: the versions the guarded write checks (set by lockTaskInstance). */
  private guard: { instanceId: string; instanceXmin: string; taskId: string; taskXmin: string } | undefined;

  /** An instance row read with its variables as text (parsed here once; kept to compare at write). */
  private instanceOf(r: InstanceRowWithText): InstanceState {
    const variables = JSON.parse(r.variables_text) as Record<string, unknown>;
    // Kept as JSON.stringify writes it (jsonb's text form spaces differently), to compare at write.
    this.variablesRead.set(r.id, JSON.stringify(variables));
    return toInstance({ ...r, variables });
  }

  async lockInstance(id: string): Promise<InstanceState | undefined> {
    if (this.opts.optimistic) throw new OptimisticStepAbandoned('lock-needed');
    const { rows } = await sql<InstanceRowWithText>`select ${INSTANCE_COLUMNS} from runtime_instances i where i.id = ${id} for update`.execute(this.db);
    return rows[0] ? this.instanceOf(rows[0]) : undefined;
  }

  /**
   * FOR UPDATE OF i, t: the instance is locked first (as every step does), then the task row, and
   * both are returned as they are once the locks are held — a completion that waited behind
   * another sees the task that one closed. One round trip instead of three.
   */
  async lockTaskInstance(taskId: string): Promise<{ task: TaskRow; instance: InstanceState } | undefined> {
    const { rows } = await this.db.executeQuery<InstanceRowWithText & PrefixedTask & { i_xmin: string; t_xmin: string }>(
      CompiledQuery.raw(this.opts.optimistic ? READ_TASK_INSTANCE_SQL : LOCK_TASK_INSTANCE_SQL, [taskId]),
    );
    const r = rows[0];
    if (!r) return undefined;
    if (this.opts.optimistic) this.guard = { instanceId: r.id, instanceXmin: r.i_xmin, taskId: r.t_id, taskXmin: r.t_xmin };
    const task = Object.fromEntries(TASK_FIELDS.map((f) => [f, r[`t_${f}`]])) as unknown as Selectable<RuntimeTasksTable>;
    return { instance: this.instanceOf(r), task: toTask(task) };
  }

  async getTask(id: string): Promise<TaskRow | undefined> {
    const r = await this.db.selectFrom('runtime_tasks').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toTask(r) : undefined;
  }

  async currentPublication(key: string, at: Date): Promise<PublicationRef | undefined> {
    const r = await this.db
      .selectFrom('publications')
      .select(['key', 'n'])
      .where('kind', '=', 'process')
      .where('key', '=', key)
      .where('effective_from', '<=', todayInJakarta(at))
      .orderBy('n', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r ? { key: r.key, n: r.n } : undefined;
  }

  async currentPublications(at: Date): Promise<PublicationRef[]> {
    const rows = await this.db
      .selectFrom('publications')
      .select(['key', sql<number>`max(n)`.as('n')])
      .where('kind', '=', 'process')
      .where('effective_from', '<=', todayInJakarta(at))
      .groupBy('key')
      .execute();
    return rows.map((r) => ({ key: r.key, n: Number(r.n) }));
  }

  async publicationXml(key: string, n: number): Promise<string> {
    const r = await this.db.selectFrom('publications').select('content').where('kind', '=', 'process').where('key', '=', key).where('n', '=', n).executeTakeFirstOrThrow();
    return r.content;
  }

  async findSubscriptions(messageName: string, correlationKey: string): Promise<SubscriptionRow[]> {
    const rows = await this.db
      .selectFrom('runtime_subscriptions')
      .select(['instance_id', 'token_id', 'element_id', 'message_name', 'correlation_key'])
      .where('message_name', '=', messageName)
      .where('correlation_key', '=', correlationKey)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ instanceId: r.instance_id, tokenId: r.token_id, elementId: r.element_id, messageName: r.message_name, correlationKey: r.correlation_key }));
  }

  /**
   * The whole step in ONE statement: each kind of change is a data-modifying CTE (multi-row
   * where it can be). All CTEs see the same snapshot, so the change lists are first made
   * independent of each other: a task closed in the step that inserted it is inserted closed,
   * and a task closed twice gets one update. Deletions of jobs and subscriptions only ever target
   * rows of earlier steps (as before, when they ran before this step's inserts).
   */
  async write(c: StepChanges): Promise<void> {
    // commitWithWrite: a second write would run outside the committed transaction.
    if (this.committed) throw new Error('this step has already committed its write');
    if (this.opts.optimistic) {
      if (!(await this.writeCommonStep(c, 'guarded'))) throw new OptimisticStepAbandoned('write-not-covered');
      return;
    }
    if (this.opts.commitWithWrite && (await this.writeCommonStep(c, 'commit'))) return;
    const db = this.db;
    const now = new Date();
    const parts: RawBuilder<unknown>[] = [];
    const cte = (q: Compilable | RawBuilder<unknown>) => parts.push(sql`w${sql.raw(String(parts.length))} as (${q})`);

    const { closes, inserted } = independentTaskChanges(c);

    if (c.instancesInserted.length > 0) {
      cte(
        db.insertInto('runtime_instances').values(
          c.instancesInserted.map((i) => ({
            id: i.id,
            process_key: i.processKey,
            process_name: i.processName,
            publication: i.publication,
            office: i.office,
            business_key: i.businessKey,
            applicant_user_id: i.applicantUserId,
            applicant: i.applicant ? json(i.applicant) : null,
            started_by: i.startedBy,
            status: i.status,
            variables: json(i.variables),
            tokens: json(i.tokens),
            parent_instance_id: i.parentInstanceId,
            parent_token_id: i.parentTokenId,
            created_at: i.createdAt,
            updated_at: now,
            ended_at: i.endedAt,
            outcome: i.outcome,
          })),
        ),
      );
    }
    for (const i of c.instancesUpdated) {
      // An unchanged variables document is left alone: no re-parse of a large jsonb (and its
      // TOASTed value is kept as it is) when a step only moves tokens.
      const variables = json(i.variables);
      const same = this.variablesRead.get(i.id) === variables;
      this.variablesRead.set(i.id, variables);
      cte(
        db
          .updateTable('runtime_instances')
          .set({ status: i.status, ...(same ? {} : { variables }), tokens: json(i.tokens), updated_at: now, ended_at: i.endedAt, outcome: i.outcome })
          .where('id', '=', i.id),
      );
    }
    for (const t of closes.values()) {
      cte(
        db
          .updateTable('runtime_tasks')
          .set({ status: t.status, completed_at: t.at, completed_by: t.by, ...(t.onBehalf ? { on_behalf: true } : {}) })
          .where('id', '=', t.id),
      );
    }
    if (inserted.length > 0) {
      cte(
        db.insertInto('runtime_tasks').values(
          inserted.map((t) => ({
            id: t.id,
            instance_id: t.instanceId,
            token_id: t.tokenId,
            process_key: t.processKey,
            process_name: t.processName,
            publication: t.publication,
            element_id: t.elementId,
            element_name: t.elementName,
            role: t.role,
            office: t.office,
            assignee: t.assignee,
            on_behalf: t.onBehalf,
            business_key: t.businessKey,
            due_at: t.dueAt,
            claimed_by: t.claimedBy,
            status: t.status,
            created_at: t.createdAt,
            completed_at: t.completedAt,
            completed_by: t.completedBy,
            form: t.form,
            documents: json(t.documents),
            instruction: t.instruction,
            item: t.item === null || t.item === undefined ? null : json(t.item),
          })),
        ),
      );
    }
    if (c.jobsOfTokensDeleted.length > 0) {
      // SKIP LOCKED: a job a worker holds right now is left to it; the worker finds its token
      // gone and drops it. So this step never waits on a worker (and no lock cycle can form).
      cte(sql`delete from runtime_jobs where id in (
        select id from runtime_jobs where token_id = any(${c.jobsOfTokensDeleted}) for update skip locked)`);
    }
    if (c.subscriptionsOfTokensDeleted.length > 0) {
      cte(db.deleteFrom('runtime_subscriptions').where('token_id', 'in', c.subscriptionsOfTokensDeleted));
    }
    if (c.jobsInserted.length > 0) {
      cte(
        db.insertInto('runtime_jobs').values(
          c.jobsInserted.map((j) => ({
            id: j.id,
            instance_id: j.instanceId,
            token_id: j.tokenId,
            element_id: j.elementId,
            kind: j.kind,
            due_at: j.dueAt,
            attempts: j.attempts,
            status: 'pending',
            last_error: null,
          })),
        ),
      );
    }
    if (c.subscriptionsInserted.length > 0) {
      cte(
        db.insertInto('runtime_subscriptions').values(
          c.subscriptionsInserted.map((s) => ({
            instance_id: s.instanceId,
            token_id: s.tokenId,
            element_id: s.elementId,
            message_name: s.messageName,
            correlation_key: s.correlationKey,
          })),
        ),
      );
    }
    if (c.history.length > 0) {
      cte(
        db.insertInto('runtime_history').values(
          c.history.map((h) => ({
            instance_id: h.instanceId,
            element_id: h.elementId,
            element_name: h.elementName,
            element_kind: h.elementKind,
            event: h.event,
            actor: h.actor,
            on_behalf: h.onBehalf,
            started_at: h.startedAt,
            ended_at: h.endedAt,
            due_at: h.dueAt,
            sla_ms: h.slaMs,
            task_id: h.taskId,
            details: h.details ? json(h.details) : null,
          })),
        ),
      );
    }
    if (c.jobsInserted.length > 0) this.jobsQueued = true;
    if (parts.length === 0) return;
    // The task trigger's change rows are written at the end of this statement; its NOTIFY is
    // skipped for the rest of the transaction when the caller sends it after the commit.
    const deferNotify = this.opts.notifyAfterCommit === true && (inserted.length > 0 || closes.size > 0);
    if (deferNotify) this.tasksChanged = true;
    const statement = sql`with ${sql.join(parts)} select ${deferNotify ? sql`set_config('sop.notify_after_commit', 'on', true)` : sql`1`}`;
    if (this.opts.commitWithWrite) {
      // Parameters inlined exactly as node-postgres would send them (untyped text), since a
      // simple query carries none; on an error PostgreSQL skips the commit and the caller rolls back.
      const inlined = inlineParameters(statement.compile(db));
      if (inlined !== undefined) {
        await sql.raw(`${inlined};\ncommit`).execute(db);
        this.committed = true;
        return;
      }
    }
    await statement.execute(db);
  }
  /**
   * The common step (a task completed, the instance moved on, maybe a next task and history): the
   * same statement as write() builds with kysely, its SQL text written directly with inlined
   * constants (see runtime-sql.ts) — the query builder was the largest CPU item left in a completion.
   * 'commit' (commitWithWrite): sent with the COMMIT. 'guarded' (optimistic): sent on its own, the
   * guarded instance and task updated only at the versions read, else runtime_step_conflict()
   * raises and the statement leaves nothing. Any other kind of change: false (nothing sent).
   */
  private async writeCommonStep(c: StepChanges, mode: 'commit' | 'guarded'): Promise<boolean> {
    if (c.instancesInserted.length > 0 || c.jobsInserted.length > 0 || c.jobsOfTokensDeleted.length > 0) return false;
    if (c.subscriptionsInserted.length > 0 || c.subscriptionsOfTokensDeleted.length > 0) return false;
    const guard = this.guard;
    if (mode === 'guarded') {
      // Only the instance and task read at their versions: anything else was not checked.
      if (!guard || c.instancesUpdated.length !== 1 || c.instancesUpdated[0].id !== guard.instanceId) return false;
      if (!c.tasksClosed.some((t) => t.id === guard.taskId)) return false;
    }
    const guardedCtes: string[] = [];
    // 'guarded' is one statement on its own: sent with parameters (as a named statement, see
    // stepStatement). 'commit' rides in a simple query with its COMMIT: constants inlined.
    const params: unknown[] = [];
    const L = (v: unknown): string => {
      if (mode === 'guarded') return `$${params.push(v)}`;
      const t = literal(v);
      if (t === undefined) throw new Error('a value without a text form');
      return t;
    };
    const now = new Date();
    const { closes, inserted } = independentTaskChanges(c);
    const parts: string[] = [];
    const cte = (q: string) => parts.push(`w${parts.length} as (${q})`);
    for (const i of c.instancesUpdated) {
      const variables = json(i.variables);
      const same = this.variablesRead.get(i.id) === variables;
      this.variablesRead.set(i.id, variables);
      const guarded = mode === 'guarded' && guard?.instanceId === i.id;
      if (guarded) guardedCtes.push(`w${parts.length}`);
      cte(
        `update "runtime_instances" set "status" = ${L(i.status)}, ${same ? '' : `"variables" = ${L(variables)}, `}"tokens" = ${L(json(i.tokens))}, ` +
          `"updated_at" = ${L(now)}, "ended_at" = ${L(i.endedAt)}, "outcome" = ${L(i.outcome)} where "id" = ${L(i.id)}` +
          (guarded ? ` and xmin = ${L(guard.instanceXmin)}::xid returning 1` : ''),
      );
    }
    for (const t of closes.values()) {
      const guarded = mode === 'guarded' && guard?.taskId === t.id;
      if (guarded) guardedCtes.push(`w${parts.length}`);
      cte(
        `update "runtime_tasks" set "status" = ${L(t.status)}, "completed_at" = ${L(t.at)}, "completed_by" = ${L(t.by)}${t.onBehalf ? ', "on_behalf" = true' : ''} where "id" = ${L(t.id)}` +
          (guarded ? ` and "status" = 'open' and xmin = ${L(guard.taskXmin)}::xid returning 1` : ''),
      );
    }
    if (inserted.length > 0) {
      const rows = inserted.map(
        (t) =>
          `(${[
            t.id, t.instanceId, t.tokenId, t.processKey, t.processName, t.publication, t.elementId, t.elementName, t.role, t.office, t.assignee,
            t.onBehalf, t.businessKey, t.dueAt, t.claimedBy, t.status, t.createdAt, t.completedAt, t.completedBy, t.form, json(t.documents),
            t.instruction, t.item === null || t.item === undefined ? null : json(t.item),
          ].map(L).join(', ')})`,
      );
      cte(
        `insert into "runtime_tasks" ("id", "instance_id", "token_id", "process_key", "process_name", "publication", "element_id", "element_name", "role", "office", "assignee", ` +
          `"on_behalf", "business_key", "due_at", "claimed_by", "status", "created_at", "completed_at", "completed_by", "form", "documents", "instruction", "item") values ${rows.join(', ')}`,
      );
    }
    if (c.history.length > 0) {
      const rows = c.history.map(
        (h) =>
          `(${[h.instanceId, h.elementId, h.elementName, h.elementKind, h.event, h.actor, h.onBehalf, h.startedAt, h.endedAt, h.dueAt, h.slaMs, h.taskId, h.details ? json(h.details) : null]
            .map(L)
            .join(', ')})`,
      );
      cte(
        `insert into "runtime_history" ("instance_id", "element_id", "element_name", "element_kind", "event", "actor", "on_behalf", "started_at", "ended_at", "due_at", "sla_ms", "task_id", "details") values ${rows.join(', ')}`,
      );
    }
    if (parts.length === 0) return false;
    const deferNotify = this.opts.notifyAfterCommit === true && (inserted.length > 0 || closes.size > 0);
    if (deferNotify) this.tasksChanged = true;
    const tail = deferNotify ? `set_config('sop.notify_after_commit', 'on', true)` : `'1'`;
    if (mode === 'commit') {
      await sql.raw(`with ${parts.join(', ')} select ${tail};\ncommit`).execute(this.db);
    } else {
      const won = guardedCtes.map((w) => `exists (select 1 from ${w})`).join(' and ');
      try {
        await this.db.executeQuery(CompiledQuery.raw(stepStatement(`with ${parts.join(', ')} select case when ${won} then ${tail} else runtime_step_conflict() end`), params));
      } catch (e) {
        if ((e as { code?: unknown }).code === STEP_CONFLICT_SQLSTATE) throw new OptimisticStepAbandoned('conflict');
        throw e;
      }
    }
    this.committed = true;
    return true;
  }
}
