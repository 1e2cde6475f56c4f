import { sendMessage } from './message.js';
import type { Behaviour } from './types.js';

/** Throw events: a message goes to whoever waits for it; a none throw event is a milestone. */
export const intermediateThrowEvent: Behaviour = {
  enter(ctx, token) {
    const ev = ctx.node(token.element).event;
    if (ev.type === 'message') sendMessage(ctx, token, ev.messageName, ev.correlationVariable);
    ctx.leave(token);
  },
};
