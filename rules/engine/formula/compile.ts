import { addMonths, addYears, isCalendarDate, monthsLate, yearsOwed } from '../../../core/calendar-date.js';
import type { Facts, FactProperty } from '../types.js';
import { D, roundTo, type Dec } from './decimal.js';
import { parseFormula, type FormulaNode } from './parse.js';
import { FormulaSyntaxError } from './tokenize.js';

/** What a formula may name: the declared facts, the period's constants, earlier fee lines. */
export interface FormulaScope {
  facts: Record<string, FactProperty>;
  constants: ReadonlyMap<string, Dec | ReadonlyMap<string, Dec>>;
  /** Fee codes produced by rules written before this one (what `fee('X')` may read). */
  fees: ReadonlySet<string>;
  /** A `perTaxYear` rule: `taxYear` and `yearDueDate` are in scope. */
  perTaxYear?: boolean;
}

export interface FormulaEnv {
  facts: Facts;
  fees: ReadonlyMap<string, Dec>;
  /** the evaluation date (YYYY-MM-DD): the formula name `at` */
  at?: string;
  /** inside a `perTaxYear` rule: the tax year and its due date */
  year?: { taxYear: number; dueDate: string };
}

export interface FormulaIssue {
  code: string;
  message: string;
  pos: number;
}

/** A failure while computing (a zero divisor from the facts, a key missing from a table). */
export class FormulaRuntimeError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'FormulaRuntimeError';
    this.code = code;
  }
}

export type NumFn = (env: FormulaEnv) => Dec;
type KeyFn = (env: FormulaEnv) => string;
/** `date` values are calendar dates YYYY-MM-DD: arguments of the date functions, never amounts. */
type Compiled = { kind: 'num'; fn: NumFn; constant: boolean } | { kind: 'key'; fn: KeyFn; constant: boolean } | { kind: 'date'; fn: KeyFn; constant: boolean };

/** The formula's function names, each with what it does (the UNKNOWN_FUNCTION message lists them). */
const FORMULA_FUNCTIONS = ['min', 'max', 'round', 'floor', 'ceil', 'fee', 'lateMonths', 'yearsOwed', 'addMonths', 'addYears', 'year'] as const;

export interface CompiledFormula {
  fn: NumFn;
  issues: FormulaIssue[];
  tree?: FormulaNode;
}

const NO_ENV: FormulaEnv = { facts: {}, fees: new Map() };
const ZERO = new D(0);
const ONE = new D(1);

/**
 * Parses and compiles a formula ONCE into a closure. Every problem that can be known without
 * the facts (unknown names, wrong argument counts, a zero constant divisor, a table missing an
 * enum value) is reported here, so a bad formula never reaches publication.
 */
export function compileFormula(src: string, scope: FormulaScope): CompiledFormula {
  let tree: FormulaNode;
  try {
    tree = parseFormula(src);
  } catch (e) {
    if (e instanceof FormulaSyntaxError) return { fn: failing, issues: [{ code: 'FORMULA_SYNTAX', message: `${e.message} (position ${e.pos + 1})`, pos: e.pos }] };
    throw e;
  }
  const compiler = new FormulaCompiler(scope);
  const fn = compiler.top(tree);
  const { issues } = compiler;
  return issues.length ? { fn: failing, issues, tree } : { fn, issues, tree };
}

/** One compilation: the scope it reads and the issues it reports, walked node by node. */
class FormulaCompiler {
  readonly issues: FormulaIssue[] = [];
  constructor(private readonly scope: FormulaScope) {}

  /** The whole formula: an amount. */
  top(tree: FormulaNode): NumFn {
    return this.asNum(this.walk(tree), tree.pos);
  }

  private issue(code: string, message: string, pos: number): void {
    this.issues.push({ code, message: `${message} (position ${pos + 1})`, pos });
  }

  private asNum(c: Compiled, pos: number): NumFn {
    if (c.kind === 'num') return c.fn;
    this.issue('FORMULA_TYPE', c.kind === 'date' ? 'a date cannot be used in arithmetic: use lateMonths(), yearsOwed() or year()' : 'a text value cannot be used in arithmetic', pos);
    return failing;
  }

