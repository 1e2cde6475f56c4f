import type { ValidateFunction } from 'ajv';
import { compileConditions, type ConditionFn } from './conditions.js';
import { RuleSetInvalidError, pointerSegment, type RuleIssue } from './errors.js';
import { D, parseScalar, type Dec, type RoundingMode } from './formula/decimal.js';
import { compileFormula, type NumFn } from './formula/compile.js';
import { isIsoDate, periodSpans, type PeriodSpan } from './period.js';
import { checkDocumentShape, compileFactsSchema } from './schema.js';
import type { Period, Rule, RuleSetDocument, RuleSetKind } from './types.js';

export interface CompiledRule {
  rule: Rule;
  name: string;
  path: string;
  /** json-rules-engine conditions compiled to a closure. */
  test: ConditionFn;
  hasConditions: boolean;
  /** fires once per tax year owed (fee rules only) */
  perTaxYear: boolean;
  /** fee rules only */
  formula?: NumFn;
  rounding?: { unit: Dec; mode: RoundingMode };
}

export interface CompiledPeriod {
  index: number;
  period: Period;
  span: PeriodSpan;
  rules: CompiledRule[];
  /** facts this period needs when their condition holds (FACTS_INVALID otherwise) */
  requiredFacts: Array<{ fact: string; test: ConditionFn; message: string }>;
}

export interface CompiledRuleSet {
  doc: RuleSetDocument;
  key: string;
  publication: number | null;
  spans: PeriodSpan[];
  /** by the period's index in doc.versions */
  periods: CompiledPeriod[];
  factNames: string[];
  validateFacts: ValidateFunction;
  /** some rule fires once per tax year owed */
  hasPerTaxYear: boolean;
  /** the date fact that holds the oldest unpaid due date (taxYears.dueDateFact) */
  dueDateFact?: string;
  /** the integer fact with the months late of one year typed without its due date (taxYears.monthsLateFact) */
  monthsLateFact?: string;
}

export interface CompileReport {
  errors: RuleIssue[];
  warnings: RuleIssue[];
  compiled?: CompiledRuleSet;
}

const EVENT_FOR_KIND: Record<RuleSetKind, string> = { fees: 'fee', requirements: 'document', decision: 'decision' };

/**
 * Checks a document (shape, then meaning) and, when it is sound, compiles every period's
 * conditions and formulas ONCE into plain closures. Never throws on a bad document: the
 * report lists every problem with its JSON-pointer path.
 */
export function inspectRuleSet(input: unknown, opts: { publication?: number | null } = {}): CompileReport {
  const shape = checkDocumentShape(input);
  if (shape.length) return { errors: shape, warnings: [] };
  const doc = input as RuleSetDocument;
  const errors: RuleIssue[] = [];
  const warnings: RuleIssue[] = [];
  const facts = doc.facts.properties;

  for (const [i, name] of (doc.facts.required ?? []).entries()) {
    if (!facts[name]) errors.push({ code: 'UNKNOWN_FACT', message: `required fact "${name}" is not among the properties`, path: `/facts/required/${i}` });
  }
  const validateFacts = compileFactsSchema(doc.facts, errors);
  const spans = periodSpans(doc.versions, errors);
  const spanByIndex = new Map(spans.map((s) => [s.index, s]));
  const periods: CompiledPeriod[] = doc.versions.map((period, pi) => compilePeriod(doc, period, pi, spanByIndex.get(pi) as PeriodSpan, errors, warnings));

  for (const [ti, t] of (doc.tests ?? []).entries()) {
    if (!isIsoDate(t.at)) errors.push({ code: 'RULESET_SCHEMA', message: `"${t.at}" is not a date`, path: `/tests/${ti}/at` });
    else if (!spans.some((s) => s.from <= t.at && (s.to === null || t.at <= s.to)))
      errors.push({ code: 'TEST_NO_PERIOD', message: `test "${t.name}" is dated ${t.at}, when no period is in force`, path: `/tests/${ti}/at` });
  }
  if (!doc.tests?.length) warnings.push({ code: 'NO_TESTS', message: 'the rule set has no test cases; publishing needs at least one per period', path: '/tests' });
  for (const s of spans) {
    if (!doc.versions[s.index].rules.length) warnings.push({ code: 'EMPTY_PERIOD', message: `period from ${s.from} has no rules`, path: `/versions/${s.index}/rules` });
  }
  for (const [pi, p] of doc.versions.entries()) {
    if (isIsoDate(p.effectiveFrom) === false) errors.push({ code: 'PERIOD_INVALID', message: `"${p.effectiveFrom}" is not a date`, path: `/versions/${pi}/effectiveFrom` });
    if (p.effectiveTo !== undefined && !isIsoDate(p.effectiveTo)) errors.push({ code: 'PERIOD_INVALID', message: `"${p.effectiveTo}" is not a date`, path: `/versions/${pi}/effectiveTo` });
  }

  const dueDateFact = doc.taxYears?.dueDateFact;
  if (dueDateFact !== undefined) {
    const f = Object.hasOwn(facts, dueDateFact) ? facts[dueDateFact] : undefined;
    if (!f || f.type !== 'string' || f.format !== 'date') {
      errors.push({ code: 'TAX_YEARS_INVALID', message: `taxYears.dueDateFact "${dueDateFact}" must name a fact of type string with "format": "date"`, path: '/taxYears/dueDateFact' });
    }
  }
  const monthsLateFact = doc.taxYears?.monthsLateFact;
  if (monthsLateFact !== undefined) {
    const f = Object.hasOwn(facts, monthsLateFact) ? facts[monthsLateFact] : undefined;
    if (!f || f.type !== 'integer') {
      errors.push({ code: 'TAX_YEARS_INVALID', message: `taxYears.monthsLateFact "${monthsLateFact}" must name a fact of type integer`, path: '/taxYears/monthsLateFact' });
    }
  }
  const hasPerTaxYear = periods.some((p) => p.rules.some((r) => r.perTaxYear));

  if (errors.length || !validateFacts) return { errors, warnings };
  return {
    errors,
    warnings,
    compiled: { doc, key: doc.key, publication: opts.publication ?? null, spans, periods, factNames: Object.keys(facts), validateFacts, hasPerTaxYear, ...(dueDateFact ? { dueDateFact } : {}), ...(monthsLateFact ? { monthsLateFact } : {}) },
  };
}

