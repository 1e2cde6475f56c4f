import type { ContentValidators } from './content-validation.js';
import { lintValidator } from './lint-validator.js';
import { processModelValidator } from '../runtime/runtime-validator.js';
import { ruleSetValidator } from './ruleset-validator.js';

/**
 * The checks every draft save and publish of the product runs (passed to the store by the
 * routes, approvals and the library loader), per kind, in this order: the
 * runtime's (what it cannot execute), then the studio's lint rules; rule sets their schema,
 * meaning and (at publish) tests.
 */
export const CONTENT_VALIDATORS: ContentValidators = {
  process: [processModelValidator, lintValidator],
  ruleset: [ruleSetValidator],
};
