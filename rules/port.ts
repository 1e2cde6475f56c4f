import type { EvaluationResult, Facts, IneligibleReason } from './engine/types.js';

export type { EvaluationResult, Facts, IneligibleReason } from './engine/types.js';

/**
 * What the runtime's business rule task calls. The server implements it over the store
 * (latest publication of `key`, compiled engines cached per publication).
 * The answer is plain data: the instance stores it as is, so the nota keeps showing what was
 * computed even after a new tariff is published.
 */
export interface RuleEvaluator {
  /** `at`: the application's date, YYYY-MM-DD in Asia/Jakarta; today when absent. */
  evaluate(key: string, facts: Facts, at?: string): Promise<EvaluationResult>;
  /**
   * The property schemas of the facts `key` reads (its `facts` JSON Schema), for the runtime's
   * input check: which facts a step may be sent, and their types and ranges.
   */
  factSchema?(key: string): Promise<Record<string, Record<string, unknown>> | undefined>;
  /**
   * Eligibility only, at the start of an application: the reasons the set's `ineligible` rules
   * give for these facts (Indonesian); [] when the set has no such rules or cannot answer yet
   * (required facts missing). Optional: without it the start is not checked.
   */
  reasons?(key: string, facts: Facts, at?: string): Promise<IneligibleReason[]>;
  /**
   * The facts the set's `ineligible` rules read (rules/engine eligibilityFacts): a start of a
   * process whose requirement set has them must carry them. Optional: without it not checked.
   */
  eligibilityFacts?(key: string): Promise<string[]>;
}
