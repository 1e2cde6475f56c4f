/**
 * Samsat Banten SOP 01–09 run through the real runtime on a real database, as loaded by the
 * seed: the posts in the order of the SOP table, the "Tidak lengkap" loop back to the wajib
 * pajak and the korektor's "Tidak setuju" back to penetapan each taken once, PKB/BBNKB
 * computed by samsat-fees at the penetapan step (tariff in force on the registration date:
 * 1.2 % + opsen 66 % since 5 January 2025) with SWDKLLJ per tax year and the PNBP lines of the
 * service each model binds (`sop:facts`), arrears over several tax years, and the hand-over to
 * SOP Pembayaran at the kasir.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../core/calendar-date.js';
import { compileRuleSet, evaluateCompiled, jakartaDate } from '../../rules/engine/index.js';
import { systemResults } from '../../runtime/inputs.js';
import { startInstance } from '../../server/services/runtime/runtime.js';
import { databaseKinds } from '../helpers/db.js';
import { openLibraryDb, type LibraryDb } from './support/library-db.js';
import { expectLoopsTaken, feesOf, firstStepWith, handOvers, runScenario, type Script } from './support/scenario.js';

const OFFICE = 'samsat-serang';
const STARTER = 'petugas-pendaftaran';
// Sedan, NJKB Rp 150 jt, bobot 1.05, first ownership, private: PKB = 150 jt × 1.05 × 1.2 %.
const SEDAN = { vehicleType: 'sedan', njkb: 150_000_000, ownershipOrder: 1, usage: 'private' };
// Every nota carries SWDKLLJ for each tax year (four-wheeled private: Rp 143,000).
const PKB_HKPD = { PKB: '1890000', 'OPSEN-PKB': '1247400', SWDKLLJ: '143000' };
// PNBP by the service the model binds (REGULATIONS.md, four-wheeled).
const PNBP_PENERBITAN = { 'PNBP-STNK': '200000', 'PNBP-TNKB': '100000' };

const PAYMENT = ['pemohon', 'kasir', 'pemohon'];
const KEPOLISIAN_SHAPE = ['pemohon', 'petugas-pendaftaran', 'petugas-kepolisian', 'petugas-penetapan', 'korektor', ...PAYMENT];

interface SamsatCase {
  key: string;
  title: string;
  variables: Record<string, unknown>;
  /** posts in the order they act on the happy path (consecutive steps of one post collapsed) */
  happy: string[];
  happyScript: Script;
  loopScript: Script;
  /** [decision step answered "no", the step the SOP sends the file back to] */
  loops: Array<[string, string]>;
  fees?: { at: string; amounts: Record<string, string> };
}

const intakeLoop: Script = { periksa_berkas: [{ berkasLengkap: false }, { berkasLengkap: true }] };
const koreksiLoop: Script = { koreksi: [{ koreksiSetuju: false }, { koreksiSetuju: true }] };
const yes: Script = { periksa_berkas: { berkasLengkap: true }, koreksi: { koreksiSetuju: true } };
/** Berkas tidak lengkap → back to the wajib pajak; korektor tidak setuju → back to penetapan. */
const INTAKE_AND_KOREKSI_LOOPS: Array<[string, string]> = [
  ['periksa_berkas', 'serah_sppkb'],
  ['koreksi', 'terbit_nppkb'],
];
/** The common flow of SOP 02, 03, 07 and 08: police data entry, penetapan, korektor, payment. */
const KEPOLISIAN_FLOW: Pick<SamsatCase, 'happy' | 'happyScript' | 'loopScript' | 'loops'> = {
  happy: KEPOLISIAN_SHAPE,
  happyScript: yes,
  loopScript: { ...intakeLoop, ...koreksiLoop },
  loops: INTAKE_AND_KOREKSI_LOOPS,
};

