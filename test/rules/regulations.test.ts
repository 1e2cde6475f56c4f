/**
 * The regulator's case table (/work/shared REGULATIONS.md, round 2): every tariff, exemption,
 * rounding and date rule of the shipped fee sets, each case's figures computed by hand from the
 * regulation and written here as literals (the working is in the comment), run through the
 * evaluation the runtime uses (compiled closures of the shipped rule set) and, for each case,
 * through the json-rules-engine reference too (the two must give the same answer).
 *
 * Case names cite the rule: "Perda 1/2011 jo. 4/2019" = Perda Provinsi Banten 1/2011 as amended
 * by Perda 4/2019 (tariffs until 4 January 2025); "HKPD" = UU 1/2022 and the Perda Banten 2024
 * (from 5 January 2025); REGULATIONS.md's table rows by their item.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRuleSet, evaluateCompiled, evaluateReference, type CompiledRuleSet } from '../../rules/engine/index.js';
import { loadRuleSet, RULES_DIR } from './helpers.js';

/** One expected nota line: code, tax year (per-year lines from a due date) or null, amount. */
type Line = [code: string, taxYear: number | null, amount: string];

interface Case {
  name: string;
  at: string;
  facts: Record<string, unknown>;
  /** every line of the nota, in the nota's order */
  lines?: Line[];
  total?: string;
  error?: string;
  eligible?: boolean;
  reasons?: string[];
}

const sets = new Map<string, CompiledRuleSet>();
function set(key: string): CompiledRuleSet {
  let c = sets.get(key);
  if (!c) sets.set(key, (c = compileRuleSet(loadRuleSet(key), { publication: 1 })));
  return c;
}

