import type { RuleIssue } from './errors.js';
import type { BooleanCondition, Condition, ConditionTrace, FactProperty, Facts, LeafCondition } from './types.js';

/** A compiled condition; appends each comparison it evaluated to `trace` (the "why"). */
export type ConditionFn = (facts: Facts, trace: ConditionTrace[]) => boolean;

/**
 * The operators of json-rules-engine 7, with its exact semantics (including its check that a
 * numeric comparison's fact value parses as a number), so the compiled closures and the
 * reference engine always agree.
 */
const isNumberLike = (v: unknown): boolean => Number.parseFloat(v as string).toString() !== 'NaN';
const OPERATORS: Record<string, (a: unknown, b: unknown) => boolean> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => (b as { indexOf(x: unknown): number }).indexOf(a) > -1,
  notIn: (a, b) => (b as { indexOf(x: unknown): number }).indexOf(a) === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a, b) => isNumberLike(a) && (a as number) < (b as number),
  lessThanInclusive: (a, b) => isNumberLike(a) && (a as number) <= (b as number),
  greaterThan: (a, b) => isNumberLike(a) && (a as number) > (b as number),
  greaterThanInclusive: (a, b) => isNumberLike(a) && (a as number) >= (b as number),
};
const NUMERIC = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);
const LIST = new Set(['in', 'notIn']);
const ARRAY_FACT = new Set(['contains', 'doesNotContain']);

const ALWAYS: ConditionFn = () => true;

function isLeaf(c: Condition): c is LeafCondition {
  return typeof c === 'object' && c !== null && 'fact' in c;
}

function isFactRef(v: unknown): v is { fact: string } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { fact?: unknown }).fact === 'string';
}

/**
 * Compiles a rule's conditions ONCE into a closure, reporting what json-rules-engine would only
 * discover at run time (unknown operator, fact not in the schema, a value the fact can never take).
 */
export function compileConditions(
  root: BooleanCondition | undefined,
  facts: Record<string, FactProperty>,
  path: string,
  issues: RuleIssue[],
): ConditionFn {
  if (!root) return ALWAYS;

  function leaf(c: LeafCondition, p: string): ConditionFn {
    const op: ((a: unknown, b: unknown) => boolean) | undefined = Object.hasOwn(OPERATORS, c.operator) ? OPERATORS[c.operator] : undefined;
    if (!op) {
      issues.push({ code: 'UNKNOWN_OPERATOR', message: `unknown operator "${c.operator}" (known: ${Object.keys(OPERATORS).join(', ')})`, path: `${p}/operator` });
    }
    const decl = Object.hasOwn(facts, c.fact) ? facts[c.fact] : undefined;
    if (!decl) issues.push({ code: 'UNKNOWN_FACT', message: `fact "${c.fact}" is not in the rule set's facts schema`, path: `${p}/fact` });
    const ref = isFactRef(c.value) ? c.value.fact : undefined;
    if (ref !== undefined && !Object.hasOwn(facts, ref)) issues.push({ code: 'UNKNOWN_FACT', message: `fact "${ref}" is not in the rule set's facts schema`, path: `${p}/value/fact` });
    if (ref === undefined && op) checkValue(c, decl, p);
    if (!op) return () => false;

    const fact = c.fact;
    const value = c.value;
    if (ref !== undefined) {
      return (f, trace) => {
        const a = f[fact];
        const b = f[ref];
        const result = op(a, b);
        trace.push({ fact, operator: c.operator, value, factValue: a, result });
        return result;
      };
    }
    return (f, trace) => {
      const a = f[fact];
      const result = op(a, value);
      trace.push({ fact, operator: c.operator, value, factValue: a, result });
      return result;
    };
  }

  function checkValue(c: LeafCondition, decl: FactProperty | undefined, p: string): void {
    const bad = (message: string): void => {
      issues.push({ code: 'CONDITION_VALUE', message, path: `${p}/value` });
    };
    if (LIST.has(c.operator)) {
      if (!Array.isArray(c.value)) return bad(`"${c.operator}" needs a list of values`);
    } else if (NUMERIC.has(c.operator)) {
      if (typeof c.value !== 'number') return bad(`"${c.operator}" needs a number`);
      if (decl && decl.type !== 'number' && decl.type !== 'integer') return bad(`fact "${c.fact}" is not a number`);
    } else if (ARRAY_FACT.has(c.operator)) {
      if (decl && decl.type !== 'array') return bad(`"${c.operator}" needs a fact that is a list; "${c.fact}" is not`);
    }
    // A value outside the fact's enum is a typo that would silently never match.
    if (decl?.enum && (c.operator === 'equal' || c.operator === 'notEqual' || LIST.has(c.operator))) {
      const values = LIST.has(c.operator) && Array.isArray(c.value) ? c.value : [c.value];
      const unknown = values.filter((v) => !decl.enum?.includes(v));
      if (unknown.length) bad(`${unknown.map((v) => JSON.stringify(v)).join(', ')} is not a value of fact "${c.fact}" (${decl.enum.map((v) => JSON.stringify(v)).join(', ')})`);
    }
  }

  function node(c: Condition, p: string): ConditionFn {
    if (isLeaf(c)) return leaf(c, p);
    if ('all' in c) {
      const parts = c.all.map((x, i) => node(x, `${p}/all/${i}`));
      if (parts.length === 1) return parts[0];
      return (f, t) => {
        for (const part of parts) if (!part(f, t)) return false;
        return true;
      };
    }
    if ('any' in c) {
      const parts = c.any.map((x, i) => node(x, `${p}/any/${i}`));
      if (parts.length === 0) return ALWAYS; // json-rules-engine: an empty `any` passes
      if (parts.length === 1) return parts[0];
      return (f, t) => {
        for (const part of parts) if (part(f, t)) return true;
        return false;
      };
    }
    if ('not' in c) {
      const inner = node(c.not, `${p}/not`);
      return (f, t) => !inner(f, t);
    }
    issues.push({ code: 'RULESET_SCHEMA', message: 'a condition must be all / any / not or {fact, operator, value}', path: p });
    return () => false;
  }

  return node(root, path);
}
