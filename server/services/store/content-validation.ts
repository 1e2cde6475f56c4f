import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';

export type DocumentKind = 'process' | 'ruleset';

export interface Issue {
  code: string;
  message: string;
  path?: string;
  element?: string;
}

export interface ValidationResult {
  errors: Issue[];
  warnings: Issue[];
}

export interface ValidationContext {
  phase: 'draft' | 'publish';
  key: string;
  db: Kysely<Database>;
}

/** A check on a draft or publication's content (the lists per kind: validators.ts). */
export interface ContentValidator {
  validate(content: string, ctx: ValidationContext): Promise<ValidationResult>;
}

/** The checks per kind of document, run in order. */
export type ContentValidators = Readonly<Record<DocumentKind, readonly ContentValidator[]>>;

/** Runs the given validators in order (the list per kind: validators.ts). */
export async function runContentValidators(validators: readonly ContentValidator[], content: string, ctx: ValidationContext): Promise<ValidationResult> {
  const result: ValidationResult = { errors: [], warnings: [] };
  for (const v of validators) {
    const r = await v.validate(content, ctx);
    result.errors.push(...r.errors);
    result.warnings.push(...r.warnings);
  }
  return result;
}
