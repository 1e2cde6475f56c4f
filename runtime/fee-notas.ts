import { wholeRupiah } from '../core/money.js';
import type { Variables } from './conditions.js';
import { systemResults } from './inputs.js';

/** A fee computation the system recorded (a business rule task's answer that carries fees). */
export interface FeeNota {
  variable: string;
  ruleSet: { key: string; title?: string; publication: number | null; period: { effectiveFrom: string; effectiveTo?: string | null } };
  at?: string;
  fees: Array<{ code: string; label: string; amount: string; legalBasis?: string }>;
  total: string;
  /** when the business rule task computed it (ISO instant; absent on notas stored before it was kept) */
  computedAt?: string;
}

/**
 * The fee notas: rule-set answers that carry fees, read only from the system's results
 * (`variables.sys`, written by business rule tasks or passed read-only by a call activity), never
 * from a variable someone sent (issue 16: a forged nota must not reach the SKRD or the task page).
 */
export function feeNotas(variables: Variables): FeeNota[] {
  const out: FeeNota[] = [];
  for (const [k, v] of Object.entries(systemResults(variables))) {
    if (!v || typeof v !== 'object') continue;
    const r = v as Partial<FeeNota> & { ruleSet?: { kind?: string } };
    if (!r.ruleSet || !Array.isArray(r.fees) || r.fees.length === 0 || typeof r.total !== 'string') continue;
    out.push({ variable: k, ruleSet: r.ruleSet as FeeNota['ruleSet'], at: r.at, fees: r.fees, total: r.total, ...(typeof r.computedAt === 'string' ? { computedAt: r.computedAt } : {}) });
  }
  // In the order they were computed (the stored variables are jsonb: key order is not the step order).
  return out.sort((a, b) => (a.computedAt ?? '').localeCompare(b.computedAt ?? ''));
}

/**
 * The notas that say what is owed: a later computation by the same rule set replaces an earlier
 * one (B.3: the BPHTB after the SK's pengurangan replaces the self-assessed one; the wajib pajak
 * pays the difference, not both), while notas of different rule sets add up (B.1: the BPHTB and
 * the SPPDKB's kurang bayar with its bunga).
 */
export function notasOwed(notas: readonly FeeNota[]): FeeNota[] {
  const last = new Map<string, FeeNota>();
  for (const n of notas) last.set(n.ruleSet.key, n);
  return notas.filter((n) => last.get(n.ruleSet.key) === n);
}

/** What the notas add up to, in whole rupiah as each document prints it (the amount to pay). */
export function sumTotals(notas: readonly FeeNota[]): string {
  return notas.reduce((s, n) => s + wholeRupiah(n.total), 0n).toString();
}
