import type { Kysely } from 'kysely';
import { instanceView, needsTaskReach, officerGrants, type InstanceView } from '../../../core/access.js';
import type { Database } from '../../db/index.js';
import type { SessionUser } from '../accounts/accounts.js';

/**
 * The facts the access policy (core/access.ts) needs about an application, read from the
 * database. The policy decides; this only reads.
 */
export interface InstanceAccess {
  id: string;
  office: string;
  processKey: string;
  businessKey: string | null;
  applicantUserId: string | null;
  startedBy: string | null;
  status: string;
}

async function instanceAccess(db: Kysely<Database>, instanceId: string): Promise<InstanceAccess | undefined> {
  const r = await db
    .selectFrom('runtime_instances')
    .select(['id', 'office', 'process_key', 'business_key', 'applicant_user_id', 'started_by', 'status'])
    .where('id', '=', instanceId)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    office: r.office,
    processKey: r.process_key,
    businessKey: r.business_key,
    applicantUserId: r.applicant_user_id,
    startedBy: r.started_by,
    status: r.status,
  };
}

export interface InstanceAccessView {
  inst: InstanceAccess;
  view: InstanceView;
  /** with a task view: the documents the user's tasks in this application name */
  taskDocuments: string[];
}

/**
 * The application with how much of it this user sees. The application's tasks are read only for
 * an officer outside its office (is one of its tasks theirs, e.g. an OPD review?). Undefined
 * when it does not exist or the user may not see it: the two answer the same.
 */
export async function instanceAccessFor(db: Kysely<Database>, user: SessionUser, instanceId: string, known?: InstanceAccess): Promise<InstanceAccessView | undefined> {
  // `known`: the caller read these facts in its own query (the task page reads task and application at once)
  const inst = known ?? (await instanceAccess(db, instanceId));
  if (!inst) return undefined;
  if (!needsTaskReach(user, inst)) {
    const view = instanceView(user, inst);
    return view === 'none' ? undefined : { inst, view, taskDocuments: [] };
  }
  const grants = officerGrants(user);
  const reached = await db
    .selectFrom('runtime_tasks')
    .select(['role', 'office', 'documents'])
    .where('instance_id', '=', instanceId)
    .where((eb) => eb.or(grants.map((g) => eb.and([eb('role', '=', g.role), eb('office', '=', g.office)]))))
    .execute();
  const view = instanceView(user, inst, reached);
  if (view === 'none') return undefined;
  const taskDocuments = [...new Set(reached.flatMap((t) => (typeof t.documents === 'string' ? JSON.parse(t.documents) : t.documents) as string[]))];
  return { inst, view, taskDocuments };
}