  /** A date argument: a date fact (`format: "date"`), `at`, `yearDueDate`, a date function or a literal '2025-01-05'. */
  private asDate(c: Compiled, node: FormulaNode): KeyFn {
    if (c.kind === 'date') return c.fn;
    if (c.fn === failing) return failing; // already reported
    if (node.t === 'str' && isCalendarDate(node.value)) return c.fn as KeyFn;
    this.issue('FORMULA_TYPE', node.t === 'str' ? `'${node.value}' is not a date (YYYY-MM-DD)` : 'a date is needed here: a fact with "format": "date", at, yearDueDate or a date in quotes', node.pos);
    return failing;
  }

  /** Folds constant sub-expressions so the closure only does work that depends on facts. */
  private folded(fn: NumFn, constant: boolean): Compiled {
    if (!constant) return { kind: 'num', fn, constant };
    try {
      const v = fn(NO_ENV);
      return { kind: 'num', fn: () => v, constant: true };
    } catch {
      return { kind: 'num', fn, constant: false };
    }
  }

  private walk(n: FormulaNode): Compiled {
    switch (n.t) {
      case 'num': {
        const v = new D(n.value);
        return { kind: 'num', fn: () => v, constant: true };
      }
      case 'str': {
        const v = n.value;
        return { kind: 'key', fn: () => v, constant: true };
      }
      case 'ref':
        return this.ref(n);
      case 'index':
        return this.index(n);
      case 'neg': {
        const a = this.asNum(this.walk(n.arg), n.pos);
        return this.folded((env) => a(env).neg(), this.isConst(n.arg));
      }
      case 'pct': {
        const a = this.asNum(this.walk(n.arg), n.pos);
        return this.folded((env) => a(env).div(100), this.isConst(n.arg));
      }
      case 'bin': {
        if (n.op === '*') return this.product(n);
        const lc = this.walk(n.left);
        const rc = this.walk(n.right);
        const l = this.asNum(lc, n.left.pos);
        const r = this.asNum(rc, n.right.pos);
        const constant = lc.constant && rc.constant;
        switch (n.op) {
          case '+':
            return this.folded((env) => l(env).plus(r(env)), constant);
          case '-':
            return this.folded((env) => l(env).minus(r(env)), constant);
          case '/': {
            if (rc.constant && rc.kind === 'num') {
              let zero = false;
              try {
                zero = rc.fn(NO_ENV).isZero();
              } catch {
                /* reported elsewhere */
              }
              if (zero) this.issue('DIVISION_BY_ZERO', 'division by zero', n.pos);
            }
            return this.folded((env) => {
              const d = r(env);
              if (d.isZero()) throw new FormulaRuntimeError('DIVISION_BY_ZERO', 'division by zero');
              return l(env).div(d);
            }, constant);
          }
        }
        break;
      }
      case 'call':
        return this.call(n);
    }
    throw new Error('unreachable');
  }