const cases: SamsatCase[] = [
  {
    key: 'samsat-01-pkb-baru',
    title: 'SOP 01 PKB dan BBNKB kendaraan baru',
    variables: { ...SEDAN, transfer: 'first' },
    happy: ['petugas-pendaftaran', 'pemohon', 'petugas-pendaftaran', 'petugas-kepolisian', 'petugas-penetapan', 'korektor', 'pemohon', ...PAYMENT.slice(1)],
    happyScript: yes,
    loopScript: { ...intakeLoop, ...koreksiLoop },
    loops: [
      ['periksa_berkas', 'isi_sppkb'],
      ['koreksi', 'terbit_nppkb'],
    ],
    // BBNKB I 12 % of NJKB plus opsen 66 %; a new vehicle gets STNK, TNKB and BPKB.
    fees: { at: 'terbit_nppkb', amounts: { ...PKB_HKPD, BBNKB: '18000000', 'OPSEN-BBNKB': '11880000', ...PNBP_PENERBITAN, 'PNBP-BPKB': '375000' } },
  },
  {
    key: 'samsat-02-pengesahan-tahunan',
    title: 'SOP 02 pengesahan satu tahun',
    variables: { ...SEDAN, transfer: 'none' },
    ...KEPOLISIAN_FLOW,
    fees: { at: 'terbit_nppkb', amounts: { ...PKB_HKPD, 'PNBP-STNK': '50000' } },
  },
  {
    key: 'samsat-03-pengesahan-lima-tahun',
    title: 'SOP 03 pengesahan/perpanjangan lima tahun',
    variables: { ...SEDAN, transfer: 'none', bpkbDijaminkan: true },
    ...KEPOLISIAN_FLOW,
    fees: { at: 'terbit_nppkb', amounts: { ...PKB_HKPD, ...PNBP_PENERBITAN } },
  },
  {
    key: 'samsat-04-mutasi-masuk',
    title: 'SOP 04 mutasi masuk',
    variables: { ...SEDAN, transfer: 'none' },
    happy: ['pemohon', 'petugas-pendaftaran', 'petugas-penetapan', 'korektor', ...PAYMENT],
    happyScript: yes,
    loopScript: { ...intakeLoop, ...koreksiLoop },
    loops: [
      ['periksa_berkas', 'serah_sppkb'],
      ['koreksi', 'tetapkan_pkb'],
    ],
    fees: { at: 'tetapkan_pkb', amounts: { ...PKB_HKPD, ...PNBP_PENERBITAN, 'PNBP-BPKB': '375000' } },
  },
  {
    key: 'samsat-05-mutasi-keluar',
    title: 'SOP 05 mutasi keluar tanpa tunggakan',
    variables: { jenisPemohon: 'badan-hukum' },
    happy: ['pemohon', 'petugas-pendaftaran', 'petugas-fiskal', 'kasi', 'kepala-upt', 'petugas-fiskal'],
    happyScript: { periksa_berkas: { berkasLengkap: true }, paraf_kasi: { parafKasiSetuju: true }, ttd_kaupt: { pengesahanSetuju: true } },
    loopScript: {
      ...intakeLoop,
      paraf_kasi: [{ parafKasiSetuju: false }, { parafKasiSetuju: true }],
      ttd_kaupt: [{ pengesahanSetuju: false }, { pengesahanSetuju: true }],
    },
    loops: [
      ['periksa_berkas', 'serah_sppkb'],
      ['paraf_kasi', 'cetak_fiskal'],
      ['ttd_kaupt', 'paraf_kasi'],
    ],
  },
  {
    key: 'samsat-06-mutasi-keluar-tunggakan',
    title: 'SOP 06 mutasi keluar dengan tunggakan',
    // one tax year 3 months late, typed by the officer (monthsLate is still accepted for one year)
    variables: { ...SEDAN, transfer: 'none', monthsLate: 3 },
    happy: ['pemohon', 'petugas-pendaftaran', 'petugas-penetapan', 'korektor', ...PAYMENT, 'petugas-fiskal', 'kasi', 'kepala-upt', 'petugas-fiskal'],
    happyScript: { ...yes, paraf_kasi: { parafKasiSetuju: true }, ttd_kaupt: { pengesahanSetuju: true } },
    loopScript: {
      ...intakeLoop,
      ...koreksiLoop,
      paraf_kasi: [{ parafKasiSetuju: false }, { parafKasiSetuju: true }],
      ttd_kaupt: [{ pengesahanSetuju: false }, { pengesahanSetuju: true }],
    },
    loops: [
      ['periksa_berkas', 'serah_sppkb'],
      ['koreksi', 'terbit_nppkb'],
      ['paraf_kasi', 'cetak_skfad'],
      ['ttd_kaupt', 'paraf_kasi'],
    ],
    // Arrears of 3 months: 2 % per month of the PKB owed; the PNBP of a mutasi keluar is paid beforehand.
    fees: { at: 'terbit_nppkb', amounts: { ...PKB_HKPD, 'DENDA-PKB': '113400' } },
  },
  {
    key: 'samsat-07-rubah-bentuk',
    title: 'SOP 07 rubah bentuk',
    variables: { ...SEDAN, transfer: 'none' },
    ...KEPOLISIAN_FLOW,
    fees: { at: 'terbit_nppkb', amounts: { ...PKB_HKPD, ...PNBP_PENERBITAN } },
  },
  {
    key: 'samsat-08-stnk-hilang',
    title: 'SOP 08 STNK hilang',
    variables: { ...SEDAN, transfer: 'none' },
    ...KEPOLISIAN_FLOW,
    fees: { at: 'terbit_nppkb', amounts: { ...PKB_HKPD, 'PNBP-STNK': '200000' } },
  },
];

