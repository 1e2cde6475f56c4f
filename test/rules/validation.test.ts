import { describe, expect, it } from 'vitest';
import { compileRuleSet, evaluateCompiled, inspectRuleSet, publishIssues, RuleSetError, type RuleSetDocument } from '../../rules/engine/index.js';
import { clone, miniFeeSet } from './helpers.js';

function errorsOf(doc: unknown): Array<{ code: string; path?: string }> {
  return inspectRuleSet(doc).errors.map(({ code, path }) => ({ code, path }));
}

function caught(fn: () => unknown): RuleSetError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RuleSetError) return e;
    throw e;
  }
  throw new Error('expected a RuleSetError');
}

describe('a rule set with bad content is refused with a code and the path', () => {
  it('accepts the minimal fee set (the baseline the other cases vary)', () => {
    expect(errorsOf(miniFeeSet())).toEqual([]);
  });

  it('refuses an unknown operator', () => {
    const doc = miniFeeSet();
    (doc.versions[0].rules[0].conditions as { all: Array<{ operator: string }> }).all[0].operator = 'greaterThen';
    expect(errorsOf(doc)).toEqual([{ code: 'UNKNOWN_OPERATOR', path: '/versions/0/rules/0/conditions/all/0/operator' }]);
  });

  it('refuses a condition on a fact that is not in the facts schema', () => {
    const doc = miniFeeSet();
    (doc.versions[0].rules[0].conditions as { all: Array<{ fact: string }> }).all[0].fact = 'amout';
    expect(errorsOf(doc)).toEqual([{ code: 'UNKNOWN_FACT', path: '/versions/0/rules/0/conditions/all/0/fact' }]);
  });

  it('refuses a formula that names a fact not in the schema', () => {
    const doc = miniFeeSet();
    (doc.versions[0].rules[0].event.params as { formula: string }).formula = 'amout × rate';
    expect(errorsOf(doc)).toEqual([{ code: 'UNKNOWN_IDENTIFIER', path: '/versions/0/rules/0/event/params/formula' }]);
  });

  it('refuses a formula that does not parse', () => {
    const doc = miniFeeSet();
    (doc.versions[0].rules[0].event.params as { formula: string }).formula = 'amount × × rate';
    expect(errorsOf(doc)).toEqual([{ code: 'FORMULA_SYNTAX', path: '/versions/0/rules/0/event/params/formula' }]);
  });

  it('refuses division by a zero constant', () => {
    const doc = miniFeeSet();
    doc.versions[0].constants = { rate: '10%', nol: 0 };
    (doc.versions[0].rules[0].event.params as { formula: string }).formula = 'amount ÷ nol';
    expect(errorsOf(doc)).toEqual([{ code: 'DIVISION_BY_ZERO', path: '/versions/0/rules/0/event/params/formula' }]);
  });

  it('fails an evaluation that divides by a zero fact, naming the rule', () => {
    const doc = miniFeeSet();
    (doc.versions[0].rules[0].event.params as { formula: string }).formula = 'amount ÷ divisor';
    const c = compileRuleSet(doc);
    const e = caught(() => evaluateCompiled(c, { amount: 10, divisor: 0 }, '2024-06-01'));
    expect(e.code).toBe('DIVISION_BY_ZERO');
    expect(e.details).toMatchObject({ path: '/versions/0/rules/0/event/params/formula', rule: 'Fee' });
  });

  it('refuses overlapping effective periods', () => {
    const doc = miniFeeSet();
    doc.versions[0].effectiveTo = '2025-01-10';
    doc.versions.push({ ...clone(doc.versions[0]), effectiveFrom: '2025-01-05', effectiveTo: undefined });
    expect(errorsOf(doc)).toEqual([{ code: 'PERIOD_OVERLAP', path: '/versions/0/effectiveTo' }]);
  });

  it('refuses two periods starting the same day and a period ending before it starts', () => {
    const doc = miniFeeSet();
    doc.versions.push(clone(doc.versions[0]));
    expect(errorsOf(doc).map((e) => e.code)).toEqual(['PERIOD_OVERLAP']);
    const back = miniFeeSet();
    back.versions[0].effectiveTo = '2023-12-31';
    expect(errorsOf(back)).toContainEqual({ code: 'PERIOD_INVALID', path: '/versions/0/effectiveTo' });
  });

  it('refuses an event that does not match the kind of the set', () => {
    const doc = miniFeeSet();
    doc.versions[0].rules.push({ name: 'Dok', event: { type: 'document', params: { code: 'ktp', label: 'KTP' } } });
    expect(errorsOf(doc)).toEqual([{ code: 'EVENT_KIND_MISMATCH', path: '/versions/0/rules/1/event/type' }]);
  });

  it('refuses a condition value the fact can never take (a typo in an enum value)', () => {
    const doc = miniFeeSet();
    doc.versions[0].rules[0].conditions = { all: [{ fact: 'category', operator: 'equal', value: 'c' }] };
    expect(errorsOf(doc)).toEqual([{ code: 'CONDITION_VALUE', path: '/versions/0/rules/0/conditions/all/0/value' }]);
  });

  it('refuses a document that breaks the JSON Schema, pointing at the property', () => {
    const doc = clone(miniFeeSet()) as unknown as Record<string, unknown>;
    (doc.versions as Array<Record<string, unknown>>)[0].effectiveFrom = '01-01-2024';
    expect(errorsOf(doc)).toContainEqual({ code: 'RULESET_SCHEMA', path: '/versions/0/effectiveFrom' });
    const noKind = clone(miniFeeSet()) as unknown as Record<string, unknown>;
    delete noKind.kind;
    expect(errorsOf(noKind)[0].code).toBe('RULESET_SCHEMA');
  });

  it('throws RULESET_INVALID listing every issue when asked to compile a bad set', () => {
    const doc = miniFeeSet();
    (doc.versions[0].rules[0].conditions as { all: Array<{ operator: string }> }).all[0].operator = 'like';
    (doc.versions[0].rules[0].event.params as { formula: string }).formula = '(';
    const e = caught(() => compileRuleSet(doc));
    expect(e.code).toBe('RULESET_INVALID');
    expect((e.details as { issues: Array<{ code: string }> }).issues.map((i) => i.code).sort()).toEqual(['FORMULA_SYNTAX', 'UNKNOWN_OPERATOR']);
  });
});