  /** A name: a fact, a constant of the period, or one the engine provides. */
  private ref(n: Extract<FormulaNode, { t: 'ref' }>): Compiled {
    const fact = Object.hasOwn(this.scope.facts, n.name) ? this.scope.facts[n.name] : undefined;
    if (fact) {
      const name = n.name;
      if (fact.type === 'number' || fact.type === 'integer') {
        return {
          kind: 'num',
          constant: false,
          fn: (env) => {
            const v = env.facts[name];
            if (typeof v === 'number') return new D(v);
            throw new FormulaRuntimeError('FACT_MISSING', `fact "${name}" has no value`);
          },
        };
      }
      if (fact.type === 'string' && fact.format === 'date') {
        return {
          kind: 'date',
          constant: false,
          fn: (env) => {
            const v = env.facts[name];
            if (typeof v === 'string') return v;
            throw new FormulaRuntimeError('FACT_MISSING', `fact "${name}" has no value`);
          },
        };
      }
      if (fact.type === 'string' || fact.type === 'boolean') {
        return { kind: 'key', constant: false, fn: (env) => String(env.facts[name]) };
      }
      this.issue('FORMULA_TYPE', `fact "${name}" is a list and cannot be used in a formula`, n.pos);
      return { kind: 'num', fn: failing, constant: false };
    }
    const c = this.scope.constants.get(n.name);
    if (c instanceof D) return { kind: 'num', fn: () => c, constant: true };
    if (c) {
      this.issue('FORMULA_TYPE', `"${n.name}" is a table: write ${n.name}[key]`, n.pos);
      return { kind: 'num', fn: failing, constant: false };
    }
    const builtIn = this.builtInName(n.name);
    if (builtIn) return builtIn;
    this.issue(
      'UNKNOWN_IDENTIFIER',
      n.name === 'taxYear' || n.name === 'yearDueDate'
        ? `"${n.name}" exists only in a rule with "perTaxYear": true`
        : `"${n.name}" is neither a fact in the schema nor a constant of this period`,
      n.pos,
    );
    return { kind: 'num', fn: failing, constant: false };
  }

  /** Names the engine provides: the evaluation date, and per tax year its year and due date. */
  private builtInName(name: string): Compiled | undefined {
    if (name === 'at') {
      return {
        kind: 'date',
        constant: false,
        fn: (env) => {
          if (env.at === undefined) throw new FormulaRuntimeError('FORMULA_TYPE', 'the evaluation date "at" is not known here');
          return env.at;
        },
      };
    }
    if (!this.scope.perTaxYear) return undefined;
    if (name === 'taxYear') return { kind: 'num', constant: false, fn: (env) => new D(yearOf(env).taxYear) };
    if (name === 'yearDueDate') return { kind: 'date', constant: false, fn: (env) => yearOf(env).dueDate };
    return undefined;
  }

  /** A table lookup; `scale` multiplies every row once at compile time (see this.product()). */
  private index(n: Extract<FormulaNode, { t: 'index' }>, scale?: Dec): Compiled {
    const found = this.scope.constants.get(n.table);
    const key = this.walk(n.key);
    if (!found || found instanceof D) {
      this.issue(found ? 'FORMULA_TYPE' : 'UNKNOWN_IDENTIFIER', `"${n.table}" is not a table constant of this period`, n.pos);
      return { kind: 'num', fn: failing, constant: false };
    }
    // Every value a string fact may take (its enum) must have a row: found now, not on a citizen's application.
    if (n.key.t === 'ref' && Object.hasOwn(this.scope.facts, n.key.name) && this.scope.facts[n.key.name].enum) {
      const missing = (this.scope.facts[n.key.name].enum ?? []).map(String).filter((k) => !found.has(k));
      if (missing.length) this.issue('TABLE_INCOMPLETE', `table "${n.table}" has no value for ${missing.map((m) => `"${m}"`).join(', ')}`, n.pos);
    }
    const table = scale ? new Map([...found].map(([k, v]) => [k, v.times(scale)])) : found;
    const keyFn: KeyFn = key.kind === 'key' ? key.fn : (env) => key.fn(env).toString();
    const tableName = n.table;
    return this.folded((env) => {
      const k = keyFn(env);
      const v = table.get(k);
      if (v === undefined) throw new FormulaRuntimeError('TABLE_KEY_MISSING', `table "${tableName}" has no value for "${k}"`);
      return v;
    }, key.constant);
  }

