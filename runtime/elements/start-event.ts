import type { Behaviour } from './types.js';
import { mergeTriggered } from './types.js';

/** None, message, signal and timer start events: the instance (or sub-process) begins here and moves on. */
export const startEvent: Behaviour = {
  enter(ctx, token) {
    mergeTriggered(ctx, token);
    const actor = token.scope === null ? ctx.inst.startedBy : null;
    ctx.leave(token, { actor });
  },
};
