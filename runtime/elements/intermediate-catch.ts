import type { Behaviour } from './types.js';
import { mergeTriggered } from './types.js';

/** Timer, message or signal catch: the token waits for its job or message, then goes on. */
export const intermediateCatchEvent: Behaviour = {
  enter(ctx, token) {
    if (mergeTriggered(ctx, token)) return ctx.leave(token);
    // A link catch is where its throw continues: nothing to wait for.
    if (ctx.node(token.element).event.type === 'link') return ctx.leave(token);
    ctx.wait(token);
    ctx.arm(token, ctx.node(token.element));
  },
  resume(ctx, token, signal) {
    if (signal.type !== 'timer' && signal.type !== 'message' && signal.type !== 'signal') return;
    ctx.setVariables(signal.variables);
    ctx.leave(token);
  },
};
