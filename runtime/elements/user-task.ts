import type { Behaviour } from './types.js';

/**
 * User (and manual) tasks: a task row in the queue of the lane's role in the instance's
 * office (or the `sop:office` expression), due after `sop:duration`; the token waits until
 * someone allowed completes it. Completion variables merge into the instance, except for a
 * multi-instance inner task, whose variables become its result.
 */
export const userTask: Behaviour = {
  enter(ctx, token) {
    const node = ctx.node(token.element);
    const item = token.data?.miChild ? ctx.vars(token)[node.multiInstance?.elementVariable ?? 'item'] : null;
    ctx.createTask(token, node, item);
    ctx.wait(token);
  },
  resume(ctx, token, signal) {
    if (signal.type !== 'task') return;
    ctx.closeTask(signal.task.id, 'completed', signal.actor, signal.onBehalf);
    if (!token.data?.miChild) ctx.setVariables(signal.variables);
    ctx.leave(token, {
      actor: signal.actor,
      onBehalf: signal.onBehalf,
      taskId: signal.task.id,
      ...(signal.details ? { details: signal.details } : {}),
      result: { item: signal.task.item, by: signal.actor, variables: signal.variables },
    });
  },
  cancel(ctx, token, by) {
    if (token.data?.taskId) ctx.closeTask(token.data.taskId, 'cancelled', by, false);
  },
};
