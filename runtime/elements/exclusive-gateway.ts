import type { Behaviour } from './types.js';

/** XOR: the first outgoing flow whose condition holds (in model order), else the default. Merging passes through. */
export const exclusiveGateway: Behaviour = {
  enter(ctx, token) {
    const node = ctx.node(token.element);
    ctx.leave(token, { flows: ctx.selectFlows(node, token, 'exclusive') });
  },
};
