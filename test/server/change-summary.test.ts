import { describe, expect, it } from 'vitest';
import { summarizeRuleSetChange } from '../../server/services/store/change-summary.js';

const rule = (name: string, formula: string, fact = 'njkb') => ({ name, conditions: { all: [{ fact, operator: 'greaterThan', value: 0 }] }, event: { type: 'fee', params: { code: name, formula } } });

describe('the change summary of a rule set', () => {
  const before = {
    versions: [{ effectiveFrom: '2025-01-05', constants: { tarifPkb: '1.75%', tarifSwdkllj: '35000' }, rules: [rule('PKB', 'njkb × tarifPkb'), rule('SWDKLLJ', 'tarifSwdkllj')] }],
  };
  it('names a changed tariff, a new constant, a changed formula, a rule added and removed, and a new period', () => {
    const after = {
      versions: [
        {
          effectiveFrom: '2025-01-05',
          effectiveTo: '2026-12-31',
          constants: { tarifPkb: '2%', opsen: '66%' },
          rules: [rule('PKB', 'njkb × tarifPkb × 1', 'usage'), rule('OPSEN-PKB', 'pkb × opsen')],
        },
        { effectiveFrom: '2027-01-01', constants: {}, rules: [] },
      ],
    };
    expect(summarizeRuleSetChange(before, after)).toEqual([
      { kind: 'period-added', subject: '2027-01-01' },
      { kind: 'period-end-changed', subject: '2025-01-05', after: '2026-12-31' },
      { kind: 'constant-changed', subject: 'tarifPkb', period: '2025-01-05', before: '1.75%', after: '2%' },
      { kind: 'constant-added', subject: 'opsen', period: '2025-01-05', after: '66%' },
      { kind: 'constant-removed', subject: 'tarifSwdkllj', period: '2025-01-05', before: '35000' },
      { kind: 'formula-changed', subject: 'PKB', period: '2025-01-05', before: 'njkb × tarifPkb', after: 'njkb × tarifPkb × 1' },
      {
        kind: 'rule-conditions-changed',
        subject: 'PKB',
        period: '2025-01-05',
        before: JSON.stringify(rule('PKB', '').conditions),
        after: JSON.stringify(rule('PKB', '', 'usage').conditions),
      },
      { kind: 'rule-added', subject: 'OPSEN-PKB', period: '2025-01-05', after: 'pkb × opsen' },
      { kind: 'rule-removed', subject: 'SWDKLLJ', period: '2025-01-05' },
    ]);
  });
  it('the same document twice has no changes, and a first publication says so', () => {
    expect(summarizeRuleSetChange(before, structuredClone(before))).toEqual([]);
    expect(summarizeRuleSetChange(undefined, before)).toEqual([{ kind: 'first-publication' }]);
  });
});
