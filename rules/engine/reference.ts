import { Engine, type RuleProperties } from 'json-rules-engine';
import type { CompiledPeriod, CompiledRuleSet } from './compile.js';
import { applyFiredRules, periodAt, planEvaluation, prepareFacts, type Firing } from './evaluate.js';
import type { ConditionTrace, EvaluationResult, Lang } from './types.js';

/**
 * The same evaluation with json-rules-engine deciding which rules fire. It is the reference the
 * compiled closures are tested against, and the baseline of the benchmark; production uses
 * evaluateCompiled. The repetition per tax year is ours (planEvaluation/applyFiredRules, shared
 * by both paths): json-rules-engine decides the conditions of every period the evaluation uses.
 */
function buildReferenceEngine(cp: CompiledPeriod): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  cp.rules.forEach((r, index) => {
    const rule: RuleProperties = {
      name: String(index),
      conditions: (r.rule.conditions ?? { all: [] }) as RuleProperties['conditions'],
      event: { type: 'fired', params: { index } },
    };
    engine.addRule(rule);
  });
  return engine;
}

export interface ReferenceOptions {
  /** Reuse one Engine per period (true) or build a new Engine on every call (the naive baseline). */
  cache?: boolean;
  /** language of the eligibility reasons (Indonesian by default) */
  lang?: Lang;
}

const engines = new WeakMap<CompiledPeriod, Engine>();

export async function evaluateReference(c: CompiledRuleSet, input: unknown, at?: string, opts: ReferenceOptions = {}): Promise<EvaluationResult> {
  const chosen = periodAt(c, at);
  const facts = prepareFacts(c, input);
  const plan = planEvaluation(c, chosen, facts);
  const firing = new Map<CompiledPeriod, Firing>();
  for (const cp of plan.periods) {
    let engine = opts.cache ? engines.get(cp) : undefined;
    if (!engine) {
      engine = buildReferenceEngine(cp);
      if (opts.cache) engines.set(cp, engine);
    }
    // json-rules-engine keeps runtime facts per run (its almanac), so a shared engine is safe here.
    const { results } = await engine.run({ ...facts });
    const fired = cp.rules.map(() => false);
    for (const r of results) fired[(r.event?.params as { index: number }).index] = true;
    const why: ConditionTrace[][] = cp.rules.map(() => []);
    firing.set(cp, { fired, why });
  }
  return applyFiredRules(c, plan, facts, firing, opts.lang);
}
