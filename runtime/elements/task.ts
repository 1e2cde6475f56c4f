import type { Behaviour } from './types.js';

/** An abstract bpmn:Task does no work: the token passes straight through (BPMN semantics). */
export const task: Behaviour = {
  enter(ctx, token) {
    ctx.leave(token);
  },
};
