import { evaluateCondition } from '../conditions.js';
import type { Ctx } from '../context.js';
import { RuntimeError } from '../errors.js';
import type { Token } from '../store.js';
import type { MultiInstance } from '../model/types.js';
import { throwEscalation } from './escalation.js';
import type { Behaviour } from './types.js';

/**
 * Multi-instance activities (parallel or sequential) over `sop:collection` (or a numeric
 * loopCardinality). Each inner instance is a token of the same element with the element
 * variable and loopCounter as locals, run by the element's own behaviour; its results are
 * collected in `sop:outputCollection` (default `<id>Results`, in collection order). The
 * completion condition sees nrOfInstances, nrOfCompletedInstances, nrOfActiveInstances and
 * the last inner instance's variables; when it holds, the remaining inner instances end.
 * `behavior` decides which events an inner completion throws (see throwBehaviorEvents).
 */
export const multiInstance: Behaviour = {
  enter(ctx, outer) {
    const node = ctx.node(outer.element);
    const mi = node.multiInstance;
    if (!mi) return;
    const vars = ctx.vars(outer);
    const items = mi.collection ? vars[mi.collection] : Array.from({ length: mi.cardinality ?? 0 }, (_, i) => i);
    if (!Array.isArray(items)) {
      throw new RuntimeError('VARIABLES_INVALID', `"${node.name}" membutuhkan daftar pada variabel ${mi.collection ?? ''}`, {
        element: node.id,
        errors: [{ path: `/${mi.collection ?? ''}`, message: 'harus berupa array' }],
      });
    }
    outer.data = { ...outer.data, mi: { items, next: 0, completed: 0, active: 0, results: items.map(() => null) } };
    ctx.wait(outer);
    if (items.length === 0) {
      ctx.setVariables({ [mi.outputCollection]: [] });
      return ctx.leave(outer);
    }
    if (mi.sequential) spawn(ctx, outer);
    else for (let i = 0; i < items.length; i++) spawn(ctx, outer);
  },
  async childDone(ctx, outer, child, result) {
    const node = ctx.node(outer.element);
    const mi = node.multiInstance;
    const state = outer.data?.mi;
    if (!mi || !state || !ctx.inst.tokens.includes(outer)) return;
    state.completed += 1;
    state.active -= 1;
    const index = Number(child.locals?.loopCounter ?? 0);
    state.results[index] = result;
    const lastVars = result && typeof result === 'object' && 'variables' in result ? (result as { variables: Record<string, unknown> }).variables : {};
    const seen = { ...ctx.vars(outer), ...lastVars, nrOfInstances: state.items.length, nrOfCompletedInstances: state.completed, nrOfActiveInstances: state.active };
    await throwBehaviorEvents(ctx, outer, mi, state.completed, seen);
    // An interrupting catch of one of them ended the activity.
    if (!ctx.inst.tokens.includes(outer)) return;
    const done = state.completed >= state.items.length || (mi.completionCondition !== undefined && evaluateCondition(mi.completionCondition, seen));
    if (!done) {
      if (mi.sequential) spawn(ctx, outer);
      return;
    }
    for (const inner of ctx.inst.tokens.filter((t) => t.scope === outer.id)) await ctx.cancelToken(inner, 'cancelled');
    ctx.setVariables({ [mi.outputCollection]: state.results as never });
    ctx.leave(outer, { details: { nrOfInstances: state.items.length, nrOfCompletedInstances: state.completed } });
  },
};

/**
 * The events `behavior` throws for this inner completion (BPMN 2.0.2 §10.3.8): One at the first,
 * None at each, Complex each whose condition holds (over the same variables as the completion
 * condition), All none. A signal is broadcast in the office; an escalation is thrown by the
 * activity itself, so its own escalation boundaries catch it first.
 */
async function throwBehaviorEvents(ctx: Ctx, outer: Token, mi: MultiInstance, completed: number, vars: Record<string, unknown>): Promise<void> {
  const b = mi.behavior;
  const due =
    b.kind === 'None' || (b.kind === 'One' && completed === 1)
      ? b.events
      : b.kind === 'Complex'
        ? b.events.filter((e) => e.condition !== undefined && evaluateCondition(e.condition, vars))
        : [];
  for (const { event } of due) {
    if (event.type === 'signal') {
      // Now, while the activity still runs (its own signal boundary hears it even at the last completion).
      await ctx.step.deliverSignal({ name: event.signalName, office: ctx.inst.office, variables: { ...ctx.inst.variables }, startedBy: ctx.inst.startedBy });
      if (!ctx.inst.tokens.includes(outer)) return;
      continue;
    }
    await throwEscalation(ctx, ctx.newToken(outer.element, outer.id, null), event.escalationCode);
    if (!ctx.inst.tokens.includes(outer)) return;
  }
}

function spawn(ctx: Ctx, outer: Token): void {
  const node = ctx.node(outer.element);
  const state = outer.data?.mi;
  if (!state || state.next >= state.items.length) return;
  const i = state.next;
  state.next += 1;
  state.active += 1;
  const child = ctx.newToken(node.id, outer.id, null, { [node.multiInstance?.elementVariable ?? 'item']: state.items[i] as never, loopCounter: i });
  child.data = { miChild: true };
  ctx.arrive(child);
}
