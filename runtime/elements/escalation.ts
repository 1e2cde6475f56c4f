import type { Ctx } from '../context.js';
import type { Token } from '../store.js';
import { boundaryEvent } from './boundary-event.js';

/**
 * Throws an escalation from `thrower` (intermediate throw or end event, BPMN 2.0.2 §10.5.4): the
 * nearest enclosing sub-process or call activity with an escalation boundary for that code (or
 * without a code) catches it, up through sub-processes and into the calling instance. An
 * interrupting catch ends that activity (and the thrower with it); a non-interrupting one lets
 * both go on. Uncaught, an escalation has no effect: the thrower goes on.
 */
export async function throwEscalation(ctx: Ctx, thrower: Token, code: string | undefined): Promise<void> {
  let here: Ctx = ctx;
  let owner: Token | undefined = ctx.token(thrower.scope);
  for (;;) {
    while (owner) {
      const node = here.node(owner.element);
      if (!owner.data?.miChild) {
        const catcher = node.boundaries
          .map((b) => here.node(b))
          .find((b) => b.event.type === 'escalation' && (b.event.escalationCode === undefined || b.event.escalationCode === code));
        if (catcher) return boundaryEvent.occur?.(here, owner, catcher, { lastEscalation: code ?? null });
      }
      owner = here.token(owner.scope);
    }
    // Process level: a called instance escalates to its call activity in the parent.
    const { parentInstanceId, parentTokenId } = here.inst;
    if (!parentInstanceId || !parentTokenId) return;
    const parent = await here.step.load(parentInstanceId);
    if (!parent || parent.inst.status !== 'running') return;
    here = parent;
    owner = parent.token(parentTokenId);
  }
}
