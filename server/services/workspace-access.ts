import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { SessionUser } from './accounts.js';

/**
 * Who may see an application (instance): its applicant, the officer who started it, officers
 * holding any role in the instance's office, and admins/managers.
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

export async function instanceAccess(db: Kysely<Database>, instanceId: string): Promise<InstanceAccess | undefined> {
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

export function isAdmin(user: SessionUser): boolean {
  return user.roles.some((r) => r.role === 'admin');
}

/** Offices where the user holds an officer role. */
export function officesOf(user: SessionUser): string[] {
  return [...new Set(user.roles.filter((r) => r.office !== null && r.role !== 'pemohon').map((r) => r.office as string))];
}

export function canSeeInstance(user: SessionUser, inst: InstanceAccess): boolean {
  if (user.roles.some((r) => r.role === 'admin' || r.role === 'manager')) return true;
  if (inst.applicantUserId && inst.applicantUserId === user.id) return true;
  if (inst.startedBy && (inst.startedBy === user.id || inst.startedBy === user.username)) return true;
  return officesOf(user).includes(inst.office);
}
