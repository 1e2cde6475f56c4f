import type { Ctx } from '../context.js';
import type { Token } from '../store.js';

/**
 * Sends a message thrown by this instance (throw and end events) to whoever waits for it, once
 * the thrower has moved on: the key is the message's correlation variable, else the business key.
 */
export function sendMessage(ctx: Ctx, token: Token, messageName: string, correlationVariable: string | undefined): void {
  const vars = ctx.vars(token);
  const key = correlationVariable ? vars[correlationVariable] : ctx.inst.businessKey;
  if (key === undefined || key === null) return;
  ctx.step.push(async () => {
    await ctx.step.deliverMessage({ name: messageName, correlationKey: String(key), variables: { ...ctx.inst.variables }, office: ctx.inst.office });
  });
}
