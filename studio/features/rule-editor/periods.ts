/**
 * A new tariff period: a copy of the latest one (its rules with their labels and legal basis, its
 * constants, its own legal basis), starting the day after the later of today and the latest
 * period's start. The previous period ends the day before the new one starts, so periods never
 * overlap (an open period already ends where the next begins; only a closing date past the new
 * start is pulled back).
 */
import type { RuleSetDoc } from '../../api/client.js';

type Period = RuleSetDoc['versions'][number];

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function withNewPeriod(versions: Period[], today: string): Period[] {
  const last = versions[versions.length - 1]!;
  const from = addDays(last.effectiveFrom > today ? last.effectiveFrom : today, 1);
  const closed = versions.map((p, i) => (i === versions.length - 1 && p.effectiveTo && p.effectiveTo >= from ? { ...p, effectiveTo: addDays(from, -1) } : p));
  const copy = structuredClone(last);
  delete copy.effectiveTo;
  return [...closed, { ...copy, effectiveFrom: from }];
}
