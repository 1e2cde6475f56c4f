import { RE2JS } from 're2js';
import { FIELD_MARK, FIELD_MARKS, isFieldMark } from './form-fields.js';

/**
 * The JSON-Schema subset that managers may write in fact schemas (rule sets) and form schemas
 * (`sop:form`), and the linear-time engine their `pattern`s run on (issue 16, finding 3: a fact
 * with `pattern: "^(a+)+$"` held the whole server for 4.9 s on 31 characters, because ajv
 * runs patterns on JavaScript's backtracking RegExp).
 *
 * - Keywords outside this list are refused: each one is more engine surface (`$ref` to remote
 *   schemas, `patternProperties`, `dependentSchemas`…) that no SOP needs.
 * - `pattern` is compiled with re2js (RE2 semantics: no backreferences, no lookaround, always
 *   linear time); a pattern RE2 cannot compile is refused with PATTERN_REFUSED.
 * - A number without a declared range gets one (0 … 1e15), so `1e309` (Infinity after
 *   JSON.parse) or `1e308` never reaches a fee formula.
 */
const ALLOWED_KEYWORDS: ReadonlySet<string> = new Set([
  // structure and values
  'type', 'properties', 'required', 'items', 'enum', 'const', 'additionalProperties',
  // text shown by forms
  'title', 'description', 'default', 'examples', '$comment',
  // strings
  'format', 'minLength', 'maxLength', 'pattern',
  // dates compared by their format (ajv-formats: a due date before 5 January 2025)
  'formatMinimum', 'formatMaximum', 'formatExclusiveMinimum', 'formatExclusiveMaximum',
  // numbers
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  // arrays and objects
  'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties',
  // conditions (conditional `required` via if/then)
  'if', 'then', 'else', 'not', 'allOf', 'anyOf', 'oneOf',
  // the form's own annotations; what a field is to the application (core/form-fields.ts)
  'writeOnly', 'readOnly', FIELD_MARK,
]);

/** Keywords whose value is a map of name → subschema, or a subschema, or a list of them. */
const SCHEMA_MAPS = ['properties'] as const;
const SCHEMA_VALUES = ['items', 'additionalProperties', 'not', 'if', 'then', 'else'] as const;
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'] as const;

const DEFAULT_NUMBER_MINIMUM = 0;
export const DEFAULT_NUMBER_MAXIMUM = 1e15;

export interface SchemaProblem {
  code: 'SCHEMA_KEYWORD' | 'PATTERN_REFUSED' | 'SCHEMA_INVALID';
  message: string;
  /** JSON pointer into the schema */
  path: string;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every keyword outside the subset and every pattern RE2 cannot compile, with where it is. */
export function schemaProblems(schema: unknown, path = ''): SchemaProblem[] {
  if (typeof schema === 'boolean') return [];
  if (!isObject(schema)) return [{ code: 'SCHEMA_INVALID', message: 'a schema must be an object', path: path || '/' }];
  const problems: SchemaProblem[] = [];
  for (const [keyword, value] of Object.entries(schema)) {
    const at = `${path}/${keyword}`;
    // `ui:…` hints travel in the same object in some of our forms; they are data for the UI
    if (keyword.startsWith('ui:')) continue;
    if (!ALLOWED_KEYWORDS.has(keyword)) {
      problems.push({ code: 'SCHEMA_KEYWORD', message: `keyword "${keyword}" is not allowed in a schema here`, path: at });
      continue;
    }
    if (keyword === FIELD_MARK && !isFieldMark(value)) {
      problems.push({ code: 'SCHEMA_INVALID', message: `${FIELD_MARK} must be one of ${FIELD_MARKS.join(', ')}`, path: at });
    }
    if (keyword === 'pattern') {
      if (typeof value !== 'string') problems.push({ code: 'SCHEMA_INVALID', message: 'pattern must be a string', path: at });
      else {
        const refused = patternRefusal(value);
        if (refused) problems.push({ code: 'PATTERN_REFUSED', message: `pattern ${JSON.stringify(value)} is not supported: ${refused}`, path: at });
      }
    }
    if ((SCHEMA_MAPS as readonly string[]).includes(keyword) && isObject(value)) {
      for (const [name, sub] of Object.entries(value)) problems.push(...schemaProblems(sub, `${at}/${escapePointer(name)}`));
    }
    if ((SCHEMA_VALUES as readonly string[]).includes(keyword) && (isObject(value) || typeof value === 'boolean')) problems.push(...schemaProblems(value, at));
    if (keyword === 'items' && Array.isArray(value)) value.forEach((sub, i) => problems.push(...schemaProblems(sub, `${at}/${i}`)));
    if ((SCHEMA_LISTS as readonly string[]).includes(keyword) && Array.isArray(value)) value.forEach((sub, i) => problems.push(...schemaProblems(sub, `${at}/${i}`)));
  }
  return problems;
}

function escapePointer(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Why RE2 refuses this pattern (backreference, lookaround…), or undefined when it compiles. */
export function patternRefusal(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

interface RegExpLike {
  test(s: string): boolean;
  toString(): string;
}

/**
 * ajv's `code.regExp` option: every `pattern` is matched by re2js. JSON Schema patterns are
 * unanchored searches, hence `find()`. ajv keys its compiled patterns by `toString()`, so it must
 * name the pattern. `code` would only be printed by ajv's standalone generator, which never sees
 * a manager's schema (the studio interprets those: studio/forms/safe-validator.ts).
 */
export const re2RegExp = Object.assign(
  (pattern: string, flags: string): RegExpLike => {
    const re = RE2JS.compile(pattern);
    return { test: (s: string) => re.matcher(s).find(), toString: () => `re2:/${pattern}/${flags}` };
  },
  { code: 're2RegExp' },
);

/** A pattern test on the linear-time engine, for code that checks patterns by hand. */
export function re2Test(pattern: string, value: string): boolean {
  return RE2JS.compile(pattern).matcher(value).find();
}

/**
 * A copy of the schema in which every number or integer has a finite range: the declared one,
 * or DEFAULT_NUMBER_MINIMUM … DEFAULT_NUMBER_MAXIMUM where none is declared.
 */
export function withNumberBounds<T>(schema: T): T {
  if (Array.isArray(schema)) return (schema as unknown[]).map((s) => withNumberBounds(s)) as T;
  if (!isObject(schema)) return schema;
  const out: Record<string, unknown> = { ...schema };
  const types = Array.isArray(out.type) ? out.type : [out.type];
  if (types.includes('number') || types.includes('integer')) {
    if (out.minimum === undefined && out.exclusiveMinimum === undefined) out.minimum = DEFAULT_NUMBER_MINIMUM;
    if (out.maximum === undefined && out.exclusiveMaximum === undefined) out.maximum = DEFAULT_NUMBER_MAXIMUM;
  }
  for (const k of SCHEMA_MAPS) {
    if (isObject(out[k])) out[k] = Object.fromEntries(Object.entries(out[k] as Record<string, unknown>).map(([n, s]) => [n, withNumberBounds(s)]));
  }
  for (const k of [...SCHEMA_VALUES, ...SCHEMA_LISTS]) if (out[k] !== undefined) out[k] = withNumberBounds(out[k]);
  return out as T;
}
