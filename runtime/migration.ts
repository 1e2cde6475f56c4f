import type { WorkingCalendar } from '../core/working-time.js';
import type { FlowNode, ProcessModel } from './model/types.js';
import type { Token } from './store.js';
import { dueAtOf } from './task-routing.js';

/**
 * Moving a running application from one publication of its process to another (issue 19): pure
 * logic over plain state, no I/O. The server locks the instance, reads its open tasks, timers and
 * message subscriptions, asks `planMigration`, and writes the plan in the same transaction.
 *
 * Element ids are the identity: an element with the same id in both publications is the same
 * step; `mapping` (old id → new id) names the target of any other one. An application moves only
 * when every element it is at (each token, open task, armed timer or subscription) has a target
 * of the same kind in the same scope (the mapped enclosing sub-process, or the process level), a
 * multi-instance activity maps to a multi-instance one; otherwise it is blocked with the reasons
 * and nothing of it changes. Token ids stay, so task rows and jobs keep pointing at their tokens.
 * An open task keeps its claim (and its creation time) unless its lane's role changes — then it
 * returns to the new role's queue —, and its due time is recounted from its creation with the
 * new step's `sop:duration`. The variables (and the fee notas in them) are not touched.
 */

export interface MigrationTask {
  id: string;
  tokenId: string;
  elementId: string;
  office: string;
  role: string;
  claimedBy: string | null;
  createdAt: Date;
  dueAt: Date | null;
}

export interface MigrationInput {
  tokens: Token[];
  tasks: MigrationTask[];
  /** element ids of the instance's pending jobs (timers, service tasks) */
  jobs: Array<{ id: string; elementId: string }>;
  /** element ids of its message subscriptions */
  subscriptions: Array<{ tokenId: string; elementId: string }>;
}

export type MigrationBlockCode = 'ELEMENT_REMOVED' | 'KIND_CHANGED' | 'SCOPE_CHANGED' | 'MULTI_INSTANCE_CHANGED';

export interface MigrationBlock {
  code: MigrationBlockCode;
  element: string;
  name: string;
  message: string;
}

export interface TaskMove {
  id: string;
  elementId: string;
  elementName: string;
  role: string;
  claimedBy: string | null;
  dueAt: Date | null;
  /** the role changed, so the claim was released */
  claimReleased: boolean;
}

export type MigrationPlan =
  | { ok: true; tokens: Token[]; tasks: TaskMove[]; elements: Record<string, string> }
  | { ok: false; blocks: MigrationBlock[] };

/** Checks a mapping against both models: every source is an element of `from`, every target one of `to`. */
export function mappingProblems(from: ProcessModel, to: ProcessModel, mapping: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [a, b] of Object.entries(mapping)) {
    if (!(a in from.nodes)) out.push(`"${a}" bukan elemen versi asal`);
    if (!(b in to.nodes)) out.push(`"${b}" bukan elemen versi tujuan`);
    else if (a in from.nodes && from.nodes[a].kind !== to.nodes[b].kind) out.push(`"${a}" (${from.nodes[a].kind}) tidak dapat dipetakan ke "${b}" (${to.nodes[b].kind})`);
  }
  return out;
}

/** Elements of `from` that have no same-id element in `to`: the ones a mapping must name. */
export function unmatchedElements(from: ProcessModel, to: ProcessModel): Array<{ id: string; name: string; kind: string }> {
  return Object.values(from.nodes)
    .filter((n) => !(n.id in to.nodes))
    .map((n) => ({ id: n.id, name: n.name, kind: n.kind }));
}

export function planMigration(
  input: MigrationInput,
  from: ProcessModel,
  to: ProcessModel,
  mapping: Record<string, string>,
  workingTime?: (office: string) => WorkingCalendar | undefined,
): MigrationPlan {
  const target = (el: string): string | undefined => mapping[el] ?? (el in to.nodes ? el : undefined);
  const name = (el: string) => from.nodes[el]?.name || el;
  const blocks: MigrationBlock[] = [];
  const seen = new Set<string>();
  const block = (code: MigrationBlockCode, el: string, message: string) => {
    if (seen.has(`${code}:${el}`)) return;
    seen.add(`${code}:${el}`);
    blocks.push({ code, element: el, name: name(el), message });
  };
  const byId = new Map(input.tokens.map((t) => [t.id, t]));
  /** the element of the nearest enclosing scope (a multi-instance body at the same element is skipped) */
  const scopeElement = (t: Token): string | null => {
    for (let s = t.scope ? byId.get(t.scope) : undefined; s; s = s.scope ? byId.get(s.scope) : undefined) {
      if (s.element !== t.element) return s.element;
    }
    return null;
  };
  const elements: Record<string, string> = {};
  const check = (el: string): FlowNode | undefined => {
    const t = target(el);
    if (!t) {
      block('ELEMENT_REMOVED', el, `Langkah "${name(el)}" tidak ada di versi tujuan dan tidak dipetakan`);
      return undefined;
    }
    const a = from.nodes[el];
    const b = to.nodes[t];
    if (a && a.kind !== b.kind) {
      block('KIND_CHANGED', el, `Langkah "${name(el)}" (${a.kind}) dipetakan ke "${b.name || t}" yang berjenis lain (${b.kind})`);
      return undefined;
    }
    if (a && !!a.multiInstance !== !!b.multiInstance) {
      block('MULTI_INSTANCE_CHANGED', el, `Langkah "${name(el)}" ${a.multiInstance ? 'berulang per item' : 'tunggal'} di versi asal, ${b.multiInstance ? 'berulang per item' : 'tunggal'} di versi tujuan`);
      return undefined;
    }
    elements[el] = t;
    return b;
  };
  const tokens: Token[] = [];
  for (const tok of input.tokens) {
    const node = check(tok.element);
    if (!node) continue;
    const scope = scopeElement(tok);
    // an enclosing scope without a target leaves the token nowhere: undefined never equals a parent
    const expected = scope === null ? null : target(scope);
    if (node.parent !== expected) {
      block('SCOPE_CHANGED', tok.element, `Langkah "${name(tok.element)}" berada di lingkup lain di versi tujuan (${node.parent ?? 'tingkat proses'})`);
      continue;
    }
    tokens.push({ ...tok, element: node.id });
  }
  for (const j of input.jobs) check(j.elementId);
  for (const s of input.subscriptions) check(s.elementId);
  const tasks: TaskMove[] = [];
  for (const task of input.tasks) {
    const node = check(task.elementId);
    if (!node) continue;
    const before = from.nodes[task.elementId];
    // A task whose role came from the lane keeps it unless the lane's role changed.
    const roleChanged = before !== undefined && node.role !== undefined && before.role !== node.role;
    const role = roleChanged ? (node.role as string) : task.role;
    tasks.push({
      id: task.id,
      elementId: node.id,
      elementName: node.name,
      role,
      claimedBy: roleChanged ? null : task.claimedBy,
      claimReleased: roleChanged && task.claimedBy !== null,
      dueAt: node.duration ? dueAtOf(node, task.createdAt, task.office, workingTime) : task.dueAt && before?.duration ? null : task.dueAt,
    });
  }
  if (blocks.length > 0) return { ok: false, blocks };
  return { ok: true, tokens, tasks, elements };
}
