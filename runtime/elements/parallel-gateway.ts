import type { Behaviour } from './types.js';

/**
 * AND: a join waits until a token has arrived on every incoming flow (in the same scope),
 * consumes one per flow, then a fork sends a token down every outgoing flow.
 */
export const parallelGateway: Behaviour = {
  enter(ctx, token) {
    const node = ctx.node(token.element);
    if (node.incoming.length <= 1) return ctx.leave(token, { flows: ctx.selectFlows(node, token, 'all') });
    ctx.wait(token);
    const here = ctx.inst.tokens.filter((t) => t.element === node.id && t.scope === token.scope);
    const byFlow = new Map<string, (typeof here)[number]>();
    for (const t of here) if (t.via && !byFlow.has(t.via)) byFlow.set(t.via, t);
    if (!node.incoming.every((f) => byFlow.has(f))) return;
    const consumed = node.incoming.map((f) => byFlow.get(f) as (typeof here)[number]);
    // The join's history row spans from the first arrival.
    const first = consumed.reduce((a, b) => (a.enteredAt <= b.enteredAt ? a : b));
    for (const t of consumed) if (t !== first) ctx.inst.tokens.splice(ctx.inst.tokens.indexOf(t), 1);
    ctx.leave(first, { flows: ctx.selectFlows(node, first, 'all') });
  },
};
