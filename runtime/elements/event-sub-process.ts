import type { Variables } from '../conditions.js';
import type { Ctx } from '../context.js';
import { addDuration } from '../../core/duration.js';
import type { FlowNode } from '../model/types.js';
import type { Token } from '../store.js';
import { becameTrue } from './conditional.js';
import type { Behaviour } from './types.js';

/**
 * Event sub-processes (`bpmn:subProcess triggeredByEvent="true"`, BPMN 2.0.2 §10.3.5). One lives in
 * a scope (the process, a sub-process, another event sub-process) and starts when its one start
 * event's trigger happens while that scope is active:
 * - message, timer, signal, conditional: the start event waits from the moment the scope opens, as a
 *   *listener* token of the scope (`data.listener`; its timer job or subscription row is armed like
 *   any other, so a restart finds it). Listeners do not keep the scope alive and go when it ends.
 * - error, escalation: found when one is raised inside the scope (Ctx.raiseError, escalation.ts), before
 *   the boundary events of the scope's own activity.
 * Interrupting (`isInterrupting`, the default): everything else in the scope ends (`interrupted`)
 * and, once the event sub-process completes, so does the scope. Non-interrupting: the event
 * sub-process runs beside the scope (which waits for it before completing) and the listener stays
 * armed: a message or signal again, a timer cycle while repetitions are left, a condition each time
 * it becomes true again.
 *
 * This file: when an event sub-process starts (its listeners and triggers); once started it runs
 * as an embedded sub-process (elements/index.ts maps it to sub-process.ts).
 */

/** A waiting start event of an event sub-process (a listener token of its scope). */
export const eventSubProcessStart: Behaviour = {
  enter() {
    // Listeners are opened with their scope (openScope), never arrived at along a flow.
  },
  async resume(ctx, listener, signal) {
    if (signal.type !== 'timer' && signal.type !== 'message' && signal.type !== 'signal') return;
    await startEventSubProcess(ctx, listener.scope, ctx.node(listener.element), signal.variables, listener);
  },
  settle(ctx, listener) {
    const start = ctx.node(listener.element);
    if (start.event.type !== 'conditional' || !becameTrue(ctx, listener, start.id, start.event.condition)) return false;
    ctx.step.push(() => startEventSubProcess(ctx, listener.scope, start, {}, listener));
    return true;
  },
};

/** The event sub-processes of a scope (null: the process). Loop and multi-instance bodies are not scopes of their own. */
function eventSubProcessesOf(ctx: Ctx, scopeId: string | null): FlowNode[] {
  if (scopeId === null) return ctx.model.eventSubProcesses.map((id) => ctx.node(id));
  const owner = ctx.token(scopeId);
  if (!owner || owner.data?.mi || owner.data?.loop) return [];
  return ctx.node(owner.element).eventSubProcesses.map((id) => ctx.node(id));
}

const WAITING_STARTS = new Set(['message', 'timer', 'signal', 'conditional']);

/** A scope opened: each event sub-process in it whose start waits (message, timer, signal, condition) gets its listener. */
export function openScope(ctx: Ctx, scopeId: string | null): void {
  for (const esp of eventSubProcessesOf(ctx, scopeId)) {
    const start = ctx.node(esp.startEvents[0]);
    if (!start || !WAITING_STARTS.has(start.event.type)) continue;
    const listener = ctx.newToken(start.id, scopeId, null);
    listener.data = { listener: true };
    ctx.wait(listener);
    ctx.arm(listener, start);
    // A conditional start already true as its scope opens starts now, before the scope's own start events run.
    eventSubProcessStart.settle?.(ctx, listener);
  }
}

/** The start event of the scope's event sub-process that catches this error or escalation (a matching code before a catch-all). */
export function eventSubProcessFor(ctx: Ctx, scopeId: string | null, type: 'error' | 'escalation', code: string | undefined): FlowNode | undefined {
  const starts = eventSubProcessesOf(ctx, scopeId)
    .map((esp) => ctx.node(esp.startEvents[0]))
    .filter((s): s is FlowNode => s !== undefined);
  const codeOf = (s: FlowNode) => (s.event.type === 'error' ? s.event.errorCode : s.event.type === 'escalation' ? s.event.escalationCode : undefined);
  const ofType = starts.filter((s) => s.event.type === type);
  return ofType.find((s) => codeOf(s) !== undefined && codeOf(s) === code) ?? ofType.find((s) => codeOf(s) === undefined);
}

/** The trigger of `start` (an event sub-process's start event) happened in the scope `scopeId`. */
export async function startEventSubProcess(ctx: Ctx, scopeId: string | null, start: FlowNode, variables: Variables, listener?: Token): Promise<void> {
  if (ctx.inst.status !== 'running') return;
  if (scopeId !== null && !ctx.token(scopeId)) return;
  ctx.setVariables(variables);
  if (start.interrupting) {
    for (const t of ctx.inst.tokens.filter((x) => x.scope === scopeId)) {
      if (t.data?.listener) ctx.removeToken(t);
      else await ctx.cancelToken(t, 'interrupted');
    }
    // Tokens sent on in this step but not arrived yet (the next step after a signal or error throw) belong to the interrupted work too.
    ctx.dropArrivals(scopeId);
  } else if (listener && start.event.type === 'timer') {
    // A duration or a date happens once; a cycle re-arms while repetitions are left.
    const timer = start.event.timer;
    const left = listener.data?.cycles?.[start.id] ?? (timer.type === 'cycle' ? (timer.repetitions ?? Infinity) - 1 : 0);
    if (timer.type === 'cycle' && left > 0) {
      listener.data = { ...listener.data, cycles: { ...listener.data?.cycles, [start.id]: left - 1 } };
      ctx.scheduleJob(listener, start.id, 'timer', addDuration(ctx.now, timer.duration));
    } else {
      ctx.removeToken(listener);
    }
  }
  ctx.arrive(ctx.newToken(start.parent ?? '', scopeId, null));
}
