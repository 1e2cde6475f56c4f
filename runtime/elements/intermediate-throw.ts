import { sendMessage } from './message.js';
import { throwSignal } from './signal.js';
import type { Behaviour } from './types.js';

/** Throw events: a message goes to whoever waits for it, a signal to every catch of the office; a none throw event is a milestone. */
export const intermediateThrowEvent: Behaviour = {
  enter(ctx, token) {
    const ev = ctx.node(token.element).event;
    if (ev.type === 'message') sendMessage(ctx, token, ev.messageName, ev.correlationVariable);
    if (ev.type === 'signal') throwSignal(ctx, ev.signalName);
    ctx.leave(token);
  },
};
