import { evaluateCondition } from '../conditions.js';
import { becameTrue } from './conditional.js';
import type { Behaviour } from './types.js';
import { mergeTriggered } from './types.js';

/**
 * Timer, message, signal or conditional catch: the token waits for its job, message or signal,
 * then goes on. A conditional catch goes on at once when its condition already holds, else when
 * it becomes true (evaluated once each step that may change the variables is quiet).
 */
export const intermediateCatchEvent: Behaviour = {
  enter(ctx, token) {
    if (mergeTriggered(ctx, token)) return ctx.leave(token);
    const ev = ctx.node(token.element).event;
    // A link catch is where its throw continues: nothing to wait for.
    if (ev.type === 'link') return ctx.leave(token);
    if (ev.type === 'conditional' && evaluateCondition(ev.condition, ctx.vars(token))) return ctx.leave(token);
    ctx.wait(token);
    ctx.arm(token, ctx.node(token.element));
  },
  settle(ctx, token) {
    const node = ctx.node(token.element);
    if (node.event.type !== 'conditional' || !becameTrue(ctx, token, node.id, node.event.condition)) return false;
    ctx.leave(token);
    return true;
  },
  resume(ctx, token, signal) {
    if (signal.type !== 'timer' && signal.type !== 'message' && signal.type !== 'signal') return;
    ctx.setVariables(signal.variables);
    ctx.leave(token);
  },
};
