import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { re2RegExp } from '../core/safe-schema.js';
import { RuntimeError } from './errors.js';
import type { Variables } from './conditions.js';

/**
 * A task's `sop:form`: a form key (resolved by the engine's `forms` loader, when it is given one;
 * the server gives none: the library's forms are inline) or inline JSON `{"schema":{…},"uiSchema":{…}}`. Completion variables are validated against
 * the schema; a mismatch refuses the completion with the schema errors, nothing changed.
 */
export interface FormDefinition {
  schema: Record<string, unknown>;
  uiSchema?: Record<string, unknown>;
}

/** Port: form key → definition (undefined when no such form exists). */
export type FormLoader = (key: string) => Promise<FormDefinition | undefined>;

// Patterns run on re2js, in linear time (issue 16, finding 3); see core/safe-schema.ts.
const ajv = new Ajv({ allErrors: true, strict: false, code: { regExp: re2RegExp } });
(addFormats as unknown as (a: Ajv) => void)(ajv);
const compiled = new Map<string, ValidateFunction>();

export async function resolveForm(form: string, loader: FormLoader | undefined): Promise<FormDefinition | undefined> {
  const text = form.trim();
  if (text.startsWith('{')) {
    const parsed = JSON.parse(text) as FormDefinition | Record<string, unknown>;
    return 'schema' in parsed && typeof parsed.schema === 'object' ? (parsed as FormDefinition) : { schema: parsed as Record<string, unknown> };
  }
  return loader ? loader(text) : undefined;
}

/** Where an error is: a missing required field at the field's own path (`/teksReklame`), not at the form's root. */
function errorPath(e: ErrorObject): string {
  const missing = e.keyword === 'required' ? (e.params as { missingProperty?: unknown }).missingProperty : undefined;
  return typeof missing === 'string' ? `${e.instancePath}/${missing}` : e.instancePath || '/';
}

export function checkVariables(form: FormDefinition, variables: Variables): void {
  const key = JSON.stringify(form.schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(form.schema);
    compiled.set(key, validate);
  }
  if (!validate(variables)) {
    const errors = (validate.errors ?? []).map((e: ErrorObject) => ({ path: errorPath(e), message: e.message ?? e.keyword, keyword: e.keyword, params: e.params }));
    throw new RuntimeError('VARIABLES_INVALID', 'Isian tidak sesuai formulir', { errors });
  }
}
