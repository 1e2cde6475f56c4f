/** The rules engine: validate, compile once, evaluate. See ../README.md. */
export { compileRuleSet, inspectRuleSet, type CompiledRuleSet } from './compile.js';
export { evaluateCompiled } from './evaluate.js';
export { evaluateReference } from './reference.js';
export { runRuleSetTests, publishIssues, type TestOutcome } from './tests.js';
export { RuleSetError, type RuleIssue } from './errors.js';
export { jakartaDate } from './period.js';
export { eligibilityFacts } from './eligibility-facts.js';
export type * from './types.js';
