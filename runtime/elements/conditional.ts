import { evaluateCondition, type CompiledCondition } from '../conditions.js';
import type { Ctx } from '../context.js';
import type { Token } from '../store.js';

/**
 * A conditional event (BPMN 2.0.2 §10.5.2) happens when its condition *becomes* true. Evaluated
 * once a step is quiet (the `settle`/`watch` hooks), i.e. after every step that may have changed
 * the variables, over the variables the token sees. What it last saw is kept on the token
 * (`data.held`, instance JSON), so a condition that stays true does not fire again and a restart
 * resumes with the same memory. A condition already true when the event is armed fires at once.
 */
export function becameTrue(ctx: Ctx, holder: Token, key: string, condition: CompiledCondition): boolean {
  const holds = evaluateCondition(condition, ctx.vars(holder));
  const held = holder.data?.held?.[key] === true;
  if (holds === held) return false;
  holder.data = { ...holder.data, held: { ...holder.data?.held, [key]: holds } };
  return holds;
}
