import type { Kysely } from 'kysely';
import type { InstanceState, TaskRow, Token } from '../../../runtime/store.js';
import type { Database } from '../../db/index.js';
import type { SessionUser } from '../accounts/accounts.js';
import { registrationNumbers } from '../workspace/registration-number.js';
import { visibleVariables } from './runtime-access.js';
import { toTask } from './runtime-store.js';

/* The runtime's answers: an instance and a task as the API shows them. */
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

async function activeTasks(db: Kysely<Database>, instanceId: string): Promise<TaskRow[]> {
  const rows = await db.selectFrom('runtime_tasks').selectAll().where('instance_id', '=', instanceId).where('status', '=', 'open').orderBy('created_at').execute();
  return rows.map(toTask);
}

export async function describeInstance(db: Kysely<Database>, user: SessionUser, inst: InstanceState, openTasks?: TaskRow[], registrationNumber?: string) {
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

/** Where an instance stands: its tokens' elements, without the waiting starts of event sub-processes (not begun). */
export function activeElements(tokens: Token[]): string[] {
  return [...new Set(tokens.filter((t) => !t.data?.listener).map((t) => t.element))];
}
