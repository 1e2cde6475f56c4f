import type { Variables } from '../conditions.js';
import type { Ctx } from '../engine.js';
import type { TaskRow, Token } from '../store.js';

/** What wakes a waiting token. */
export type Signal =
  | { type: 'task'; task: TaskRow; variables: Variables; actor: string; onBehalf: boolean; details?: Variables }
  | { type: 'job' | 'timer' | 'message'; elementId: string; variables: Variables }
  | { type: 'child-completed'; variables: Variables }
  | { type: 'scope-completed'; variables: Variables };

/**
 * One BPMN type's behaviour (after bpmn-elements): `enter` when a token arrives, `resume`
 * when something it waits for happens, `cancel` when it is interrupted or terminated.
 */
export interface Behaviour {
  enter(ctx: Ctx, token: Token): Promise<void> | void;
  resume?(ctx: Ctx, token: Token, signal: Signal): Promise<void> | void;
  cancel?(ctx: Ctx, token: Token, by: string | null): Promise<void> | void;
  /** multi-instance: one inner instance finished */
  childDone?(ctx: Ctx, outer: Token, child: Token, result: unknown): Promise<void> | void;
}

/** Event payloads merge into instance variables when the event happens. */
export function mergeTriggered(ctx: Ctx, token: Token): boolean {
  const t = token.data?.triggered;
  if (!t) return false;
  ctx.setVariables(t.variables);
  return true;
}