/** Compiles or throws RULESET_INVALID listing every issue. */
export function compileRuleSet(input: unknown, opts: { publication?: number | null } = {}): CompiledRuleSet {
  const report = inspectRuleSet(input, opts);
  if (!report.compiled) throw new RuleSetInvalidError(report.errors);
  return report.compiled;
}

function compilePeriod(doc: RuleSetDocument, period: Period, pi: number, span: PeriodSpan, errors: RuleIssue[], warnings: RuleIssue[]): CompiledPeriod {
  const base = `/versions/${pi}`;
  const facts = doc.facts.properties;
  const constants = new Map<string, Dec | Map<string, Dec>>();
  for (const [name, value] of Object.entries(period.constants ?? {})) {
    const path = `${base}/constants/${pointerSegment(name)}`;
    if (facts[name]) errors.push({ code: 'NAME_CLASH', message: `constant "${name}" has the name of a fact`, path });
    try {
      if (typeof value === 'object') {
        constants.set(name, new Map(Object.entries(value).map(([k, v]) => [k, parseScalar(v)])));
      } else {
        constants.set(name, parseScalar(value));
      }
    } catch {
      errors.push({ code: 'RULESET_SCHEMA', message: `constant "${name}" is not a number`, path });
    }
  }

  // fee('X') in a once-only rule may read every per-year code of the period (per-year rules run
  // first; their lines are summed over the years); a per-year rule reads earlier per-year codes.
  const feeCodes = new Set<string>(period.rules.flatMap((r) => (r.perTaxYear && r.event.type === 'fee' ? [r.event.params.code] : [])));
  const yearCodes = new Set<string>();
  const names = new Set<string>();
  const rules: CompiledRule[] = period.rules.map((rule, ri) => {
    const path = `${base}/rules/${ri}`;
    if (names.has(rule.name)) warnings.push({ code: 'DUPLICATE_RULE_NAME', message: `two rules are named "${rule.name}"`, path: `${path}/name` });
    names.add(rule.name);
    const expected = EVENT_FOR_KIND[doc.kind];
    // Eligibility rules may sit in requirement and fee sets (a service outside the office's remit).
    const eligibility = rule.event.type === 'ineligible' && doc.kind !== 'decision';
    if (rule.event.type !== expected && !eligibility) {
      errors.push({ code: 'EVENT_KIND_MISMATCH', message: `a "${doc.kind}" rule set adds "${expected}"${doc.kind === 'decision' ? '' : ' or "ineligible"'} events, not "${rule.event.type}"`, path: `${path}/event/type` });
    }
    const test = compileConditions(rule.conditions, facts, `${path}/conditions`, errors);
    const perTaxYear = rule.perTaxYear === true;
    const compiled: CompiledRule = { rule, name: rule.name, path, test, hasConditions: rule.conditions !== undefined, perTaxYear };
    if (perTaxYear && rule.event.type !== 'fee') {
      errors.push({ code: 'PER_TAX_YEAR_INVALID', message: 'only fee rules can fire once per tax year', path: `${path}/perTaxYear` });
    }
    if (rule.event.type === 'fee') {
      const p = rule.event.params;
      const f = compileFormula(p.formula, { facts, constants, fees: perTaxYear ? yearCodes : feeCodes, perTaxYear });
      for (const issue of f.issues) errors.push({ code: issue.code, message: issue.message, path: `${path}/event/params/formula` });
      compiled.formula = f.fn;
      compiled.rounding = { unit: new D(p.rounding?.unit ?? 1), mode: p.rounding?.mode ?? 'down' };
      (perTaxYear ? yearCodes : feeCodes).add(p.code);
    }
    return compiled;
  });
  const requiredFacts = (period.requiredFacts ?? []).map((rf, i) => {
    const path = `${base}/requiredFacts/${i}`;
    if (!Object.hasOwn(facts, rf.fact)) errors.push({ code: 'UNKNOWN_FACT', message: `fact "${rf.fact}" is not in the rule set's facts schema`, path: `${path}/fact` });
    const t = compileConditions(rf.when, facts, `${path}/when`, errors);
    return { fact: rf.fact, test: t, message: rf.message ?? `fact "${rf.fact}" is required` };
  });
  return { index: pi, period, span, rules, requiredFacts };
}
