import type { Behaviour } from './types.js';

/**
 * OR: a fork takes every outgoing flow whose condition holds (else the default). A join
 * waits only for tokens that can still arrive: the step fires it (`Ctx.settleInclusiveJoins`)
 * once no other token of its scope stands where the join is reachable from.
 */
export const inclusiveGateway: Behaviour = {
  enter(ctx, token) {
    const node = ctx.node(token.element);
    if (node.incoming.length <= 1) return ctx.leave(token, { flows: ctx.selectFlows(node, token, 'inclusive') });
    ctx.wait(token);
  },
};
