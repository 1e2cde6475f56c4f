import { APPLICANT_ROLES } from '../core/access.js';
import type { Variables } from './conditions.js';
import { addWorkingDuration, type WorkingCalendar } from '../core/working-time.js';
import { addDuration } from '../core/duration.js';
import type { FlowNode } from './model/types.js';
import type { InstanceState } from './store.js';

/** Roles whose lane belongs to the instance's applicant, not to an office post (defined once, in core/access.ts). */
export { APPLICANT_ROLES } from '../core/access.js';

export interface TaskRoute {
  role: string;
  office: string;
  /** applicant-lane tasks: the one user who may do it; else null = the role's queue */
  assignee: string | null;
  onBehalf: boolean;
  dueAt: Date | null;
}

/**
 * Who gets a user task, where, and by when: the lane's role in the instance's office (or
 * the `sop:office` expression over the variables); an applicant lane goes to the applicant,
 * or to the officer who started a walk-in application, on the applicant's behalf; due after
 * `sop:duration` in the office's working time (wall clock where the model says `sop:calendar="calendar"`).
 */
export function routeTask(inst: InstanceState, node: FlowNode, vars: Variables, now: Date, workingTime?: (office: string) => WorkingCalendar | undefined): TaskRoute {
  const role = node.role ?? '';
  const office = node.office ? interpolateOffice(node.office, vars) || inst.office : inst.office;
  const applicantLane = APPLICANT_ROLES.has(role);
  return {
    role,
    office,
    assignee: applicantLane ? (inst.applicantUserId ?? inst.startedBy) : null,
    onBehalf: applicantLane && inst.applicantUserId === null,
    dueAt: dueAtOf(node, now, office, workingTime),
  };
}

/** When an activity begun at `from` is due: its sop:duration in the office's working calendar, or on the wall clock. */
export function dueAtOf(node: FlowNode, from: Date, office: string, workingTime?: (office: string) => WorkingCalendar | undefined): Date | null {
  if (!node.duration) return null;
  const cal = node.calendar === 'working' ? workingTime?.(office) : undefined;
  return cal ? addWorkingDuration(cal, from, node.duration) : addDuration(from, node.duration);
}

/** `${opd}` → the variable's value (or its `office` field when it is an object, e.g. an OPD entry). */
function interpolateOffice(expr: string, vars: Variables): string {
  return expr.replace(/\$\{\s*([A-Za-z_]\w*)\s*\}/g, (_, name: string) => {
    const v = vars[name];
    return v === undefined || v === null ? '' : typeof v === 'object' && 'office' in (v as object) ? String((v as { office: unknown }).office) : String(v);
  });
}
