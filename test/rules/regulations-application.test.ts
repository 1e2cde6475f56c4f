/**
 * The regulator's cases through whole applications on the server (PGlite): the shipped library
 * (SOP models and fee sets, published by the seed), started and worked through the HTTP API by
 * the demo officers until the fee step has computed its nota, which is read back from the
 * application. Figures by hand from REGULATIONS.md, as in regulations.test.ts.
 *
 * The library's models compute on the registration date (today): the cases here hold for any
 * date from 5 January 2025 on (HKPD, open-ended). Arrears on fixed dates go through a small
 * model that binds the application date to a variable (`sop:dateVariable`, CONTRACTS.md: "unless
 * the model binds another date variable") and runs the shipped samsat-fees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishProcess } from '../runtime/support/publish.js';
import { model } from '../runtime/support/bpmn.js';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { REKLAME_START } from '../workspace/fixtures.js';

interface Nota {
  fees: Array<{ code: string; amount: string; taxYear?: number; legalBasis: string }>;
  total: string;
}
interface TaskRow {
  id: string;
  elementId: string;
  role: string;
  office: string;
  status: string;
}
interface InstanceBody {
  id: string;
  status: string;
  tasks: TaskRow[];
  variables: { sys?: Record<string, unknown> };
}

type Line = [code: string, taxYear: number | null, amount: string];
const linesOf = (n: Nota): Line[] => n.fees.map((f) => [f.code, f.taxYear ?? null, f.amount]);

/** A fee step on the application's own date (`tanggalPermohonan`), then the cashier. */
const ARREARS_MODEL = model(
  'uji-tunggakan-pkb',
  `<bpmn:startEvent id="start" />
   <bpmn:businessRuleTask id="hitung" name="Hitung PKB" sop:ruleSet="samsat-fees" sop:resultVariable="notaPkb" sop:facts="{&quot;service&quot;:&quot;tahunan&quot;}" />
   <bpmn:userTask id="bayar" name="Bayar" sop:duration="PT1H" />
   <bpmn:endEvent id="end" />
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="hitung" />
   <bpmn:sequenceFlow id="f2" sourceRef="hitung" targetRef="bayar" />
   <bpmn:sequenceFlow id="f3" sourceRef="bayar" targetRef="end" />`,
  { lanes: { 'petugas-pendaftaran': ['start', 'hitung'], kasir: ['bayar', 'end'] }, attrs: 'sop:starterRoles="petugas-pendaftaran" sop:dateVariable="tanggalPermohonan"' },
);

