import type { Variables } from '../conditions.js';
import type { Ctx } from '../context.js';
import type { FlowNode } from '../model/types.js';
import type { Token } from '../store.js';

export type { Ctx, Signal } from '../context.js';
import type { Signal } from '../context.js';

/**
 * One BPMN type's behaviour (after bpmn-elements): `enter` when a token arrives, `resume`
 * when something it waits for happens, `cancel` when it is interrupted or terminated. The
 * optional hooks let an element take part in what the engine does generically.
 */
export interface Behaviour {
  enter(ctx: Ctx, token: Token): Promise<void> | void;
  resume?(ctx: Ctx, token: Token, signal: Signal): Promise<void> | void;
  cancel?(ctx: Ctx, token: Token, by: string | null): Promise<void> | void;
  /** multi-instance: one inner instance finished */
  childDone?(ctx: Ctx, outer: Token, child: Token, result: unknown): Promise<void> | void;
  /**
   * This event element happened while `owner` (the token it is attached to, e.g. the activity
   * of a boundary event) waits: timers, messages and errors whose element is not the owner's.
   */
  occur?(ctx: Ctx, owner: Token, node: FlowNode, variables: Variables): Promise<void> | void;
  /**
   * Called for a token waiting here once the step has nothing else to do (inclusive joins).
   * Returns whether it moved: the step then runs again.
   */
  settle?(ctx: Ctx, token: Token): boolean;
  /**
   * Called, once the step is quiet, for each event of this kind attached to a waiting `owner`
   * (conditional boundary events). Returns whether it happened: the step then runs again.
   */
  watch?(ctx: Ctx, owner: Token, node: FlowNode): boolean;
}

/** Event payloads merge into instance variables when the event happens. */
export function mergeTriggered(ctx: Ctx, token: Token): boolean {
  const t = token.data?.triggered;
  if (!t) return false;
  ctx.setVariables(t.variables);
  return true;
}
