import { inspectRuleSet, publishIssues, type RuleIssue } from '../../../rules/engine/index.js';
import type { ContentValidator, Issue } from './content-validation.js';

/** A rules-engine issue as the store reports it. */
export const toIssue = (i: RuleIssue): Issue => ({ code: i.code, message: i.message, ...(i.path ? { path: i.path } : {}) });

/**
 * The store's hook for rule sets: on every draft save the schema and meaning checks; on publish
 * additionally the set's own tests and period coverage — any failure refuses the publication
 * and is listed.
 */
export const ruleSetValidator: ContentValidator = {
  async validate(content, ctx) {
    let doc: unknown;
    try {
      doc = JSON.parse(content);
    } catch (e) {
      return { errors: [{ code: 'RULESET_SCHEMA', message: `not JSON: ${e instanceof Error ? e.message : String(e)}`, path: '/' }], warnings: [] };
    }
    const report = inspectRuleSet(doc);
    const errors = report.errors.map(toIssue);
    const warnings = report.warnings.map(toIssue);
    if (ctx.phase === 'publish' && report.compiled) {
      errors.push(...publishIssues(report.compiled).issues.map(toIssue));
    }
    return { errors, warnings };
  },
};