describe('facts are checked against the schema before any rule runs', () => {
  const c = compileRuleSet(miniFeeSet());

  it('refuses a missing required fact with its path', () => {
    const e = caught(() => evaluateCompiled(c, { category: 'a' }, '2024-06-01'));
    expect(e.code).toBe('FACTS_INVALID');
    expect(e.details).toEqual({ issues: [{ code: 'FACT_REQUIRED', message: 'fact "amount" is required', path: '/amount' }] });
  });

  it('refuses a fact of the wrong type with its path', () => {
    const e = caught(() => evaluateCompiled(c, { amount: '1000' }, '2024-06-01'));
    expect(e.code).toBe('FACTS_INVALID');
    expect((e.details as { issues: unknown[] }).issues).toEqual([expect.objectContaining({ code: 'FACT_TYPE', path: '/amount' })]);
  });

  it('refuses a value outside the enum', () => {
    const e = caught(() => evaluateCompiled(c, { amount: 1, category: 'z' }, '2024-06-01'));
    expect((e.details as { issues: unknown[] }).issues).toEqual([expect.objectContaining({ code: 'FACT_VALUE', path: '/category' })]);
  });

  it('ignores variables that are not facts of the set (the runtime passes all of them)', () => {
    const r = evaluateCompiled(c, { amount: 1000, somethingElse: { big: true } }, '2024-06-01');
    expect(r.facts).toEqual({ amount: 1000 });
    expect(r.fees).toEqual([{ code: 'FEE', label: 'Fee', amount: '100', legalBasis: 'Contoh', period: { effectiveFrom: '2024-01-01', effectiveTo: null } }]);
  });

  it('refuses a date outside every period and a malformed date', () => {
    expect(caught(() => evaluateCompiled(c, { amount: 1 }, '2023-12-31')).code).toBe('NO_PERIOD_IN_FORCE');
    expect(caught(() => evaluateCompiled(c, { amount: 1 }, '2024-02-30')).code).toBe('AT_INVALID');
  });
});

describe('the publish gate runs the set\'s own tests', () => {
  it('passes a set whose tests pass and whose periods are all tested', () => {
    expect(publishIssues(compileRuleSet(miniFeeSet())).issues).toEqual([]);
  });

  it('lists a failing test with what differed', () => {
    const doc = miniFeeSet();
    doc.versions[0].constants = { rate: '11%' };
    const { issues, run } = publishIssues(compileRuleSet(doc));
    expect(run).toMatchObject({ passed: 0, failed: 1 });
    expect(issues).toEqual([{ code: 'TEST_FAILED', path: '/tests/0', message: 'test "ten percent" failed: fee FEE: expected 100, got 110' }]);
  });

  it('refuses a period that no test covers', () => {
    const doc: RuleSetDocument = miniFeeSet();
    doc.versions.push({ ...clone(doc.versions[0]), effectiveFrom: '2025-01-05' });
    expect(publishIssues(compileRuleSet(doc)).issues).toEqual([expect.objectContaining({ code: 'PERIOD_UNTESTED', path: '/versions/1' })]);
  });

  it('counts an expected error as a pass and an unexpected one as a failure', () => {
    const doc = miniFeeSet();
    doc.tests = [
      { name: 'needs amount', at: '2024-06-01', facts: {}, expect: { error: 'FACTS_INVALID' } },
      { name: 'wrongly expects an error', at: '2024-06-01', facts: { amount: 5 }, expect: { error: 'FACTS_INVALID' } },
    ];
    const { run } = publishIssues(compileRuleSet(doc));
    expect(run.outcomes.map((o) => o.passed)).toEqual([true, false]);
  });
});
