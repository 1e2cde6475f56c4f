/**
 * BPHTB Kota Depok B.1–B.7 run through the real runtime on a real database: the sections of
 * Bapenda Depok in the order of the numbered procedure, the incomplete file back to the
 * wajib pajak/PPAT once, B.1's branches (field research, underpayment → SPPDKB) taken once,
 * BPHTB computed by bphtb-fees when the SSPD is filled in and the SPPDKB amounts by
 * bphtb-sppdkb before the SPPDKB is printed (B.2: figures set by Seksi Penagihan, the loket only
 * proposes); B.3 computes the pengurangan, and again with the SK's percentage.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseModel } from '../../runtime/model/parse.js';
import { nextRuleSets } from '../../server/services/runtime/task-context.js';
import { systemResults } from '../../runtime/inputs.js';
import { databaseKinds } from '../helpers/db.js';
import { openLibraryDb, type LibraryDb } from './support/library-db.js';
import { expectLoopsTaken, feesOf, firstStepWith, handOvers, runScenario, type Script } from './support/scenario.js';

const OFFICE = 'bapenda-depok';
const STARTER = 'petugas-loket';
// Jual beli Rp 250 jt, NJOP Rp 200 jt: 5 % × (250 jt − 60 jt NPOPTKP).
const JUAL_BELI = { acquisition: 'jual-beli', transactionValue: 250_000_000, njop: 200_000_000 };
// Underpaid Rp 10 jt, 5 months: interest 2 % per month.
const KURANG_BAYAR = { underpaid: 10_000_000, monthsLate: 5 };
const SPPDKB = { POKOK: '10000000', BUNGA: '1000000' };

interface BphtbCase {
  key: string;
  title: string;
  variables: Record<string, unknown>;
  script: Script;
  happy: string[];
  fees?: { variable: string; at: string; amounts: Record<string, string> };
}

const lengkap: Script = { terima_berkas: { berkasLengkap: true } };

const cases: BphtbCase[] = [
  {
    key: 'bphtb-b1-validasi-sspd',
    title: 'B.1 validasi SSPD (berkas benar, tanpa penelitian lapangan)',
    variables: JUAL_BELI,
    script: { ...lengkap, teliti_berkas: { perluPenelitianLapangan: false }, simpulkan: { indikasiKurangBayar: false } },
    happy: ['pemohon', 'petugas-loket', 'petugas-peneliti', 'kasi-pdi', 'kabid-pendapatan', 'petugas-loket', 'pemohon'],
    fees: { variable: 'perhitunganBphtb', at: 'bayar_bank', amounts: { BPHTB: '9500000' } },
  },
  {
    key: 'bphtb-b2-sppdkb',
    title: 'B.2 penerbitan SPPDKB',
    variables: KURANG_BAYAR,
    script: lengkap,
    happy: ['pemohon', 'petugas-loket', 'petugas-penagihan', 'kasi-penagihan', 'kabid-pendapatan', 'petugas-loket', 'pemohon', 'petugas-loket', 'pemohon'],
    fees: { variable: 'perhitunganSppdkb', at: 'cetak_sppdkb', amounts: SPPDKB },
  },
  {
    key: 'bphtb-b3-pengurangan',
    title: 'B.3 pengurangan (waris dalam garis lurus, tanpa kekurangan bayar)',
    // Waris Rp 500 jt in the direct line: 5 % × (500 jt − 300 jt NPOPTKP waris).
    variables: { acquisition: 'waris', familyDirectLine: true, transactionValue: 500_000_000, njop: 400_000_000 },
    script: { ...lengkap, ttd_sk: { kurangBayar: false } },
    happy: ['pemohon', 'petugas-loket', 'petugas-peneliti', 'petugas-intensifikasi', 'kasi-intensifikasi', 'kabid-pendapatan', 'kepala-dinas', 'kasi-pdi', 'kabid-pendapatan', 'pemohon'],
    // The model binds reductionRequested: 50 % off for an inheritance in the direct line (Perwal Depok 31/2023).
    fees: { variable: 'perhitunganBphtb', at: 'bayar', amounts: { BPHTB: '10000000', PENGURANGAN: '-5000000' } },
  },
  {
    key: 'bphtb-b4-pembetulan',
    title: 'B.4 pembetulan SSPD',
    variables: {},
    script: lengkap,
    happy: ['pemohon', 'petugas-loket', 'petugas-peneliti', 'kasi-pdi', 'kabid-pendapatan', 'pemohon'],
  },
  {
    key: 'bphtb-b5-sk-bebas',
    title: 'B.5 Surat Keterangan Bebas',
    variables: {},
    script: lengkap,
    happy: [
      'pemohon', 'petugas-loket', 'petugas-peneliti', 'petugas-intensifikasi', 'kasi-intensifikasi', 'kabid-pendapatan', 'petugas-intensifikasi',
      'kepala-dinas', 'petugas-peneliti', 'kasi-pdi', 'kabid-pendapatan', 'pemohon',
    ],
  },
  {
    key: 'bphtb-b6-keberatan',
    title: 'B.6 keberatan SPPDKB',
    variables: {},
    script: lengkap,
    happy: ['pemohon', 'petugas-loket', 'petugas-peneliti', 'petugas-penagihan', 'kasi-penagihan', 'kabid-pendapatan', 'petugas-penagihan', 'kepala-dinas', 'petugas-loket', 'pemohon'],
  },
  {
    key: 'bphtb-b7-restitusi',
    title: 'B.7 restitusi dan kompensasi',
    variables: {},
    script: lengkap,
    happy: [
      'pemohon', 'petugas-loket', 'petugas-peneliti', 'petugas-intensifikasi', 'kasi-intensifikasi', 'kabid-pendapatan', 'petugas-intensifikasi',
      'kepala-dinas', 'petugas-intensifikasi', 'petugas-loket', 'pemohon',
    ],
  },
];

describe.each(databaseKinds)('BPHTB Kota Depok SOPs on the runtime (%s)', (kind) => {
  let lib: LibraryDb;
  beforeAll(async () => {
    lib = await openLibraryDb(kind);
  });
  afterAll(async () => lib?.close());

  // SOPs without a rule evaluation first: should a step ever get stuck, the database is blocked
  // for the rest of the file, and the failures then point at the SOPs that evaluate rules.
  describe.each([...cases].sort((a, b) => Number(!!a.fees) - Number(!!b.fees)))('$title', (c) => {
    it('happy path: the sections act in the order of the procedure and the file is handed back', async () => {
      const r = await runScenario(lib, { processKey: c.key, office: OFFICE, starterRole: STARTER, variables: c.variables, script: c.script });
      expect(r.status).toBe('completed');
      expect(handOvers(r.roles)).toEqual(c.happy);
      expect(r.trail.every((t) => t.office === OFFICE)).toBe(true);
      if (c.fees) {
        expect(firstStepWith(r, c.fees.variable)).toBe(c.fees.at);
        expect(feesOf(systemResults(r.variables)[c.fees.variable])).toEqual(c.fees.amounts);
      }
    });

    it('an incomplete file goes back to the wajib pajak once, then the procedure completes', async () => {
      const r = await runScenario(lib, {
        processKey: c.key,
        office: OFFICE,
        starterRole: STARTER,
        variables: c.variables,
        script: { ...c.script, terima_berkas: [{ berkasLengkap: false }, { berkasLengkap: true }] },
      });
      expect(r.status).toBe('completed');
      const submit = r.elements[r.elements.indexOf('terima_berkas') + 1];
      expect(r.roles[r.elements.indexOf(submit)]).toBe('pemohon');
      expectLoopsTaken(r.elements, [['terima_berkas', submit]]);
    });
  });

  it('B.1 with doubts and underpayment: field research by Intensifikasi, SPPDKB by Penagihan, then validation', async () => {
    const r = await runScenario(lib, {
      processKey: 'bphtb-b1-validasi-sspd',
      office: OFFICE,
      starterRole: STARTER,
      variables: JUAL_BELI,
      script: {
        ...lengkap,
        teliti_berkas: { perluPenelitianLapangan: true },
        simpulkan: { indikasiKurangBayar: true },
        teliti_penagihan: { kurangBayar: true, ...KURANG_BAYAR },
      },
    });
    expect(r.status).toBe('completed');
    expect(handOvers(r.roles)).toEqual([
      'pemohon', 'petugas-loket', 'petugas-peneliti', 'petugas-intensifikasi', 'kasi-intensifikasi', 'petugas-peneliti',
      'petugas-penagihan', 'kasi-penagihan', 'pemohon', 'kasi-pdi', 'kabid-pendapatan', 'petugas-loket', 'pemohon',
    ]);
    expect(firstStepWith(r, 'perhitunganSppdkb')).toBe('terbit_sppdkb');
    expect(feesOf(systemResults(r.variables).perhitunganSppdkb)).toEqual(SPPDKB);
    expect(feesOf(systemResults(r.variables).perhitunganBphtb)).toEqual({ BPHTB: '9500000' });
  });

  it('B.1 with an indication that Penagihan does not confirm: straight to Kasi PDI, no SPPDKB', async () => {
    const r = await runScenario(lib, {
      processKey: 'bphtb-b1-validasi-sspd',
      office: OFFICE,
      starterRole: STARTER,
      variables: JUAL_BELI,
      script: { ...lengkap, teliti_berkas: { perluPenelitianLapangan: false }, simpulkan: { indikasiKurangBayar: true }, teliti_penagihan: { kurangBayar: false } },
    });
    expect(r.status).toBe('completed');
    expect(r.elements.slice(r.elements.indexOf('teliti_penagihan'), r.elements.indexOf('teliti_penagihan') + 2)).toEqual(['teliti_penagihan', 'verifikasi_kasi']);
    expect(systemResults(r.variables).perhitunganSppdkb).toBeUndefined();
  });

  it('B.3 with a remaining underpayment after the SK: the SK percentage is computed, the wajib pajak pays the rest before Kasi PDI verifies', async () => {
    // The wajib pajak self-assessed 40 % off a jual beli; the SK grants 25 %.
    const r = await runScenario(lib, {
      processKey: 'bphtb-b3-pengurangan',
      office: OFFICE,
      starterRole: STARTER,
      variables: { ...JUAL_BELI, reductionPercent: 40 },
      script: { ...lengkap, ttd_sk: { kurangBayar: true, reductionPercent: 25 } },
    });
    expect(r.status).toBe('completed');
    const i = r.elements.indexOf('ttd_sk');
    expect(r.elements.slice(i, i + 3)).toEqual(['ttd_sk', 'bayar_kurang', 'verifikasi_kasi']);
    const selfAssessed = systemResults(r.variables).perhitunganBphtb as { total: string };
    const afterSk = systemResults(r.variables).perhitunganBphtbSk as { total: string };
    expect(feesOf(selfAssessed)).toEqual({ BPHTB: '9500000', PENGURANGAN: '-3800000' });
    expect(feesOf(afterSk)).toEqual({ BPHTB: '9500000', PENGURANGAN: '-2375000' });
    // the kekurangan the wajib pajak still pays: 7,125,000 − 5,700,000
    expect(Number(afterSk.total) - Number(selfAssessed.total)).toBe(1_425_000);
    expect(firstStepWith(r, 'perhitunganBphtbSk')).toBe('bayar_kurang');
  });

  it('B.2: the loket may propose the SPPDKB figures, Seksi Penagihan sets them before the computation (source B.2 steps 3–4)', async () => {
    const model = (await parseModel(readFileSync(new URL('../../processes/bphtb-b2-sppdkb.bpmn', import.meta.url), 'utf8'))).model!;
    // the facts form of bphtb-sppdkb is on Penagihan's step, not on the loket's
    expect(nextRuleSets(model, 'teruskan')).toEqual([]);
    expect(nextRuleSets(model, 'teliti_penagihan')).toEqual(['bphtb-sppdkb']);
    expect(model.nodes.teliti_penagihan.role).toBe('petugas-penagihan');
    const r = await runScenario(lib, {
      processKey: 'bphtb-b2-sppdkb',
      office: OFFICE,
      starterRole: STARTER,
      script: { ...lengkap, teruskan: { underpaid: 8_000_000, monthsLate: 5 }, teliti_penagihan: { underpaid: 10_000_000, monthsLate: 5 } },
    });
    expect(r.status).toBe('completed');
    expect(r.trail.find((t) => t.element === 'teliti_penagihan')?.variables).toMatchObject({ underpaid: 8_000_000 });
    expect(feesOf(systemResults(r.variables).perhitunganSppdkb)).toEqual(SPPDKB);
  });
});
