/** The rules engine: validate, compile once, evaluate. See ../README.md. */
export { compileRuleSet, inspectRuleSet, type CompiledRuleSet, type CompileReport } from './compile.js';
export { evaluateCompiled, prepareFacts } from './evaluate.js';
export { evaluateReference } from './reference.js';
export { runRuleSetTests, publishIssues, type TestRun, type TestOutcome } from './tests.js';
export { RuleSetError, RuleSetInvalidError, type RuleIssue } from './errors.js';
export { jakartaDate, isIsoDate } from './period.js';
export { parseFormula, type FormulaNode } from './formula/parse.js';
export { documentSchema } from './schema.js';
export { eligibilityFacts } from './eligibility-facts.js';
export type * from './types.js';
