import type { ContentValidator, DocumentKind } from './content-validation.js';
import { lintValidator } from './lint-validator.js';
import { processModelValidator } from './runtime-validator.js';
import { ruleSetValidator } from './ruleset-validator.js';

/**
 * The checks the store runs on every draft save and publish, per kind, in this order: the
 * runtime's (what it cannot execute), then the studio's lint rules; rule sets their schema,
 * meaning and (at publish) tests.
 */
export const CONTENT_VALIDATORS: Record<DocumentKind, readonly ContentValidator[]> = {
  process: [processModelValidator, lintValidator],
  ruleset: [ruleSetValidator],
};
