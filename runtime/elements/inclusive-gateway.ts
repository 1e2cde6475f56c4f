import type { Token } from '../store.js';
import type { Behaviour } from './types.js';

/**
 * OR: a fork takes every outgoing flow whose condition holds (else the default). A join
 * waits only for tokens that can still arrive: once the step is quiet (`settle`) it fires
 * when no other token of its scope stands where the join is reachable from.
 */
export const inclusiveGateway: Behaviour = {
  enter(ctx, token) {
    const node = ctx.node(token.element);
    if (node.incoming.length <= 1) return ctx.leave(token, { flows: ctx.selectFlows(node, token, 'inclusive') });
    ctx.wait(token);
  },
  settle(ctx, token) {
    const node = ctx.node(token.element);
    const blocked = ctx.inst.tokens.some((o) => o.scope === token.scope && o.element !== node.id && ctx.model.reach[o.element]?.includes(node.id));
    if (blocked) return false;
    const here = ctx.inst.tokens.filter((o) => o.scope === token.scope && o.element === node.id);
    // One token per incoming flow is consumed; extra arrivals on the same flow wait for the next round.
    const byFlow = new Map<string, Token>();
    for (const h of here) if (!byFlow.has(h.via ?? '')) byFlow.set(h.via ?? '', h);
    const consumed = [...byFlow.values()];
    for (const c of consumed.slice(1)) ctx.removeToken(c);
    ctx.leave(consumed[0], { flows: ctx.selectFlows(node, consumed[0], 'inclusive') });
    return true;
  },
};
