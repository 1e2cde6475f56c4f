import { describe, expect, it } from 'vitest';
import { compileRuleSet, evaluateCompiled, evaluateReference, inspectRuleSet, publishIssues } from '../../rules/engine/index.js';
import { FEE_SET_KEYS, loadRuleSet, shippedRuleSetKeys } from './helpers.js';

const sedan = { vehicleType: 'sedan', njkb: 150000000, ownershipOrder: 1, usage: 'private', transfer: 'first', monthsLate: 0 };

describe('the fee rule sets this product ships', () => {
  it.each(FEE_SET_KEYS)('%s is valid, has a legal basis on every fee line and passes its own tests', (key) => {
    const doc = loadRuleSet(key);
    const report = inspectRuleSet(doc);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    // fee lines and eligibility limits alike name their legal basis
    for (const p of doc.versions) for (const r of p.rules) expect((r.event.type === 'fee' || r.event.type === 'ineligible') && r.event.params.legalBasis.length > 0).toBe(true);
    const gate = publishIssues(compileRuleSet(doc));
    expect(gate.issues).toEqual([]);
    expect(gate.run.passed).toBeGreaterThanOrEqual(2);
  });

  it('every rule set in rules/ (fees and requirements) passes validation, and its tests unless marked perlu-verifikasi', () => {
    for (const key of shippedRuleSetKeys()) {
      const doc = loadRuleSet(key);
      expect(doc.key).toBe(key);
      const report = inspectRuleSet(doc);
      expect({ key, errors: report.errors }).toEqual({ key, errors: [] });
      if (report.compiled && doc.status !== 'perlu-verifikasi') expect({ key, issues: publishIssues(report.compiled).issues }).toEqual({ key, issues: [] });
    }
  });
});

