import type { CompiledRuleSet } from './compile.js';
import type { RuleIssue } from './errors.js';
import { evaluateCompiled } from './evaluate.js';
import { D } from './formula/decimal.js';
import type { EvaluationResult, Scalar, TestCase } from './types.js';

export interface TestOutcome {
  name: string;
  path: string;
  at: string;
  passed: boolean;
  /** what differed, one line each */
  failures: string[];
  result?: EvaluationResult;
  error?: { code: string; message: string };
}

export interface TestRun {
  passed: number;
  failed: number;
  outcomes: TestOutcome[];
}

const sameAmount = (a: Scalar, b: string): boolean => {
  try {
    return new D(a).eq(new D(b));
  } catch {
    return false;
  }
};

function check(t: TestCase, result: EvaluationResult): string[] {
  const out: string[] = [];
  const e = t.expect;
  if (e.error) out.push(`expected error ${e.error}, but the evaluation succeeded`);
  if (Array.isArray(e.fees)) {
    // The list form: every expected line matches one line of the answer (code, amount and, when
    // given, label), in any order; lines left over are not expected.
    const left = [...result.fees];
    for (const want of e.fees) {
      const i = left.findIndex((l) => l.code === want.code && sameAmount(want.amount, l.amount) && (want.label === undefined || want.label === l.label));
      if (i >= 0) {
        left.splice(i, 1);
        continue;
      }
      const same = left.filter((l) => l.code === want.code);
      out.push(
        `fee ${want.code}${want.label !== undefined ? ` "${want.label}"` : ''}: expected ${want.amount}, ${same.length ? `got ${same.map((l) => `${l.amount} ("${l.label}")`).join(', ')}` : 'but no such fee line'}`,
      );
    }
    for (const l of left) out.push(`fee ${l.code} "${l.label}": not expected, got ${l.amount}`);
  } else if (e.fees) {
    // The object form: code → the sum of that code's lines (one line per code in most sets).
    const got = new Map<string, string>();
    for (const f of result.fees) got.set(f.code, got.has(f.code) ? new D(got.get(f.code) as string).plus(f.amount).toFixed(0) : f.amount);
    for (const [code, amount] of Object.entries(e.fees)) {
      const actual = got.get(code);
      if (actual === undefined) out.push(`fee ${code}: expected ${amount}, but no such fee line`);
      else if (!sameAmount(amount, actual)) out.push(`fee ${code}: expected ${amount}, got ${actual}`);
    }
    for (const code of got.keys()) if (!(code in e.fees)) out.push(`fee ${code}: not expected, got ${got.get(code)}`);
  }
  if (e.total !== undefined && !sameAmount(e.total, result.total)) out.push(`total: expected ${e.total}, got ${result.total}`);
  if (e.documents) {
    const got = result.documents.map((d) => d.code);
    const missing = e.documents.filter((c) => !got.includes(c));
    const extra = got.filter((c) => !e.documents?.includes(c));
    if (missing.length) out.push(`documents missing: ${missing.join(', ')}`);
    if (extra.length) out.push(`documents not expected: ${extra.join(', ')}`);
  }
  if (e.eligible !== undefined && e.eligible !== result.eligible) out.push(`eligible: expected ${e.eligible}, got ${result.eligible}`);
  if (e.reasons) {
    const got = result.reasons.map((r) => r.code);
    if (JSON.stringify([...got].sort()) !== JSON.stringify([...e.reasons].sort())) out.push(`reasons: expected ${e.reasons.join(', ') || 'none'}, got ${got.join(', ') || 'none'}`);
  }
  if (e.decisions) {
    for (const [name, value] of Object.entries(e.decisions)) {
      if (JSON.stringify(result.decisions[name]) !== JSON.stringify(value)) out.push(`decision ${name}: expected ${JSON.stringify(value)}, got ${JSON.stringify(result.decisions[name])}`);
    }
  }
  return out;
}

/** Runs the document's own test cases against the compiled engine. */
export function runRuleSetTests(c: CompiledRuleSet): TestRun {
  const outcomes: TestOutcome[] = (c.doc.tests ?? []).map((t, i) => {
    const base = { name: t.name, path: `/tests/${i}`, at: t.at };
    try {
      const result = evaluateCompiled(c, t.facts, t.at);
      const failures = check(t, result);
      return { ...base, passed: failures.length === 0, failures, result };
    } catch (err) {
      const code = typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : 'INTERNAL';
      const message = err instanceof Error ? err.message : String(err);
      const failures = t.expect.error === code ? [] : [t.expect.error ? `expected error ${t.expect.error}, got ${code}: ${message}` : `evaluation failed: ${code}: ${message}`];
      return { ...base, passed: failures.length === 0, failures, error: { code, message } };
    }
  });
  const passed = outcomes.filter((o) => o.passed).length;
  return { passed, failed: outcomes.length - passed, outcomes };
}

/**
 * The publish gate: every test passes and every period is covered by at least one test dated
 * inside it. Returns the issues that refuse publication (empty = may publish).
 */
export function publishIssues(c: CompiledRuleSet): { issues: RuleIssue[]; run: TestRun } {
  const run = runRuleSetTests(c);
  const issues: RuleIssue[] = run.outcomes
    .filter((o) => !o.passed)
    .map((o) => ({ code: 'TEST_FAILED', message: `test "${o.name}" failed: ${o.failures.join('; ')}`, path: o.path }));
  for (const s of c.spans) {
    const covered = (c.doc.tests ?? []).some((t) => s.from <= t.at && (s.to === null || t.at <= s.to));
    if (!covered) issues.push({ code: 'PERIOD_UNTESTED', message: `no test case is dated in the period from ${s.from}`, path: `/versions/${s.index}` });
  }
  return { issues, run };
}
