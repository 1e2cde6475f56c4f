/**
 * The rule evaluator as the runtime sees it: the rules engineer's port. A business rule task
 * only calls `evaluate(key, facts, at)` (at = YYYY-MM-DD, Asia/Jakarta) and stores the whole result.
 */
export type { RuleEvaluator, EvaluationResult, Facts } from '../rules/port.js';
