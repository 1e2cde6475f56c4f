import type { Behaviour } from './types.js';

/**
 * Waits for whichever of the events after it happens first (timer or message catch events,
 * receive tasks); that path is taken and the others are dropped.
 */
export const eventBasedGateway: Behaviour = {
  enter(ctx, token) {
    const node = ctx.node(token.element);
    ctx.wait(token);
    for (const f of node.outgoing) ctx.arm(token, ctx.node(ctx.model.flows[f].target));
  },
  resume(ctx, token, signal) {
    if (signal.type !== 'timer' && signal.type !== 'message' && signal.type !== 'signal') return;
    const node = ctx.node(token.element);
    const flow = node.outgoing.find((f) => ctx.model.flows[f].target === signal.elementId);
    if (!flow) return;
    ctx.leave(token, { flows: [flow], triggered: signal.variables, details: { chosen: signal.elementId } });
  },
};
