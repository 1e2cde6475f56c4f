import type { Ctx } from '../context.js';
import type { Token } from '../store.js';
import { boundaryEvent } from './boundary-event.js';
import { eventSubProcessFor, startEventSubProcess } from './event-sub-process.js';

/**
 * Throws an escalation from `thrower` (intermediate throw or end event, BPMN 2.0.2 §10.5.4): going
 * out scope by scope, an escalation event sub-process of the scope catches it first, then an
 * escalation boundary (for that code, or without a code) of the sub-process or call activity that
 * owns the scope; from a called instance's process level on into the caller. An interrupting catch
 * ends that scope (or activity), the thrower with it; a non-interrupting one lets both go on.
 * Uncaught, an escalation has no effect: the thrower goes on.
 */
export async function throwEscalation(ctx: Ctx, thrower: Token, code: string | undefined): Promise<'interrupted' | 'caught' | 'uncaught'> {
  const variables = { lastEscalation: code ?? null };
  let here: Ctx = ctx;
  let scopeId: string | null = thrower.scope;
  for (;;) {
    for (;;) {
      const start = eventSubProcessFor(here, scopeId, 'escalation', code);
      if (start) {
        await startEventSubProcess(here, scopeId, start, variables);
        return start.interrupting ? 'interrupted' : 'caught';
      }
      const owner = here.token(scopeId);
      if (!owner) break;
      const caught = await catchOnBoundary(here, owner, code);
      if (caught) return caught;
      scopeId = owner.scope;
    }
    // Process level: a called instance escalates to its call activity in the parent.
    const { parentInstanceId, parentTokenId } = here.inst;
    if (!parentInstanceId || !parentTokenId) return 'uncaught';
    const parent = await here.step.load(parentInstanceId);
    const callToken = parent?.token(parentTokenId);
    if (!parent || parent.inst.status !== 'running' || !callToken) return 'uncaught';
    const caught = await catchOnBoundary(parent, callToken, code);
    if (caught) return caught;
    here = parent;
    scopeId = callToken.scope;
  }
}

async function catchOnBoundary(ctx: Ctx, owner: Token, code: string | undefined): Promise<'interrupted' | 'caught' | undefined> {
  if (owner.data?.miChild) return undefined;
  const catcher = ctx
    .node(owner.element)
    .boundaries.map((b) => ctx.node(b))
    .find((b) => b.event.type === 'escalation' && (b.event.escalationCode === undefined || b.event.escalationCode === code));
  if (!catcher) return undefined;
  await boundaryEvent.occur?.(ctx, owner, catcher, { lastEscalation: code ?? null });
  return catcher.cancelActivity ? 'interrupted' : 'caught';
}