  /**
   * A chain of multiplications, e.g. njkb × bobot[vehicleType] × tarif. Multiplication in
   * decimal is exact here, so the constant factors are multiplied together once, and into a
   * table's rows when the chain has a table lookup: the closure then does one multiplication
   * per fact instead of one per factor.
   */
  private product(n: Extract<FormulaNode, { t: 'bin' }>): Compiled {
    const factors: FormulaNode[] = [];
    const flatten = (x: FormulaNode): void => {
      if (x.t === 'bin' && x.op === '*') {
        flatten(x.left);
        flatten(x.right);
      } else factors.push(x);
    };
    flatten(n);
    let scale: Dec | undefined;
    // each remaining factor: its node (for table scaling) or its already compiled closure
    const rest: Array<{ node: FormulaNode; fn?: NumFn }> = [];
    for (const f of factors) {
      if (!this.isConst(f)) {
        rest.push({ node: f });
        continue;
      }
      const v = this.asNum(this.walk(f), f.pos);
      try {
        scale = scale ? scale.times(v(NO_ENV)) : v(NO_ENV);
      } catch {
        rest.push({ node: f, fn: v }); // its problem is already reported
      }
    }
    const fns: NumFn[] = [];
    let scaled = false;
    for (const { node: f, fn } of rest) {
      if (fn) fns.push(fn);
      else if (!scaled && scale && f.t === 'index') {
        fns.push(this.asNum(this.index(f, scale), f.pos));
        scaled = true;
      } else fns.push(this.asNum(this.walk(f), f.pos));
    }
    if (scale && !scaled) {
      const s = scale;
      fns.push(() => s);
    }
    if (fns.length === 0) return { kind: 'num', fn: () => ONE, constant: true };
    if (fns.length === 1) return { kind: 'num', fn: fns[0], constant: rest.length === 0 };
    if (fns.length === 2) {
      const [a, b] = fns;
      return { kind: 'num', fn: (env) => a(env).times(b(env)), constant: false };
    }
    return {
      kind: 'num',
      constant: false,
      fn: (env) => {
        let acc = fns[0](env);
        for (let i = 1; i < fns.length; i++) acc = acc.times(fns[i](env));
        return acc;
      },
    };
  }

  private isConst(n: FormulaNode): boolean {
    // Cheap re-check used only for folding decisions; this.walk() already reported issues.
    switch (n.t) {
      case 'num':
      case 'str':
        return true;
      case 'ref':
        // at, taxYear, yearDueDate are known only when evaluating
        return !Object.hasOwn(this.scope.facts, n.name) && this.scope.constants.has(n.name);
      case 'index':
        return this.isConst(n.key);
      case 'neg':
      case 'pct':
        return this.isConst(n.arg);
      case 'bin':
        return this.isConst(n.left) && this.isConst(n.right);
      case 'call':
        return n.fn !== 'fee' && n.args.every((a) => this.isConst(a));
    }
  }

  /** The date functions: decimal-safe (whole months and years), month ends clamped (core/calendar-date.ts). */
  private dateCall(n: Extract<FormulaNode, { t: 'call' }>, arity: (min: number, max: number) => boolean): Compiled {
    const bad: Compiled = { kind: 'num', fn: failing, constant: false };
    if (!arity(n.fn === 'year' ? 1 : 2, n.fn === 'year' ? 1 : 2)) return bad;
    const compiled = n.args.map((a) => this.walk(a));
    const constant = compiled.every((c) => c.constant);
    const guard = <T>(f: () => T): T => {
      try {
        return f();
      } catch (e) {
        if (e instanceof FormulaRuntimeError) throw e;
        throw new FormulaRuntimeError('DATE_INVALID', e instanceof Error ? e.message : String(e));
      }
    };
    switch (n.fn) {
      case 'lateMonths':
      case 'yearsOwed': {
        const a = this.asDate(compiled[0], n.args[0]);
        const b = this.asDate(compiled[1], n.args[1]);
        const f = n.fn === 'lateMonths' ? monthsLate : yearsOwed;
        return this.folded((env) => new D(guard(() => f(a(env), b(env)))), constant);
      }
      case 'addMonths':
      case 'addYears': {
        const a = this.asDate(compiled[0], n.args[0]);
        const k = this.asNum(compiled[1], n.args[1].pos);
        const f = n.fn === 'addMonths' ? addMonths : addYears;
        const fn: KeyFn = (env) => {
          const count = k(env);
          if (!count.isInteger()) throw new FormulaRuntimeError('FORMULA_TYPE', `${n.fn}() needs a whole number, got ${count.toString()}`);
          return guard(() => f(a(env), count.toNumber()));
        };
        if (constant) {
          try {
            const v = fn(NO_ENV);
            return { kind: 'date', fn: () => v, constant: true };
          } catch {
            /* computed (and failing) at evaluation */
          }
        }
        return { kind: 'date', fn, constant: false };
      }
      default: {
        const a = this.asDate(compiled[0], n.args[0]);
        return this.folded((env) => new D(Number(a(env).slice(0, 4))), constant);
      }
    }
  }

