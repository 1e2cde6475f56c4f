import { sendMessage } from './message.js';
import { throwEscalation } from './escalation.js';
import { throwSignal } from './signal.js';
import type { Behaviour } from './types.js';

/** Throw events: a message goes to whoever waits for it, a signal to every catch of the office; a link jumps to its catch; an escalation goes to the enclosing activity's boundary; a none throw event is a milestone. */
export const intermediateThrowEvent: Behaviour = {
  async enter(ctx, token) {
    const ev = ctx.node(token.element).event;
    if (ev.type === 'message') sendMessage(ctx, token, ev.messageName, ev.correlationVariable);
    if (ev.type === 'signal') throwSignal(ctx, ev.signalName);
    if (ev.type === 'escalation' && (await throwEscalation(ctx, token, ev.escalationCode)) === 'interrupted') {
      // Caught by an interrupting catch around it: its scope is gone, the throw goes nowhere.
      ctx.history(token, ctx.node(token.element), 'completed');
      return;
    }
    if (ev.type === 'link') {
      // A go-to: the token is not consumed (its scope goes on), it continues at the paired catch.
      const node = ctx.node(token.element);
      ctx.history(token, node, 'completed');
      ctx.removeToken(token);
      if (node.linkTarget) ctx.arrive(ctx.newToken(node.linkTarget, token.scope, null));
      return;
    }
    ctx.leave(token);
  },
};
