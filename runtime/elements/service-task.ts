import { BpmnError, RuntimeError } from '../errors.js';
import { sendMessage } from './message.js';
import type { Behaviour } from './types.js';

/**
 * Service and send tasks run their `sop:handler` in a job: the step that reaches the task
 * only queues it, and a worker (any server process) runs the handler in its own step. The
 * handler's variables are the system's results (`variables.sys`); a BpmnError goes to an error boundary; anything else fails
 * the job, which is retried. A send task's `messageRef` is sent when it completes, like a message
 * throw event (BPMN 2.0.2 §10.3.3: the task completes once its message is sent); without a
 * handler sending is all it does, at once.
 */
export const serviceTask: Behaviour = {
  enter(ctx, token) {
    const node = ctx.node(token.element);
    if (node.handler === undefined && node.event.type === 'message') {
      sendMessage(ctx, token, node.event.messageName, node.event.correlationVariable);
      return ctx.leave(token);
    }
    ctx.wait(token);
    ctx.scheduleJob(token, token.element, 'service', ctx.now);
  },
  async resume(ctx, token, signal) {
    if (signal.type !== 'job') return;
    const node = ctx.node(token.element);
    const handler = ctx.step.handler(node.handler ?? '');
    if (!handler) throw new RuntimeError('HANDLER_FAILED', `Handler "${node.handler ?? ''}" tidak terdaftar`, { element: node.id });
    const numbers = ctx.step.store.numbers;
    let out: Record<string, unknown> | void;
    try {
      out = await handler.run({
        instanceId: ctx.inst.id,
        processKey: ctx.inst.processKey,
        businessKey: ctx.inst.businessKey,
        office: ctx.inst.office,
        elementId: node.id,
        elementName: node.name,
        variables: ctx.vars(token),
        idempotencyKey: `${ctx.inst.id}:${token.id}`,
        now: ctx.now,
        output: node.output,
        issueNumber: numbers ? (kind: string) => numbers.issue(ctx.inst.office, kind, ctx.now) : undefined,
        notify: (n) => ctx.step.changes.notices.push({ instanceId: ctx.inst.id, kind: n.kind, message: n.message, elementId: node.id, elementName: node.name }),
      });
    } catch (e) {
      if (e instanceof BpmnError) return ctx.raiseError(token, e.errorCode);
      throw e;
    }
    // What a handler returns is the system's (a document number, a signature): `variables.sys`.
    if (out && (!token.data?.miChild || !node.multiInstance)) ctx.setResults(out);
    if (node.event.type === 'message') sendMessage(ctx, token, node.event.messageName, node.event.correlationVariable);
    ctx.leave(token, { details: { handler: node.handler ?? null }, result: out ?? null });
  },
};
