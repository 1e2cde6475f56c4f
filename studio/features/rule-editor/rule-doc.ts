/** Pure readings and edits of a rule-set document for the rule editor's tabs. */
import type { DraftEvaluation, RuleSetDoc } from '../../api/client.js';

export type Period = RuleSetDoc['versions'][number];
type TestCase = NonNullable<RuleSetDoc['tests']>[number];

/** A constant as typed: numbers stay numbers, "1.75%" and decimals stay strings, tables are JSON. */
export function parseConstant(text: string): unknown {
  const s = text.trim();
  if (s.startsWith('{')) {
    try { return JSON.parse(s) as unknown; } catch { return s; }
  }
  if (/^-?\d+$/.test(s)) return Number(s);
  return s;
}

export function constantText(v: unknown): string {
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** The period in force on a date (inclusive bounds; an open period runs until the next starts). */
export function periodAt(doc: RuleSetDoc, at: string): Period | undefined {
  const sorted = [...doc.versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  return sorted.filter((p, i) => p.effectiveFrom <= at && (p.effectiveTo ? p.effectiveTo >= at : !sorted[i + 1] || sorted[i + 1]!.effectiveFrom > at)).at(-1);
}

/** A fee or document code's label, from the rules that produce it. */
export function labelOf(doc: RuleSetDoc, code: string): string {
  for (const p of doc.versions) for (const r of p.rules) if (r.event.params?.code === code && typeof r.event.params.label === 'string') return r.event.params.label;
  return code;
}

export function conditionSummary(c: unknown): string {
  if (!c) return '—';
  const s = JSON.stringify(c);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

/** The try-it result as a test case: these facts on this date must give these amounts. */
export function testCaseOf(result: DraftEvaluation, facts: Record<string, unknown>, at: string): TestCase {
  const expect: Record<string, unknown> = {};
  if (result.fees.length) {
    // Repeated codes (one PKB per tax year owed) need the list form, labels telling the years apart.
    const codes = result.fees.map((f) => f.code);
    expect.fees =
      new Set(codes).size === codes.length
        ? Object.fromEntries(result.fees.map((f) => [f.code, f.amount]))
        : result.fees.map((f) => ({ code: f.code, amount: f.amount, ...(f.label ? { label: f.label } : {}) }));
    expect.total = result.total;
  }
  if (result.documents.length) expect.documents = result.documents;
  if (Object.keys(result.decisions).length) expect.decisions = result.decisions;
  if (!Object.keys(expect).length) expect.total = result.total;
  const name = `Coba ${at} ${Object.values(facts).slice(0, 2).join(' ')}`.trim();
  return { name, at, facts, expect };
}
