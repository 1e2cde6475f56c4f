/**
 * Signed, verifiable PDFs (issue 20) on a real database and the real fastify app: every document
 * kind renders as an A4 PDF with the office's letterhead, number, terbilang and legal basis; the
 * signing steps refuse a missing or wrong passphrase (task still open, nothing issued) and issue
 * PAdES-signed permits and SKs that pdfsig reports valid and unmodified under the local CA; the QR
 * code read back from the rendered page leads to the verification JSON, which says valid, and a
 * changed byte no longer matches its SHA-256; revoking is the signing post's (or an admin's) and
 * audited; an office with a TTE service signs through it (a local stand-in with the BSrE contract).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { nssTrusting, OFFICE, pdfsig, pdfText, PROCESS, publishPermitProcess, qrOfPdf, START_VARIABLES, startTteStandIn } from './support.js';

type Json = Record<string, any>;

const KINDS = ['tanda-terima', 'nota', 'skpd', 'skrd', 'sppdkb', 'kwitansi', 'surat-penolakan', 'sk', 'izin'] as const;

describe.each(databaseKinds)('signed, verifiable documents (%s)', (kind) => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const as = (u: string) => bearer(tok[u]);
  const loket = `petugas-loket.${OFFICE}`;
  const kasi = `kasi.${OFFICE}`;
  const camat = `camat.${OFFICE}`;
  let instanceId = '';
  /** a file the loket refused (berkasLengkap: false): the only one with a rejection letter */
  let rejectedId = '';
  const pdfs: Record<string, Buffer> = {};

  const userId = async (username: string) => (await t.database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const openTask = async (user: string, element: string, inst = instanceId) => {
    const list = (await t.app.inject({ method: 'GET', url: '/api/tasks?scope=available', headers: as(user) })).json() as { items: Json[] };
    return list.items.find((x) => x.instanceId === inst && x.elementId === element);
  };
  const complete = (user: string, id: string, body: object) => t.app.inject({ method: 'POST', url: `/api/tasks/${id}/complete`, headers: as(user), payload: body });
  const startToSigning = async () => {
    const started = await t.app.inject({ method: 'POST', url: `/api/processes/${PROCESS}/instances`, headers: as('pemohon1'), payload: { office: OFFICE, variables: START_VARIABLES } });
    expect(started.statusCode, started.body).toBe(201);
    const id = (started.json() as Json).id as string;
    const periksa = await openTask(loket, 'periksa', id);
    expect((await complete(loket, periksa!.id, { variables: {} })).statusCode).toBe(200);
    return id;
  };
  const pdf = async (user: string, k: string, inst = instanceId) => t.app.inject({ method: 'GET', url: `/api/print/${inst}/${k}.pdf`, headers: as(user) });

  beforeAll(async () => {
    t = await createTestApp({ kind });
    await publishPermitProcess(t.database.db);
    for (const u of ['admin', 'pemohon1', 'pemohon2', loket, kasi, camat]) tok[u] = await loginAs(t.app, u);
    const identity = async (u: string, body: object) => {
      const r = await t.app.inject({ method: 'PUT', url: `/api/admin/users/${await userId(u)}/identity`, headers: as('admin'), payload: body });
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as Json;
    };
    await identity(camat, { fullName: 'Drs. Sutrisno Wibowo, M.Si.', nip: '196805121990031004', jabatan: 'Camat Kaloran', nik: '3323011205680001' });
    await identity(kasi, { fullName: 'Siti Rahmawati, S.Sos.', nip: '197703152005012003', jabatan: 'Kepala Seksi Pelayanan', nik: '3323015503770002' });
    await identity('pemohon1', { fullName: 'Budi Santoso', nik: '3323010101900003' });
    instanceId = await startToSigning();
    const refused = await t.app.inject({ method: 'POST', url: `/api/processes/${PROCESS}/instances`, headers: as('pemohon1'), payload: { office: OFFICE, variables: START_VARIABLES } });
    rejectedId = (refused.json() as Json).id as string;
    const periksa = await openTask(loket, 'periksa', rejectedId);
    const r = await complete(loket, periksa!.id, { variables: { berkasLengkap: false, pesanPemohon: 'Fotokopi KTP tidak terbaca.' } });
    expect(r.statusCode, r.body).toBe(200);
  }, 240_000);
  afterAll(async () => t?.close());

  it('identity fields are checked (NIP 18 digits, NIK 16) and shown in Pengguna', async () => {
    const bad = await t.app.inject({ method: 'PUT', url: `/api/admin/users/${await userId(kasi)}/identity`, headers: as('admin'), payload: { nip: '123' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'IDENTITY_INVALID', details: { fields: ['nip'] } });
    const list = (await t.app.inject({ method: 'GET', url: `/api/admin/users?search=camat.${OFFICE}`, headers: as('admin') })).json() as { items: Json[] };
    expect(list.items[0].identity).toEqual({ fullName: 'Drs. Sutrisno Wibowo, M.Si.', nip: '196805121990031004', jabatan: 'Camat Kaloran', nik: '3323011205680001' });
    expect((await t.app.inject({ method: 'PUT', url: `/api/admin/users/${await userId(kasi)}/identity`, headers: as(loket), payload: { nip: null } })).statusCode).toBe(403);
  });

  it('a signing step without a passphrase, or with a wrong one, is refused in Indonesian: the task stays open, no document, no number used', async () => {
    const task = (await openTask(kasi, 'ttd_sk'))!;
    const none = await complete(kasi, task.id, { variables: {} });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: 'SIGNATURE_REQUIRED' });
    const wrong = await complete(kasi, task.id, { variables: {}, passphrase: 'bukan-passphrase-saya' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('SIGNING_REFUSED');
    expect(wrong.json().message).toMatch(/Passphrase salah/);
    expect((await t.app.inject({ method: 'GET', url: `/api/tasks/${task.id}`, headers: as(kasi) })).json()).toMatchObject({ status: 'open' });
    const docs = await t.database.db.selectFrom('issued_documents').select('code').where('instance_id', '=', instanceId).execute();
    expect(docs).toEqual([]);
    const counters = await t.database.db.selectFrom('document_counters').selectAll().where('kind', '=', 'sk').execute();
    expect(counters).toEqual([]);
    // The permit is not out before its signing step.
    expect((await pdf('pemohon1', 'izin')).statusCode).toBe(404);
  });

  it('the SK and the permit are signed by their officials (PAdES, local CA): pdfsig says valid and unmodified', async () => {
    const sk = (await openTask(kasi, 'ttd_sk'))!;
    const r1 = await complete(kasi, sk.id, { variables: {}, passphrase: t.password });
    expect(r1.statusCode, r1.body).toBe(200);
    const izin = (await openTask(camat, 'ttd_izin'))!;
    const r2 = await complete(camat, izin.id, { variables: { berlakuSampai: '2031-12-31' }, passphrase: t.password });
    expect(r2.statusCode, r2.body).toBe(200);
    expect(r2.json().instance.status).toBe('completed');

    const nss = await nssTrusting(t.database.db);
    for (const k of ['sk', 'izin'] as const) {
      const res = await pdf('pemohon1', k);
      expect(res.statusCode, res.body).toBe(200);
      pdfs[k] = res.rawPayload;
      const report = await pdfsig(res.rawPayload, nss);
      expect(report).toContain('Signature is Valid');
      expect(report).toContain('Certificate is Trusted');
      expect(report).toContain('Total document signed');
      expect(report).toContain(k === 'izin' ? 'Drs. Sutrisno Wibowo' : 'Siti Rahmawati');
      expect(report).toMatch(/ETSI\.CAdES\.detached/);
    }
    const text = await pdfText(pdfs.izin);
    expect(text).toContain('KECAMATAN KALORAN'.slice(0, 9));
    expect(text).toContain('IZIN REKLAME');
    expect(text).toContain('Budi Santoso');
    expect(text).toContain('3323010101900003');
    expect(text).toContain('Toko Maju Jaya');
    expect(text).toContain('Jl. Raya Kaloran No. 5');
    expect(text).toContain('31 Desember 2031');
    expect(text).toContain('Camat Kaloran');
    expect(text).toContain('NIP 196805121990031004');
    expect(text).toContain('Ditandatangani secara elektronik');
    expect(text).not.toMatch(/camat\.kecamatan-kaloran|[0-9a-f]{8}-[0-9a-f]{4}-/);
    // The number is the numbering service's (per office, kind and year), never typed by anyone.
    const status = (await t.app.inject({ method: 'GET', url: `/api/workspace/applications/${instanceId}`, headers: as('pemohon1') })).json() as Json;
    expect(status.result).toMatchObject({ doc: 'izin', signed: true });
    expect(text).toContain(status.result.number);
    // Each signed kind has its own number series (per office, kind and year), in the office's format where it has one.
    expect(status.result.number).toMatch(/^503\/001\/IZIN\/KLR\/\d{4}$/);
    expect(await pdfText(pdfs.sk)).toMatch(/0001\/sk\/kecamatan-kaloran\/\d{4}/);
    // "Izin terbit" (issue 23): the applicant is told, with the permit's number, linking to their own page; nothing still asks them to act.
    const notes = (await t.app.inject({ method: 'GET', url: '/api/notifications', headers: as('pemohon1') })).json() as Json[];
    const mine = notes.filter((n) => n.instanceId === instanceId);
    expect(mine.find((n) => n.kind === 'permit-issued')).toMatchObject({ message: `Izin terbit: Izin Reklame ${status.result.number}`, link: `/portal/applications/${instanceId}`, readAt: null });
    expect(mine.filter((n) => n.kind === 'action-needed' && n.readAt === null)).toEqual([]);
  });

  it('every document kind is an A4 PDF with letterhead, number, Indonesian dates, terbilang and legal basis; served byte for byte after', async () => {
    for (const k of KINDS) {
      const user = k === 'izin' || k === 'sk' ? 'pemohon1' : loket;
      const res = await pdf(user, k, k === 'surat-penolakan' ? rejectedId : instanceId);
      expect(res.statusCode, `${k}: ${res.body.slice(0, 200)}`).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      pdfs[k] = res.rawPayload;
      const again = await pdf(user, k, k === 'surat-penolakan' ? rejectedId : instanceId);
      expect(Buffer.compare(again.rawPayload, res.rawPayload), `${k} served byte for byte`).toBe(0);
      expect(again.headers['x-document-sha256']).toBe(createHash('sha256').update(res.rawPayload).digest('hex'));
      const text = await pdfText(res.rawPayload);
      expect(text, k).toMatch(/Nomor: \S+/);
      expect(text, k).toMatch(/\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}/);
      if (['nota', 'skpd', 'skrd', 'sppdkb', 'kwitansi'].includes(k)) expect(text, k).toMatch(/Terbilang/);
    }
    // Retribusi Rp 100.000 (4 m × Rp 25.000) + 2 × 2 % late = Rp 104.000; SPPDKB Rp 1.000.000 + 2 × 2 % = Rp 1.040.000.
    const nota = await pdfText(pdfs.nota);
    expect(nota).toContain('Rp 100.000');
    expect(nota).toContain('Rp 1.144.000');
    expect(nota).toMatch(/satu juta seratus empat puluh empat ribu rupiah/);
    const sppdkb = await pdfText(pdfs.sppdkb);
    expect(sppdkb).toMatch(/satu juta empat puluh ribu rupiah/);
    expect(sppdkb).toMatch(/Dasar hukum/);
    const kwitansi = await pdfText(pdfs.kwitansi);
    expect(kwitansi).toContain('Telah terima dari Budi Santoso');
    // Unsigned documents show a masked NIK and name the officer by full name, never a username.
    expect(nota).toContain('3323********0003');
    // The HTML views of the new kinds answer too, and the applicant may not print another's.
    for (const k of ['sppdkb', 'sk', 'kwitansi']) expect((await t.app.inject({ method: 'GET', url: `/api/print/${instanceId}/${k}`, headers: as(loket) })).statusCode).toBe(200);
    expect((await pdf('pemohon2', 'izin')).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/print/${instanceId}/unknown.pdf`, headers: as(loket) })).statusCode).toBe(400);
  });

  it('each print kind exists only when the application produced it: no rejection letter for an approved one, no permit, SK or fee documents for a refused one (404 NOT_FOUND)', async () => {
    const html = (user: string, k: string, inst: string) => t.app.inject({ method: 'GET', url: `/api/print/${inst}/${k}`, headers: as(user) });
    for (const res of [await html(loket, 'surat-penolakan', instanceId), await pdf(loket, 'surat-penolakan', instanceId), await pdf('pemohon1', 'surat-penolakan', instanceId)]) {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'NOT_FOUND', message: expect.any(String) });
    }
    // The refused file: its letter prints (while the loket is at that step, and after), quoting the message; nothing else but the receipt.
    const letter = await html(loket, 'surat-penolakan', rejectedId);
    expect(letter.statusCode).toBe(200);
    expect(letter.body).toContain('Fotokopi KTP tidak terbaca.');
    for (const k of ['izin', 'sk', 'nota', 'skrd', 'kwitansi', 'sppdkb']) {
      const res = await html(k === 'izin' || k === 'sk' ? 'pemohon1' : loket, k, rejectedId);
      expect(res.statusCode, k).toBe(404);
      expect(res.json().code, k).toBe('NOT_FOUND');
    }
    // The task page offers exactly the documents the application produced, each its own print view.
    const tolak = (await openTask(loket, 'surat_tolak', rejectedId))!;
    const ctx = (await t.app.inject({ method: 'GET', url: `/api/workspace/tasks/${tolak.id}/context`, headers: as(loket) })).json() as Json;
    expect(ctx.printable).toEqual(['tanda-terima', 'surat-penolakan']);
    // The page starts with the applicant and the object the permit would state (issue 23).
    expect(ctx.applicant).toMatchObject({ name: 'Budi Santoso', nik: '3323010101900003' });
    // exactly the fields the form marks as the permit's object (a fee fact the form also asks is not one)
    expect(ctx.applicant.object).toEqual([{ label: 'Teks reklame', value: 'Toko Maju Jaya' }, { label: 'Lokasi', value: 'Jl. Raya Kaloran No. 5' }, { label: 'Panjang reklame', value: '4' }]);
    expect((await complete(loket, tolak.id, { variables: {} })).statusCode).toBe(200);
    const status = (await t.app.inject({ method: 'GET', url: `/api/workspace/applications/${rejectedId}`, headers: as('pemohon1') })).json() as Json;
    expect(status.result).toMatchObject({ doc: 'surat-penolakan' });
    expect((await pdf('pemohon1', 'surat-penolakan', rejectedId)).statusCode).toBe(200);
    expect((await pdf('pemohon1', 'izin', rejectedId)).statusCode).toBe(404);
  });

  it('the QR code on the rendered page leads to the verification: valid with the SHA-256 of the issued file; a changed byte no longer matches', async () => {
    for (const k of ['izin', 'nota'] as const) {
      const url = await qrOfPdf(pdfs[k]);
      expect(url, k).toMatch(/\/verifikasi\/[0-9A-F]{20}$/);
      const code = url!.split('/').pop()!;
      const v = (await t.app.inject({ method: 'GET', url: `/api/public/verify/${code}` })).json() as Json;
      expect(v).toMatchObject({ kind: k, status: 'valid', holderName: 'Bu** Sa*****', office: 'Kecamatan Kaloran' });
      expect(v.sha256).toBe(createHash('sha256').update(pdfs[k]).digest('hex'));
      const tampered = Buffer.from(pdfs[k]);
      tampered[Math.floor(tampered.length / 2)] ^= 0x01;
      expect(createHash('sha256').update(tampered).digest('hex')).not.toBe(v.sha256);
      const page = await t.app.inject({ method: 'GET', url: new URL(url!).pathname });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('data-status="valid"');
      expect(page.body).toContain(v.sha256);
      expect(page.body).not.toContain('Budi Santoso');
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/public/verify/00000000000000000000' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/verifikasi/00000000000000000000' })).statusCode).toBe(404);
  });

  it('revoking is for the signing post or an admin, audited; the verification then says dicabut; replacing issues a new code', async () => {
    const code = (await pdf('pemohon1', 'izin')).headers['x-document-code'] as string;
    const byLoket = await t.app.inject({ method: 'POST', url: `/api/documents/${code}/revoke`, headers: as(loket), payload: { reason: 'Salah cetak' } });
    expect(byLoket.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/documents/${code}/revoke`, headers: as('pemohon1'), payload: { reason: 'Salah cetak' } })).statusCode).toBe(404);
    const revoked = await t.app.inject({ method: 'POST', url: `/api/documents/${code}/revoke`, headers: as(camat), payload: { reason: 'Reklame dibongkar' } });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().status).toBe('dicabut');
    expect(((await t.app.inject({ method: 'GET', url: `/api/public/verify/${code}` })).json() as Json).status).toBe('dicabut');
    expect((await t.app.inject({ method: 'GET', url: `/verifikasi/${code}` })).body).toContain('data-status="dicabut"');
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'details']).where('subject', '=', `document:${code}`).execute();
    expect(audit.map((a) => a.action)).toEqual(['document.revoke']);
    expect(JSON.parse(audit[0].details)).toMatchObject({ reason: 'Reklame dibongkar', kind: 'izin' });
    expect((await t.app.inject({ method: 'POST', url: `/api/documents/${code}/revoke`, headers: as(camat), payload: { reason: 'lagi' } })).statusCode).toBe(409);

    // An unsigned nota replaced by an admin: same number, new code, the old one diganti.
    const nota = await pdf(loket, 'nota');
    const old = nota.headers['x-document-code'] as string;
    const replaced = await t.app.inject({ method: 'POST', url: `/api/documents/${old}/replace`, headers: as('admin'), payload: { reason: 'Koreksi tampilan' } });
    expect(replaced.statusCode, replaced.body).toBe(200);
    const next = replaced.json() as Json;
    expect(next.code).not.toBe(old);
    expect(((await t.app.inject({ method: 'GET', url: `/api/public/verify/${old}` })).json() as Json)).toMatchObject({ status: 'diganti', replacedBy: next.code });
    expect((await pdf(loket, 'nota')).headers['x-document-code']).toBe(next.code);
  });

  it('an office with a TTE service signs through it (BSrE-shaped stand-in): a wrong passphrase is refused in Indonesian, the right one gives a valid signature', async () => {
    const tte = await startTteStandIn(t.database.db, { '3323011205680001': { passphrase: 'passphrase-tte-camat', userId: await userId(camat), name: 'Drs. Sutrisno Wibowo, M.Si.' } });
    try {
      await t.database.db.insertInto('office_signers').values({ office: OFFICE, base_url: tte.url }).execute();
      const id = await startToSigning();
      const sk = (await openTask(kasi, 'ttd_sk', id))!;
      // The kasi's NIK is not registered at the TTE service.
      const unknown = await complete(kasi, sk.id, { variables: {}, passphrase: 'apa-saja' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().message).toMatch(/NIK Anda tidak terdaftar/);
      await t.database.db.deleteFrom('office_signers').where('office', '=', OFFICE).execute();
      expect((await complete(kasi, sk.id, { variables: {}, passphrase: t.password })).statusCode).toBe(200);
      await t.database.db.insertInto('office_signers').values({ office: OFFICE, base_url: tte.url }).execute();
      const izin = (await openTask(camat, 'ttd_izin', id))!;
      const wrong = await complete(camat, izin.id, { variables: {}, passphrase: t.password });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json()).toMatchObject({ code: 'SIGNING_REFUSED', message: expect.stringMatching(/Passphrase salah/) });
      expect((await t.app.inject({ method: 'GET', url: `/api/tasks/${izin.id}`, headers: as(camat) })).json()).toMatchObject({ status: 'open' });
      const ok = await complete(camat, izin.id, { variables: {}, passphrase: 'passphrase-tte-camat' });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(tte.requests.map((r) => r.tampilan)).toEqual(['invisible', 'invisible', 'invisible']);
      const signed = await pdf('pemohon1', 'izin', id);
      const report = await pdfsig(signed.rawPayload, await nssTrusting(t.database.db));
      expect(report).toContain('Signature is Valid');
      expect(report).toContain('Total document signed');
    } finally {
      await t.database.db.deleteFrom('office_signers').where('office', '=', OFFICE).execute();
      await tte.close();
    }
  });
});
