import { evaluateCondition } from '../conditions.js';
import type { Ctx } from '../context.js';
import type { Token } from '../store.js';
import type { Behaviour } from './types.js';

/**
 * Standard loop (standardLoopCharacteristics, BPMN 2.0.2 §10.3.8): the activity runs again while
 * its loopCondition (our condition JSON, over the instance variables and `loopCounter`) holds —
 * tested before each pass with testBefore, else after each pass (so it runs at least once) — and
 * at most loopMaximum times. Each pass is an inner token of the same element run by the
 * element's own behaviour (as a multi-instance inner instance, but its variables merge into the
 * instance, since the condition reads them); the outer token holds the counter and the
 * activity's boundary events.
 */
export const standardLoop: Behaviour = {
  enter(ctx, outer) {
    outer.data = { ...outer.data, loop: { counter: 0 } };
    ctx.wait(outer);
    next(ctx, outer);
  },
  childDone(ctx, outer) {
    if (!ctx.inst.tokens.includes(outer)) return;
    next(ctx, outer);
  },
};

function next(ctx: Ctx, outer: Token): void {
  const node = ctx.node(outer.element);
  const loop = node.loop;
  const state = outer.data?.loop;
  if (!loop || !state) return;
  const underMaximum = loop.maximum === undefined || state.counter < loop.maximum;
  const tested = state.counter > 0 || loop.testBefore;
  const holds = !tested || loop.condition === undefined || evaluateCondition(loop.condition, { ...ctx.vars(outer), loopCounter: state.counter });
  if (!underMaximum || !holds) {
    ctx.leave(outer, { details: { loopCounter: state.counter } });
    return;
  }
  const child = ctx.newToken(node.id, outer.id, null, { loopCounter: state.counter });
  child.data = { miChild: true };
  state.counter += 1;
  ctx.arrive(child);
}
