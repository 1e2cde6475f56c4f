/**
 * The rule evaluator as the runtime sees it. The rules engineer's `rules/port.ts` defines
 * the evaluator; a business rule task only calls `evaluate` and stores the whole result.
 */
export interface RuleEvaluator {
  evaluate(ruleSetKey: string, facts: Record<string, unknown>, applicationDate: Date | string): Promise<unknown>;
}
