/**
 * The service standard (issue 20, Permenpan-RB 15/2014) through the real routes on both
 * databases: public page, JSON and PDF without a log-in, generated from what is published
 * (a new publication changes it), the calculator's endpoint, the management components per
 * service (who may write, conflicts, nothing stored on bad input) and the office's complaint contact.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { todayInJakarta } from '../../server/services/offices/dates.js';
import { DEFAULT_MAKLUMAT } from '../../server/documents/service-standard.js';

const work = mkdtempSync(path.join(tmpdir(), 'standar-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const COMPONENTS = [
  'Persyaratan pelayanan',
  'Sistem, mekanisme dan prosedur',
  'Jangka waktu pelayanan',
  'Biaya/tarif',
  'Produk pelayanan',
  'Penanganan pengaduan, saran dan masukan',
  'Dasar hukum',
  'Sarana dan prasarana, dan/atau fasilitas',
  'Kompetensi pelaksana',
  'Pengawasan internal',
  'Jumlah pelaksana',
  'Jaminan pelayanan',
  'Jaminan keamanan dan keselamatan pelayanan',
  'Evaluasi kinerja pelaksana',
];

describe.each(databaseKinds)('service standard (%s)', (kind) => {
  let t: TestApp;
  let manager: Record<string, string>;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp({ kind, library: true });
    manager = bearer(await loginAs(t.app, 'manager'));
    admin = bearer(await loginAs(t.app, 'admin'));
  }, 120_000);
  afterAll(async () => t?.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  it('the public index and page need no log-in and show the 14 components and the maklumat', async () => {
    const index = await get('/standar-pelayanan');
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('href="/standar-pelayanan/kaloran-imb"');
    const page = await get('/standar-pelayanan/kaloran-imb');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const titles = [...page.body.matchAll(/<tr id="komponen-(\d+)"><td class="no">\d+<\/td><th scope="row">([^<]+)<\/th>/g)].map((m) => m[2]!.replace(/&amp;/g, '&'));
    expect(titles).toEqual(COMPONENTS);
    expect(page.body).toContain('Kecamatan Kaloran');
    // persyaratan with its conditions in words
    expect(page.body).toContain('Detail pondasi dan pembesian (untuk konstruksi permanen) (bila konstruksi permanen)');
    expect(page.body).toContain('Fotokopi KTP pemohon</li>');
    // jangka waktu: the longest path in working time (processes/README.md: 6 jam 5 menit)
    expect(page.body).toContain('6 jam 5 menit (jalur terpanjang dalam waktu kerja kantor)');
    // the calculator and its script
    expect(page.body).toContain('<form class="calc" data-ruleset="kaloran-imb">');
    expect(page.body).toContain('<script src="/standar-pelayanan/kalkulator.js" defer></script>');
    expect(page.body).toContain(DEFAULT_MAKLUMAT);
    const js = await get('/standar-pelayanan/kalkulator.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.body).toContain("'/api/rulesets/'");
  });

  it('JSON: generated components, the fee set with its legal basis, the calculator computes through evaluate', async () => {
    const res = await get('/api/public/service-standards/kaloran-reklame');
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.office.name).toBe('Kecamatan Kaloran');
    expect(s.jangkaWaktu.text).toBe('5 jam 5 menit');
    expect(s.produk).toEqual(['Izin Reklame', 'Surat penolakan']);
    expect(s.prosedur[0]).toMatchObject({ no: 1, performer: 'Pemohon' });
    const fee = s.biaya[0];
    expect(fee.key).toBe('kaloran-reklame');
    expect(fee.legalBasis.join(' ')).toContain('Peraturan Daerah Kabupaten Temanggung Nomor 33 Tahun 2011');
    expect(fee.fees[0]).toMatchObject({ code: 'RETRIBUSI', formula: 'lengthMeters × tarifPerMeter' });
    expect(Object.keys(fee.facts.properties)).toContain('lengthMeters');
    // what the page's calculator sends, anonymously
    const calc = await t.app.inject({ method: 'POST', url: '/api/rulesets/kaloran-reklame/evaluate', payload: { facts: { lengthMeters: 4 } } });
    expect(calc.statusCode).toBe(200);
    expect(calc.json().total).toBe('100000');
  });

  it('unknown service or an office that does not offer it: 404', async () => {
    expect((await get('/standar-pelayanan/tidak-ada')).statusCode).toBe(404);
    const other = await get('/api/public/service-standards/kaloran-imb?kantor=samsat-serang');
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('OFFICE_NOT_FOUND');
  });

  it('management components: managers and admins write them, with revision checks, audited; bad input stores nothing', async () => {
    const url = '/api/service-standards/kaloran-reklame';
    const texts = { sarana: 'Ruang tunggu ber-AC\nLoket prioritas', jumlahPelaksana: '5 orang', maklumat: 'Kami sanggup melayani sesuai standar ini.' };
    expect((await t.app.inject({ method: 'PUT', url, payload: { texts, revision: 0 } })).statusCode).toBe(401);
    const pemohon = bearer(await loginAs(t.app, 'pemohon1'));
    expect((await t.app.inject({ method: 'PUT', url, headers: pemohon, payload: { texts, revision: 0 } })).statusCode).toBe(403);
    const bad = await t.app.inject({ method: 'PUT', url, headers: manager, payload: { texts: { ...texts, tarif: 'x' }, revision: 0 } });
    expect(bad.statusCode).toBe(400);
    expect((await get(url, manager)).json()).toEqual({ texts: {}, revision: 0 });

    const saved = await t.app.inject({ method: 'PUT', url, headers: manager, payload: { texts, revision: 0 } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().revision).toBe(1);
    const stale = await t.app.inject({ method: 'PUT', url, headers: admin, payload: { texts: { sarana: 'lain' }, revision: 0 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'STANDARD_CONFLICT', details: { revision: 1, updatedBy: 'manager' } });
    expect((await get(url, manager)).json()).toEqual({ texts, revision: 1 });
    const audit = await t.database.db.selectFrom('audit_log').select(['actor', 'subject']).where('action', '=', 'service-standard.update').execute();
    expect(audit).toEqual([{ actor: 'manager', subject: 'kaloran-reklame' }]);

    const page = (await get('/standar-pelayanan/kaloran-reklame')).body;
    expect(page).toContain('<p>Ruang tunggu ber-AC</p><p>Loket prioritas</p>');
    expect(page).toContain('5 orang');
    expect(page).toContain('Kami sanggup melayani sesuai standar ini.');
    expect(page).not.toContain(DEFAULT_MAKLUMAT);
  });

  it("penanganan pengaduan shows the office's complaint contact", async () => {
    const office = (await get('/api/admin/offices/kecamatan-kaloran', admin)).json();
    const input = { name: office.name, agency: office.agency, address: office.address, contacts: { ...office.contacts, phone: '0293 123456', complaints: 'SP4N-LAPOR! (lapor.go.id)\nKotak saran di ruang tunggu' }, numbering: office.numbering, processes: office.processes };
    const put = await t.app.inject({ method: 'PUT', url: '/api/admin/offices/kecamatan-kaloran', headers: admin, payload: input });
    expect(put.statusCode, put.body).toBe(200);
    const s = (await get('/api/public/service-standards/kaloran-reklame')).json();
    expect(s.office.contacts).toMatchObject({ phone: '0293 123456', complaints: 'SP4N-LAPOR! (lapor.go.id)\nKotak saran di ruang tunggu' });
    const page = (await get('/standar-pelayanan/kaloran-reklame')).body;
    expect(page).toContain('<li>Telepon: 0293 123456</li>');
    expect(page).toContain('<p>SP4N-LAPOR! (lapor.go.id)</p><p>Kotak saran di ruang tunggu</p>');
  });

  it('a new publication updates it at once', async () => {
    const key = 'kaloran-reklame';
    const xml = (await get(`/api/processes/${key}/versions/1`, manager)).json().content as string;
    const changed = xml.replace('name="Menandatangani Izin Reklame" sop:duration="PT30M"', 'name="Menandatangani Izin Reklame" sop:duration="P1D"');
    expect(changed).not.toBe(xml);
    const draft = await get(`/api/processes/${key}/draft`, manager);
    const etag = draft.statusCode === 200 ? { 'if-match': draft.headers.etag as string } : {};
    const put = await t.app.inject({ method: 'PUT', url: `/api/processes/${key}/draft`, payload: changed, headers: { ...manager, ...etag, 'content-type': 'application/xml' } });
    expect(put.statusCode, put.body).toBeLessThan(300);
    const pub = await t.app.inject({ method: 'POST', url: `/api/processes/${key}/publish`, headers: manager, payload: { effectiveFrom: todayInJakarta(), note: 'tanda tangan 1 hari' } });
    expect(pub.statusCode, pub.body).toBe(201);
    const s = (await get(`/api/public/service-standards/${key}`)).json();
    expect(s.publication).toBe(pub.json().n);
    expect(s.jangkaWaktu.text).toBe('1 hari kerja 4 jam 35 menit');
  });

  it('PDF: A4 with the components and the maklumat pelayanan', async () => {
    const res = await get('/standar-pelayanan/kaloran-reklame.pdf');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const file = path.join(work, `${kind}.pdf`);
    writeFileSync(file, res.rawPayload);
    const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const c of [...COMPONENTS, 'MAKLUMAT PELAYANAN', 'Kami sanggup melayani sesuai standar ini.', 'Kecamatan Kaloran', 'Izin Reklame', 'Ruang tunggu ber-AC']) expect(text).toContain(c);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.2\d? x 841\.8\d? pts \(A4\)/);
    const again = await get('/standar-pelayanan/kaloran-reklame.pdf');
    expect(Buffer.compare(again.rawPayload, res.rawPayload)).toBe(0);
  });
});
