import type { Behaviour } from './types.js';
import { mergeTriggered } from './types.js';

/**
 * A boundary event's token is made by the engine when the event happens on its activity
 * (`Ctx.fireBoundary`: interrupting ones cancel the activity first); here it only goes on.
 */
export const boundaryEvent: Behaviour = {
  enter(ctx, token) {
    mergeTriggered(ctx, token);
    ctx.leave(token);
  },
};
