import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database } from '../db/index.js';
import type { RuntimeInstancesTable, RuntimeTasksTable } from '../db/tables/runtime.js';
import type {
  InstanceState,
  InstanceStatus,
  PublicationRef,
  RuntimeStore,
  StepChanges,
  SubscriptionRow,
  TaskRow,
  TaskStatus,
  Token,
  WalkInApplicant,
} from '../../runtime/store.js';
import { todayInJakarta } from './dates.js';

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

/**
 * The runtime's store port on kysely (PostgreSQL and PGlite), bound to one transaction.
 * A step is written as a handful of statements: each kind of change is one multi-row
 * statement, and most steps have only an instance update, a task update, a task insert
 * and a history insert.
 */
export class KyselyRuntimeStore implements RuntimeStore {
  constructor(private readonly db: Db) {}

  async lockInstance(id: string): Promise<InstanceState | undefined> {
    const r = await this.db.selectFrom('runtime_instances').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    return r ? toInstance(r) : undefined;
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

  async write(c: StepChanges): Promise<void> {
    const db = this.db;
    const now = new Date();
    if (c.instancesInserted.length > 0) {
      await db
        .insertInto('runtime_instances')
        .values(
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
        )
        .execute();
    }
    for (const i of c.instancesUpdated) {
      await db
        .updateTable('runtime_instances')
        .set({ status: i.status, variables: json(i.variables), tokens: json(i.tokens), updated_at: now, ended_at: i.endedAt, outcome: i.outcome })
        .where('id', '=', i.id)
        .execute();
    }
    for (const t of c.tasksClosed) {
      await db
        .updateTable('runtime_tasks')
        .set({ status: t.status, completed_at: t.at, completed_by: t.by, ...(t.onBehalf ? { on_behalf: true } : {}) })
        .where('id', '=', t.id)
        .execute();
    }
    if (c.tasksInserted.length > 0) {
      await db
        .insertInto('runtime_tasks')
        .values(
          c.tasksInserted.map((t) => ({
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
        )
        .execute();
    }
    if (c.jobsOfTokensDeleted.length > 0) {
      // SKIP LOCKED: a job a worker holds right now is left to it; the worker finds its token
      // gone and drops it. So this step never waits on a worker (and no lock cycle can form).
      await sql`delete from runtime_jobs where id in (
        select id from runtime_jobs where token_id = any(${c.jobsOfTokensDeleted}) for update skip locked)`.execute(db);
    }
    if (c.subscriptionsOfTokensDeleted.length > 0) {
      await db.deleteFrom('runtime_subscriptions').where('token_id', 'in', c.subscriptionsOfTokensDeleted).execute();
    }
    if (c.jobsInserted.length > 0) {
      await db
        .insertInto('runtime_jobs')
        .values(
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
        )
        .execute();
    }
    if (c.subscriptionsInserted.length > 0) {
      await db
        .insertInto('runtime_subscriptions')
        .values(
          c.subscriptionsInserted.map((s) => ({
            instance_id: s.instanceId,
            token_id: s.tokenId,
            element_id: s.elementId,
            message_name: s.messageName,
            correlation_key: s.correlationKey,
          })),
        )
        .execute();
    }
    if (c.history.length > 0) {
      await db
        .insertInto('runtime_history')
        .values(
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
        )
        .execute();
    }
  }
}
