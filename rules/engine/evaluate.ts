import type { CompiledPeriod, CompiledRuleSet } from './compile.js';
import { RuleSetError } from './errors.js';
import { D, roundTo, type Dec } from './formula/decimal.js';
import { FormulaRuntimeError } from './formula/compile.js';
import { jakartaDate, pickSpan } from './period.js';
import { factIssues } from './schema.js';
import { addDays, addMonths, dueDatesOwed, monthsLate } from '../../core/calendar-date.js';
import type { ConditionTrace, DocumentLine, EvaluationResult, FeeLine, Facts, IneligibleReason, Lang, PeriodRef, TaxYearOwed, TraceEntry } from './types.js';
import type { FactIssue } from './schema.js';

/**
 * Keeps the declared facts only (the runtime passes every instance variable), fills the
 * schema's defaults and validates; wrong types and missing required facts are refused here,
 * before any rule runs.
 */
export function prepareFacts(c: CompiledRuleSet, input: unknown): Facts {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new RuleSetError('FACTS_INVALID', 'facts must be an object', { issues: [{ code: 'FACT_INVALID', message: 'facts must be an object', path: '/' }] });
  }
  const src = input as Facts;
  const facts: Facts = {};
  for (const name of c.factNames) if (src[name] !== undefined && src[name] !== null) facts[name] = src[name];
  if (!c.validateFacts(facts)) {
    const issues = factIssues(c.validateFacts.errors, c.doc.facts);
    throw new RuleSetError('FACTS_INVALID', issues.map((i) => i.message).join('; '), { issues });
  }
  return facts;
}

/** Picks the period in force on `at` (today in Asia/Jakarta when absent). */
export function periodAt(c: CompiledRuleSet, at: string | undefined): { at: string; period: CompiledPeriod } {
  const date = at ?? jakartaDate();
  const span = pickSpan(c.spans, date, c.key);
  return { at: date, period: c.periods[span.index] };
}

/** One tax year owed: its due date and the period in force on it (its tariff). */
export interface TaxYearPlan {
  taxYear: number;
  dueDate: string;
  period: CompiledPeriod;
  /** counted from the set's due-date fact (false: the one year of an answer without it) */
  fromDueDate: boolean;
}

/** What an evaluation uses: the period in force on `at`, and the tax years owed with theirs. */
export interface EvaluationPlan {
  at: string;
  main: CompiledPeriod;
  years: TaxYearPlan[];
  /** every period the evaluation reads (main first), each once */
  periods: CompiledPeriod[];
}

/** Which rules of a period fire for the facts, and why (the trace of each condition). */
export interface Firing {
  fired: boolean[];
  why: ConditionTrace[][];
}

/**
 * The tax years owed: with the set's due-date fact given, the year due on it and every
 * anniversary on or before `at`, each under the period in force on ITS due date; without it,
 * one year under the period in force on `at`. Then the facts each used period requires.
 */
export function planEvaluation(c: CompiledRuleSet, chosen: { at: string; period: CompiledPeriod }, facts: Facts): EvaluationPlan {
  const years: TaxYearPlan[] = [];
  const periods: CompiledPeriod[] = [chosen.period];
  if (c.hasPerTaxYear) {
    const due = c.dueDateFact ? facts[c.dueDateFact] : undefined;
    if (typeof due === 'string') {
      for (const d of dueDatesOwed(due, chosen.at)) {
        const span = pickSpan(c.spans, d, c.key);
        const period = c.periods[span.index];
        if (!periods.includes(period)) periods.push(period);
        years.push({ taxYear: Number(d.slice(0, 4)), dueDate: d, period, fromDueDate: true });
      }
    } else {
      const typed = c.monthsLateFact ? facts[c.monthsLateFact] : undefined;
      const year = typeof typed === 'number' && typed > 0 ? typedLateYear(c, chosen.at, typed) : { dueDate: chosen.at, period: chosen.period };
      if (!periods.includes(year.period)) periods.push(year.period);
      years.push({ taxYear: Number(year.dueDate.slice(0, 4)), dueDate: year.dueDate, period: year.period, fromDueDate: false });
    }
  }
  const missing: FactIssue[] = [];
  for (const cp of periods) {
    for (const rf of cp.requiredFacts) {
      if (facts[rf.fact] === undefined && !missing.some((m) => m.path === `/${rf.fact}`) && rf.test(facts, [])) {
        missing.push({ code: 'FACT_REQUIRED', message: rf.message, path: `/${rf.fact}` });
      }
    }
  }
  if (missing.length) throw new RuleSetError('FACTS_INVALID', missing.map((i) => i.message).join('; '), { issues: missing });
  return { at: chosen.at, main: chosen.period, years, periods };
}

/**
 * The one tax year an officer typed as "n months late" without its due date: it fell due on a
 * day d with lateMonths(d, at) = n (every part of a month counts: roughly `at` − n months up to
 * `at` − (n − 1) months), and is charged under the period in force on that due date, like a year
 * counted from a due date. When those days hold a period change the tariff cannot be told, and
 * the evaluation is refused: the due date must be given.
 */
