import { openScope } from './event-sub-process.js';
import type { Behaviour } from './types.js';

/**
 * Embedded sub-process: its start events run in a scope owned by this token (with its event
 * sub-processes armed); it completes when that scope is empty. An event sub-process, once its
 * trigger started it, runs the same way (event-sub-process.ts decides when it starts).
 */
export const subProcess: Behaviour = {
  enter(ctx, token) {
    const node = ctx.node(token.element);
    ctx.wait(token);
    openScope(ctx, token.id);
    for (const start of node.startEvents) ctx.arrive(ctx.newToken(start, token.id, null));
  },
  resume(ctx, token, signal) {
    if (signal.type !== 'scope-completed') return;
    ctx.leave(token);
  },
};