  private call(n: Extract<FormulaNode, { t: 'call' }>): Compiled {
    const arity = (min: number, max: number): boolean => {
      if (n.args.length < min || n.args.length > max) {
        this.issue('FUNCTION_ARITY', `${n.fn}() takes ${min === max ? min : max === Infinity ? `at least ${min}` : `${min} to ${max}`} argument(s), got ${n.args.length}`, n.pos);
        return false;
      }
      return true;
    };
    switch (n.fn) {
      case 'min':
      case 'max': {
        if (!arity(1, Infinity)) return { kind: 'num', fn: failing, constant: false };
        const compiled = n.args.map((a) => this.walk(a));
        const args = compiled.map((c, i) => this.asNum(c, n.args[i].pos));
        const pickMax = n.fn === 'max';
        return this.folded((env) => {
          let best = args[0](env);
          for (let i = 1; i < args.length; i++) {
            const v = args[i](env);
            if (pickMax ? v.gt(best) : v.lt(best)) best = v;
          }
          return best;
        }, compiled.every((c) => c.constant));
      }
      case 'round':
      case 'floor':
      case 'ceil': {
        if (!arity(1, 2)) return { kind: 'num', fn: failing, constant: false };
        const xc = this.walk(n.args[0]);
        const x = this.asNum(xc, n.args[0].pos);
        const uc = n.args[1] ? this.walk(n.args[1]) : undefined;
        const unit = uc && n.args[1] ? this.asNum(uc, n.args[1].pos) : () => ONE;
        const mode = n.fn === 'round' ? 'half-up' : n.fn;
        return this.folded((env) => {
          const u = unit(env);
          if (u.lte(ZERO)) throw new FormulaRuntimeError('FORMULA_TYPE', `${n.fn}() needs a unit above 0`);
          return roundTo(x(env), u, mode);
        }, xc.constant && (uc?.constant ?? true));
      }
      case 'fee': {
        if (!arity(1, 1)) return { kind: 'num', fn: failing, constant: false };
        const a = n.args[0];
        if (a.t !== 'str') {
          this.issue('FORMULA_TYPE', "fee() takes a fee code in quotes, e.g. fee('PKB')", n.pos);
          return { kind: 'num', fn: failing, constant: false };
        }
        if (!this.scope.fees.has(a.value)) {
          this.issue('FEE_REFERENCE', `fee('${a.value}') is not produced by any earlier rule of this period`, n.pos);
          return { kind: 'num', fn: failing, constant: false };
        }
        const code = a.value;
        // A fee whose rule did not fire counts as 0: "opsen of the PKB" is 0 when no PKB is owed.
        return { kind: 'num', constant: false, fn: (env) => env.fees.get(code) ?? ZERO };
      }
      case 'lateMonths':
      case 'yearsOwed':
      case 'addMonths':
      case 'addYears':
      case 'year':
        return this.dateCall(n, arity);
      default:
        this.issue('UNKNOWN_FUNCTION', `unknown function "${n.fn}" (known: ${FORMULA_FUNCTIONS.join(', ')})`, n.pos);
        return { kind: 'num', fn: failing, constant: false };
    }
  }
}

function yearOf(env: FormulaEnv): { taxYear: number; dueDate: string } {
  if (!env.year) throw new FormulaRuntimeError('FORMULA_TYPE', 'taxYear and yearDueDate exist only in a rule with "perTaxYear": true');
  return env.year;
}

function failing(): never {
  throw new FormulaRuntimeError('FORMULA_INVALID', 'formula did not compile');
}
