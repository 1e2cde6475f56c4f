import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { canActOnTask, canSeeInternalVariables, officerGrants as officerGrantsOf } from '../../../core/access.js';
import type { Variables } from '../../../runtime/conditions.js';
import { INTERNAL_NOTE } from '../../../runtime/inputs.js';
import type { InstanceState, TaskRow } from '../../../runtime/store.js';
import type { Database } from '../../db/index.js';
import type { SessionUser } from '../accounts/accounts.js';

/* Authorization of the runtime's answers: core/access.ts decides, this reads. */

/** Who may act on a task (the policy's canActOnTask; kept under this name for the store's callers). */
export const mayActOnTask = (u: SessionUser, t: Pick<TaskRow, 'assignee' | 'role' | 'office' | 'claimedBy'>): boolean => canActOnTask(u, t);

/** Applicants do not see the officers' internal note (`catatan`) nor variables whose name starts with "_". */
export function visibleVariables(u: SessionUser, inst: InstanceState): Variables {
  if (canSeeInternalVariables(u)) return inst.variables;
  return Object.fromEntries(Object.entries(inst.variables).filter(([k]) => !k.startsWith('_') && k !== INTERNAL_NOTE));
}

/** mayActOnTask as a condition on runtime_tasks (the assignee, or a holder of the role in the office). */
export function mayActOnTaskSql(eb: ExpressionBuilder<Database, 'runtime_tasks'>, user: SessionUser): Expression<SqlBool> {
  const grants = officerGrantsOf(user);
  return eb.or([
    eb('assignee', '=', user.id),
    eb.and([eb('assignee', 'is', null), eb('claimed_by', '=', user.id)]),
    eb.and([eb('assignee', 'is', null), eb.or(grants.length === 0 ? [eb.lit(false)] : grants.map((g) => eb.and([eb('role', '=', g.role), eb('office', '=', g.office)])))]),
  ]);
}
