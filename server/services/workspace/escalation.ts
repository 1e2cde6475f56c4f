import { sql, type Kysely } from 'kysely';
import { RuntimeError } from '../../../runtime/errors.js';
import type { Database } from '../../db/index.js';
import { AppError } from '../../errors.js';
import type { SessionUser } from '../accounts/accounts.js';
import { managesOffice } from '../cockpit/cockpit-access.js';
import { applicationNumber } from '../notifications/notification-notices.js';
import { notify } from '../notifications/notifications.js';
import { engineFor } from '../runtime/runtime.js';
import { KyselyRuntimeStore, toTask } from '../runtime/runtime-store.js';

/**
 * Escalation of late tasks and the supervisor's actions on them (issue 18).
 *
 * A task past its due time is escalated exactly once: the job marks it (`escalated_at`) with one
 * guarded UPDATE over rows taken FOR UPDATE SKIP LOCKED, so two servers running the job at once
 * never both take a task (and a waiting one re-checks `escalated_at is null` after the lock), then
 * in the same transaction records it in the instance history and notifies the supervisors.
 * Supervisors of a task: holders of its lane's `sop:supervisorRole` in the task's office, and
 * managers of that office (office null = every office).
 */
const BATCH = 200;
// Applicant-lane steps are never escalated (see the query), and left out of the job's index (migration 0014).
const SYSTEM_ACTOR = 'system';

interface LateTask {
  id: string;
  instance_id: string;
  process_key: string;
  publication: number;
  element_id: string;
  element_name: string;
  role: string;
  office: string;
  business_key: string | null;
  created_at: Date;
  due_at: Date;
}

/** The lane's sop:supervisorRole of a task's step (models are cached per publication). */
async function supervisorRoleOf(db: Kysely<Database>, conn: Kysely<Database>, t: { process_key: string; publication: number; element_id: string }): Promise<string | undefined> {
  // The server's engine caches the parsed model; a miss reads the publication through `conn`.
  const model = await engineFor(db).model(new KyselyRuntimeStore(conn), t.process_key, t.publication);
  return model.nodes[t.element_id]?.supervisorRole;
}

/** User ids of the task's supervisors (never the empty answer's fault: a manager of all offices is one). */
async function supervisorsOf(db: Kysely<Database>, office: string, supervisorRole: string | undefined): Promise<string[]> {
  const rows = await db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select('r.user_id')
    .distinct()
    .where('u.disabled', '=', false)
    .where((eb) =>
      eb.or([
        eb.and([eb('r.role', '=', 'manager'), eb.or([eb('r.office', '=', office), eb('r.office', 'is', null)])]),
        ...(supervisorRole ? [eb.and([eb('r.role', '=', supervisorRole), eb('r.office', '=', office)])] : []),
      ]),
    )
    .execute();
  return rows.map((r) => r.user_id);
}

/** Escalates up to BATCH tasks due before `now`; returns how many it escalated. */
export async function escalateOverdue(db: Kysely<Database>, now: Date = new Date()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<LateTask>`
      update runtime_tasks t set escalated_at = ${now.toISOString()}::timestamptz
      where t.id in (
        select id from runtime_tasks
        where status = 'open' and escalated_at is null and due_at < ${now.toISOString()}::timestamptz
          -- an applicant's own step (e.g. paying) is theirs to do, not an officer's to be chased for
          and role <> 'pemohon'
        order by due_at limit ${BATCH}
        for update skip locked)
        and t.escalated_at is null and t.status = 'open'
      returning t.id, t.instance_id, t.process_key, t.publication, t.element_id, t.element_name, t.role, t.office, t.business_key, t.created_at, t.due_at`.execute(trx);
    for (const t of rows) {
      const supervisorRole = await supervisorRoleOf(db, trx, t);
      const supervisors = await supervisorsOf(trx, t.office, supervisorRole);
      const lateMs = now.getTime() - new Date(t.due_at).getTime();
      await trx
        .insertInto('runtime_history')
        .values({
          instance_id: t.instance_id,
          element_id: t.element_id,
          element_name: t.element_name,
          element_kind: 'userTask',
          event: 'escalated',
          actor: SYSTEM_ACTOR,
          on_behalf: false,
          started_at: t.created_at,
          ended_at: now,
          due_at: t.due_at,
          sla_ms: null,
          task_id: t.id,
          details: JSON.stringify({ supervisorRole: supervisorRole ?? null, office: t.office, role: t.role, lateMs, notified: supervisors.length }),
        })
        .execute();
      if (supervisors.length > 0) {
        // The catalogue's `escalation` event: in-app, and the supervisors' email/WhatsApp (outbox).
        const data = await taskEventData(trx, t);
        for (const userId of supervisors) {
          await notify(trx, { userId, instanceId: t.instance_id, office: t.office, kind: 'escalation', link: `/kinerja?process=${encodeURIComponent(t.process_key)}`, data: { ...data, dueAt: new Date(t.due_at).toISOString().slice(0, 16).replace('T', ' ') + ' UTC' } });
        }
      }
    }
    return rows.length;
  });
}