describe('Samsat PKB and BBNKB follow the tariff in force on the application date', () => {
  const samsat = compileRuleSet(loadRuleSet('samsat-fees'), { publication: 1 });

  it('a new sedan NJKB Rp 150,000,000 decided on 2023-05-10 owes PKB 2,756,250, BBNKB 18,750,000 and SWDKLLJ (Perda Banten 1/2011 jo. 4/2019)', () => {
    const r = evaluateCompiled(samsat, sedan, '2023-05-10');
    expect(r.fees.map((f) => [f.code, f.amount])).toEqual([
      ['PKB', '2756250'],
      ['SWDKLLJ', '143000'],
      ['BBNKB', '18750000'],
    ]);
    expect(r.total).toBe('21649250');
    expect(r.ruleSet).toMatchObject({ key: 'samsat-fees', publication: 1, period: { effectiveFrom: '2019-03-01', effectiveTo: '2025-01-04' } });
    // cited as the SOP cites it (Dasar Hukum 5–6), not as "Perda 1/2019"
    expect(r.fees[0].legalBasis).toMatch(/^Perda Provinsi Banten No\. 1 Tahun 2011 sebagaimana diubah dengan Perda No\. 4 Tahun 2019/);
    for (const p of loadRuleSet('samsat-fees').versions) for (const rule of p.rules) expect(rule.event.type === 'fee' && rule.event.params.legalBasis).not.toMatch(/1\/2019/);
    // every line carries the period (tariff) it was computed under
    expect(r.fees.every((f) => f.period.effectiveFrom === '2019-03-01')).toBe(true);
  });

  it('the same sedan decided on 2025-03-01 uses the HKPD rates with opsen for the kabupaten/kota', () => {
    const r = evaluateCompiled(samsat, sedan, '2025-03-01');
    expect(Object.fromEntries(r.fees.map((f) => [f.code, f.amount]))).toEqual({ PKB: '1890000', 'OPSEN-PKB': '1247400', SWDKLLJ: '143000', BBNKB: '18000000', 'OPSEN-BBNKB': '11880000' });
    expect(r.ruleSet.period).toMatchObject({ effectiveFrom: '2025-01-05', effectiveTo: null, assumption: true });
    expect(r.ruleSet.period.assumptionNotes.length).toBeGreaterThan(0);
  });

  it('switches tariff exactly between 4 and 5 January 2025', () => {
    expect(evaluateCompiled(samsat, sedan, '2025-01-04').fees[0].amount).toBe('2756250');
    expect(evaluateCompiled(samsat, sedan, '2025-01-05').fees[0].amount).toBe('1890000');
  });

  it('explains in the trace which rule fired and why', () => {
    const r = evaluateCompiled(samsat, sedan, '2023-05-10');
    const pkb = r.trace.find((t) => t.rule === 'PKB pribadi tarif dasar');
    expect(pkb).toMatchObject({ fired: true, path: '/versions/0/rules/1', adds: { type: 'fee', code: 'PKB', amount: '2756250', value: '2756250' } });
    expect(pkb?.conditions[0]).toEqual({ fact: 'usage', operator: 'equal', value: 'private', factValue: 'private', result: true });
    expect(r.trace.find((t) => t.rule === 'Denda keterlambatan PKB (bulan diisi petugas)')).toMatchObject({ fired: false, conditions: [{ fact: 'monthsLate', factValue: 0, result: false }] });
  });

  it('a vehicle three years in arrears owes three PKB, three late fees and three SWDKLLJ, each year at the tariff of its own due date', () => {
    const r = evaluateCompiled(samsat, { vehicleType: 'sedan', njkb: 100_000_000, dueDate: '2023-06-01', service: 'tahunan' }, '2025-07-15');
    expect(r.taxYears?.map((y) => [y.taxYear, y.dueDate, y.monthsLate, y.period.effectiveFrom])).toEqual([
      [2023, '2023-06-01', 26, '2019-03-01'],
      [2024, '2024-06-01', 14, '2019-03-01'],
      [2025, '2025-06-01', 2, '2025-01-05'],
    ]);
    expect(r.fees.map((f) => [f.code, f.taxYear ?? null, f.amount])).toEqual([
      ['PKB', 2023, '1837500'],
      ['DENDA-PKB', 2023, '551250'], // 26 months, capped at 15 before HKPD
      ['SWDKLLJ', 2023, '143000'],
      ['PKB', 2024, '1837500'],
      ['DENDA-PKB', 2024, '514500'], // 14 months
      ['SWDKLLJ', 2024, '143000'],
      ['PKB', 2025, '1260000'], // 1.2 % after 5 January 2025 …
      ['OPSEN-PKB', 2025, '831600'], // … with opsen, only for that year
      ['DENDA-PKB', 2025, '50400'], // 2 months
      ['SWDKLLJ', 2025, '143000'],
      ['PNBP-STNK', null, '50000'], // once per application
    ]);
    expect(r.fees[0].label).toBe('Pajak Kendaraan Bermotor — tahun pajak 2023');
    expect(r.fees[0].period).toEqual({ effectiveFrom: '2019-03-01', effectiveTo: '2025-01-04', label: 'Perda Banten 1/2011 jo. Perda 4/2019' });
    expect(r.fees[6].period).toMatchObject({ effectiveFrom: '2025-01-05', effectiveTo: null });
    expect(r.total).toBe('7361750');
  });

  it('refuses a due date together with months late, and a second car without its engine size (the Samsat data contract), in every period', () => {
    expect(() => evaluateCompiled(samsat, { vehicleType: 'sedan', njkb: 1, dueDate: '2024-01-01', monthsLate: 2 }, '2025-03-01')).toThrow(
      expect.objectContaining({ code: 'FACTS_INVALID', details: { issues: [expect.objectContaining({ path: '/monthsLate' })] } }),
    );
    const second = { vehicleType: 'minibus', njkb: 200_000_000, ownershipOrder: 2 };
    expect(() => evaluateCompiled(samsat, second, '2024-06-01')).toThrow(
      expect.objectContaining({ code: 'FACTS_INVALID', message: expect.stringContaining('engineCc'), details: { issues: [expect.objectContaining({ path: '/engineCc', code: 'FACT_REQUIRED' })] } }),
    );
    // after HKPD there is no progressive rate, but the contract still asks a second vehicle's engine size …
    expect(() => evaluateCompiled(samsat, second, '2025-06-01')).toThrow(expect.objectContaining({ code: 'FACTS_INVALID', details: { issues: [expect.objectContaining({ path: '/engineCc' })] } }));
    // … and with it a 1,500 cc car pays the flat 1.2 %
    expect(evaluateCompiled(samsat, { ...second, engineCc: 1500 }, '2025-06-01').fees[0].amount).toBe('2520000');
    expect(() => evaluateCompiled(samsat, { ...second, dueDate: '2024-08-01' }, '2025-06-01')).toThrow(expect.objectContaining({ code: 'FACTS_INVALID' }));
  });

  it('the evaluation through json-rules-engine gives the same arrears (the per-year repetition is shared)', async () => {
    const facts = { vehicleType: 'motorcycle', njkb: 20_000_000, dueDate: '2024-02-29', engineCc: 300 };
    const { trace: a, ...mine } = evaluateCompiled(samsat, facts, '2026-03-01');
    const { trace: b, ...ref } = await evaluateReference(samsat, facts, '2026-03-01');
    expect(ref).toEqual(mine);
    expect(b.map((t) => t.fired)).toEqual(a.map((t) => t.fired));
    expect(mine.taxYears?.map((y) => y.dueDate)).toEqual(['2024-02-29', '2025-02-28', '2026-02-28']);
  });

  it('defaults the application date to today in Asia/Jakarta', () => {
    const r = evaluateCompiled(samsat, sedan);
    expect(r.at).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date()));
  });
});

