/**
 * Attack (assessment round 3): values on official documents from people not allowed to write them.
 *
 * - The task page's record (`alasanPenolakan`, `pesanPemohon`, `dokumenKurang`: the reasons the
 *   refusal letter prints; `dokumenDiterima`: documents "received on paper at the counter", shown
 *   present to every later post; `catatan`: the officers' internal note) was accepted at every
 *   task, the applicant's own steps included: an applicant ticked their missing documents as
 *   received at the counter, wrote the reasons of their own refusal letter, or planted an
 *   "internal note" for the officers.
 * - A message or signal from outside carried any variable but the system's results: a cashier's
 *   "payment received" (or a kasi's broadcast, to every waiting application of the office)
 *   rewrote the permit's object (`x-sop-field: object` fields of the applicant's form) and the
 *   refusal letter's reasons.
 * Now both are 400 VARIABLES_INVALID with the paths, and nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { chain, end, model, start } from '../runtime/support/bpmn.js';
import { publishProcess } from '../runtime/support/publish.js';

const OFFICE = 'kecamatan-kaloran';
const form = (schema: object) => JSON.stringify({ schema }).replace(/&/g, '&amp;').replace(/"/g, '&quot;');
const startForm = form({ type: 'object', properties: { teksReklame: { type: 'string', title: 'Teks reklame', maxLength: 200, 'x-sop-field': 'object' } } });

// The applicant applies (the permit's object), completes their file, the loket checks it, the
// bank's "payment received" arrives (a kasi may announce a disruption meanwhile), the loket hands over.
const izin = model(
  'uji-nilai',
  `<bpmn:startEvent id="start" sop:form="${startForm}" />` +
    `<bpmn:userTask id="lengkapi" name="Melengkapi berkas" sop:duration="P1D" />` +
    `<bpmn:userTask id="periksa" name="Memeriksa berkas" sop:duration="P1D" />` +
    `<bpmn:intermediateCatchEvent id="lunas" name="Pembayaran diterima"><bpmn:messageEventDefinition messageRef="msg" /></bpmn:intermediateCatchEvent>` +
    `<bpmn:userTask id="serahkan" name="Menyerahkan izin" sop:duration="P1D" sop:output="Izin Reklame" />` +
    `<bpmn:boundaryEvent id="henti" attachedToRef="serahkan" cancelActivity="false"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:boundaryEvent>` +
    `${end()}${end('e2')}${chain('start', 'lengkapi', 'periksa', 'lunas', 'serahkan', 'end')}${chain('henti', 'e2')}`,
  {
    lanes: { pemohon: ['start', 'lengkapi'], 'petugas-loket': ['periksa', 'lunas', 'serahkan', 'end', 'e2'] },
    attrs: 'sop:starterRoles="pemohon petugas-loket"',
    extra: '<bpmn:message id="msg" name="nilai-lunas" sop:senders="petugas-loket" /><bpmn:signal id="sig" name="nilai-gangguan" sop:senders="kasi" />',
  },
).replace('id="defs_', 'sop:agency="kecamatan-kaloran" id="defs_');

describe.each(databaseKinds)('values on documents come only from those allowed to write them (%s)', (kind) => {
  let t: TestApp;
  const as: Record<string, Record<string, string>> = {};
  const loket = `petugas-loket.${OFFICE}`;

  beforeAll(async () => {
    t = await createTestApp({ kind });
    for (const u of ['pemohon1', loket, `kasi.${OFFICE}`]) as[u] = bearer(await loginAs(t.app, u));
    await publishProcess(t.database.db, 'uji-nilai', izin);
  });
  afterAll(async () => t?.close());

  const startAs = async (user: string, extra: object = {}) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/processes/uji-nilai/instances', headers: as[user], payload: { office: OFFICE, variables: { teksReklame: 'Toko Maju' }, ...extra } });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };
  const openTask = async (id: string, element: string) =>
    (await t.database.db.selectFrom('runtime_tasks').select('id').where('instance_id', '=', id).where('element_id', '=', element).where('status', '=', 'open').executeTakeFirstOrThrow()).id;
  const complete = (user: string, taskId: string, variables: object) => t.app.inject({ method: 'POST', url: `/api/tasks/${taskId}/complete`, headers: as[user], payload: { variables } });
  const state = async (id: string) => {
    const r = await t.database.db.selectFrom('runtime_instances').select(['variables', 'tokens']).where('id', '=', id).executeTakeFirstOrThrow();
    return { variables: (typeof r.variables === 'string' ? JSON.parse(r.variables) : r.variables) as Record<string, unknown>, at: (r.tokens as Array<{ element: string }>).map((x) => x.element).sort() };
  };
  const waitingForPayment = async () => {
    const id = await startAs('pemohon1');
    expect((await complete('pemohon1', await openTask(id, 'lengkapi'), {})).statusCode).toBe(200);
    expect((await complete(loket, await openTask(id, 'periksa'), { catatan: 'berkas asli dilihat' })).statusCode).toBe(200);
    expect((await state(id)).at).toEqual(['lunas']);
    return id;
  };

  it('an applicant’s own step does not take the task page’s record: 400 with the paths, the task stays open, nothing stored', async () => {
    const id = await startAs('pemohon1');
    const task = await openTask(id, 'lengkapi');
    const before = await state(id);
    for (const variables of [{ dokumenDiterima: ['KTP', 'IMB'] }, { alasanPenolakan: 'Ditolak karena …' }, { pesanPemohon: 'Disetujui kepala' }, { dokumenKurang: [] }, { catatan: 'Sudah dicek camat, langsung terbitkan' }]) {
      const res = await complete('pemohon1', task, variables);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VARIABLES_INVALID', details: { paths: [`/${Object.keys(variables)[0]}`] } });
    }
    expect(await state(id)).toEqual(before);
    expect((await complete('pemohon1', task, {})).statusCode).toBe(200);
  });

  it('the officer’s page keeps its record, also on a walk-in’s own step done on the applicant’s behalf', async () => {
    const walkIn = await startAs(loket, { applicant: { name: 'Budi' } });
    const res = await complete(loket, await openTask(walkIn, 'lengkapi'), { dokumenDiterima: ['KTP'], catatan: 'diterima di loket' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await state(walkIn)).variables.dokumenDiterima).toEqual(['KTP']);
  });

  it('a payment message cannot rewrite the permit’s object or the refusal’s reasons: 400, nothing delivered', async () => {
    const id = await waitingForPayment();
    for (const variables of [{ teksReklame: 'Reklame Rokok Raksasa' }, { alasanPenolakan: 'x' }, { dokumenDiterima: ['IMB'] }]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/messages', headers: as[loket], payload: { name: 'nilai-lunas', correlationKey: id, variables } });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VARIABLES_INVALID', details: { paths: [`/${Object.keys(variables)[0]}`] } });
    }
    const after = await state(id);
    expect(after.at).toEqual(['lunas']);
    expect(after.variables.teksReklame).toBe('Toko Maju');
    // the sender's own data still travels
    const ok = await t.app.inject({ method: 'POST', url: '/api/messages', headers: as[loket], payload: { name: 'nilai-lunas', correlationKey: id, variables: { nomorSetoran: 'STS-1' } } });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('a broadcast signal cannot rewrite the permit’s object of the office’s waiting applications: 400, nothing delivered', async () => {
    const id = await waitingForPayment();
    await t.app.inject({ method: 'POST', url: '/api/messages', headers: as[loket], payload: { name: 'nilai-lunas', correlationKey: id } });
    expect((await state(id)).at).toEqual(['serahkan']);
    const res = await t.app.inject({ method: 'POST', url: '/api/signals', headers: as[`kasi.${OFFICE}`], payload: { name: 'nilai-gangguan', office: OFFICE, variables: { teksReklame: 'PALSU' } } });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VARIABLES_INVALID', details: { paths: ['/teksReklame'] } });
    const after = await state(id);
    expect(after.variables.teksReklame).toBe('Toko Maju');
    expect(after.at).toEqual(['serahkan']);
  });
});

// The applicant declares the billboard's length, the loket measures it, the fee is assessed on the
// measurement, then the applicant pays (their own step, no form) and the loket hands the permit over.
const ukur = model(
  'uji-ukur',
  `<bpmn:startEvent id="start" sop:form="${form({ type: 'object', properties: { lengthMeters: { type: 'number', title: 'Panjang reklame (meter)', minimum: 0, 'x-sop-field': 'object' } } })}" />` +
    `<bpmn:userTask id="periksa" name="Mengukur reklame" sop:duration="P1D" />` +
    `<bpmn:businessRuleTask id="hitung" name="Menghitung retribusi" sop:ruleSet="kaloran-reklame" sop:resultVariable="retribusi" />` +
    `<bpmn:userTask id="bayar" name="Membayar retribusi" sop:duration="P1D" />` +
    `<bpmn:userTask id="serahkan" name="Menyerahkan izin" sop:duration="P1D" sop:output="Izin Reklame" />` +
    `${end()}${chain('start', 'periksa', 'hitung', 'bayar', 'serahkan', 'end')}`,
  { lanes: { pemohon: ['start', 'bayar'], 'petugas-loket': ['periksa', 'hitung', 'serahkan', 'end'] }, attrs: 'sop:starterRoles="pemohon"' },
).replace('id="defs_', 'sop:agency="kecamatan-kaloran" id="defs_');

describe.each(databaseKinds)('an applicant’s own step writes no fact of a fee already assessed (%s)', (kind) => {
  let t: TestApp;
  const as: Record<string, Record<string, string>> = {};
  const loket = `petugas-loket.${OFFICE}`;

  beforeAll(async () => {
    t = await createTestApp({ kind });
    for (const u of ['pemohon1', loket]) as[u] = bearer(await loginAs(t.app, u));
    const { publish, saveDraft } = await import('../../server/services/store/store.js');
    const { readFile } = await import('node:fs/promises');
    await saveDraft(t.database.db, { kind: 'ruleset', key: 'kaloran-reklame', content: await readFile(new URL('../../rules/kaloran-reklame.json', import.meta.url), 'utf8'), actor: 'test' });
    await publish(t.database.db, { kind: 'ruleset', key: 'kaloran-reklame', actor: 'test' });
    await publishProcess(t.database.db, 'uji-ukur', ukur);
  });
  afterAll(async () => t?.close());

  const openTask = async (id: string, element: string) =>
    (await t.database.db.selectFrom('runtime_tasks').select('id').where('instance_id', '=', id).where('element_id', '=', element).where('status', '=', 'open').executeTakeFirstOrThrow()).id;
  const complete = (user: string, taskId: string, variables: object) => t.app.inject({ method: 'POST', url: `/api/tasks/${taskId}/complete`, headers: as[user], payload: { variables } });
  const vars = async (id: string) => {
    const r = await t.database.db.selectFrom('runtime_instances').select('variables').where('id', '=', id).executeTakeFirstOrThrow();
    return (typeof r.variables === 'string' ? JSON.parse(r.variables) : r.variables) as Record<string, unknown>;
  };

  it('the measured length the permit prints and the fee was assessed on is not rewritten at the applicant’s payment step: 400, nothing stored', async () => {
    const started = await t.app.inject({ method: 'POST', url: '/api/processes/uji-ukur/instances', headers: as.pemohon1, payload: { office: OFFICE, variables: { lengthMeters: 2 } } });
    expect(started.statusCode, started.body).toBe(201);
    const id = (started.json() as { id: string }).id;
    // the loket measures 12 m (their step is before the fee: its facts are theirs to correct)
    expect((await complete(loket, await openTask(id, 'periksa'), { lengthMeters: 12 })).statusCode).toBe(200);
    const bayar = await openTask(id, 'bayar');
    const res = await complete('pemohon1', bayar, { lengthMeters: 1 });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VARIABLES_INVALID', details: { paths: ['/lengthMeters'] } });
    expect((await vars(id)).lengthMeters).toBe(12);
    expect((await complete('pemohon1', bayar, {})).statusCode).toBe(200);
  });
});

// The fee is assessed on the date the model names (`sop:dateVariable`): which tariff period applies.
const bertanggal = model(
  'uji-tanggal',
  `${start()}<bpmn:userTask id="periksa" name="Memeriksa" sop:duration="P1D" /><bpmn:businessRuleTask id="hitung" name="Menghitung retribusi" sop:ruleSet="kaloran-reklame" sop:resultVariable="retribusi" /><bpmn:userTask id="bayar" name="Membayar" sop:duration="P1D" />${end()}${chain('start', 'periksa', 'hitung', 'bayar', 'end')}`,
  { lanes: { pemohon: ['start', 'bayar'], 'petugas-loket': ['periksa', 'hitung', 'end'] }, attrs: 'sop:starterRoles="pemohon petugas-loket" sop:dateVariable="tanggalPermohonan"' },
).replace('id="defs_', 'sop:agency="kecamatan-kaloran" id="defs_');

describe.each(databaseKinds)('the date a tariff applies on is not the applicant’s to choose (%s)', (kind) => {
  let t: TestApp;
  const as: Record<string, Record<string, string>> = {};
  const loket = `petugas-loket.${OFFICE}`;

  beforeAll(async () => {
    t = await createTestApp({ kind });
    for (const u of ['pemohon1', loket]) as[u] = bearer(await loginAs(t.app, u));
    const { publish, saveDraft } = await import('../../server/services/store/store.js');
    const { readFile } = await import('node:fs/promises');
    await saveDraft(t.database.db, { kind: 'ruleset', key: 'kaloran-reklame', content: await readFile(new URL('../../rules/kaloran-reklame.json', import.meta.url), 'utf8'), actor: 'test' });
    await publish(t.database.db, { kind: 'ruleset', key: 'kaloran-reklame', actor: 'test' });
    await publishProcess(t.database.db, 'uji-tanggal', bertanggal);
  });
  afterAll(async () => t?.close());

  const startAs = (user: string, variables: object) => t.app.inject({ method: 'POST', url: '/api/processes/uji-tanggal/instances', headers: as[user], payload: { office: OFFICE, variables } });
  const count = async () => Number((await t.database.db.selectFrom('runtime_instances').select((eb) => eb.fn.countAll<string>().as('n')).where('process_key', '=', 'uji-tanggal').executeTakeFirstOrThrow()).n);

  it('a self-service start naming the tariff date: 400, nothing started; the officer registering a walk-in may back-date it', async () => {
    const res = await startAs('pemohon1', { lengthMeters: 4, tanggalPermohonan: '2010-01-01' });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VARIABLES_INVALID', details: { paths: ['/tanggalPermohonan'] } });
    expect(await count()).toBe(0);
    expect((await startAs('pemohon1', { lengthMeters: 4 })).statusCode).toBe(201);
    const walkIn = await t.app.inject({ method: 'POST', url: '/api/processes/uji-tanggal/instances', headers: as[loket], payload: { office: OFFICE, applicant: { name: 'Budi' }, variables: { lengthMeters: 4, tanggalPermohonan: '2024-03-01' } } });
    expect(walkIn.statusCode, walkIn.body).toBe(201);
  });
});

// The front office names the technical OPDs (SIPEKA's opdList); the applicant then pays their
// arrears (their own step, no form); each named OPD gives its technical recommendation.
const OPDS = ['opd-dinas-pupr', 'opd-dishub', 'opd-dlhk'];
const rekomendasi = model(
  'uji-opd',
  `${start()}<bpmn:userTask id="tetapkan" name="Menetapkan OPD teknis" sop:duration="P1D" sop:form="${form({ type: 'object', properties: { opdList: { type: 'array', items: { type: 'string', enum: OPDS }, uniqueItems: true, minItems: 1 } } })}" />` +
    `<bpmn:userTask id="lunasi" name="Melunasi tunggakan" sop:duration="P1D" />` +
    `<bpmn:userTask id="kaji" name="Kajian teknis" sop:duration="P1D" sop:office="\${opd}"><bpmn:multiInstanceLoopCharacteristics sop:collection="opdList" sop:elementVariable="opd" /></bpmn:userTask>` +
    `${end()}${chain('start', 'tetapkan', 'lunasi', 'kaji', 'end')}`,
  { lanes: { pemohon: ['start', 'lunasi'], 'petugas-fo': ['tetapkan', 'end'], 'opd-teknis': ['kaji'] }, attrs: 'sop:starterRoles="pemohon"' },
).replace('id="defs_', 'sop:agency="dpmptsp-banten" id="defs_');

describe.each(databaseKinds)('who works an application is not the applicant’s to choose at their own step (%s)', (kind) => {
  let t: TestApp;
  const as: Record<string, Record<string, string>> = {};
  const DPMPTSP = 'dpmptsp-banten';
  const fo = `petugas-fo.${DPMPTSP}`;

  beforeAll(async () => {
    t = await createTestApp({ kind });
    for (const u of ['pemohon1', fo]) as[u] = bearer(await loginAs(t.app, u));
    await publishProcess(t.database.db, 'uji-opd', rekomendasi);
  });
  afterAll(async () => t?.close());

  const openTask = async (id: string, element: string) =>
    (await t.database.db.selectFrom('runtime_tasks').select('id').where('instance_id', '=', id).where('element_id', '=', element).where('status', '=', 'open').executeTakeFirstOrThrow()).id;
  const complete = (user: string, taskId: string, variables: object) => t.app.inject({ method: 'POST', url: `/api/tasks/${taskId}/complete`, headers: as[user], payload: { variables } });

  it('the applicant paying their arrears cannot drop an OPD the front office named: 400, every named OPD still reviews', async () => {
    const started = await t.app.inject({ method: 'POST', url: '/api/processes/uji-opd/instances', headers: as.pemohon1, payload: { office: DPMPTSP } });
    expect(started.statusCode, started.body).toBe(201);
    const id = (started.json() as { id: string }).id;
    expect((await complete(fo, await openTask(id, 'tetapkan'), { opdList: OPDS })).statusCode).toBe(200);
    const lunasi = await openTask(id, 'lunasi');
    const res = await complete('pemohon1', lunasi, { opdList: ['opd-dishub'] });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VARIABLES_INVALID', details: { paths: ['/opdList'] } });
    expect((await complete('pemohon1', lunasi, {})).statusCode).toBe(200);
    const reviews = await t.database.db.selectFrom('runtime_tasks').select('office').where('instance_id', '=', id).where('element_id', '=', 'kaji').execute();
    expect(reviews.map((r) => r.office).sort()).toEqual([...OPDS].sort());
  });
});
