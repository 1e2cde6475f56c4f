/**
 * The `ineligible` event of the rule-set format: where it is allowed, what the answer says
 * (eligible, reasons in the asked language, nothing charged), the same through json-rules-engine,
 * and the tests[] expectations `eligible` / `reasons` that guard publication.
 */
import { describe, expect, it } from 'vitest';
import { compileRuleSet, evaluateCompiled, evaluateReference, inspectRuleSet, publishIssues, type Rule, type RuleSetDocument } from '../../rules/engine/index.js';
import { clone, loadRuleSet, miniFeeSet } from './helpers.js';

const tooMuch: Rule = {
  name: 'Di luar kewenangan',
  conditions: { all: [{ fact: 'amount', operator: 'greaterThan', value: 1000 }] },
  event: {
    type: 'ineligible',
    params: {
      code: 'TERLALU-BESAR',
      message: { id: 'Jumlah lebih dari 1000', en: 'Amount above 1000' },
      legalBasis: 'Contoh, baris 1',
      redirect: { id: 'Ajukan ke kabupaten', en: 'Apply at the regency' },
    },
  },
};

function feeSetWithLimit(): RuleSetDocument {
  const doc = miniFeeSet();
  doc.versions[0].rules.unshift(clone(tooMuch));
  return doc;
}

describe('eligibility rules', () => {
  it('within the limit: eligible, no reasons, the fee as usual', () => {
    const r = evaluateCompiled(compileRuleSet(feeSetWithLimit()), { amount: 1000 }, '2024-06-01');
    expect(r).toMatchObject({ eligible: true, reasons: [], total: '100' });
  });

  it('outside it: not eligible, the reason in Indonesian by default (English on request), no fee lines, total 0', () => {
    const c = compileRuleSet(feeSetWithLimit());
    const id = evaluateCompiled(c, { amount: 5000 }, '2024-06-01');
    expect(id).toMatchObject({ eligible: false, fees: [], documents: [], total: '0' });
    expect(id.reasons).toEqual([{ code: 'TERLALU-BESAR', message: 'Jumlah lebih dari 1000', legalBasis: 'Contoh, baris 1', redirect: 'Ajukan ke kabupaten' }]);
    expect(evaluateCompiled(c, { amount: 5000 }, '2024-06-01', 'en').reasons[0]).toMatchObject({ message: 'Amount above 1000', redirect: 'Apply at the regency' });
    // the trace still shows which rule made it ineligible
    expect(id.trace[0]).toMatchObject({ fired: true, adds: { type: 'ineligible', code: 'TERLALU-BESAR' } });
  });

  it('json-rules-engine (the reference) gives the same answer', async () => {
    const c = compileRuleSet(feeSetWithLimit());
    for (const amount of [0, 1000, 1001, 5000]) {
      const { trace: _a, ...compiled } = evaluateCompiled(c, { amount }, '2024-06-01', 'en');
      const { trace: _b, ...reference } = await evaluateReference(c, { amount }, '2024-06-01', { lang: 'en' });
      expect(reference).toEqual(compiled);
    }
  });

  it('with tax years owed: nothing runs per tax year either (no fee lines, no taxYears), the same through json-rules-engine', async () => {
    // samsat-fees with a limit in every period: three years in arrears would owe three PKB lines
    const doc = loadRuleSet('samsat-fees');
    const limit: Rule = { ...clone(tooMuch), conditions: { all: [{ fact: 'njkb', operator: 'greaterThan', value: 50_000_000 }] } };
    for (const v of doc.versions) v.rules.push(clone(limit));
    const c = compileRuleSet(doc);
    const facts = { vehicleType: 'sedan', njkb: 100_000_000, dueDate: '2023-06-01', service: 'tahunan' };
    const r = evaluateCompiled(c, facts, '2025-07-15');
    expect(r).toMatchObject({ eligible: false, fees: [], documents: [], total: '0' });
    expect(r.reasons.map((x) => x.code)).toEqual(['TERLALU-BESAR']);
    expect(r.taxYears).toBeUndefined();
    // the per-year rules still show in the trace (fired or not), but none added a fee
    expect(r.trace.filter((t) => t.taxYear !== undefined).length).toBeGreaterThan(0);
    expect(r.trace.filter((t) => t.adds?.type === 'fee')).toEqual([]);
    const { trace: _a, ...compiled } = r;
    const { trace: _b, ...reference } = await evaluateReference(c, facts, '2025-07-15');
    expect(reference).toEqual(compiled);
    // below the limit the same arrears are charged year by year
    expect(evaluateCompiled(c, { ...facts, njkb: 40_000_000 }, '2025-07-15').taxYears).toHaveLength(3);
  });

  it('is allowed in requirement and fee sets, refused in decision sets', () => {
    expect(inspectRuleSet(feeSetWithLimit()).errors).toEqual([]);
    const req: RuleSetDocument = { ...feeSetWithLimit(), kind: 'requirements', versions: [{ effectiveFrom: '2024-01-01', rules: [clone(tooMuch), { name: 'KTP', event: { type: 'document', params: { code: 'KTP', label: 'KTP' } } }] }], tests: [] };
    expect(inspectRuleSet(req).errors).toEqual([]);
    const decision: RuleSetDocument = { ...req, kind: 'decision', versions: [{ effectiveFrom: '2024-01-01', rules: [clone(tooMuch)] }] };
    expect(inspectRuleSet(decision).errors.map((e) => ({ code: e.code, path: e.path }))).toEqual([{ code: 'EVENT_KIND_MISMATCH', path: '/versions/0/rules/0/event/type' }]);
  });

  it('needs the message in both languages and a legal basis', () => {
    const doc = feeSetWithLimit();
    (doc.versions[0].rules[0].event.params as unknown as { message: Record<string, string> }).message = { id: 'Hanya Indonesia' };
    delete (doc.versions[0].rules[0].event.params as { legalBasis?: string }).legalBasis;
    const paths = inspectRuleSet(doc).errors.map((e) => `${e.code} ${e.path}`);
    expect(paths).toContain('RULESET_SCHEMA /versions/0/rules/0/event/params/message');
    expect(paths).toContain('RULESET_SCHEMA /versions/0/rules/0/event/params');
  });

  it('tests[] check eligible and the exact reasons before publication', () => {
    const doc = feeSetWithLimit();
    doc.tests = [
      { name: 'boleh', at: '2024-06-01', facts: { amount: 10 }, expect: { eligible: true, reasons: [], fees: { FEE: '1' } } },
      { name: 'salah harap', at: '2024-06-01', facts: { amount: 2000 }, expect: { eligible: true, reasons: [] } },
    ];
    const { issues } = publishIssues(compileRuleSet(doc));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'TEST_FAILED', path: '/tests/1' });
    expect(issues[0].message).toContain('eligible: expected true, got false');
    expect(issues[0].message).toContain('reasons: expected none, got TERLALU-BESAR');
  });
});
