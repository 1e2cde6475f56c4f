/**
 * Errors of the rules engine. Each carries a stable `code` the server maps to HTTP once,
 * and `details` (for document problems: the list of issues, each with a JSON-pointer path).
 */
import { CodedError } from '../../core/coded-error.js';

export interface RuleIssue {
  code: string;
  message: string;
  /** JSON pointer into the rule-set document (or into the facts, for FACTS_INVALID). */
  path?: string;
}

export class RuleSetError extends CodedError {}

/** Thrown when a document fails validation: `details.issues` lists every problem found. */
export class RuleSetInvalidError extends RuleSetError {
  readonly issues: RuleIssue[];
  constructor(issues: RuleIssue[]) {
    const first = issues[0];
    super(
      'RULESET_INVALID',
      `rule set is invalid: ${first ? `${first.message}${first.path ? ` at ${first.path}` : ''}` : 'unknown problem'}${issues.length > 1 ? ` (+${issues.length - 1} more)` : ''}`,
      { issues },
    );
    this.issues = issues;
  }
}

/** Escapes one JSON-pointer segment (RFC 6901). */
export function pointerSegment(s: string | number): string {
  return String(s).replace(/~/g, '~0').replace(/\//g, '~1');
}
