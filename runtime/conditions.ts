/**
 * Sequence-flow conditions: a json-rules-engine condition (all/any/not over facts) or a
 * plain boolean variable name. Evaluated synchronously here with json-rules-engine's own
 * operator semantics (the test suite compares against json-rules-engine itself), because a
 * step runs inside a database transaction and must not wait on an async engine per flow.
 * Nothing is ever evaluated as JavaScript.
 */
export type Variables = Record<string, unknown>;

export interface FactCondition {
  fact: string;
  operator: string;
  value: unknown;
  path?: string;
}
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | FactCondition;

export type CompiledCondition =
  | { kind: 'rules'; condition: Condition }
  | { kind: 'variable'; name: string };

export const OPERATORS = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
] as const;
type Operator = (typeof OPERATORS)[number];

export class ConditionSyntaxError extends Error {}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parses a conditionExpression body; throws ConditionSyntaxError with a readable reason. */
export function compileCondition(language: string | undefined, body: string): CompiledCondition {
  const text = body.trim();
  const lang = (language ?? '').trim().toLowerCase();
  // The literals a modeler writes for "always" and "never" (a loop with only loopMaximum, a complex
  // behavior that always throws) are constants, never variables named "true" or "false".
  if (lang === '' && (text === 'true' || text === 'false')) return { kind: 'rules', condition: text === 'true' ? { all: [] } : { any: [] } };
  if (lang === '' && IDENT.test(text)) return { kind: 'variable', name: text };
  if (lang !== 'json-rules-engine' && !(lang === '' && text.startsWith('{'))) {
    throw new ConditionSyntaxError(
      `bahasa kondisi "${language ?? ''}" tidak didukung: gunakan language="json-rules-engine" atau nama variabel boolean (JavaScript/FEEL tidak dijalankan)`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ConditionSyntaxError(`kondisi bukan JSON yang valid: ${(e as Error).message}`);
  }
  checkCondition(parsed, '$');
  return { kind: 'rules', condition: parsed as Condition };
}

function checkCondition(c: unknown, at: string): void {
  if (typeof c !== 'object' || c === null || Array.isArray(c)) throw new ConditionSyntaxError(`${at}: kondisi harus objek`);
  const o = c as Record<string, unknown>;
  if ('all' in o || 'any' in o) {
    const list = o.all ?? o.any;
    if (!Array.isArray(list)) throw new ConditionSyntaxError(`${at}: "all"/"any" harus array`);
    list.forEach((x, i) => checkCondition(x, `${at}.${'all' in o ? 'all' : 'any'}[${i}]`));
    return;
  }
  if ('not' in o) return checkCondition(o.not, `${at}.not`);
  if ('condition' in o) throw new ConditionSyntaxError(`${at}: referensi kondisi bernama tidak didukung`);
  if (typeof o.fact !== 'string') throw new ConditionSyntaxError(`${at}: "fact" harus string`);
  if (typeof o.operator !== 'string' || !(OPERATORS as readonly string[]).includes(o.operator)) {
    throw new ConditionSyntaxError(`${at}: operator "${String(o.operator)}" tidak dikenal (${OPERATORS.join(', ')})`);
  }
  if (!('value' in o)) throw new ConditionSyntaxError(`${at}: "value" wajib ada`);
  if (o.path !== undefined && (typeof o.path !== 'string' || !/^\$(\.[A-Za-z_][\w]*|\[\d+\])*$/.test(o.path))) {
    throw new ConditionSyntaxError(`${at}: path hanya mendukung bentuk $.a.b atau $.a[0]`);
  }
}

/** Facts that a condition reads (the workspace uses them to know which variables a decision sets). */
export function conditionFacts(c: CompiledCondition): string[] {
  if (c.kind === 'variable') return [c.name];
  const out = new Set<string>();
  const walk = (x: Condition) => {
    if ('all' in x) x.all.forEach(walk);
    else if ('any' in x) x.any.forEach(walk);
    else if ('not' in x) walk(x.not);
    else {
      out.add(x.fact);
      if (isFactRef(x.value)) out.add(x.value.fact);
    }
  };
  walk(c.condition);
  return [...out];
}

export function evaluateCondition(c: CompiledCondition, vars: Variables): boolean {
  if (c.kind === 'variable') return vars[c.name] === true;
  return evalNode(c.condition, vars);
}

function evalNode(c: Condition, vars: Variables): boolean {
  if ('all' in c) return c.all.every((x) => evalNode(x, vars));
  if ('any' in c) return c.any.some((x) => evalNode(x, vars));
  if ('not' in c) return !evalNode(c.not, vars);
  const factValue = readPath(vars[c.fact], c.path);
  const value = isFactRef(c.value) ? readPath(vars[c.value.fact], c.value.path) : c.value;
  return applyOperator(c.operator as Operator, factValue, value);
}

function isFactRef(v: unknown): v is { fact: string; path?: string } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { fact?: unknown }).fact === 'string';
}

// json-rules-engine resolves a path only on object facts and otherwise returns the fact itself.
function readPath(value: unknown, path: string | undefined): unknown {
  if (!path || value === null || typeof value !== 'object') return value;
  let cur: unknown = value;
  for (const part of path.slice(1).match(/\.[A-Za-z_]\w*|\[\d+\]/g) ?? []) {
    if (cur === null || typeof cur !== 'object') return undefined;
    const key = part.startsWith('[') ? Number(part.slice(1, -1)) : part.slice(1);
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

const isNumberLike = (v: unknown) => Number.parseFloat(v as string).toString() !== 'NaN';

function applyOperator(op: Operator, a: unknown, b: unknown): boolean {
  switch (op) {
    case 'equal':
      return a === b;
    case 'notEqual':
      return a !== b;
    case 'in':
      return Array.isArray(b) || typeof b === 'string' ? (b as unknown[]).indexOf(a as never) > -1 : false;
    case 'notIn':
      return Array.isArray(b) || typeof b === 'string' ? (b as unknown[]).indexOf(a as never) === -1 : false;
    case 'contains':
      return Array.isArray(a) && a.indexOf(b) > -1;
    case 'doesNotContain':
      return Array.isArray(a) && a.indexOf(b) === -1;
    case 'lessThan':
      return isNumberLike(a) && (a as number) < (b as number);
    case 'lessThanInclusive':
      return isNumberLike(a) && (a as number) <= (b as number);
    case 'greaterThan':
      return isNumberLike(a) && (a as number) > (b as number);
    case 'greaterThanInclusive':
      return isNumberLike(a) && (a as number) >= (b as number);
  }
}