function typedLateYear(c: CompiledRuleSet, at: string, months: number): { dueDate: string; period: CompiledPeriod } {
  // candidates a few days either side of the month arithmetic (month ends clamp), kept when exact
  const days: string[] = [];
  const last = addMonths(at, -(months - 1));
  for (let d = addDays(addMonths(at, -months), -3); d <= last; d = addDays(d, 1)) if (monthsLate(d, at) === months) days.push(d);
  if (!days.length) days.push(addMonths(at, -months));
  const first = pickSpan(c.spans, days[0], c.key);
  const final = pickSpan(c.spans, days[days.length - 1], c.key);
  if (first !== final) {
    const fact = c.monthsLateFact as string;
    const message = `fact "${fact}" (${months} months late on ${at}) puts the tax year's due date either side of the tariff change of ${final.from}: give the due date instead`;
    throw new RuleSetError('FACTS_INVALID', message, { issues: [{ code: 'FACT_INVALID', message, path: `/${fact}` }] });
  }
  return { dueDate: days[0], period: c.periods[first.index] };
}

function fire(cp: CompiledPeriod, facts: Facts): Firing {
  const rules = cp.rules;
  const fired = new Array<boolean>(rules.length);
  const why = new Array<ConditionTrace[]>(rules.length);
  for (let i = 0; i < rules.length; i++) {
    const t: ConditionTrace[] = [];
    fired[i] = rules[i].test(facts, t);
    why[i] = t;
  }
  return { fired, why };
}

/** Evaluation with the compiled closures: the production path. */
export function evaluateCompiled(c: CompiledRuleSet, input: unknown, at?: string, lang: Lang = 'id'): EvaluationResult {
  const chosen = periodAt(c, at);
  const facts = prepareFacts(c, input);
  const plan = planEvaluation(c, chosen, facts);
  const firing = new Map<CompiledPeriod, Firing>();
  for (const cp of plan.periods) firing.set(cp, fire(cp, facts));
  return applyFiredRules(c, plan, facts, firing, lang);
}

function periodRef(cp: CompiledPeriod): PeriodRef {
  return { effectiveFrom: cp.span.from, effectiveTo: cp.span.to, ...(cp.period.label ? { label: cp.period.label } : {}) };
}

/**
 * Turns "which rules fired" into the answer: documents, fee lines computed in decimal and
 * rounded once, decisions, and the trace. Shared by the compiled path and the json-rules-engine
 * reference so the two can only differ in which rules fire.
 *
 * Per-tax-year rules run first, year by year (oldest first), each with the rules and constants
 * of the period in force on that year's due date; `fee('PKB')` inside them is that year's
 * amount. Then the once-only rules of the period in force on `at`, where `fee('PKB')` is the
 * sum over the years.
 */
