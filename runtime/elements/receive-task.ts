import { RuntimeError } from '../errors.js';
import type { Behaviour } from './types.js';
import { mergeTriggered } from './types.js';

/** Waits for its message (bpmn:messageRef), correlated by the message's correlation variable or the business key. */
export const receiveTask: Behaviour = {
  enter(ctx, token) {
    if (mergeTriggered(ctx, token)) return ctx.leave(token);
    const node = ctx.node(token.element);
    if (node.event.type !== 'message') throw new RuntimeError('MODEL_INVALID', `Receive task "${node.name}" tidak merujuk pesan`, { element: node.id });
    ctx.wait(token);
    ctx.subscribe(token, node.id, node.event.messageName, node.event.correlationVariable);
  },
  resume(ctx, token, signal) {
    if (signal.type !== 'message') return;
    ctx.setVariables(signal.variables);
    ctx.leave(token);
  },
};