describe.each(databaseKinds)('Samsat Banten SOPs on the runtime (%s)', (kind) => {
  let lib: LibraryDb;
  beforeAll(async () => {
    lib = await openLibraryDb(kind);
  });
  afterAll(async () => lib?.close());

  it('the seed loads the whole library without a failure: 25 models published (the offices\' pengaduan among them), SOP 09 and TDI as drafts with their requirement sets', async () => {
    expect(lib.library.failed).toEqual([]);
    expect(lib.library.published.filter((x) => x.startsWith('process:'))).toHaveLength(25);
    expect(lib.library.published).toContain('process:pengaduan');
    expect(lib.library.drafts.sort()).toEqual(['process:kaloran-tdi', 'process:samsat-09-lelang', 'ruleset:kaloran-tdi-persyaratan', 'ruleset:samsat-09-lelang-persyaratan']);
    // every other requirements set (23 of 25) and every fee set is published, so the published models' references resolve
    expect(lib.library.published.filter((x) => x.endsWith('-persyaratan'))).toHaveLength(23);
  });

  it('the seed publishes SOP 01–08 and samsat-pembayaran, and keeps SOP 09 as a draft (perlu verifikasi)', async () => {
    for (const c of cases) expect(lib.library.published).toContain(`process:${c.key}`);
    expect(lib.library.published).toContain('process:samsat-pembayaran');
    expect(lib.library.drafts).toContain('process:samsat-09-lelang');
    const officer = await lib.officer(STARTER, OFFICE);
    await expect(startInstance(lib.db, officer, 'samsat-09-lelang', { office: OFFICE })).rejects.toMatchObject({ code: 'PROCESS_NOT_PUBLISHED' });
  });

  // SOPs without a rule evaluation first: should a step ever get stuck, the database is blocked
  // for the rest of the file, and the failures then point at the SOPs that evaluate rules.
  describe.each([...cases].sort((a, b) => Number(!!a.fees) - Number(!!b.fees)))('$title', (c) => {
    it('happy path: the posts act in the order of the SOP table and the file ends paid/handed over', async () => {
      const r = await runScenario(lib, { processKey: c.key, office: OFFICE, starterRole: STARTER, variables: c.variables, script: c.happyScript });
      expect(r.status).toBe('completed');
      expect(handOvers(r.roles)).toEqual(c.happy);
      // The wajib pajak came without an account: the registering officer acted on their behalf.
      expect(r.trail.filter((t) => t.role === 'pemohon').every((t) => t.onBehalf)).toBe(true);
      expect(r.trail.every((t) => t.office === OFFICE)).toBe(true);
      if (c.fees) {
        expect(firstStepWith(r, 'notaPkb'), 'PKB is computed right before penetapan').toBe(c.fees.at);
        expect(feesOf(systemResults(r.variables).notaPkb)).toEqual(c.fees.amounts);
      }
    });

    it('each loop once: incomplete file back to the wajib pajak, disagreement back one post', async () => {
      const r = await runScenario(lib, { processKey: c.key, office: OFFICE, starterRole: STARTER, variables: c.variables, script: c.loopScript });
      expect(r.status).toBe('completed');
      expectLoopsTaken(r.elements, c.loops);
    });
  });

  it('SOP 01 and SOP 02 hand the nota to SOP Pembayaran: the kasir matches a total that includes SWDKLLJ and PNBP', async () => {
    // An applicant's variable cannot change the service the model binds (sop:facts).
    const r = await runScenario(lib, { processKey: 'samsat-02-pengesahan-tahunan', office: OFFICE, starterRole: STARTER, variables: { ...SEDAN, transfer: 'none', service: 'baru' }, script: yes });
    const kasir = r.trail.find((t) => t.role === 'kasir')!;
    expect(kasir.processKey).toBe('samsat-pembayaran');
    const nota = systemResults(kasir.variables).notaPkb as { fees: Array<{ code: string; label: string; amount: string }>; total: string };
    expect(feesOf(nota)).toEqual({ ...PKB_HKPD, 'PNBP-STNK': '50000' });
    expect(nota.fees.find((f) => f.code === 'PNBP-STNK')?.label).toBe('PNBP pengesahan STNK');
    expect(nota.total).toBe(String(1_890_000 + 1_247_400 + 143_000 + 50_000));
  });

  it('SOP 06 with three tax years in arrears: three PKB, three late fees and three SWDKLLJ on the nota the kasir collects', async () => {
    // The oldest unpaid year fell due 26 months before the registration date (today in Jakarta).
    const today = jakartaDate();
    const facts = { ...SEDAN, transfer: 'none', dueDate: addMonths(today, -26) };
    const r = await runScenario(lib, {
      processKey: 'samsat-06-mutasi-keluar-tunggakan',
      office: OFFICE,
      starterRole: STARTER,
      variables: facts,
      script: { ...yes, paraf_kasi: { parafKasiSetuju: true }, ttd_kaupt: { pengesahanSetuju: true } },
    });
    expect(r.status).toBe('completed');
    const nota = systemResults(r.variables).notaPkb as { fees: Array<{ code: string; taxYear?: number; amount: string }>; total: string; taxYears: unknown[] };
    const count = (code: string) => nota.fees.filter((f) => f.code === code).length;
    expect([count('PKB'), count('DENDA-PKB'), count('SWDKLLJ')]).toEqual([3, 3, 3]);
    expect(nota.taxYears).toHaveLength(3);
    expect(nota.fees.some((f) => f.code.startsWith('PNBP'))).toBe(false);
    // exactly what the published rule set computes for these facts on that date, service bound by the model
    const samsat = compileRuleSet(JSON.parse(readFileSync(new URL('../../rules/samsat-fees.json', import.meta.url), 'utf8')));
    const expected = evaluateCompiled(samsat, { ...facts, service: 'mutasi-keluar' }, today);
    expect(nota.fees.map((f) => [f.code, f.taxYear, f.amount])).toEqual(expected.fees.map((f) => [f.code, f.taxYear, f.amount]));
    const kasir = r.trail.find((t) => t.role === 'kasir')!;
    expect((systemResults(kasir.variables).notaPkb as { total: string }).total).toBe(expected.total);
  });

  it('the counter asks for the engine size of a second vehicle (a tax year before 5 January 2025 may owe the progressive rate)', async () => {
    const second = { ...SEDAN, transfer: 'none', ownershipOrder: 2, dueDate: '2024-08-01' };
    await expect(
      runScenario(lib, { processKey: 'samsat-02-pengesahan-tahunan', office: OFFICE, starterRole: STARTER, variables: {}, script: { ...yes, entry_data: second } }),
    ).rejects.toMatchObject({ code: 'VARIABLES_INVALID' });
    // with the engine size the file goes on, and the 2024 year is charged at the progressive rate
    const r = await runScenario(lib, { processKey: 'samsat-02-pengesahan-tahunan', office: OFFICE, starterRole: STARTER, variables: {}, script: { ...yes, entry_data: { ...second, engineCc: 3000 } } });
    expect(r.status).toBe('completed');
    const first = (systemResults(r.variables).notaPkb as { fees: Array<{ code: string; label: string; amount: string }> }).fees[0];
    expect(first).toMatchObject({ code: 'PKB', label: 'Pajak Kendaraan Bermotor (progresif) — tahun pajak 2024', amount: '3150000' });
    // a second vehicle paying this year only is asked its engine size too
    await expect(
      runScenario(lib, { processKey: 'samsat-02-pengesahan-tahunan', office: OFFICE, starterRole: STARTER, variables: {}, script: { ...yes, entry_data: { ...SEDAN, transfer: 'none', ownershipOrder: 2 } } }),
    ).rejects.toMatchObject({ code: 'VARIABLES_INVALID' });
  });

  it('SOP 09 lelang, once verified and published, runs the common Samsat flow with BBNKB on the auction', async () => {
    await lib.verifyAndPublish('samsat-09-lelang');
    const r = await runScenario(lib, {
      processKey: 'samsat-09-lelang',
      office: 'samsat-cilegon',
      starterRole: STARTER,
      variables: { ...SEDAN, transfer: 'second' },
      script: { ...intakeLoop, ...koreksiLoop },
    });
    expect(r.status).toBe('completed');
    expect(handOvers(r.roles)).toEqual([
      'pemohon', 'petugas-pendaftaran', 'pemohon', 'petugas-pendaftaran', 'petugas-kepolisian',
      'petugas-penetapan', 'korektor', 'petugas-penetapan', 'korektor', ...PAYMENT,
    ]);
    expectLoopsTaken(r.elements, INTAKE_AND_KOREKSI_LOOPS);
    expect(r.trail.every((t) => t.office === 'samsat-cilegon')).toBe(true);
    // BBNKB II is 0 under HKPD: PKB, its opsen, SWDKLLJ and the PNBP of an auctioned vehicle remain.
    expect(feesOf(systemResults(r.variables).notaPkb)).toEqual({ ...PKB_HKPD, 'PNBP-STNK': '200000', 'PNBP-BPKB': '375000' });
  });
});
