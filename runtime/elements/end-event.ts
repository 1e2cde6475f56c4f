import { sendMessage } from './message.js';
import { throwEscalation } from './escalation.js';
import { throwSignal } from './signal.js';
import type { Behaviour } from './types.js';

/**
 * End events. none: the token is consumed (its scope ends when it was the last);
 * terminate: every token of the scope ends now; error: a BPMN error is raised from the
 * enclosing activity; escalation: to the enclosing sub-process or call activity (see escalation.ts); message and signal: the message is sent (the signal broadcast), then as none.
 */
export const endEvent: Behaviour = {
  async enter(ctx, token) {
    const node = ctx.node(token.element);
    const ev = node.event;
    if (ev.type === 'message') sendMessage(ctx, token, ev.messageName, ev.correlationVariable);
    if (ev.type === 'signal') throwSignal(ctx, ev.signalName);
    if (ev.type === 'escalation') {
      // Caught first: an interrupting catch ends the enclosing activity; a non-interrupting one lets this end complete its scope.
      ctx.history(token, node, 'completed', { details: { escalation: ev.escalationCode ?? null } });
      await throwEscalation(ctx, token, ev.escalationCode);
      ctx.removeToken(token);
      ctx.step.push(() => ctx.scopeMayEnd(token.scope));
      return;
    }
    if (ev.type === 'terminate') {
      ctx.history(token, node, 'completed');
      if (token.scope === null) return ctx.endInstance('completed', 'terminated', null);
      for (const other of ctx.inst.tokens.filter((t) => t.scope === token.scope)) await ctx.cancelToken(other, 'cancelled');
      // Tokens sent on in this step but not arrived yet end too (they would keep the scope alive).
      ctx.dropArrivals(token.scope);
      return ctx.scopeMayEnd(token.scope);
    }
    if (ev.type === 'error') {
      ctx.history(token, node, 'completed', { details: { error: ev.errorCode ?? null } });
      // Raised from this end event: an error event sub-process of its scope catches it first.
      return ctx.raiseError(token, ev.errorCode ?? 'ERROR');
    }
    ctx.consume(token);
  },
};