/** A BPMN escalation caught by an escalation boundary event (on a sub-process or call activity). */
export interface CaughtEscalation {
  instanceId: string;
  processKey: string;
  publication: number;
  office: string;
  businessKey: string | null;
  boundaryId: string;
  at: Date;
}

/**
 * Where the model escalates by itself (an escalation thrown inside a sub-process or called
 * process and caught by a boundary event on it), that catch is the escalation: the supervisors of
 * the activity's lane (its `sop:supervisorRole`, else the boundary's) and the office's managers
 * are told, and the instance's history records it as `escalated` on the activity. The analytics
 * job reads each history row once, in order (analytics.ts), and calls this in its transaction with
 * the catches of its batch, so each catch is escalated exactly once and the runtime's step pays
 * nothing for it.
 */
export async function escalateCaught(db: Kysely<Database>, trx: Kysely<Database>, caught: CaughtEscalation[]): Promise<number> {
  for (const c of caught) {
    const model = await engineFor(db).model(new KyselyRuntimeStore(trx), c.processKey, c.publication);
    const boundary = model.nodes[c.boundaryId];
    const activity = boundary?.attachedTo ? model.nodes[boundary.attachedTo] : undefined;
    if (!boundary || !activity) continue;
    const supervisorRole = activity.supervisorRole ?? boundary.supervisorRole;
    const supervisors = await supervisorsOf(trx, c.office, supervisorRole);
    const code = boundary.event.type === 'escalation' ? (boundary.event.escalationCode ?? null) : null;
    await trx
      .insertInto('runtime_history')
      .values({
        instance_id: c.instanceId,
        element_id: activity.id,
        element_name: activity.name,
        element_kind: activity.kind,
        event: 'escalated',
        actor: SYSTEM_ACTOR,
        on_behalf: false,
        started_at: c.at,
        ended_at: c.at,
        due_at: null,
        sla_ms: null,
        task_id: null,
        details: JSON.stringify({ source: 'boundary', boundary: boundary.id, escalationCode: code, supervisorRole: supervisorRole ?? null, office: c.office, notified: supervisors.length }),
      })
      .execute();
    if (supervisors.length > 0) {
      // the catalogue's `escalation` event, as for an overdue task: in-app and the supervisors' channels
      const data = await taskEventData(trx, { instance_id: c.instanceId, element_name: activity.name || activity.id, business_key: c.businessKey, office: c.office, process_key: c.processKey });
      for (const userId of supervisors) {
        await notify(trx, { userId, instanceId: c.instanceId, office: c.office, kind: 'escalation', link: `/kinerja?process=${encodeURIComponent(c.processKey)}`, data: { ...data, dueAt: code ?? '-' } });
      }
    }
  }
  return caught.length;
}

/** May supervise this task: its lane's supervisor post in its office, or a manager of that office. */
async function maySupervise(db: Kysely<Database>, user: SessionUser, t: { process_key: string; publication: number; element_id: string; office: string }): Promise<boolean> {
  if (managesOffice(user, t.office)) return true;
  const role = await supervisorRoleOf(db, db, t);
  return role !== undefined && user.roles.some((r) => r.role === role && r.office === t.office);
}

