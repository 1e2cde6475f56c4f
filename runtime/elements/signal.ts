import type { Ctx } from '../context.js';

/**
 * Throws a signal (intermediate throw and end events): broadcast in the instance's own office
 * once the thrower has moved on, with the instance's variables as payload. Signals never cross
 * offices: an office-wide announcement must not reach another office's applications.
 */
export function throwSignal(ctx: Ctx, signalName: string): void {
  ctx.step.push(async () => {
    await ctx.step.deliverSignal({ name: signalName, office: ctx.inst.office, variables: { ...ctx.inst.variables }, startedBy: ctx.inst.startedBy });
  });
}
