import { randomUUID } from 'node:crypto';
import { routeTask } from '../task-routing.js';
import type { TaskRow } from '../store.js';
import type { Behaviour } from './types.js';

/**
 * User (and manual) tasks: a task row in the queue of the lane's role in the instance's
 * office (or the `sop:office` expression), due after `sop:duration` (see task-routing.ts); the
 * token waits until someone allowed completes it. Completion variables merge into the
 * instance, except for a multi-instance inner task, whose variables become its result.
 */
export const userTask: Behaviour = {
  enter(ctx, token) {
    const node = ctx.node(token.element);
    const vars = ctx.vars(token);
    const item = token.data?.miChild && node.multiInstance ? vars[node.multiInstance?.elementVariable ?? 'item'] : null;
    const inst = ctx.inst;
    const task: TaskRow = {
      id: randomUUID(),
      instanceId: inst.id,
      tokenId: token.id,
      processKey: inst.processKey,
      processName: inst.processName,
      publication: inst.publication,
      elementId: node.id,
      elementName: node.name,
      ...routeTask(inst, node, vars, ctx.now, ctx.workingTime),
      businessKey: inst.businessKey,
      claimedBy: null,
      status: 'open',
      createdAt: ctx.now,
      completedAt: null,
      completedBy: null,
      form: node.form ?? null,
      documents: node.documents,
      instruction: node.instruction ?? null,
      item: item ?? null,
    };
    ctx.step.changes.tasksInserted.push(task);
    token.data = { ...token.data, taskId: task.id };
    ctx.wait(token);
  },
  resume(ctx, token, signal) {
    if (signal.type !== 'task') return;
    ctx.closeTask(signal.task.id, 'completed', signal.actor, signal.onBehalf);
    if (!token.data?.miChild || !ctx.node(token.element).multiInstance) ctx.setVariables(signal.variables);
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