describe('regulator cases through whole applications (server, PGlite)', () => {
  let t: TestApp;
  const tokens = new Map<string, Record<string, string>>();
  const as = async (username: string) => {
    let h = tokens.get(username);
    if (!h) tokens.set(username, (h = bearer(await loginAs(t.app, username))));
    return h;
  };

  beforeAll(async () => {
    t = await createTestApp({ library: true });
    expect(t.library?.failed).toEqual([]);
    await publishProcess(t.database.db, 'uji-tunggakan-pkb', ARREARS_MODEL, '2020-01-01');
    const admin = await as('admin');
    const office = (await t.app.inject({ method: 'GET', url: '/api/admin/offices/samsat-serang', headers: admin })).json() as { name: string; agency: string; processes: string[] };
    if (!office.processes.includes('uji-tunggakan-pkb')) {
      const offer = await t.app.inject({ method: 'PUT', url: '/api/admin/offices/samsat-serang', headers: admin, payload: { name: office.name, agency: office.agency, processes: [...office.processes, 'uji-tunggakan-pkb'] } });
      expect(offer.statusCode, offer.body).toBe(200);
    }
  }, 120_000);
  afterAll(async () => t?.close());

  async function instance(id: string, headers: Record<string, string>): Promise<InstanceBody> {
    const res = await t.app.inject({ method: 'GET', url: `/api/instances/${id}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as InstanceBody;
  }

  /**
   * Registers a walk-in application at the counter and works its tasks (the applicant's on their
   * behalf by the registering officer) with the given answers until `result` is computed.
   */
  async function applyUntil(o: { processKey: string; office: string; starter: string; variables: Record<string, unknown>; answers: Record<string, Record<string, unknown>>; result: string }): Promise<Nota> {
    const starter = await as(o.starter);
    const res = await t.app.inject({ method: 'POST', url: `/api/processes/${o.processKey}/instances`, headers: starter, payload: { office: o.office, variables: o.variables, applicant: { name: 'Budi Santoso' } } });
    expect(res.statusCode, res.body).toBe(201);
    const id = (res.json() as { id: string }).id;
    for (let n = 0; n < 30; n++) {
      const inst = await instance(id, starter);
      const nota = inst.variables.sys?.[o.result];
      if (nota) return nota as Nota;
      const task = inst.tasks.find((x) => x.status === 'open');
      expect(task, `an open task before ${o.result} is computed`).toBeDefined();
      const who = task!.role === 'pemohon' ? starter : await as(`${task!.role}.${task!.office}`);
      const done = await t.app.inject({ method: 'POST', url: `/api/tasks/${task!.id}/complete`, headers: who, payload: { variables: o.answers[task!.elementId] ?? {} } });
      expect(done.statusCode, `${task!.elementId}: ${done.body}`).toBe(200);
    }
    throw new Error(`${o.result} never computed`);
  }

  it('SOP 01 kendaraan baru: sedan NJKB 150 jt, counter enters no "penyerahan" → BBNKB I 12% + opsen still charged (REGULATIONS.md BBNKB I; HKPD), PNBP STNK/TNKB/BPKB penerbitan', async () => {
    const nota = await applyUntil({
      processKey: 'samsat-01-pkb-baru',
      office: 'samsat-serang',
      starter: 'petugas-pendaftaran.samsat-serang',
      variables: {},
      answers: { periksa_berkas: { berkasLengkap: true }, entry_data: { vehicleType: 'sedan', njkb: 150_000_000 } },
      result: 'notaPkb',
    });
    // PKB 150,000,000 × 1.05 × 1.2 % = 1,890,000; opsen 66 % 1,247,400; BBNKB 12 % 18,000,000; opsen 11,880,000
    expect(linesOf(nota)).toEqual([
      ['PKB', null, '1890000'],
      ['OPSEN-PKB', null, '1247400'],
      ['SWDKLLJ', null, '143000'],
      ['BBNKB', null, '18000000'],
      ['OPSEN-BBNKB', null, '11880000'],
      ['PNBP-STNK', null, '200000'],
      ['PNBP-TNKB', null, '100000'],
      ['PNBP-BPKB', null, '375000'],
    ]);
    expect(nota.total).toBe('33835400');
    for (const f of nota.fees) expect(f.legalBasis.length).toBeGreaterThan(10);
  });

  it('SOP 03 lima tahunan: sepeda motor NJKB 20 jt → PKB 240.000 + opsen 158.400 + SWDKLLJ 35.000 + STNK 100.000 + TNKB 60.000', async () => {
    const nota = await applyUntil({
      processKey: 'samsat-03-pengesahan-lima-tahun',
      office: 'samsat-serang',
      starter: 'petugas-pendaftaran.samsat-serang',
      variables: {},
      answers: { periksa_berkas: { berkasLengkap: true }, entry_data: { vehicleType: 'motorcycle', njkb: 20_000_000 } },
      result: 'notaPkb',
    });
    expect(linesOf(nota)).toEqual([
      ['PKB', null, '240000'],
      ['OPSEN-PKB', null, '158400'],
      ['SWDKLLJ', null, '35000'],
      ['PNBP-STNK', null, '100000'],
      ['PNBP-TNKB', null, '60000'],
    ]);
    expect(nota.total).toBe('593400');
  });

  it('SOP 02: the counter typing 38 months late (3 tahun 2 bulan) is refused, nothing charged as one year (each tax year its own PKB)', async () => {
    const starter = await as('petugas-pendaftaran.samsat-serang');
    const res = await t.app.inject({ method: 'POST', url: '/api/processes/samsat-02-pengesahan-tahunan/instances', headers: starter, payload: { office: 'samsat-serang', variables: {}, applicant: { name: 'Budi' } } });
    expect(res.statusCode, res.body).toBe(201);
    const id = (res.json() as { id: string }).id;
    let refused: { statusCode: number; body: string } | undefined;
    for (let n = 0; n < 10 && !refused; n++) {
      const task = (await instance(id, starter)).tasks.find((x) => x.status === 'open')!;
      const who = task.role === 'pemohon' ? starter : await as(`${task.role}.${task.office}`);
      const answers: Record<string, Record<string, unknown>> = { periksa_berkas: { berkasLengkap: true }, entry_data: { vehicleType: 'sedan', njkb: 250_000_000, monthsLate: 38 } };
      const done = await t.app.inject({ method: 'POST', url: `/api/tasks/${task.id}/complete`, headers: who, payload: { variables: answers[task.elementId] ?? {} } });
      if (task.elementId === 'entry_data') refused = done;
      else expect(done.statusCode, done.body).toBe(200);
    }
    expect(refused?.statusCode).toBe(400);
    expect(refused?.body).toMatch(/monthsLate/);
    const after = await instance(id, starter);
    expect(after.variables.sys?.notaPkb).toBeUndefined();
    expect(after.tasks.find((x) => x.status === 'open')?.elementId).toBe('entry_data');
  });

  it('arrears on 15 May 2026: sedan pribadi kepemilikan ke-2, 3.000 cc, NJKB 250 jt, terlambat 3 tahun 2 bulan (jatuh tempo 15 Maret 2023) → 4 tahun pajak, 2023–2024 progresif 2%, 2025–2026 1,2% + opsen', async () => {
    const nota = await applyUntil({
      processKey: 'uji-tunggakan-pkb',
      office: 'samsat-serang',
      starter: 'petugas-pendaftaran.samsat-serang',
      variables: { tanggalPermohonan: '2026-05-15', vehicleType: 'sedan', njkb: 250_000_000, ownershipOrder: 2, engineCc: 3000, dueDate: '2023-03-15' },
      answers: {},
      result: 'notaPkb',
    });
    expect(linesOf(nota)).toEqual([
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
    ]);
    expect(nota.total).toBe('25738000');
  });

  it('arrears exactly 12 months (jatuh tempo 1 Juni 2023, permohonan 1 Juni 2024) → two tax years, denda 12 bulan 441.000 and none', async () => {
    const nota = await applyUntil({
      processKey: 'uji-tunggakan-pkb',
      office: 'samsat-serang',
      starter: 'petugas-pendaftaran.samsat-serang',
      variables: { tanggalPermohonan: '2024-06-01', vehicleType: 'sedan', njkb: 100_000_000, dueDate: '2023-06-01' },
      answers: {},
      result: 'notaPkb',
    });
    expect(linesOf(nota)).toEqual([
      ['PKB', 2023, '1837500'],
      ['DENDA-PKB', 2023, '441000'],
      ['SWDKLLJ', 2023, '143000'],
      ['PKB', 2024, '1837500'],
      ['SWDKLLJ', 2024, '143000'],
      ['PNBP-STNK', null, '50000'],
    ]);
    expect(nota.total).toBe('4452000');
  });

  it('BPHTB B.1: waris kepada anak, NPOP 500 jt → 5% × (500 − 300 jt) = 10.000.000 (Perda Depok: NPOPTKP waris garis lurus)', async () => {
    const nota = await applyUntil({
      processKey: 'bphtb-b1-validasi-sspd',
      office: 'bapenda-depok',
      starter: 'petugas-loket.bapenda-depok',
      variables: { acquisition: 'waris', familyDirectLine: true, transactionValue: 500_000_000, njop: 400_000_000 },
      answers: {},
      result: 'perhitunganBphtb',
    });
    expect(linesOf(nota)).toEqual([['BPHTB', null, '10000000']]);
    expect(nota.total).toBe('10000000');
  });

  it('Kaloran reklame 3 meter → Rp 25.000 × 3 = 75.000 (SOP Kaloran 2014, Izin Reklame)', async () => {
    const nota = await applyUntil({
      processKey: 'kaloran-reklame',
      office: 'kecamatan-kaloran',
      starter: 'petugas-loket.kecamatan-kaloran',
      // what the permit will state: the applicant's identity and the billboard (required at the start)
      variables: { ...REKLAME_START },
      answers: { periksa: { berkasLengkap: true }, teliti: { perluCekLapangan: false }, ajukan: { jenisReklame: 'permanen', lengthMeters: 3 } },
      result: 'retribusi',
    });
    expect(linesOf(nota)).toEqual([['RETRIBUSI', null, '75000']]);
    expect(nota.total).toBe('75000');
  });
});
