import type { Ctx } from '../context.js';
import type { Token } from '../store.js';

/**
 * Sends a message thrown by this instance (throw and end events, send tasks) to whoever waits for
 * it, once the thrower has moved on: the key is the message's correlation variable, else the
 * business key, else the instance's id — the key it waits under itself (`Ctx.subscribe`), which a
 * process the message starts takes as its business key, so the two can go on talking.
 */
export function sendMessage(ctx: Ctx, token: Token, messageName: string, correlationVariable: string | undefined): void {
  const vars = ctx.vars(token);
  const key = correlationVariable ? vars[correlationVariable] : (ctx.inst.businessKey ?? ctx.inst.id);
  if (key === undefined || key === null) return;
  ctx.step.push(async () => {
    await ctx.step.deliverMessage({ name: messageName, correlationKey: String(key), variables: { ...ctx.inst.variables }, office: ctx.inst.office });
  });
}
