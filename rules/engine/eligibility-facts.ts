import type { Condition, RuleSetDocument } from './types.js';

/** Fact names a condition reads. */
function readFacts(c: Condition | undefined, out: Set<string>): void {
  if (!c) return;
  if ('fact' in c) {
    out.add(c.fact);
    return;
  }
  if ('all' in c) c.all.forEach((x) => readFacts(x, out));
  else if ('any' in c) c.any.forEach((x) => readFacts(x, out));
  else if ('not' in c) readFacts(c.not, out);
}

/**
 * The facts the set's `ineligible` rules read, in every period: what decides whether the
 * service is within the office's remit. Optional for the evaluate API (a fee can be estimated
 * without them), but an application of a process whose requirement set has such rules must carry
 * them at its start (the apply page and the counter ask for them; the runtime refuses a start
 * without them), so the remit is checked before anything is written.
 */
export function eligibilityFacts(doc: Pick<RuleSetDocument, 'versions'>): string[] {
  const out = new Set<string>();
  for (const p of doc.versions ?? []) for (const r of p.rules ?? []) if (r.event?.type === 'ineligible') readFacts(r.conditions, out);
  return [...out].sort();
}
