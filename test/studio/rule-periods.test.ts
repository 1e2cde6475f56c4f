import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RuleSetDoc } from '../../studio/api/client.js';
import { withNewPeriod } from '../../studio/features/rule-editor/periods.js';

const fees = JSON.parse(readFileSync(new URL('../../rules/samsat-fees.json', import.meta.url), 'utf8')) as RuleSetDoc;

describe('a new tariff period', () => {
  it('copies every rule of the latest period with its label and legal basis, and its constants', () => {
    const versions = withNewPeriod(fees.versions, '2026-12-06');
    const last = fees.versions.at(-1)!;
    const added = versions.at(-1)!;
    expect(versions).toHaveLength(fees.versions.length + 1);
    expect(added.rules).toEqual(last.rules);
    expect(added.rules.every((r) => r.event.type !== 'fee' || (typeof r.event.params?.legalBasis === 'string' && r.event.params.legalBasis.length > 0 && typeof r.event.params.label === 'string'))).toBe(true);
    expect(added.constants).toEqual(last.constants);
    // a copy, not the same objects: editing the new period's label leaves the old one
    (added.rules[0]!.event.params as Record<string, unknown>).label = 'Diubah';
    expect(last.rules[0]!.event.params!.label).not.toBe('Diubah');
  });

  it('starts the day after today (or after the latest start) and closes an earlier end that would overlap', () => {
    const base = [{ effectiveFrom: '2025-01-05', effectiveTo: '2030-12-31', rules: [] }];
    const v = withNewPeriod(base, '2026-12-06');
    expect(v.map((p) => [p.effectiveFrom, p.effectiveTo])).toEqual([['2025-01-05', '2026-12-06'], ['2026-12-07', undefined]]);
    expect(withNewPeriod([{ effectiveFrom: '2027-03-01', rules: [] }], '2026-12-06').at(-1)!.effectiveFrom).toBe('2027-03-02');
  });
});
