/**
 * Issue 16, findings 1 and 7, as the black-box probe found them — each request here was accepted
 * before and must now be refused with a 4xx and nothing stored — and the offices' admin API that
 * decides which office offers which service.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { PNG_BYTES, publishLibrary, REKLAME_START } from '../workspace/fixtures.js';

type Json = Record<string, any>;
const SIPEKA = 'sipeka-perizinan';
const REKLAME = 'kaloran-reklame';

describe.each(databaseKinds)('trust boundary over HTTP (%s)', (kind) => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const as = (user: string) => bearer(tok[user]);
  const start = (user: string, processKey: string, body: Json) => t.app.inject({ method: 'POST', url: `/api/processes/${processKey}/instances`, headers: as(user), payload: body });
  const instanceCount = async () => Number((await t.database.db.selectFrom('runtime_instances').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await createTestApp({ kind });
    await publishLibrary(t.database.db, [REKLAME, SIPEKA]);
    for (const u of ['pemohon1', 'admin', 'manager', 'petugas-loket.bapenda-depok', 'petugas-fo.dpmptsp-banten']) tok[u] = await loginAs(t.app, u);
  }, 240_000);
  afterAll(async () => t?.close());

  async function refused(user: string, processKey: string, office: string, variables: Json, paths: string[]) {
    const before = await instanceCount();
    const res = await start(user, processKey, { office, variables });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VARIABLES_INVALID', details: { paths } });
    expect(await instanceCount(), 'nothing is stored').toBe(before);
  }

  it('an applicant cannot choose the permit number: documentNumber at the start of SIPEKA is refused', async () => {
    await refused('pemohon1', SIPEKA, 'dpmptsp-banten', { documentNumber: 'IZIN/PALSU/777' }, ['/documentNumber']);
  });

  it('a forged fee nota, the system namespace, internal notes and the officer’s decision are refused at the start', async () => {
    const forgedNota = { ruleSet: { key: REKLAME, publication: 1, period: { effectiveFrom: '2020-01-01' } }, fees: [{ code: 'POTONGAN', label: 'Potongan', amount: '-100000' }], total: '-100000' };
    await refused('pemohon1', REKLAME, 'kecamatan-kaloran', { fees: forgedNota.fees }, ['/fees']);
    // The model's own result variable and the system's results are written by the system only.
    await refused('pemohon1', REKLAME, 'kecamatan-kaloran', { retribusi: forgedNota }, ['/retribusi']);
    await refused('pemohon1', REKLAME, 'kecamatan-kaloran', { sys: { retribusi: forgedNota, documentNumber: 'X' } }, ['/sys']);
    await refused('pemohon1', REKLAME, 'kecamatan-kaloran', { _internal: 'lolos' }, ['/_internal']);
    await refused('pemohon1', REKLAME, 'kecamatan-kaloran', { berkasLengkap: true }, ['/berkasLengkap']);
    // What the start does take: the requirement facts the checklist reads.
    const ok = await start('pemohon1', REKLAME, { office: 'kecamatan-kaloran', variables: { ...REKLAME_START, jenisReklame: 'permanen', dikuasakan: false } });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it("a start without what the permit will state is refused with a 400 naming the fields by their labels, nothing stored", async () => {
    const { teksReklame: _t, lokasiReklame: _l, nikPemohon: _n, ...rest } = REKLAME_START;
    await refused('pemohon1', REKLAME, 'kecamatan-kaloran', rest, ['/nikPemohon', '/teksReklame', '/lokasiReklame']);
    const res = await start('pemohon1', REKLAME, { office: 'kecamatan-kaloran', variables: rest });
    expect(res.json().details.missing).toEqual(['nikPemohon', 'teksReklame', 'lokasiReklame']);
    expect(res.json().message).toBe('Isian wajib belum diisi: NIK pemohon (16 angka), Teks reklame (isi yang ditampilkan), Lokasi pemasangan (alamat atau titik)');
    // an empty text is no answer either
    await refused('pemohon1', REKLAME, 'kecamatan-kaloran', { ...REKLAME_START, teksReklame: '' }, ['/teksReklame']);
  });

  it('the OPD list is bounded by its declaration: 3,000 items, an unknown office or a wrong type is a 400, never a 500', async () => {
    const huge = Array.from({ length: 3000 }, (_, i) => `opd-${i}`);
    await refused('petugas-fo.dpmptsp-banten', SIPEKA, 'dpmptsp-banten', { opdList: huge }, ['/opdList']);
    await refused('pemohon1', SIPEKA, 'dpmptsp-banten', { opdList: ['opd-dishub', 'kantor-palsu'] }, ['/opdList/1']);
    await refused('pemohon1', SIPEKA, 'dpmptsp-banten', { opdList: 'opd-dishub' }, ['/opdList']);
    const ok = await start('petugas-fo.dpmptsp-banten', SIPEKA, { office: 'dpmptsp-banten', variables: { opdList: ['opd-dishub', 'opd-dinkes'] }, applicant: { name: 'Budi' } });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('a service is started only at an office that offers it, by applicants and walk-in officers alike', async () => {
    const before = await instanceCount();
    const online = await start('pemohon1', REKLAME, { office: 'samsat-serang', variables: {} });
    expect(online.statusCode, online.body).toBe(400);
    expect(online.json()).toMatchObject({ code: 'SERVICE_NOT_OFFERED', details: { office: 'samsat-serang', processKey: REKLAME } });
    const walkIn = await start('petugas-loket.bapenda-depok', REKLAME, { office: 'bapenda-depok', variables: {}, applicant: { name: 'Budi' } });
    expect(walkIn.statusCode, walkIn.body).toBe(400);
    expect(walkIn.json().code).toBe('SERVICE_NOT_OFFERED');
    expect(await instanceCount()).toBe(before);
    // The portal lists only the offices that offer the service.
    const catalog = (await t.app.inject({ method: 'GET', url: '/api/services' })).json() as Json[];
    expect(catalog.find((s) => s.key === REKLAME)!.offices.map((o: Json) => o.key)).toEqual(['kecamatan-kaloran']);
  });

  it('an admin edits an office: processes offered, numbering formats, logo; optimistic with If-Match; audited; managers only read', async () => {
    const got = await t.app.inject({ method: 'GET', url: '/api/admin/offices/samsat-serang', headers: as('manager') });
    expect(got.statusCode).toBe(200);
    const office = got.json() as Json;
    expect(office.processes).toContain('samsat-01-pkb-baru');
    expect(office.processes).not.toContain(REKLAME);
    const etag = got.headers.etag as string;
    const body = { name: office.name, agency: office.agency, address: 'Jl. Raya Serang km 5', contacts: { phone: '0254-123456' }, numbering: { skpd: 'SKPD/{seq:5}/SRG/{year}' }, processes: [...office.processes, REKLAME] };
    expect((await t.app.inject({ method: 'PUT', url: '/api/admin/offices/samsat-serang', headers: as('manager'), payload: body })).statusCode).toBe(403);
    const bad = await t.app.inject({ method: 'PUT', url: '/api/admin/offices/samsat-serang', headers: as('admin'), payload: { ...body, numbering: { skpd: 'SKPD/{nomor}/{year}' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'NUMBER_FORMAT_INVALID', details: { errors: expect.arrayContaining([{ path: '/numbering/skpd', message: 'token tidak dikenal: {nomor}' }]) } });
    const put = await t.app.inject({ method: 'PUT', url: '/api/admin/offices/samsat-serang', headers: { ...as('admin'), 'if-match': etag }, payload: { ...body, logo: { contentType: 'image/png', base64: PNG_BYTES.toString('base64') } } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ address: 'Jl. Raya Serang km 5', numbering: { skpd: 'SKPD/{seq:5}/SRG/{year}' }, logo: { contentType: 'image/png' }, revision: office.revision + 1, updatedBy: 'admin' });
    const stale = await t.app.inject({ method: 'PUT', url: '/api/admin/offices/samsat-serang', headers: { ...as('admin'), 'if-match': etag }, payload: body });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'OFFICE_CONFLICT', details: { updatedBy: 'admin', revision: office.revision + 1 } });
    const logo = await t.app.inject({ method: 'GET', url: '/api/admin/offices/samsat-serang/logo', headers: as('manager') });
    expect(logo.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(logo.rawPayload, PNG_BYTES)).toBe(0);
    const svg = await t.app.inject({ method: 'PUT', url: '/api/admin/offices/samsat-serang', headers: as('admin'), payload: { ...body, logo: { contentType: 'image/png', base64: Buffer.from('<svg onload="alert(1)"/>').toString('base64') } } });
    expect(svg.json().code).toBe('LOGO_INVALID');
    const audit = await t.database.db.selectFrom('audit_log').select(['actor', 'action', 'subject']).where('action', 'like', 'office.%').execute();
    expect(audit).toEqual([{ actor: 'admin', action: 'office.update', subject: 'office:samsat-serang' }]);
    // Now offered there: the same start that was refused is accepted.
    const now = await start('pemohon1', REKLAME, { office: 'samsat-serang', variables: REKLAME_START });
    expect(now.statusCode, now.body).toBe(201);
    const created = await t.app.inject({ method: 'POST', url: '/api/admin/offices', headers: as('admin'), payload: { key: 'samsat-pandeglang', name: 'Samsat Pandeglang', agency: 'samsat-banten', processes: ['samsat-tidak-ada'] } });
    expect(created.json()).toMatchObject({ code: 'PROCESS_NOT_FOUND', details: { processes: ['samsat-tidak-ada'] } });
    const list = (await t.app.inject({ method: 'GET', url: '/api/admin/offices', headers: as('manager') })).json().items as Json[];
    expect(list.map((o) => o.key)).toContain('opd-dishub');
    expect(list.find((o) => o.key === 'opd-dishub')!.processes).toEqual([SIPEKA]);
  });
});
