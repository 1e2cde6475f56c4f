import { evaluateCondition, type Variables } from '../conditions.js';
import type { Ctx } from '../context.js';
import type { FlowNode } from '../model/types.js';
import type { Token } from '../store.js';
import type { Behaviour } from './types.js';

/**
 * Complex gateway (BPMN 2.0.2 §13.4.5) with its `activationCondition` in our condition JSON (or a
 * boolean variable name), over the variables and `activationCount` (tokens arrived since the last
 * reset). Never a script.
 * - Waiting for start: each arrival waits at the gateway and the condition is evaluated; when it
 *   holds, the waiting tokens are consumed and the gateway fires once: every outgoing flow whose
 *   condition holds (conditions also see `waitingForStart: true`), unconditional flows, else the
 *   default. A gate token (`data.complex`) then stands at the gateway.
 * - Waiting for reset: further arrivals are absorbed. Once no token of the scope can still reach the
 *   gateway (as for an inclusive join), it resets: when it absorbed any, the outgoing flows whose
 *   condition holds with `waitingForStart: false` are taken (no default, no unconditional flow: those
 *   belong to the activation). Then it waits for a start again.
 * With one incoming flow and no activation condition it is a split: as an inclusive gateway's.
 */
export const complexGateway: Behaviour = {
  enter(ctx, token) {
    const node = ctx.node(token.element);
    if (!node.activation) return ctx.leave(token, { flows: ctx.selectFlows(node, token, 'inclusive') });
    const gate = ctx.inst.tokens.find((t) => t.scope === token.scope && t.element === node.id && t.data?.complex);
    if (gate?.data?.complex) {
      gate.data.complex.absorbed += 1;
      ctx.history(token, node, 'completed', { details: { waitingForStart: false } });
      return;
    }
    ctx.wait(token);
    const waiting = ctx.inst.tokens.filter((t) => t.scope === token.scope && t.element === node.id && !t.data?.complex);
    const activationCount = waiting.length;
    if (!evaluateCondition(node.activation, { ...ctx.vars(token), activationCount })) return;
    for (const w of waiting) if (w !== token) ctx.removeToken(w);
    const flows = flowsOut(ctx, node, token, { waitingForStart: true, activationCount }, true);
    ctx.leave(token, { flows, details: { activationCount } });
    const g = ctx.newToken(node.id, token.scope, null);
    g.data = { complex: { absorbed: 0 } };
    ctx.wait(g);
  },
  settle(ctx, gate) {
    const state = gate.data?.complex;
    if (!state) return false;
    const node = ctx.node(gate.element);
    const blocked = ctx.inst.tokens.some((o) => o.scope === gate.scope && o.element !== node.id && ctx.model.reach[o.element]?.includes(node.id));
    if (blocked) return false;
    ctx.removeToken(gate);
    const flows = state.absorbed > 0 ? flowsOut(ctx, node, gate, { waitingForStart: false, activationCount: state.absorbed }, false) : [];
    ctx.history(gate, node, 'reset', { details: { absorbed: state.absorbed, flows } });
    for (const f of flows) ctx.arrive(ctx.newToken(ctx.model.flows[f].target, gate.scope, f));
    if (flows.length === 0) ctx.step.push(() => ctx.scopeMayEnd(gate.scope));
    return true;
  },
};

/** Conditional flows that hold; at activation also the unconditional ones, and the default when none holds. */
function flowsOut(ctx: Ctx, node: FlowNode, token: Token, extra: Variables, activation: boolean): string[] {
  const vars = { ...ctx.vars(token), ...extra };
  const out: string[] = [];
  for (const f of node.outgoing) {
    if (f === node.defaultFlow) continue;
    const c = ctx.model.flows[f].condition;
    if (c ? evaluateCondition(c, vars) : activation) out.push(f);
  }
  if (out.length === 0 && activation && node.defaultFlow) out.push(node.defaultFlow);
  return out;
}
