/**
 * A JSON Schema validator for @rjsf that interprets the schema instead of compiling it: ajv
 * generates code with `new Function`, which our Content-Security-Policy (no 'unsafe-eval')
 * blocks. Our forms and facts schemas are flat (rules/README.md; the forms inline in sop:form), so the
 * keywords below are all we need; unknown keywords are ignored, never guessed.
 */
import type { ErrorSchema, RJSFSchema, RJSFValidationError, ValidationData, ValidatorType, CustomValidator, ErrorTransformer, UiSchema, FormValidation } from '@rjsf/utils';

import { re2Test } from '../../core/safe-schema.js';

type Schema = RJSFSchema;

interface Problem { path: string[]; keyword: string; message: string }

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Patterns run on the same linear-time engine as on the server; one RE2 refuses is no match. */
function patternMatches(pattern: string, value: string): boolean {
  try {
    return re2Test(pattern, value);
  } catch {
    return false;
  }
}

function typeOk(type: string, v: unknown): boolean {
  switch (type) {
    case 'string': return typeof v === 'string';
    case 'number': return typeof v === 'number' && Number.isFinite(v);
    case 'integer': return typeof v === 'number' && Number.isInteger(v);
    case 'boolean': return typeof v === 'boolean';
    case 'array': return Array.isArray(v);
    case 'object': return !!v && typeof v === 'object' && !Array.isArray(v);
    case 'null': return v === null;
    default: return true;
  }
}

export function check(schema: Schema, value: unknown, path: string[] = [], out: Problem[] = []): Problem[] {
  if (typeof schema !== 'object' || schema === null) return out;
  if (value === undefined) return out;
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length && !types.some((ty) => typeOk(String(ty), value))) {
    out.push({ path, keyword: 'type', message: `harus bertipe ${types.join('/')}` });
    return out;
  }
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) out.push({ path, keyword: 'enum', message: 'harus salah satu pilihan' });
  if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) out.push({ path, keyword: 'const', message: 'nilai tidak sesuai' });
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) out.push({ path, keyword: 'minimum', message: `minimal ${schema.minimum}` });
    if (typeof schema.maximum === 'number' && value > schema.maximum) out.push({ path, keyword: 'maximum', message: `maksimal ${schema.maximum}` });
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) out.push({ path, keyword: 'minLength', message: `minimal ${schema.minLength} karakter` });
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) out.push({ path, keyword: 'maxLength', message: `maksimal ${schema.maxLength} karakter` });
    if (typeof schema.pattern === 'string' && !patternMatches(schema.pattern, value)) out.push({ path, keyword: 'pattern', message: 'format tidak sesuai' });
    if (schema.format === 'date' && !DATE.test(value)) out.push({ path, keyword: 'format', message: 'harus tanggal (YYYY-MM-DD)' });
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) out.push({ path, keyword: 'minItems', message: `minimal ${schema.minItems} butir` });
    if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) out.push({ path, keyword: 'uniqueItems', message: 'butir tidak boleh berulang' });
    if (schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items)) value.forEach((v, i) => check(schema.items as Schema, v, [...path, String(i)], out));
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const req of schema.required ?? []) {
      if (obj[req] === undefined || obj[req] === '') out.push({ path: [...path, req], keyword: 'required', message: 'wajib diisi' });
    }
    for (const [name, sub] of Object.entries(schema.properties ?? {})) check(sub as Schema, obj[name], [...path, name], out);
  }
  return out;
}

function toRjsfErrors(problems: Problem[]): RJSFValidationError[] {
  return problems.map((p) => ({
    name: p.keyword,
    property: p.path.length ? `.${p.path.join('.')}` : '.',
    message: p.message,
    stack: `${p.path.join('.') || 'formulir'} ${p.message}`,
  }));
}

function toErrorSchema(problems: Problem[]): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const p of problems) {
    let node = root;
    for (const seg of p.path) node = (node[seg] ??= {}) as Record<string, unknown>;
    ((node.__errors ??= []) as string[]).push(p.message);
  }
  return root as ErrorSchema;
}

function errorHandler(): FormValidation {
  const make = (): Record<string, unknown> => {
    const errors: string[] = [];
    return new Proxy({ __errors: errors, addError: (m: string) => errors.push(m) } as Record<string, unknown>, {
      get(target, prop: string) {
        if (!(prop in target)) target[prop] = make();
        return target[prop];
      },
    });
  };
  return make() as unknown as FormValidation;
}

function collect(handler: Record<string, unknown>, path: string[], out: Problem[]): void {
  for (const [k, v] of Object.entries(handler)) {
    if (k === '__errors') for (const m of v as string[]) out.push({ path, keyword: 'custom', message: m });
    else if (k !== 'addError' && v && typeof v === 'object') collect(v as Record<string, unknown>, [...path, k], out);
  }
}

export const safeValidator: ValidatorType = {
  validateFormData(formData: unknown, schema: Schema, customValidate?: CustomValidator, transformErrors?: ErrorTransformer, uiSchema?: UiSchema): ValidationData<unknown> {
    const problems = check(schema, formData);
    if (customValidate) {
      const handler = customValidate(formData, errorHandler(), uiSchema) as unknown as Record<string, unknown>;
      collect(handler, [], problems);
    }
    let errors = toRjsfErrors(problems);
    if (transformErrors) errors = transformErrors(errors, uiSchema);
    return { errors, errorSchema: toErrorSchema(problems) };
  },
  isValid(schema: Schema, formData: unknown): boolean {
    return check(schema, formData).length === 0;
  },
  rawValidation<Result = unknown>(schema: Schema, formData?: unknown) {
    return { errors: toRjsfErrors(check(schema, formData)) as unknown as Result[] };
  },
};
