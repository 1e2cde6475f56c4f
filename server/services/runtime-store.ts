import { sql, type Compilable, type Kysely, type RawBuilder, type Selectable, type Transaction } from 'kysely';
import type { Database } from '../db/index.js';
import type { RuntimeInstancesTable, RuntimeTasksTable } from '../db/tables/runtime.js';
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
const INSTANCE_COLUMNS = sql.raw([...INSTANCE_FIELDS.map((f) => `i.${f}`), 'i.variables::text as variables_text'].join(', '));
const TASK_FIELDS = [
  'id', 'instance_id', 'token_id', 'process_key', 'process_name', 'publication', 'element_id', 'element_name', 'role', 'office', 'assignee',
  'on_behalf', 'business_key', 'due_at', 'claimed_by', 'status', 'created_at', 'completed_at', 'completed_by', 'form', 'documents', 'instruction', 'item',
] as const satisfies ReadonlyArray<keyof RuntimeTasksTable>;
type PrefixedTask = { [K in (typeof TASK_FIELDS)[number] as `t_${K}`]: Selectable<RuntimeTasksTable>[K] };
const TASK_COLUMNS_PREFIXED = sql.raw(TASK_FIELDS.map((f) => `t.${f} as t_${f}`).join(', '));

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
  constructor(
    private readonly db: Db,
    private readonly opts: { notifyAfterCommit?: boolean; commitWithWrite?: boolean } = {},
  ) {}

  /** An instance row read with its variables as text (parsed here once; kept to compare at write). */
  private instanceOf(r: InstanceRowWithText): InstanceState {
    const variables = JSON.parse(r.variables_text) as Record<string, unknown>;
    // Kept as JSON.stringify writes it (jsonb's text form spaces differently), to compare at write.
    this.variablesRead.set(r.id, JSON.stringify(variables));
    return toInstance({ ...r, variables });
  }

  async lockInstance(id: string): Promise<InstanceState | undefined> {
    const { rows } = await sql<InstanceRowWithText>`select ${INSTANCE_COLUMNS} from runtime_instances i where i.id = ${id} for update`.execute(this.db);
    return rows[0] ? this.instanceOf(rows[0]) : undefined;
  }

  /**
   * FOR UPDATE OF i, t: the instance is locked first (as every step does), then the task row, and
   * both are returned as they are once the locks are held — a completion that waited behind
   * another sees the task that one closed. One round trip instead of three.
   */
  async lockTaskInstance(taskId: string): Promise<{ task: TaskRow; instance: InstanceState } | undefined> {
    const { rows } = await sql<InstanceRowWithText & PrefixedTask>`select ${INSTANCE_COLUMNS}, ${TASK_COLUMNS_PREFIXED}
      from runtime_tasks t join runtime_instances i on i.id = t.instance_id
      where t.id = ${taskId} for update of i, t`.execute(this.db);
    const r = rows[0];
    if (!r) return undefined;
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
    if (this.opts.commitWithWrite && (await this.writeCommonStepWithCommit(c))) return;
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
   * commitWithWrite, the common step (a task completed, the instance moved on, maybe a next task
   * and history): the same statement as write() builds with kysely, its SQL text written directly
   * with inlined constants (see runtime-sql.ts) and sent with the COMMIT. The query builder was the
   * largest CPU item left in a completion. Any other kind of change: false, write() does it.
   */
  private async writeCommonStepWithCommit(c: StepChanges): Promise<boolean> {
    if (c.instancesInserted.length > 0 || c.jobsInserted.length > 0 || c.jobsOfTokensDeleted.length > 0) return false;
    if (c.subscriptionsInserted.length > 0 || c.subscriptionsOfTokensDeleted.length > 0) return false;
    const L = (v: unknown): string => {
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
      cte(
        `update "runtime_instances" set "status" = ${L(i.status)}, ${same ? '' : `"variables" = ${L(variables)}, `}"tokens" = ${L(json(i.tokens))}, ` +
          `"updated_at" = ${L(now)}, "ended_at" = ${L(i.endedAt)}, "outcome" = ${L(i.outcome)} where "id" = ${L(i.id)}`,
      );
    }
    for (const t of closes.values()) {
      cte(
        `update "runtime_tasks" set "status" = ${L(t.status)}, "completed_at" = ${L(t.at)}, "completed_by" = ${L(t.by)}${t.onBehalf ? ', "on_behalf" = true' : ''} where "id" = ${L(t.id)}`,
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
    const tail = deferNotify ? `set_config('sop.notify_after_commit', 'on', true)` : '1';
    await sql.raw(`with ${parts.join(', ')} select ${tail};\ncommit`).execute(this.db);
    this.committed = true;
    return true;
  }
}
