import type { CompiledPeriod, CompiledRuleSet } from './compile.js';
import { RuleSetError } from './errors.js';
import { D, roundTo, type Dec } from './formula/decimal.js';
import { FormulaRuntimeError } from './formula/compile.js';
import { jakartaDate, pickSpan } from './period.js';
import { factIssues } from './schema.js';
import type { ConditionTrace, DocumentLine, EvaluationResult, FeeLine, Facts, IneligibleReason, Lang, TraceEntry } from './types.js';

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
    const issues = factIssues(c.validateFacts.errors);
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

/** Evaluation with the compiled closures: the production path. */
export function evaluateCompiled(c: CompiledRuleSet, input: unknown, at?: string, lang: Lang = 'id'): EvaluationResult {
  const chosen = periodAt(c, at);
  const facts = prepareFacts(c, input);
  const rules = chosen.period.rules;
  const fired: boolean[] = new Array(rules.length);
  const why: ConditionTrace[][] = new Array(rules.length);
  for (let i = 0; i < rules.length; i++) {
    const t: ConditionTrace[] = [];
    fired[i] = rules[i].test(facts, t);
    why[i] = t;
  }
  return applyFiredRules(c, chosen.period, chosen.at, facts, fired, why, lang);
}

/**
 * Turns "which rules fired" into the answer: documents, fee lines computed in decimal and
 * rounded once, decisions, and the trace. Shared by the compiled path and the json-rules-engine
 * reference so the two can only differ in which rules fire.
 */
export function applyFiredRules(c: CompiledRuleSet, cp: CompiledPeriod, at: string, facts: Facts, fired: boolean[], why: ConditionTrace[][], lang: Lang = 'id'): EvaluationResult {
  // Eligibility first: a service outside the office's remit has no checklist and no fee, so
  // no formula runs on facts the service does not accept (a 120 m² IMB is not charged).
  const reasons = ineligibleReasons(cp, fired, lang);
  const documents: DocumentLine[] = [];
  const fees: FeeLine[] = [];
  const feeAmounts = new Map<string, Dec>();
  const decisions: Record<string, unknown> = {};
  const trace: TraceEntry[] = [];
  let total = new D(0);
  const env = { facts, fees: feeAmounts };

  for (let i = 0; i < cp.rules.length; i++) {
    const r = cp.rules[i];
    const entry: TraceEntry = { rule: r.name, path: r.path, fired: fired[i], conditions: why[i] };
    trace.push(entry);
    if (!fired[i]) continue;
    const ev = r.rule.event;
    if (ev.type === 'ineligible') {
      entry.adds = { type: 'ineligible', code: ev.params.code };
      continue;
    }
    if (reasons.length) continue;
    if (ev.type === 'fee') {
      const p = ev.params;
      if (feeAmounts.has(p.code)) {
        throw new RuleSetError('FEE_DUPLICATE', `two rules of the period add fee ${p.code} for the same facts`, { path: r.path, rule: r.name });
      }
      let value: Dec;
      try {
        value = (r.formula as NonNullable<typeof r.formula>)(env);
      } catch (e) {
        if (e instanceof FormulaRuntimeError) throw new RuleSetError(e.code, `${e.message} in the formula of rule "${r.name}"`, { path: `${r.path}/event/params/formula`, rule: r.name });
        throw e;
      }
      const rounding = r.rounding as NonNullable<typeof r.rounding>;
      const amount = roundTo(value, rounding.unit, rounding.mode);
      feeAmounts.set(p.code, amount);
      total = total.plus(amount);
      const line: FeeLine = { code: p.code, label: p.label, amount: amount.toFixed(0), legalBasis: p.legalBasis };
      if (p.assumption) line.assumption = true;
      if (p.note) line.note = p.note;
      fees.push(line);
      entry.adds = { type: 'fee', code: p.code, formula: p.formula, value: value.toString(), amount: line.amount };
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
  return {
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