export function applyFiredRules(c: CompiledRuleSet, plan: EvaluationPlan, facts: Facts, firing: ReadonlyMap<CompiledPeriod, Firing>, lang: Lang = 'id'): EvaluationResult {
  // Eligibility first: a service outside the office's remit has no checklist and no fee, so
  // no formula runs on facts the service does not accept (a 120 m² IMB is not charged), not even
  // a per-tax-year one. Ineligible rules are once-only: they are read in the period in force on `at`.
  const reasons = ineligibleReasons(plan.main, (firing.get(plan.main) as Firing).fired, lang);
  const documents: DocumentLine[] = [];
  const fees: FeeLine[] = [];
  const decisions: Record<string, unknown> = {};
  const trace: TraceEntry[] = [];
  let total = new D(0);
  const onceAmounts = new Map<string, Dec>();
  const at = plan.at;

  const computeFee = (r: CompiledPeriod['rules'][number], env: Parameters<NonNullable<typeof r.formula>>[0]): { value: Dec; amount: Dec } => {
    let value: Dec;
    try {
      value = (r.formula as NonNullable<typeof r.formula>)(env);
    } catch (e) {
      if (e instanceof FormulaRuntimeError) throw new RuleSetError(e.code, `${e.message} in the formula of rule "${r.name}"`, { path: `${r.path}/event/params/formula`, rule: r.name });
      throw e;
    }
    const rounding = r.rounding as NonNullable<typeof r.rounding>;
    return { value, amount: roundTo(value, rounding.unit, rounding.mode) };
  };

  const addFeeLine = (r: CompiledPeriod['rules'][number], cp: CompiledPeriod, amount: Dec, value: Dec, entry: TraceEntry, year?: TaxYearPlan): void => {
    if (r.rule.event.type !== 'fee') return;
    const p = r.rule.event.params;
    const amountText = amount.toFixed(0);
    entry.adds = { type: 'fee', code: p.code, formula: p.formula, value: value.toString(), amount: amountText };
    if (p.omitWhenZero && amount.isZero()) return;
    total = total.plus(amount);
    const line: FeeLine = {
      code: p.code,
      label: year?.fromDueDate ? `${p.label} — tahun pajak ${year.taxYear}` : p.label,
      amount: amountText,
      legalBasis: p.legalBasis,
      period: periodRef(cp),
    };
    if (p.assumption) line.assumption = true;
    if (p.note) line.note = p.note;
    if (year?.fromDueDate) {
      line.taxYear = year.taxYear;
      line.dueDate = year.dueDate;
    }
    fees.push(line);
  };

  // 1. once per tax year owed
  for (const y of plan.years) {
    const cp = y.period;
    const f = firing.get(cp) as Firing;
    const yearAmounts = new Map<string, Dec>();
    const env = { facts, fees: yearAmounts, at, year: { taxYear: y.taxYear, dueDate: y.dueDate } };
    for (let i = 0; i < cp.rules.length; i++) {
      const r = cp.rules[i];
      if (!r.perTaxYear) continue;
      const entry: TraceEntry = { rule: r.name, path: r.path, fired: f.fired[i], conditions: f.why[i] };
      if (y.fromDueDate) entry.taxYear = y.taxYear;
      trace.push(entry);
      if (reasons.length || !f.fired[i] || r.rule.event.type !== 'fee') continue;
      const code = r.rule.event.params.code;
      if (yearAmounts.has(code)) throw new RuleSetError('FEE_DUPLICATE', `two rules of the period add fee ${code} for the same facts`, { path: r.path, rule: r.name });
      const { value, amount } = computeFee(r, env);
      yearAmounts.set(code, amount);
      onceAmounts.set(code, (onceAmounts.get(code) ?? new D(0)).plus(amount));
      addFeeLine(r, cp, amount, value, entry, y);
    }
  }

  // 2. the once-only rules of the period in force on `at`
  const cp = plan.main;
  const f = firing.get(cp) as Firing;
  const env = { facts, fees: onceAmounts, at };
  for (let i = 0; i < cp.rules.length; i++) {
    const r = cp.rules[i];
    if (r.perTaxYear) continue;
    const entry: TraceEntry = { rule: r.name, path: r.path, fired: f.fired[i], conditions: f.why[i] };
    trace.push(entry);
    if (!f.fired[i]) continue;
    const ev = r.rule.event;
    if (ev.type === 'ineligible') {
      entry.adds = { type: 'ineligible', code: ev.params.code };
      continue;
    }
    if (reasons.length) continue;
    if (ev.type === 'fee') {
      const p = ev.params;
      if (onceAmounts.has(p.code)) {
        throw new RuleSetError('FEE_DUPLICATE', `two rules of the period add fee ${p.code} for the same facts`, { path: r.path, rule: r.name });
      }
      const { value, amount } = computeFee(r, env);
      onceAmounts.set(p.code, amount);
      addFeeLine(r, cp, amount, value, entry);
    } else if (ev.type === 'document') {
      const p = ev.params;
      entry.adds = { type: 'document', code: p.code };
      if (documents.some((d) => d.code === p.code)) continue;
      const line: DocumentLine = { code: p.code, label: p.label, required: p.required ?? true, conditional: r.hasConditions };
      if (p.note) line.note = p.note;
      if (p.upload !== undefined) line.upload = p.upload;
      documents.push(line);
    } else {
      const p = ev.params;
      // First rule to fire for a variable wins: a catch-all written last acts as the default.
      const applied = !(p.variable in decisions);
      if (applied) decisions[p.variable] = p.value;
      entry.adds = { type: 'decision', variable: p.variable, value: p.value, applied };
    }
  }

  const period = cp.period;
  const result: EvaluationResult = {
    ruleSet: {
      key: c.key,
      title: c.doc.title,
      kind: c.doc.kind,
      publication: c.publication,
      period: {
        effectiveFrom: cp.span.from,
        effectiveTo: cp.span.to,
        assumption: period.assumption === true,
        assumptionNotes: period.assumptionNotes ?? [],
      },
    },
    at,
    facts,
    eligible: reasons.length === 0,
    reasons,
    documents,
    fees,
    total: total.toFixed(0),
    decisions,
    trace,
  };
  // no tax years owed to a service the office does not provide (no fee line carries them either)
  if (!reasons.length && plan.years.some((y) => y.fromDueDate)) {
    result.taxYears = plan.years.map((y): TaxYearOwed => ({ taxYear: y.taxYear, dueDate: y.dueDate, monthsLate: monthsLate(y.dueDate, at), period: periodRef(y.period) }));
  }
  return result;
}

/** The reasons of every `ineligible` rule that fired, in the asked language (Indonesian by default). */
function ineligibleReasons(cp: CompiledPeriod, fired: boolean[], lang: Lang): IneligibleReason[] {
  const out: IneligibleReason[] = [];
  for (let i = 0; i < cp.rules.length; i++) {
    const ev = cp.rules[i].rule.event;
    if (!fired[i] || ev.type !== 'ineligible' || out.some((r) => r.code === ev.params.code)) continue;
    const p = ev.params;
    const reason: IneligibleReason = { code: p.code, message: p.message[lang] ?? p.message.id, legalBasis: p.legalBasis };
    if (p.redirect) reason.redirect = p.redirect[lang] ?? p.redirect.id;
    out.push(reason);
  }
  return out;
}