describe('BPHTB Kota Depok', () => {
  const bphtb = compileRuleSet(loadRuleSet('bphtb-fees'));

  it('jual beli Rp 250,000,000 with NJOP Rp 200,000,000 owes 9,500,000', () => {
    const r = evaluateCompiled(bphtb, { acquisition: 'jual-beli', transactionValue: 250000000, njop: 200000000 }, '2025-03-01');
    expect(r.fees).toEqual([expect.objectContaining({ code: 'BPHTB', amount: '9500000' })]);
    expect(r.total).toBe('9500000');
  });

  it('an inheritance to a child uses NPOPTKP Rp 300,000,000', () => {
    const r = evaluateCompiled(bphtb, { acquisition: 'waris', transactionValue: 500000000, njop: 400000000, familyDirectLine: true }, '2025-03-01');
    expect(r.total).toBe('10000000');
  });

  it('B.3 pengurangan: 50 % for an inheritance to a child, so the total is what the taxpayer pays', () => {
    const r = evaluateCompiled(bphtb, { acquisition: 'waris', transactionValue: 500000001, njop: 400000000, familyDirectLine: true, reductionRequested: true }, '2025-03-01');
    // BPHTB = floor(5 % × 200,000,001) = 10,000,000; payable = floor(10,000,000 × 50 %)
    expect(r.fees.map((f) => [f.code, f.amount])).toEqual([
      ['BPHTB', '10000000'],
      ['PENGURANGAN', '-5000000'],
    ]);
    expect(r.total).toBe('5000000');
  });

  it('B.3 pengurangan of another acquisition uses the percentage of the SK, and none until the SK gives one', () => {
    const jb = { acquisition: 'jual-beli', transactionValue: 250_000_000, njop: 200_000_000, reductionRequested: true };
    expect(evaluateCompiled(bphtb, jb, '2025-03-01').fees.map((f) => f.code)).toEqual(['BPHTB']);
    const r = evaluateCompiled(bphtb, { ...jb, reductionPercent: 25 }, '2025-03-01');
    expect(r.fees.map((f) => [f.code, f.amount])).toEqual([
      ['BPHTB', '9500000'],
      ['PENGURANGAN', '-2375000'],
    ]);
    expect(r.total).toBe('7125000');
  });
});

describe('requirements and decision sets use the same format', () => {
  it('lists a conditional document only when its condition holds and sets decisions first-match', () => {
    const req = compileRuleSet({
      key: 'contoh-persyaratan',
      title: 'Persyaratan',
      kind: 'requirements',
      legalBasis: [{ regulation: 'SOP' }],
      facts: { type: 'object', properties: { bpkbPledged: { type: 'boolean', title: 'BPKB dijaminkan', default: false } } },
      versions: [
        {
          effectiveFrom: '2020-01-01',
          rules: [
            { name: 'KTP', event: { type: 'document', params: { code: 'ktp', label: 'KTP pemilik' } } },
            {
              name: 'Surat lunas leasing',
              conditions: { all: [{ fact: 'bpkbPledged', operator: 'equal', value: true }] },
              event: { type: 'document', params: { code: 'surat-lunas-leasing', label: 'Surat keterangan lunas dari leasing', note: 'Bila BPKB dijaminkan' } },
            },
          ],
        },
      ],
    });
    expect(evaluateCompiled(req, {}, '2024-01-01').documents.map((d) => d.code)).toEqual(['ktp']);
    const pledged = evaluateCompiled(req, { bpkbPledged: true }, '2024-01-01');
    expect(pledged.documents).toEqual([
      { code: 'ktp', label: 'KTP pemilik', required: true, conditional: false },
      { code: 'surat-lunas-leasing', label: 'Surat keterangan lunas dari leasing', required: true, conditional: true, note: 'Bila BPKB dijaminkan' },
    ]);
    expect(pledged.total).toBe('0');

    const decision = compileRuleSet({
      key: 'contoh-keputusan',
      title: 'Keputusan',
      kind: 'decision',
      legalBasis: [{ regulation: 'SOP' }],
      facts: { type: 'object', properties: { luas: { type: 'number', title: 'Luas' } }, required: ['luas'] },
      versions: [
        {
          effectiveFrom: '2020-01-01',
          rules: [
            { name: 'Besar', conditions: { all: [{ fact: 'luas', operator: 'greaterThan', value: 100 }] }, event: { type: 'decision', params: { variable: 'jalur', value: 'dinas' } } },
            { name: 'Lainnya', event: { type: 'decision', params: { variable: 'jalur', value: 'kecamatan' } } },
          ],
        },
      ],
    });
    expect(evaluateCompiled(decision, { luas: 150 }, '2024-01-01').decisions).toEqual({ jalur: 'dinas' });
    expect(evaluateCompiled(decision, { luas: 50 }, '2024-01-01').decisions).toEqual({ jalur: 'kecamatan' });
  });
});
