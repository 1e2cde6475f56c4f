import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';

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

/** One hook per kind: later parts (lint, rule schema) plug in here instead of editing the store. */
export interface ContentValidator {
  validate(content: string, ctx: ValidationContext): Promise<ValidationResult>;
}

const validators: Record<DocumentKind, ContentValidator[]> = { process: [], ruleset: [] };

export function registerContentValidator(kind: DocumentKind, validator: ContentValidator): void {
  if (!validators[kind].includes(validator)) validators[kind].push(validator);
}

export async function runContentValidators(kind: DocumentKind, content: string, ctx: ValidationContext): Promise<ValidationResult> {
  const result: ValidationResult = { errors: [], warnings: [] };
  for (const v of validators[kind]) {
    const r = await v.validate(content, ctx);
    result.errors.push(...r.errors);
    result.warnings.push(...r.warnings);
  }
  return result;
}