function table(key: string, cases: Case[]): void {
  it.each(cases)('$name', async (c) => {
    if (c.error) {
      expect(() => evaluateCompiled(set(key), c.facts, c.at)).toThrow(expect.objectContaining({ code: c.error }));
      return;
    }
    const r = evaluateCompiled(set(key), c.facts, c.at);
    if (c.lines) expect(r.fees.map((f): Line => [f.code, f.taxYear ?? null, f.amount])).toEqual(c.lines);
    if (c.total) expect(r.total).toBe(c.total);
    if (c.eligible !== undefined) expect(r.eligible).toBe(c.eligible);
    if (c.reasons) expect(r.reasons.map((x) => x.code)).toEqual(c.reasons);
    // every line names its legal basis and the tariff period that computed it
    for (const f of r.fees) {
      expect(f.legalBasis.length).toBeGreaterThan(10);
      expect(f.period.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const { trace: _a, ...mine } = r;
    const { trace: _b, ...ref } = await evaluateReference(set(key), c.facts, c.at);
    expect(ref).toEqual(mine);
  });
}

const sedan = (njkb: number, more: Record<string, unknown> = {}) => ({ vehicleType: 'sedan', njkb, ...more });

describe('Samsat Banten: PKB, opsen, denda, SWDKLLJ, BBNKB, PNBP (samsat-fees)', () => {
  describe('PKB rates by vehicle kind, use and ownership order', () => {
    table('samsat-fees', [
      {
        // 150,000,000 × 1.05 × 1.75 % = 2,756,250
        name: 'sedan pribadi kepemilikan ke-1, NJKB 150 jt, 10 Mei 2023 → PKB 2.756.250 + SWDKLLJ 143.000 (Perda 1/2011 jo. 4/2019: 1,75%; bobot sedan 1,050)',
        at: '2023-05-10',
        facts: sedan(150_000_000),
        lines: [
          ['PKB', null, '2756250'],
          ['SWDKLLJ', null, '143000'],
        ],
        total: '2899250',
      },
      {
        // 250,000,000 × 1.05 × 2 % = 5,250,000
        name: 'sedan pribadi kepemilikan ke-2, 3.000 cc, NJKB 250 jt, 2024 → PKB progresif 2% 5.250.000 (Perda 1/2011 jo. 4/2019, progresif)',
        at: '2024-06-01',
        facts: sedan(250_000_000, { ownershipOrder: 2, engineCc: 3000 }),
        lines: [
          ['PKB', null, '5250000'],
          ['SWDKLLJ', null, '143000'],
        ],
      },
      {
        // 200,000,000 × 1.05 × 2.5 % = 5,250,000
        name: 'jeep kepemilikan ke-3, 2.600 cc, NJKB 200 jt → progresif 2,5% 5.250.000 (Perda 1/2011 jo. 4/2019)',
        at: '2024-06-01',
        facts: { vehicleType: 'jeep', njkb: 200_000_000, ownershipOrder: 3, engineCc: 2600 },
        lines: [
          ['PKB', null, '5250000'],
          ['SWDKLLJ', null, '143000'],
        ],
      },
      {
        // 200,000,000 × 1.05 × 3 % = 6,300,000
        name: 'minibus kepemilikan ke-4, 3.000 cc, NJKB 200 jt → progresif 3% 6.300.000 (Perda 1/2011 jo. 4/2019)',
        at: '2024-06-01',
        facts: { vehicleType: 'minibus', njkb: 200_000_000, ownershipOrder: 4, engineCc: 3000 },
        lines: [
          ['PKB', null, '6300000'],
          ['SWDKLLJ', null, '143000'],
        ],
      },
      {
        // 200,000,000 × 1.05 × 3.5 % = 7,350,000 (5th and later)
        name: 'station wagon kepemilikan ke-7, 3.000 cc, NJKB 200 jt → progresif 3,5% (ke-5 dst.) 7.350.000 (Perda 1/2011 jo. 4/2019)',
        at: '2024-06-01',
        facts: { vehicleType: 'station-wagon', njkb: 200_000_000, ownershipOrder: 7, engineCc: 3000 },
        lines: [
          ['PKB', null, '7350000'],
          ['SWDKLLJ', null, '143000'],
        ],
      },
      {
        // exactly 2,500 cc is not "> 2,500 cc": 200,000,000 × 1.05 × 1.75 % = 3,675,000
        name: 'sedan kepemilikan ke-2 tepat 2.500 cc → tidak progresif, 1,75% 3.675.000 (Perda 1/2011 jo. 4/2019: hanya mobil > 2.500 cc)',
        at: '2024-06-01',
        facts: sedan(200_000_000, { ownershipOrder: 2, engineCc: 2500 }),
        lines: [
          ['PKB', null, '3675000'],
          ['SWDKLLJ', null, '143000'],
        ],
      },
      {
        // 40,000,000 × 1.000 × 2.5 % = 1,000,000; SWDKLLJ > 250 cc 83,000
        name: 'sepeda motor kepemilikan ke-3, 600 cc, NJKB 40 jt → progresif 2,5% 1.000.000 + SWDKLLJ roda dua > 250 cc 83.000 (Perda 1/2011 jo. 4/2019; PMK 36/2008)',
        at: '2024-06-01',
        facts: { vehicleType: 'motorcycle', njkb: 40_000_000, ownershipOrder: 3, engineCc: 600 },
        lines: [
          ['PKB', null, '1000000'],
          ['SWDKLLJ', null, '83000'],
        ],
        total: '1083000',
      },
      {
        // exactly 500 cc: 40,000,000 × 1.75 % = 700,000; 500 cc > 250 cc: SWDKLLJ 83,000
        name: 'sepeda motor kepemilikan ke-3 tepat 500 cc → tidak progresif 700.000; SWDKLLJ 83.000 (Perda 1/2011 jo. 4/2019: hanya motor > 500 cc)',
        at: '2024-06-01',
        facts: { vehicleType: 'motorcycle', njkb: 40_000_000, ownershipOrder: 3, engineCc: 500 },
        lines: [
          ['PKB', null, '700000'],
          ['SWDKLLJ', null, '83000'],
        ],
      },
      {
        // 20,000,000 × 1.75 % = 350,000; exactly 250 cc is the ≤ 250 cc class: 35,000
        name: 'sepeda motor tepat 250 cc, NJKB 20 jt → PKB 350.000 + SWDKLLJ roda dua ≤ 250 cc 35.000 (PMK 36/2008)',
        at: '2024-06-01',
        facts: { vehicleType: 'motorcycle', njkb: 20_000_000, engineCc: 250 },
        lines: [
          ['PKB', null, '350000'],
          ['SWDKLLJ', null, '35000'],
        ],
      },
      {
        // 200,000,000 × 1.05 × 1.75 % = 3,675,000; pickup SWDKLLJ 163,000
        name: 'pickup pribadi NJKB 200 jt → PKB 3.675.000 (bobot 1,050) + SWDKLLJ pickup 163.000',
        at: '2024-06-01',
        facts: { vehicleType: 'pickup', njkb: 200_000_000 },
        lines: [
          ['PKB', null, '3675000'],
          ['SWDKLLJ', null, '163000'],
        ],
      },
      {
        // 300,000,000 × 1.3 × 1.75 % = 6,825,000; truck SWDKLLJ 163,000
        name: 'truk pribadi NJKB 300 jt → PKB 6.825.000 (bobot 1,300) + SWDKLLJ truk 163.000',
        at: '2024-06-01',
        facts: { vehicleType: 'truck', njkb: 300_000_000 },
        lines: [
          ['PKB', null, '6825000'],
          ['SWDKLLJ', null, '163000'],
        ],
      },
      {
        // 500,000,000 × 1.3 × 0.5 % = 3,250,000; bus SWDKLLJ 153,000
        name: 'bus angkutan umum NJKB 500 jt, 2024 → PKB 0,5% 3.250.000 + SWDKLLJ bus 153.000 (Perda 1/2011 jo. 4/2019: angkutan umum)',
        at: '2024-06-01',
        facts: { vehicleType: 'bus', njkb: 500_000_000, usage: 'public' },
        lines: [
          ['PKB', null, '3250000'],
          ['SWDKLLJ', null, '153000'],
        ],
        total: '3403000',
      },
      {
        // 3,250,000 + opsen 66 % 2,145,000 + 153,000
        name: 'bus angkutan umum NJKB 500 jt, 2025 → PKB 0,5% 3.250.000 + opsen 66% 2.145.000 (HKPD; tarif umum anggapan)',
        at: '2025-06-01',
        facts: { vehicleType: 'bus', njkb: 500_000_000, usage: 'public' },
        lines: [
          ['PKB', null, '3250000'],
          ['OPSEN-PKB', null, '2145000'],
          ['SWDKLLJ', null, '153000'],
        ],
        total: '5548000',
      },
      {
        // minibus angkot: 200,000,000 × 1.05 × 0.5 % = 1,050,000 + opsen 693,000; SWDKLLJ four-wheeled column (assumption)
        name: 'minibus angkutan umum (angkot) NJKB 200 jt, 2025 → PKB 0,5% 1.050.000 + opsen 693.000 + SWDKLLJ 143.000 (kolom roda empat: anggapan)',
        at: '2025-06-01',
        facts: { vehicleType: 'minibus', njkb: 200_000_000, usage: 'public' },
        lines: [
          ['PKB', null, '1050000'],
          ['OPSEN-PKB', null, '693000'],
          ['SWDKLLJ', null, '143000'],
        ],
        total: '1886000',
      },
      {
        // government: 0.5 %, never progressive: 300,000,000 × 1.05 × 0.5 % = 1,575,000
        name: 'minibus pemerintah kepemilikan ke-3, 3.000 cc, NJKB 300 jt → PKB 0,5% 1.575.000, tanpa progresif (Perda 1/2011 jo. 4/2019: pemerintah)',
        at: '2024-06-01',
        facts: { vehicleType: 'minibus', njkb: 300_000_000, usage: 'government', ownershipOrder: 3, engineCc: 3000 },
        lines: [
          ['PKB', null, '1575000'],
          ['SWDKLLJ', null, '143000'],
        ],
      },
      {
        // after HKPD no progressive rate: 250,000,000 × 1.05 × 1.2 % = 3,150,000; opsen 2,079,000
        name: 'sedan kepemilikan ke-2, 3.000 cc, NJKB 250 jt, 2025 → PKB 1,2% 3.150.000 + opsen 2.079.000 (HKPD; progresif tidak ada di REGULATIONS.md)',
        at: '2025-06-01',
        facts: sedan(250_000_000, { ownershipOrder: 2, engineCc: 3000 }),
        lines: [
          ['PKB', null, '3150000'],
          ['OPSEN-PKB', null, '2079000'],
          ['SWDKLLJ', null, '143000'],
        ],
        total: '5372000',
      },
      {
        name: 'mobil pribadi kepemilikan ke-2 tanpa isi silinder sebelum HKPD → ditolak, progresif tidak dapat ditentukan (Perda 1/2011 jo. 4/2019)',
        at: '2024-06-01',
        facts: sedan(250_000_000, { ownershipOrder: 2 }),
        error: 'FACTS_INVALID',
      },
    ]);
  });

  describe('the tariff in force: the day before and the day of 5 January 2025 (HKPD)', () => {
    table('samsat-fees', [
      {
        // PKB 150,000,000 × 1.05 × 1.75 % = 2,756,250; BBNKB I 12.5 % = 18,750,000
        name: 'sedan baru NJKB 150 jt diputus 4 Januari 2025 → PKB 1,75% + BBNKB I 12,5% (Perda 1/2011 jo. 4/2019, berlaku s.d. 4 Jan 2025)',
        at: '2025-01-04',
        facts: sedan(150_000_000, { transfer: 'first' }),
        lines: [
          ['PKB', null, '2756250'],
          ['SWDKLLJ', null, '143000'],
          ['BBNKB', null, '18750000'],
        ],
        total: '21649250',
      },
      {
        // PKB 1.2 % 1,890,000 + opsen 1,247,400; BBNKB 12 % 18,000,000 + opsen 11,880,000
        name: 'sedan baru NJKB 150 jt diputus 5 Januari 2025 → PKB 1,2% + opsen 66%, BBNKB 12% + opsen 66% (HKPD, UU 1/2022 Pasal 83)',
        at: '2025-01-05',
        facts: sedan(150_000_000, { transfer: 'first' }),
        lines: [
          ['PKB', null, '1890000'],
          ['OPSEN-PKB', null, '1247400'],
          ['SWDKLLJ', null, '143000'],
          ['BBNKB', null, '18000000'],
          ['OPSEN-BBNKB', null, '11880000'],
        ],
        total: '33160400',
      },
      {
        // BBNKB II 1 % of NJKB (no bobot): 1,000,000
        name: 'sedan bekas NJKB 100 jt balik nama 4 Januari 2025 → BBNKB II 1% 1.000.000 (Perda 1/2011 jo. 4/2019)',
        at: '2025-01-04',
        facts: sedan(100_000_000, { transfer: 'second' }),
        lines: [
          ['PKB', null, '1837500'],
          ['SWDKLLJ', null, '143000'],
          ['BBNKB', null, '1000000'],
        ],
        total: '2980500',
      },
      {
        name: 'sedan bekas NJKB 100 jt balik nama 5 Januari 2025 → BBNKB II 0 (HKPD: tidak lagi dipungut)',
        at: '2025-01-05',
        facts: sedan(100_000_000, { transfer: 'second' }),
        lines: [
          ['PKB', null, '1260000'],
          ['OPSEN-PKB', null, '831600'],
          ['SWDKLLJ', null, '143000'],
        ],
        total: '2234600',
      },
      {
        // the year due 4 January 2025 is a pre-HKPD year: 1,837,500, one day late = 1 month: 36,750, no opsen
        name: 'tahun pajak jatuh tempo 4 Januari 2025 dibayar 5 Januari 2025 → tarif 1,75% tanpa opsen, denda 1 bulan 36.750 (tarif pada tanggal jatuh tempo)',
        at: '2025-01-05',
        facts: sedan(100_000_000, { dueDate: '2025-01-04' }),
        lines: [
          ['PKB', 2025, '1837500'],
          ['DENDA-PKB', 2025, '36750'],
          ['SWDKLLJ', 2025, '143000'],
        ],
        total: '2017250',
      },
      {
        name: 'tahun pajak jatuh tempo 5 Januari 2025 dibayar hari itu → 1,2% + opsen, tanpa denda (HKPD)',
        at: '2025-01-05',
        facts: sedan(100_000_000, { dueDate: '2025-01-05' }),
        lines: [
          ['PKB', 2025, '1260000'],
          ['OPSEN-PKB', 2025, '831600'],
          ['SWDKLLJ', 2025, '143000'],
        ],
        total: '2234600',
      },
    ]);
  });

  describe('late payment: 2 % per month of each year\'s PKB, part of a month = a month, capped per tax year', () => {
    table('samsat-fees', [
      {
        name: 'dibayar tepat pada tanggal jatuh tempo → 0 bulan, tanpa denda (Perda 1/2011 jo. 4/2019)',
        at: '2024-06-01',
        facts: sedan(100_000_000, { dueDate: '2024-06-01' }),
        lines: [
          ['PKB', 2024, '1837500'],
          ['SWDKLLJ', 2024, '143000'],
        ],
        total: '1980500',
      },
      {
        // one day late counts as one month: 1,837,500 × 2 % = 36,750
        name: 'terlambat 1 hari → 1 bulan, denda 36.750 (sebagian bulan dihitung satu bulan)',
        at: '2024-06-02',
        facts: sedan(100_000_000, { dueDate: '2024-06-01' }),
        lines: [
          ['PKB', 2024, '1837500'],
          ['DENDA-PKB', 2024, '36750'],
          ['SWDKLLJ', 2024, '143000'],
        ],
        total: '2017250',
      },
      {
        // the day before the next due date: still one year, 12 months: 1,837,500 × 24 % = 441,000
        name: 'terlambat 11 bulan 30 hari (31 Mei 2024, jatuh tempo 1 Juni 2023) → satu tahun pajak, denda 12 bulan 441.000',
        at: '2024-05-31',
        facts: sedan(100_000_000, { dueDate: '2023-06-01' }),
        lines: [
          ['PKB', 2023, '1837500'],
          ['DENDA-PKB', 2023, '441000'],
          ['SWDKLLJ', 2023, '143000'],
        ],
        total: '2421500',
      },
      {
        // exactly 12 months: the 2023 year 12 months late (441,000), and the 2024 year falls due that day (no denda)
        name: 'terlambat tepat 12 bulan (1 Juni 2024, jatuh tempo 1 Juni 2023) → dua tahun pajak: denda 12 bulan 441.000 dan 0 (SOP 06; Perda 1/2011 jo. 4/2019)',
        at: '2024-06-01',
        facts: sedan(100_000_000, { dueDate: '2023-06-01' }),
        lines: [
          ['PKB', 2023, '1837500'],
          ['DENDA-PKB', 2023, '441000'],
          ['SWDKLLJ', 2023, '143000'],
          ['PKB', 2024, '1837500'],
          ['SWDKLLJ', 2024, '143000'],
        ],
        total: '4402000',
      },
      {
        // 13 months → 477,750; 1 month → 36,750
        name: 'terlambat 12 bulan 1 hari → denda 13 bulan 477.750 dan 1 bulan 36.750',
        at: '2024-06-02',
        facts: sedan(100_000_000, { dueDate: '2023-06-01' }),
        lines: [
          ['PKB', 2023, '1837500'],
          ['DENDA-PKB', 2023, '477750'],
          ['SWDKLLJ', 2023, '143000'],
          ['PKB', 2024, '1837500'],
          ['DENDA-PKB', 2024, '36750'],
          ['SWDKLLJ', 2024, '143000'],
        ],
        total: '4475500',
      },
      {
        // 2023 year: 16 months → capped 15: 551,250; 2024 year: 4 months: 147,000
        name: 'terlambat 16 bulan sebelum HKPD → denda dibatasi 15 bulan 551.250 (Perda 1/2011 jo. 4/2019, batas 15 bulan anggapan)',
        at: '2024-04-11',
        facts: sedan(100_000_000, { dueDate: '2023-01-10' }),
        lines: [
          ['PKB', 2023, '1837500'],
          ['DENDA-PKB', 2023, '551250'],
          ['SWDKLLJ', 2023, '143000'],
          ['PKB', 2024, '1837500'],
          ['DENDA-PKB', 2024, '147000'],
          ['SWDKLLJ', 2024, '143000'],
        ],
        total: '4659250',
      },
      {
        // 2025 year: 26 months → 24: 1,260,000 × 48 % = 604,800; 2026: 14 → 352,800; 2027: 2 → 50,400
        name: 'tiga tahun pajak setelah HKPD (jatuh tempo 5 Jan 2025, bayar 6 Feb 2027) → denda 24 (batas), 14 dan 2 bulan (UU 1/2022: paling lama 24 bulan)',
        at: '2027-02-06',
        facts: sedan(100_000_000, { dueDate: '2025-01-05' }),
        lines: [
          ['PKB', 2025, '1260000'],
          ['OPSEN-PKB', 2025, '831600'],
          ['DENDA-PKB', 2025, '604800'],
          ['SWDKLLJ', 2025, '143000'],
          ['PKB', 2026, '1260000'],
          ['OPSEN-PKB', 2026, '831600'],
          ['DENDA-PKB', 2026, '352800'],
          ['SWDKLLJ', 2026, '143000'],
          ['PKB', 2027, '1260000'],
          ['OPSEN-PKB', 2027, '831600'],
          ['DENDA-PKB', 2027, '50400'],
          ['SWDKLLJ', 2027, '143000'],
        ],
        total: '7711800',
      },
      {
        // "terlambat 3 tahun 2 bulan": due 15 Mar 2021, paid 15 May 2024 = 38 months: four tax years owed,
        // each PKB 250,000,000 × 1.05 × 2 % = 5,250,000; denda 38→15, 26→15 (787,500 ×2 = 1,575,000 each), 14 (1,470,000), 2 (210,000);
        // SWDKLLJ 4 × 143,000; pengesahan STNK 50,000 once
        name: 'sedan pribadi kepemilikan ke-2, 3.000 cc, NJKB 250 jt, terlambat 3 tahun 2 bulan (2024) → 4 × PKB 5.250.000 + denda 1.575.000, 1.575.000, 1.470.000, 210.000 (Perda 1/2011 jo. 4/2019; SOP 06)',
        at: '2024-05-15',
        facts: sedan(250_000_000, { ownershipOrder: 2, engineCc: 3000, dueDate: '2021-03-15', service: 'tahunan' }),
        lines: [
          ['PKB', 2021, '5250000'],
          ['DENDA-PKB', 2021, '1575000'],
          ['SWDKLLJ', 2021, '143000'],
          ['PKB', 2022, '5250000'],
          ['DENDA-PKB', 2022, '1575000'],
          ['SWDKLLJ', 2022, '143000'],
          ['PKB', 2023, '5250000'],
          ['DENDA-PKB', 2023, '1470000'],
          ['SWDKLLJ', 2023, '143000'],
          ['PKB', 2024, '5250000'],
          ['DENDA-PKB', 2024, '210000'],
          ['SWDKLLJ', 2024, '143000'],
          ['PNBP-STNK', null, '50000'],
        ],
        total: '26452000',
      },
      {
        // due 15 Mar 2023, paid 15 May 2026: 2023 and 2024 at 2 % progressive (5,250,000; denda capped 15: 1,575,000 each);
        // 2025 and 2026 at 1.2 % (3,150,000) + opsen 2,079,000; denda 14 months 882,000 and 2 months 126,000
        name: 'sedan pribadi kepemilikan ke-2, 3.000 cc, NJKB 250 jt, terlambat 3 tahun 2 bulan melewati HKPD (2026) → dua tahun progresif 2%, dua tahun 1,2% + opsen (tarif pada tanggal jatuh tempo)',
        at: '2026-05-15',
        facts: sedan(250_000_000, { ownershipOrder: 2, engineCc: 3000, dueDate: '2023-03-15', service: 'tahunan' }),
        lines: [
          ['PKB', 2023, '5250000'],
          ['DENDA-PKB', 2023, '1575000'],
          ['SWDKLLJ', 2023, '143000'],
          ['PKB', 2024, '5250000'],
          ['DENDA-PKB', 2024, '1575000'],
          ['SWDKLLJ', 2024, '143000'],
          ['PKB', 2025, '3150000'],
          ['OPSEN-PKB', 2025, '2079000'],
          ['DENDA-PKB', 2025, '882000'],
          ['SWDKLLJ', 2025, '143000'],
          ['PKB', 2026, '3150000'],
          ['OPSEN-PKB', 2026, '2079000'],
          ['DENDA-PKB', 2026, '126000'],
          ['SWDKLLJ', 2026, '143000'],
          ['PNBP-STNK', null, '50000'],
        ],
        total: '25738000',
      },
      {
        // 29 Feb 2024 → due 28 Feb in 2025–2027, 29 Feb 2028. Motor NJKB 20 jt: 2024 350,000 (48 → 15: 105,000);
        // 2025–2027 240,000 + opsen 158,400; denda 37 → 24 (115,200), 25 → 24 (115,200), 13 (62,400); 2028 due that day
        name: 'sepeda motor jatuh tempo 29 Februari 2024, dibayar 29 Februari 2028 → lima tahun pajak, jatuh tempo 28 Februari di tahun bukan kabisat',
        at: '2028-02-29',
        facts: { vehicleType: 'motorcycle', njkb: 20_000_000, dueDate: '2024-02-29' },
        lines: [
          ['PKB', 2024, '350000'],
          ['DENDA-PKB', 2024, '105000'],
          ['SWDKLLJ', 2024, '35000'],
          ['PKB', 2025, '240000'],
          ['OPSEN-PKB', 2025, '158400'],
          ['DENDA-PKB', 2025, '115200'],
          ['SWDKLLJ', 2025, '35000'],
          ['PKB', 2026, '240000'],
          ['OPSEN-PKB', 2026, '158400'],
          ['DENDA-PKB', 2026, '115200'],
          ['SWDKLLJ', 2026, '35000'],
          ['PKB', 2027, '240000'],
          ['OPSEN-PKB', 2027, '158400'],
          ['DENDA-PKB', 2027, '62400'],
          ['SWDKLLJ', 2027, '35000'],
          ['PKB', 2028, '240000'],
          ['OPSEN-PKB', 2028, '158400'],
          ['SWDKLLJ', 2028, '35000'],
        ],
        total: '2516400',
      },
      {
        // 31 Jan + 1 month = 29 Feb 2024: paid 29 Feb = 1 month (36,750); 1 Mar = 2 months (73,500)
        name: 'jatuh tempo 31 Januari 2024 dibayar 1 Maret 2024 → 2 bulan (31 Jan + 1 bulan = 29 Feb), denda 73.500',
        at: '2024-03-01',
        facts: sedan(100_000_000, { dueDate: '2024-01-31' }),
        lines: [
          ['PKB', 2024, '1837500'],
          ['DENDA-PKB', 2024, '73500'],
          ['SWDKLLJ', 2024, '143000'],
        ],
      },
      {
        // 2 June 2024 is a Sunday; REGULATIONS.md moves no due date to the next working day (assumption note in the set)
        name: 'jatuh tempo Minggu 2 Juni 2024, dibayar Senin 3 Juni 2024 → terlambat 1 bulan, denda 36.750 (tanpa pergeseran hari libur: anggapan)',
        at: '2024-06-03',
        facts: sedan(100_000_000, { dueDate: '2024-06-02' }),
        lines: [
          ['PKB', 2024, '1837500'],
          ['DENDA-PKB', 2024, '36750'],
          ['SWDKLLJ', 2024, '143000'],
        ],
        total: '2017250',
      },
      {
        name: 'membayar sebelum jatuh tempo → satu tahun pajak, tanpa denda',
        at: '2025-06-01',
        facts: sedan(100_000_000, { dueDate: '2025-08-01' }),
        lines: [
          ['PKB', 2025, '1260000'],
          ['OPSEN-PKB', 2025, '831600'],
          ['SWDKLLJ', 2025, '143000'],
        ],
      },
      {
        // typed by the officer for ONE tax year: 3 months: 1,837,500 × 6 % = 110,250
        name: 'keterlambatan diisi petugas 3 bulan (satu tahun pajak, 2024) → denda 110.250 (Perda 1/2011 jo. 4/2019)',
        at: '2024-05-01',
        facts: sedan(100_000_000, { monthsLate: 3 }),
        lines: [
          ['PKB', null, '1837500'],
          ['DENDA-PKB', null, '110250'],
          ['SWDKLLJ', null, '143000'],
        ],
        total: '2090750',
      },
      {
        // 12 months late is still one tax year (the next is not yet due): 1,260,000 × 24 % = 302,400
        name: 'keterlambatan diisi petugas 12 bulan (satu tahun pajak, 2026) → denda 302.400 (HKPD)',
        at: '2026-05-01',
        facts: sedan(100_000_000, { monthsLate: 12 }),
        lines: [
          ['PKB', null, '1260000'],
          ['OPSEN-PKB', null, '831600'],
          ['DENDA-PKB', null, '302400'],
          ['SWDKLLJ', null, '143000'],
        ],
        total: '2537000',
      },
      {
        // 38 months late is four tax years owed: one PKB for it would be the round-1 error
        name: 'keterlambatan diisi petugas 38 bulan (3 tahun 2 bulan) → ditolak: lebih dari satu tahun pajak, isi tanggal jatuh tempo (SOP 06; setiap tahun pajak PKB sendiri)',
        at: '2026-05-15',
        facts: sedan(250_000_000, { monthsLate: 38 }),
        error: 'FACTS_INVALID',
      },
      {
        // one month late on 6 Jan 2025: the year fell due between 6 Dec 2024 and 5 Jan 2025 — either tariff
        name: 'keterlambatan diisi petugas 1 bulan pada 6 Januari 2025 → ditolak: jatuh tempo bisa sebelum atau sesudah 5 Januari 2025, isi tanggal jatuh tempo (tarif pada tanggal jatuh tempo)',
        at: '2025-01-06',
        facts: sedan(100_000_000, { monthsLate: 1 }),
        error: 'FACTS_INVALID',
      },
      {
        // 3 months late on 1 Feb 2025: due in November 2024, a pre-HKPD year:
        // 100,000,000 × 1.05 × 1.75 % = 1,837,500, no opsen; denda 3 months 110,250
        name: 'keterlambatan diisi petugas 3 bulan pada 1 Februari 2025 → jatuh tempo November 2024: 1,75% tanpa opsen, denda 110.250 (tarif pada tanggal jatuh tempo)',
        at: '2025-02-01',
        facts: sedan(100_000_000, { monthsLate: 3 }),
        lines: [
          ['PKB', null, '1837500'],
          ['DENDA-PKB', null, '110250'],
          ['SWDKLLJ', null, '143000'],
        ],
        total: '2090750',
      },
      {
        // 1 month late on 6 Feb 2025: due 6 Jan – 5 Feb 2025, an HKPD year: 1,260,000 + opsen 831,600 + denda 25,200
        name: 'keterlambatan diisi petugas 1 bulan pada 6 Februari 2025 → jatuh tempo Januari 2025 setelah HKPD: 1,2% + opsen, denda 25.200',
        at: '2025-02-06',
        facts: sedan(100_000_000, { monthsLate: 1 }),
        lines: [
          ['PKB', null, '1260000'],
          ['OPSEN-PKB', null, '831600'],
          ['DENDA-PKB', null, '25200'],
          ['SWDKLLJ', null, '143000'],
        ],
        total: '2259800',
      },
    ]);
  });

  describe('PNBP by service and SWDKLLJ by class (PP 76/2020; PMK 36/PMK.010/2008)', () => {
    const motor = { vehicleType: 'motorcycle', njkb: 20_000_000 };
    // motorcycle 2025: PKB 240,000 + opsen 158,400 + SWDKLLJ 35,000 = 433,400
    table('samsat-fees', [
      {
        name: 'sepeda motor pengesahan tahunan → PNBP STNK pengesahan roda dua 25.000',
        at: '2025-06-01',
        facts: { ...motor, service: 'tahunan' },
        lines: [
          ['PKB', null, '240000'],
          ['OPSEN-PKB', null, '158400'],
          ['SWDKLLJ', null, '35000'],
          ['PNBP-STNK', null, '25000'],
        ],
        total: '458400',
      },
      {
        name: 'sepeda motor lima tahunan → STNK penerbitan 100.000 + TNKB 60.000 (perpanjangan 5 tahun)',
        at: '2025-06-01',
        facts: { ...motor, service: 'lima-tahunan' },
        lines: [
          ['PKB', null, '240000'],
          ['OPSEN-PKB', null, '158400'],
          ['SWDKLLJ', null, '35000'],
          ['PNBP-STNK', null, '100000'],
          ['PNBP-TNKB', null, '60000'],
        ],
        total: '593400',
      },
      {
        name: 'sepeda motor lelang → STNK penerbitan 100.000 + BPKB 225.000, tanpa TNKB',
        at: '2025-06-01',
        facts: { ...motor, service: 'lelang' },
        lines: [
          ['PKB', null, '240000'],
          ['OPSEN-PKB', null, '158400'],
          ['SWDKLLJ', null, '35000'],
          ['PNBP-STNK', null, '100000'],
          ['PNBP-BPKB', null, '225000'],
        ],
        total: '758400',
      },
      {
        // sedan 100 jt 2025: 1,260,000 + 831,600 + 143,000
        name: 'sedan mutasi masuk → STNK 200.000 + TNKB 100.000 + BPKB 375.000',
        at: '2025-06-01',
        facts: sedan(100_000_000, { service: 'mutasi-masuk' }),
        lines: [
          ['PKB', null, '1260000'],
          ['OPSEN-PKB', null, '831600'],
          ['SWDKLLJ', null, '143000'],
          ['PNBP-STNK', null, '200000'],
          ['PNBP-TNKB', null, '100000'],
          ['PNBP-BPKB', null, '375000'],
        ],
        total: '2909600',
      },
      {
        name: 'sedan STNK hilang → STNK penerbitan 200.000 saja',
        at: '2025-06-01',
        facts: sedan(100_000_000, { service: 'stnk-hilang' }),
        lines: [
          ['PKB', null, '1260000'],
          ['OPSEN-PKB', null, '831600'],
          ['SWDKLLJ', null, '143000'],
          ['PNBP-STNK', null, '200000'],
        ],
        total: '2434600',
      },
      {
        name: 'sedan rubah bentuk → STNK 200.000 + TNKB 100.000',
        at: '2025-06-01',
        facts: sedan(100_000_000, { service: 'rubah-bentuk' }),
        lines: [
          ['PKB', null, '1260000'],
          ['OPSEN-PKB', null, '831600'],
          ['SWDKLLJ', null, '143000'],
          ['PNBP-STNK', null, '200000'],
          ['PNBP-TNKB', null, '100000'],
        ],
      },
      {
        name: 'sedan mutasi keluar → tanpa PNBP',
        at: '2025-06-01',
        facts: sedan(100_000_000, { service: 'mutasi-keluar' }),
        lines: [
          ['PKB', null, '1260000'],
          ['OPSEN-PKB', null, '831600'],
          ['SWDKLLJ', null, '143000'],
        ],
      },
      {
        // bus 2025 public: 3,250,000 + 2,145,000 + 153,000 + pengesahan 50,000
        name: 'bus angkutan umum pengesahan tahunan → PNBP STNK 50.000, SWDKLLJ bus 153.000',
        at: '2025-06-01',
        facts: { vehicleType: 'bus', njkb: 500_000_000, usage: 'public', service: 'tahunan' },
        lines: [
          ['PKB', null, '3250000'],
          ['OPSEN-PKB', null, '2145000'],
          ['SWDKLLJ', null, '153000'],
          ['PNBP-STNK', null, '50000'],
        ],
        total: '5598000',
      },
    ]);
  });

  describe('rounding: down to whole rupiah at the end of each amount', () => {
    table('samsat-fees', [
      {
        // 123,456,789 × 1.05 × 1.2 % = 1,555,555.5414 → 1,555,555; opsen 66 % = 1,026,666.3 → 1,026,666;
        // denda 3 months 6 % = 93,333.3 → 93,333
        name: 'NJKB 123.456.789 (2025), terlambat 3 bulan → PKB 1.555.555, opsen 1.026.666, denda 93.333 (dibulatkan ke bawah ke rupiah)',
        at: '2025-06-01',
        facts: sedan(123_456_789, { dueDate: '2025-03-01' }),
        lines: [
          ['PKB', 2025, '1555555'],
          ['OPSEN-PKB', 2025, '1026666'],
          ['DENDA-PKB', 2025, '93333'],
          ['SWDKLLJ', 2025, '143000'],
        ],
        total: '2818554',
      },
    ]);
  });
});

describe('BPHTB Kota Depok (bphtb-fees, bphtb-sppdkb)', () => {
  table('bphtb-fees', [
    { name: 'jual beli 250 jt, NJOP 200 jt → 5% × (250 jt − 60 jt) = 9.500.000 (UU 1/2022; Perda Depok)', at: '2025-03-01', facts: { acquisition: 'jual-beli', transactionValue: 250_000_000, njop: 200_000_000 }, lines: [['BPHTB', null, '9500000']], total: '9500000' },
    { name: 'jual beli di bawah NJOP: NPOP = NJOP 200 jt → 7.000.000', at: '2025-03-01', facts: { acquisition: 'jual-beli', transactionValue: 150_000_000, njop: 200_000_000 }, lines: [['BPHTB', null, '7000000']] },
    { name: 'NPOP tepat NPOPTKP 60 jt → 0', at: '2025-03-01', facts: { acquisition: 'jual-beli', transactionValue: 60_000_000, njop: 50_000_000 }, lines: [['BPHTB', null, '0']], total: '0' },
    { name: 'NPOP di bawah NPOPTKP → 0, tidak negatif', at: '2025-03-01', facts: { acquisition: 'jual-beli', transactionValue: 10_000_000, njop: 5_000_000 }, lines: [['BPHTB', null, '0']], total: '0' },
    // 5 % × 19 = 0.95 → 0; 5 % × 39 = 1.95 → 1
    { name: 'NPOP 60.000.019 → 0,95 dibulatkan ke bawah 0; 60.000.039 → 1', at: '2025-03-01', facts: { acquisition: 'jual-beli', transactionValue: 60_000_039, njop: 60_000_019 }, lines: [['BPHTB', null, '1']] },
    { name: 'tukar-menukar 300 jt → 12.000.000 (NPOPTKP umum)', at: '2025-03-01', facts: { acquisition: 'tukar-menukar', transactionValue: 300_000_000, njop: 250_000_000 }, lines: [['BPHTB', null, '12000000']] },
    { name: 'waris kepada anak 500 jt → 5% × (500 − 300 jt) = 10.000.000 (Perda Depok: NPOPTKP waris garis lurus)', at: '2025-03-01', facts: { acquisition: 'waris', transactionValue: 500_000_000, njop: 400_000_000, familyDirectLine: true }, lines: [['BPHTB', null, '10000000']] },
    { name: 'waris kepada suami/istri NPOP tepat 300 jt → 0', at: '2025-03-01', facts: { acquisition: 'waris', transactionValue: 0, njop: 300_000_000, familyDirectLine: true }, lines: [['BPHTB', null, '0']], total: '0' },
    { name: 'hibah wasiat kepada orang tua 400 jt → 5.000.000 (NPOPTKP 300 jt)', at: '2025-03-01', facts: { acquisition: 'hibah-wasiat', transactionValue: 0, njop: 400_000_000, familyDirectLine: true }, lines: [['BPHTB', null, '5000000']] },
    { name: 'hibah wasiat di luar garis lurus 400 jt → 17.000.000 (NPOPTKP umum 60 jt)', at: '2025-03-01', facts: { acquisition: 'hibah-wasiat', transactionValue: 0, njop: 400_000_000, familyDirectLine: false }, lines: [['BPHTB', null, '17000000']] },
    { name: 'waris kepada keponakan 400 jt → 17.000.000 (NPOPTKP umum)', at: '2025-03-01', facts: { acquisition: 'waris', transactionValue: 0, njop: 400_000_000 }, lines: [['BPHTB', null, '17000000']] },
    { name: 'hibah biasa kepada anak 100 jt → 2.000.000 (hibah biasa: NPOPTKP umum 60 jt)', at: '2025-03-01', facts: { acquisition: 'hibah', transactionValue: 100_000_000, njop: 80_000_000, familyDirectLine: true }, lines: [['BPHTB', null, '2000000']] },
    { name: 'lelang: harga risalah 150 jt walau NJOP 300 jt → 4.500.000 (NPOP lelang)', at: '2025-03-01', facts: { acquisition: 'lelang', transactionValue: 150_000_000, njop: 300_000_000 }, lines: [['BPHTB', null, '4500000']] },
    { name: 'perolehan kedua wajib pajak yang sama di tahun yang sama tetap NPOPTKP 60 jt (per wajib pajak per perolehan) → 9.500.000', at: '2025-11-30', facts: { acquisition: 'jual-beli', transactionValue: 250_000_000, njop: 200_000_000 }, lines: [['BPHTB', null, '9500000']] },
    {
      // BPHTB 5 % × 200,000,020 = 10,000,001; paid floor(10,000,001 × 50 %) = 5,000,000 → line −5,000,001
      name: 'B.3 waris kepada anak NPOP 500.000.020 dengan pengurangan 50% → dibayar 5.000.000 (Perwal Depok 31/2023)',
      at: '2025-03-01',
      facts: { acquisition: 'waris', transactionValue: 500_000_020, njop: 0, familyDirectLine: true, reductionRequested: true },
      lines: [
        ['BPHTB', null, '10000001'],
        ['PENGURANGAN', null, '-5000001'],
      ],
      total: '5000000',
    },
    {
      name: 'B.3 waris kepada anak di bawah NPOPTKP → tidak ada pengurangan (tidak ada yang terutang)',
      at: '2025-03-01',
      facts: { acquisition: 'waris', transactionValue: 250_000_000, njop: 0, familyDirectLine: true, reductionRequested: true },
      lines: [['BPHTB', null, '0']],
      total: '0',
    },
    {
      // 9,500,000 × (1 − 25 %) = 7,125,000
      name: 'B.3 jual beli dengan SK pengurangan 25% → dibayar 7.125.000 (Perwal Depok 31/2023: menurut SK)',
      at: '2025-03-01',
      facts: { acquisition: 'jual-beli', transactionValue: 250_000_000, njop: 200_000_000, reductionRequested: true, reductionPercent: 25 },
      lines: [
        ['BPHTB', null, '9500000'],
        ['PENGURANGAN', null, '-2375000'],
      ],
      total: '7125000',
    },
    {
      name: 'B.3 waris kepada keponakan tanpa SK → belum ada pengurangan (50% hanya garis lurus)',
      at: '2025-03-01',
      facts: { acquisition: 'waris', transactionValue: 0, njop: 400_000_000, reductionRequested: true },
      lines: [['BPHTB', null, '17000000']],
      total: '17000000',
    },
  ]);

  table('bphtb-sppdkb', [
    { name: 'SKPDKB kurang bayar 10 jt terlambat 5 bulan → bunga 2% × 5 = 1.000.000 (UU 28/2009, dipertahankan HKPD)', at: '2025-03-01', facts: { underpaid: 10_000_000, monthsLate: 5 }, lines: [['POKOK', null, '10000000'], ['BUNGA', null, '1000000']], total: '11000000' },
    { name: 'SKPDKB terlambat tepat 24 bulan → bunga 48% 4.800.000', at: '2025-03-01', facts: { underpaid: 10_000_000, monthsLate: 24 }, lines: [['POKOK', null, '10000000'], ['BUNGA', null, '4800000']], total: '14800000' },
    { name: 'SKPDKB terlambat 25 bulan → bunga dibatasi 24 bulan 4.800.000', at: '2025-03-01', facts: { underpaid: 10_000_000, monthsLate: 25 }, lines: [['POKOK', null, '10000000'], ['BUNGA', null, '4800000']], total: '14800000' },
    { name: 'SKPDKB 0 bulan → tanpa bunga', at: '2025-03-01', facts: { underpaid: 10_000_000, monthsLate: 0 }, lines: [['POKOK', null, '10000000']], total: '10000000' },
    // 1,234,567 × 2 % = 24,691.34 → 24,691
    { name: 'SKPDKB pokok 1.234.567 terlambat 1 bulan → bunga 24.691 (dibulatkan ke bawah)', at: '2024-01-04', facts: { underpaid: 1_234_567, monthsLate: 1 }, lines: [['POKOK', null, '1234567'], ['BUNGA', null, '24691']] },
    { name: 'SKPDKB pada 5 Januari 2024 (periode HKPD, tarif 2% anggapan) → bunga 24.691', at: '2024-01-05', facts: { underpaid: 1_234_567, monthsLate: 1 }, lines: [['POKOK', null, '1234567'], ['BUNGA', null, '24691']] },
  ]);
});

describe('Kecamatan Kaloran retribusi (kaloran-imb, kaloran-ho, kaloran-pemakaman, kaloran-reklame)', () => {
  table('kaloran-imb', [
    // 80 × 1 × 1 × 10,000 (index tables and unit price: assumption)
    { name: 'IMB rumah permanen hunian 80 m² → 800.000', at: '2025-03-01', facts: { buildingArea: 80, buildingClass: 'permanen', activityType: 'hunian' }, lines: [['RETRIBUSI', null, '800000']], total: '800000' },
    // 50 × 0.7 × 3 × 10,000 = 1,050,000
    { name: 'IMB semi permanen usaha 50 m² → 1.050.000', at: '2025-03-01', facts: { buildingArea: 50, buildingClass: 'semi-permanen', activityType: 'usaha' }, lines: [['RETRIBUSI', null, '1050000']] },
    // 800,000 × 2 % × 6 = 96,000
    { name: 'IMB 80 m² terlambat tepat 6 bulan → bunga 96.000 (SOP Kaloran IMB Sanksi: 2%/bulan)', at: '2025-03-01', facts: { buildingArea: 80, buildingClass: 'permanen', activityType: 'hunian', monthsLate: 6 }, lines: [['RETRIBUSI', null, '800000'], ['BUNGA', null, '96000']], total: '896000' },
    { name: 'IMB 80 m² terlambat 7 bulan → bunga dibatasi 6 bulan 96.000', at: '2025-03-01', facts: { buildingArea: 80, buildingClass: 'permanen', activityType: 'hunian', monthsLate: 7 }, lines: [['RETRIBUSI', null, '800000'], ['BUNGA', null, '96000']], total: '896000' },
    // 45.5 × 0.7 × 10,000 = 318,500; 2 % = 6,370
    { name: 'IMB 45,5 m² semi permanen terlambat 1 bulan → 318.500 + 6.370', at: '2025-03-01', facts: { buildingArea: 45.5, buildingClass: 'semi-permanen', activityType: 'hunian', monthsLate: 1 }, lines: [['RETRIBUSI', null, '318500'], ['BUNGA', null, '6370']] },
    { name: 'IMB tepat 100 m² satu lantai → kewenangan kecamatan', at: '2025-03-01', facts: { buildingArea: 100, floors: 1, buildingClass: 'permanen', activityType: 'hunian' }, eligible: true, lines: [['RETRIBUSI', null, '1000000']] },
    { name: 'IMB 100,5 m² → di luar kewenangan, tanpa retribusi (SOP Kaloran IMB: ≤ 100 m²)', at: '2025-03-01', facts: { buildingArea: 100.5, buildingClass: 'permanen', activityType: 'hunian' }, eligible: false, reasons: ['IMB-LUAS-LEBIH-100'], lines: [], total: '0' },
    { name: 'IMB 2 lantai → di luar kewenangan (tidak bertingkat)', at: '2025-03-01', facts: { buildingArea: 60, floors: 2, buildingClass: 'permanen', activityType: 'hunian' }, eligible: false, reasons: ['IMB-BERTINGKAT'], lines: [], total: '0' },
  ]);
  table('kaloran-ho', [
    // 100 × (2 + 3) ÷ 2 × 100 = 25,000
    { name: 'HO 100 m² gangguan sedang, jalan kolektor → 100 × (2+3)/2 × Rp 100 = 25.000 (Perda Temanggung 12/2012: rata-rata indeks)', at: '2025-03-01', facts: { area: 100, disturbanceLevel: 'sedang', roadClass: 'kolektor' }, lines: [['RETRIBUSI', null, '25000']] },
    // 33 × (2 + 1) ÷ 2 × 100 = 4,950
    { name: 'HO 33 m² gangguan sedang, jalan lingkungan → 4.950', at: '2025-03-01', facts: { area: 33, disturbanceLevel: 'sedang', roadClass: 'lingkungan' }, lines: [['RETRIBUSI', null, '4950']] },
    // 25,000 × 12 % = 3,000
    { name: 'HO 25.000 terlambat 9 bulan → bunga dibatasi 6 bulan 3.000', at: '2025-03-01', facts: { area: 100, disturbanceLevel: 'sedang', roadClass: 'kolektor', monthsLate: 9 }, lines: [['RETRIBUSI', null, '25000'], ['BUNGA', null, '3000']], total: '28000' },
    { name: 'HO perorangan, 20 tenaga kerja → kewenangan kecamatan', at: '2025-03-01', facts: { area: 50, workers: 20, jenisPemohon: 'perorangan', disturbanceLevel: 'kecil', roadClass: 'lingkungan' }, eligible: true, lines: [['RETRIBUSI', null, '5000']] },
    { name: 'HO 21 tenaga kerja → di luar kewenangan', at: '2025-03-01', facts: { area: 50, workers: 21, disturbanceLevel: 'kecil', roadClass: 'lingkungan' }, eligible: false, reasons: ['HO-TENAGA-KERJA-LEBIH-20'], lines: [], total: '0' },
    { name: 'HO badan hukum (PT) → di luar kewenangan', at: '2025-03-01', facts: { area: 50, jenisPemohon: 'badan-hukum', disturbanceLevel: 'kecil', roadClass: 'lingkungan' }, eligible: false, reasons: ['HO-BUKAN-PERORANGAN'], lines: [], total: '0' },
  ]);
  table('kaloran-pemakaman', [
    // 2 × 8,000 + 1.5 × 10,000
    { name: 'makam 2 m² dengan bangunan 1,5 m² → 16.000 + 15.000', at: '2025-03-01', facts: { graveArea: 2, buildingArea: 1.5 }, lines: [['PEMAKAMAN', null, '16000'], ['IMB', null, '15000']], total: '31000' },
    // 31,000 × 12 % = 3,720
    { name: 'makam dan bangunan terlambat 8 bulan → bunga atas keduanya, dibatasi 6 bulan 3.720', at: '2025-03-01', facts: { graveArea: 2, buildingArea: 1.5, monthsLate: 8 }, lines: [['PEMAKAMAN', null, '16000'], ['IMB', null, '15000'], ['BUNGA', null, '3720']], total: '34720' },
  ]);
  table('kaloran-reklame', [
    { name: 'reklame 3 meter → 75.000 (Rp 25.000 per meter)', at: '2025-03-01', facts: { lengthMeters: 3 }, lines: [['RETRIBUSI', null, '75000']], total: '75000' },
    { name: 'reklame 1,25 meter → 31.250', at: '2025-03-01', facts: { lengthMeters: 1.25 }, lines: [['RETRIBUSI', null, '31250']] },
    // 75,000 × 12 % = 9,000
    { name: 'reklame 3 meter terlambat 12 bulan → bunga dibatasi 6 bulan 9.000', at: '2025-03-01', facts: { lengthMeters: 3, monthsLate: 12 }, lines: [['RETRIBUSI', null, '75000'], ['BUNGA', null, '9000']], total: '84000' },
  ]);
});

describe('Kecamatan Kaloran remit and the permits without a fee', () => {
  table('kaloran-tdp-persyaratan', [
    { name: 'TDP modal tepat Rp 200 juta → kewenangan kecamatan (REGULATIONS.md Kaloran: modal sampai Rp 200 juta)', at: '2025-03-01', facts: { capital: 200_000_000 }, eligible: true, reasons: [] },
    { name: 'TDP modal Rp 200.000.001 → di luar kewenangan, ke DPMPTSP kabupaten', at: '2025-03-01', facts: { capital: 200_000_001 }, eligible: false, reasons: ['TDP-MODAL-LEBIH-200-JUTA'] },
  ]);

  it.each(['kaloran-siup', 'kaloran-tdp', 'kaloran-oprit'])('%s has no fee step: no fee stated, 0 unless the administrator sets one (REGULATIONS.md Kaloran)', (key) => {
    const xml = readFileSync(path.join(RULES_DIR, '../processes', `${key}.bpmn`), 'utf8');
    expect(xml).not.toMatch(/businessRuleTask/);
  });
});