async function supervisedTask(db: Kysely<Database>, user: SessionUser, id: string) {
  const r = await db.selectFrom('runtime_tasks').selectAll().where('id', '=', id).executeTakeFirst();
  // Hidden from anyone who does not supervise it, as tasks are from officers of other queues.
  if (!r || !(await maySupervise(db, user, r))) throw new RuntimeError('TASK_NOT_FOUND', 'Tugas tidak ditemukan', { id });
  if (r.status !== 'open') throw new RuntimeError('TASK_ALREADY_COMPLETED', 'Tugas sudah diselesaikan', { id, status: r.status });
  if (r.assignee !== null) throw new AppError('TASK_NOT_REASSIGNABLE', 'Tugas pemohon tidak dapat dialihkan', { id });
  return r;
}

/** Gives the task to `to` (who must hold its role in its office), recorded in the history; one transaction. */
async function handOver(db: Kysely<Database>, user: SessionUser, id: string, to: { id: string; username: string }, event: 'reassigned' | 'taken') {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('runtime_tasks').select(['claimed_by', 'status']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (before.status !== 'open') throw new RuntimeError('TASK_ALREADY_COMPLETED', 'Tugas sudah diselesaikan', { id, status: before.status });
    const changed = await trx.updateTable('runtime_tasks').set({ claimed_by: to.id, claimed_session: null }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await trx.insertInto('workspace_changes').values({ office: changed.office, user_id: changed.assignee, kind: 'task', ref: changed.id }).execute();
    await trx
      .insertInto('runtime_history')
      .values({
        instance_id: changed.instance_id,
        element_id: changed.element_id,
        element_name: changed.element_name,
        element_kind: 'userTask',
        event,
        actor: user.id,
        on_behalf: false,
        started_at: changed.created_at,
        ended_at: new Date(),
        due_at: changed.due_at,
        sla_ms: null,
        task_id: changed.id,
        details: JSON.stringify({ from: before.claimed_by, to: to.id, toUsername: to.username, by: user.username }),
      })
      .execute();
    // The officer it was given to hears of it (`task-assigned`); someone taking it themselves does not.
    if (to.id !== user.id) {
      await notify(trx, { userId: to.id, instanceId: changed.instance_id, office: changed.office, kind: 'task-assigned', link: `/inbox/tasks/${changed.id}`, data: await taskEventData(trx, changed) });
    }
    return toTask(changed);
  });
}

/** The values of an officer event about a task (core/notification-events.ts). */
async function taskEventData(db: Kysely<Database>, t: { instance_id: string; element_name: string; business_key: string | null; office: string; process_key: string }) {
  const inst = await db.selectFrom('runtime_instances').select('process_name').where('id', '=', t.instance_id).executeTakeFirst();
  const office = await db.selectFrom('offices').select('name').where('key', '=', t.office).executeTakeFirst();
  return { task: t.element_name, service: inst?.process_name ?? t.process_key, number: await applicationNumber(db, { id: t.instance_id, businessKey: t.business_key }), office: office?.name ?? t.office };
}

/** A supervisor gives an open task to another officer of the same post (role × office). */
export async function reassignTask(db: Kysely<Database>, user: SessionUser, id: string, username: string) {
  const t = await supervisedTask(db, user, id);
  const target = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.username'])
    .where('u.username', '=', username)
    .where('u.disabled', '=', false)
    .where('r.role', '=', t.role)
    .where('r.office', '=', t.office)
    .executeTakeFirst();
  if (!target) throw new AppError('REASSIGN_TARGET_INVALID', `"${username}" bukan petugas ${t.role} di ${t.office}`, { username, role: t.role, office: t.office });
  return handOver(db, user, id, target, 'reassigned');
}

/** The supervisor takes the open task themselves (they may then complete it). */
export async function takeTask(db: Kysely<Database>, user: SessionUser, id: string) {
  await supervisedTask(db, user, id);
  return handOver(db, user, id, { id: user.id, username: user.username }, 'taken');
}
