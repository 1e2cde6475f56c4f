import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import documentSchema from '../schema/ruleset.schema.json' with { type: 'json' };
import { re2RegExp, schemaProblems, withNumberBounds } from '../../core/safe-schema.js';
import type { RuleIssue } from './errors.js';
import type { FactsSchema } from './types.js';

// Documents are checked strictly; facts schemas are authored by managers and may carry UI
// keywords (ui hints, examples) that ajv's strict mode would refuse.
const documentAjv = new Ajv({ allErrors: true, strict: false });
const validateDocumentShape = documentAjv.compile(documentSchema);
// Patterns run on re2js (linear time) and every number gets a finite range: see core/safe-schema.ts.
const factsAjv = new Ajv({ allErrors: true, strict: false, useDefaults: true, code: { regExp: re2RegExp } });
// "format": "date" facts (a due date) must be real calendar dates: 2025-02-30 is refused.
(addFormats as unknown as (a: Ajv, formats: string[]) => void)(factsAjv, ['date']);

/** Structural check of a rule-set document against rules/schema/ruleset.schema.json. */
export function checkDocumentShape(doc: unknown): RuleIssue[] {
  if (validateDocumentShape(doc)) return [];
  return (validateDocumentShape.errors ?? [])
    // oneOf/anyOf branches repeat the same problem many times; keep the most specific lines.
    .filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'if')
    .slice(0, 50)
    .map((e) => ({ code: 'RULESET_SCHEMA', message: describeAjvError(e), path: e.instancePath || '/' }));
}

function describeAjvError(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return `unknown property "${String((e.params as { additionalProperty: string }).additionalProperty)}"`;
  if (e.keyword === 'required') return `missing property "${String((e.params as { missingProperty: string }).missingProperty)}"`;
  if (e.keyword === 'const') return `must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`;
  if (e.keyword === 'enum') return `must be one of ${JSON.stringify((e.params as { allowedValues: unknown }).allowedValues)}`;
  return e.message ?? e.keyword;
}

/** Compiles the facts schema (once per compiled rule set); problems are reported, not thrown. */
export function compileFactsSchema(schema: FactsSchema, issues: RuleIssue[]): ValidateFunction | undefined {
  const problems = schemaProblems(schema, '/facts');
  if (problems.length > 0) {
    issues.push(...problems);
    return undefined;
  }
  try {
    return factsAjv.compile(withNumberBounds({ ...schema, additionalProperties: true }));
  } catch (e) {
    issues.push({ code: 'FACTS_SCHEMA', message: `facts schema does not compile: ${e instanceof Error ? e.message : String(e)}`, path: '/facts' });
    return undefined;
  }
}

export interface FactIssue {
  code: 'FACT_REQUIRED' | 'FACT_TYPE' | 'FACT_VALUE' | 'FACT_INVALID';
  message: string;
  path: string;
}

/**
 * The facts' problems, one line each with the fact's path. A facts schema may say that two
 * facts exclude each other with `"not": {"required": ["dueDate", "monthsLate"]}`.
 */
export function factIssues(errors: ErrorObject[] | null | undefined, schema?: FactsSchema): FactIssue[] {
  return (errors ?? []).map((e): FactIssue => {
    if (e.keyword === 'not' && e.schemaPath === '#/not') {
      const both = ((schema?.not as { required?: unknown } | undefined)?.required ?? []) as string[];
      const names = both.map((n) => `"${n}"`).join(' and ');
      return { code: 'FACT_INVALID', message: names ? `facts ${names} cannot be given together` : 'these facts cannot be given together', path: `/${both[both.length - 1] ?? ''}` };
    }
    if (e.keyword === 'required') {
      const name = String((e.params as { missingProperty: string }).missingProperty);
      return { code: 'FACT_REQUIRED', message: `fact "${name}" is required`, path: `/${name}` };
    }
    const path = e.instancePath || '/';
    const name = path.slice(1);
    if (e.keyword === 'type') return { code: 'FACT_TYPE', message: `fact "${name}" must be ${String((e.params as { type: string }).type)}`, path };
    if (e.keyword === 'enum') return { code: 'FACT_VALUE', message: `fact "${name}" must be one of ${JSON.stringify((e.params as { allowedValues: unknown }).allowedValues)}`, path };
    return { code: 'FACT_INVALID', message: `fact "${name}" ${e.message ?? 'is invalid'}`, path };
  });
}
