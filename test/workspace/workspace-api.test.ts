import Decimal from 'decimal.js';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { multipart, PDF_BYTES, PNG_BYTES, publishWorkspaceFixtures, REKLAME, REKLAME_START, SAMSAT_02 } from './fixtures.js';

type Json = Record<string, any>;

describe.each(databaseKinds)('workspace API on %s', (kind) => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const as = (user: string) => bearer(tok[user]);

  beforeAll(async () => {
    t = await createTestApp({ kind });
    await publishWorkspaceFixtures(t.database.db);
    for (const u of ['pemohon1', 'pemohon2', 'admin', 'petugas-loket.kecamatan-kaloran', 'kasi.kecamatan-kaloran', 'camat.kecamatan-kaloran', 'petugas-loket.bapenda-depok']) tok[u] = await loginAs(t.app, u);
  });
  afterAll(async () => t?.close());

  async function upload(user: string, filename: string, bytes: Buffer, query = '') {
    const body = multipart(filename, bytes);
    return t.app.inject({ method: 'POST', url: `/api/uploads${query}`, headers: { ...as(user), ...body.headers }, payload: body.payload });
  }

  async function inboxOf(user: string, tab: 'mine' | 'available', extra = '') {
    const res = await t.app.inject({ method: 'GET', url: `/api/inbox?tab=${tab}${extra}`, headers: as(user) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { tasks: Json[]; counts: { mine: number; available: number } };
  }

  it('an applicant registers with an email or a phone number and is logged in as pemohon', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { name: 'Siti Aminah', email: 'Siti@Contoh.id', password: 'kata-sandi-aman-1' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().user.roles).toEqual([{ role: 'pemohon', office: null }]);
    const byPhone = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { name: 'Budi', phone: '+62 812-3456-7890', password: 'kata-sandi-aman-2' } });
    expect(byPhone.statusCode, byPhone.body).toBe(201);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '081234567890', password: 'kata-sandi-aman-2' } });
    expect(login.statusCode).toBe(200);
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { name: 'Siti lagi', email: 'siti@contoh.id', password: 'kata-sandi-aman-3' } });
    expect(again.statusCode).toBe(409);
    const neither = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { name: 'Tanpa kontak', password: 'kata-sandi-aman-4' } });
    expect(neither.statusCode).toBe(400);
  });

  it('the services catalog lists the published reklame service for Kaloran with its requirements and SLA', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/services?office=kecamatan-kaloran' });
    expect(res.statusCode, res.body).toBe(200);
    const svc = (res.json() as Json[]).find((s) => s.key === REKLAME)!;
    expect(svc.online).toBe(true);
    expect(svc.requirements.map((d: Json) => d.code)).toEqual(['FORMULIR', 'KTP', 'NPWP', 'SURAT-KUASA', 'SKETSA-LOKASI', 'DESAIN-REKLAME', 'FOTO-LOKASI', 'IMB']);
    expect(svc.feeRuleSets).toEqual(['kaloran-reklame']);
    expect(Object.keys(svc.requirementFacts.properties)).toEqual(['dikuasakan', 'jenisReklame']);
    // The longest path without loops, as processes/README.md states it for this SOP.
    expect(svc.slaText).toBe('5 jam 5 menit');
    const other = await t.app.inject({ method: 'GET', url: '/api/services?office=samsat-serang' });
    expect((other.json() as Json[]).some((s) => s.key === REKLAME)).toBe(false);
    expect((other.json() as Json[]).some((s) => s.key === SAMSAT_02)).toBe(true);
    const startable = await t.app.inject({ method: 'GET', url: '/api/services/startable', headers: as('petugas-loket.kecamatan-kaloran') });
    expect((startable.json() as Json[]).map((s) => s.key)).toContain(REKLAME);
    const notStarter = await t.app.inject({ method: 'GET', url: '/api/services/startable', headers: as('camat.kecamatan-kaloran') });
    expect((notStarter.json() as Json[]).map((s) => s.key)).not.toContain(REKLAME);
  });

  it('an upload named .pdf with PNG content is refused; a real PDF is stored with its hash', async () => {
    const bad = await upload('pemohon1', 'akta.pdf', PNG_BYTES);
    expect(bad.statusCode).toBe(415);
    expect(bad.json().code).toBe('UPLOAD_TYPE_MISMATCH');
    const notAllowed = await upload('pemohon1', 'skrip.pdf', Buffer.from('<html><script>alert(1)</script></html>'));
    expect(notAllowed.json().code).toBe('UPLOAD_TYPE_NOT_ALLOWED');
    const ok = await upload('pemohon1', 'ktp.pdf', PDF_BYTES, '?document=ktp');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ contentType: 'application/pdf', size: PDF_BYTES.length, document: 'ktp' });
    const png = await upload('pemohon1', 'foto.png', PNG_BYTES);
    expect(png.json().contentType).toBe('image/png');
  });

  it('an upload over 10 MB is refused with 413 and the error body', async () => {
    const big = Buffer.concat([PDF_BYTES, Buffer.alloc(10 * 1024 * 1024)]);
    const res = await upload('pemohon1', 'besar.pdf', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('UPLOAD_TOO_LARGE');
  });

  async function available(user: string, instanceId: string) {
    return (await inboxOf(user, 'available')).tasks.find((x) => x.instanceId === instanceId);
  }
  async function claimAndComplete(user: string, taskId: string, variables: Json = {}) {
    const claim = await t.app.inject({ method: 'POST', url: `/api/tasks/${taskId}/claim`, headers: as(user) });
    expect(claim.statusCode, claim.body).toBe(200);
    const done = await t.app.inject({ method: 'POST', url: `/api/tasks/${taskId}/complete`, headers: as(user), payload: { variables } });
    expect(done.statusCode, done.body).toBe(200);
  }
  const context = async (user: string, taskId: string) =>
    (await t.app.inject({ method: 'GET', url: `/api/workspace/tasks/${taskId}/context`, headers: as(user) })).json() as Json;

  it('reklame permanen: missing document → tidak lengkap → applicant sees which, uploads it → lengkap → fee nota Rp 25.000 × meters → payment → camat signs → applicant downloads the permit', async () => {
    const loket = 'petugas-loket.kecamatan-kaloran';
    // The applicant stages six of the seven documents, applies and submits; the IMB is missing.
    const codes = ['FORMULIR', 'KTP', 'NPWP', 'SKETSA-LOKASI', 'DESAIN-REKLAME', 'FOTO-LOKASI'];
    const staged = await Promise.all(codes.map(async (c) => (await upload('pemohon1', `${c.toLowerCase()}.pdf`, PDF_BYTES, `?document=${c}`)).json() as Json));
    const started = await t.app.inject({
      method: 'POST',
      url: `/api/processes/${REKLAME}/instances`,
      headers: as('pemohon1'),
      payload: { office: 'kecamatan-kaloran', variables: { ...REKLAME_START, jenisReklame: 'permanen', lengthMeters: 4 } },
    });
    expect(started.statusCode, started.body).toBe(201);
    const instanceId = started.json().id as string;
    // the office's registration number: the applicant names no key of their own (assessment round 2)
    const number = started.json().registrationNumber as string;
    const attach = await t.app.inject({ method: 'POST', url: '/api/uploads/attach', headers: as('pemohon1'), payload: { instanceId, uploadIds: staged.map((u) => u.id) } });
    expect(attach.json()).toEqual({ attached: 6 });
    // Nothing reaches the loket before the applicant submitted.
    expect(await available(loket, instanceId)).toBeUndefined();
    const ajukan = (started.json().tasks as Json[]).find((x) => x.elementId === 'ajukan')!;
    const submit = await t.app.inject({ method: 'POST', url: `/api/tasks/${ajukan.id}/complete`, headers: as('pemohon1'), payload: { variables: {} } });
    expect(submit.statusCode, submit.body).toBe(200);

    // The loket officer of Kaloran sees it; an officer of another office never does.
    const avail = await inboxOf(loket, 'available', `&q=${encodeURIComponent(number)}`);
    const task = avail.tasks.find((x) => x.instanceId === instanceId)!;
    expect(task).toMatchObject({ elementId: 'periksa', businessKey: null, registrationNumber: number, sla: 'on-time' });
    expect(task.applicantName).toBeTruthy();
    expect(await available('petugas-loket.bapenda-depok', instanceId)).toBeUndefined();
    expect(await available('camat.kecamatan-kaloran', instanceId)).toBeUndefined();

    // Officers of the office may read the uploaded file; another applicant may not.
    const ktp = staged[1].id as string;
    expect((await t.app.inject({ method: 'GET', url: `/api/uploads/${ktp}/content`, headers: as(loket) })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/uploads/${ktp}/content`, headers: as('pemohon2') })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/uploads/${ktp}/content`, headers: as('petugas-loket.bapenda-depok') })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/uploads/${ktp}/content`, headers: as('admin') })).statusCode).toBe(200);

    // The task page: decision buttons from the gateway, the checklist with the IMB missing.
    const ctx = await context(loket, task.id);
    // The applicant's account and the object the forms declare (the permit states the same) head the page.
    const pemohon1 = await t.database.db.selectFrom('users').select(['name', 'full_name']).where('username', '=', 'pemohon1').executeTakeFirstOrThrow();
    expect(ctx.applicant).toMatchObject({ name: pemohon1.full_name ?? pemohon1.name, businessKey: null });
    expect(ctx.printable).toEqual(['tanda-terima']);
    expect(ctx.decisions.map((d: Json) => [d.label, d.variables])).toEqual([
      ['Lengkap', { berkasLengkap: true }],
      ['Tidak lengkap', { berkasLengkap: false }],
    ]);
    expect(ctx.checklist.filter((d: Json) => !d.present).map((d: Json) => d.code)).toEqual(['IMB']);
    expect(ctx.checklist).toHaveLength(7);
    expect(ctx.current).toEqual(['periksa']);
    expect(ctx.done).toContain('ajukan');

    await claimAndComplete(loket, task.id, { berkasLengkap: false, dokumenKurang: ['IMB'], catatan: 'Pemohon sudah ditelepon', pesanPemohon: 'IMB konstruksi reklame belum dilampirkan' });
    expect((await inboxOf(loket, 'mine')).tasks.map((x) => x.id)).not.toContain(task.id);

    // The applicant sees exactly which document and gets an in-app notification.
    const status = (await t.app.inject({ method: 'GET', url: `/api/workspace/applications/${instanceId}`, headers: as('pemohon1') })).json() as Json;
    expect(status.expected[0]).toEqual({ kind: 'missing-documents', documents: ['Izin Mendirikan Bangunan (IMB) konstruksi reklame'] });
    // The message written for the applicant reaches them; the officers' internal note never does
    // (status page, the instance's variables, its history), while officers read both in the history.
    expect(status.expected).toContainEqual({ kind: 'note', text: 'IMB konstruksi reklame belum dilampirkan' });
    expect(status.timeline.map((e: Json) => e.note)).toContain('IMB konstruksi reklame belum dilampirkan');
    const applicantReads = [status, ...(await Promise.all([`/api/instances/${instanceId}`, `/api/instances/${instanceId}/history`].map(async (url) => (await t.app.inject({ method: 'GET', url, headers: as('pemohon1') })).json())))];
    for (const r of applicantReads) expect(JSON.stringify(r)).not.toContain('Pemohon sudah ditelepon');
    const officerHistory = (await t.app.inject({ method: 'GET', url: `/api/instances/${instanceId}/history`, headers: as(loket) })).json() as Json;
    expect(officerHistory.items.find((h: Json) => h.elementId === 'periksa')?.details).toMatchObject({ catatan: 'Pemohon sudah ditelepon', pesanPemohon: 'IMB konstruksi reklame belum dilampirkan' });
    // Who did what, with the outcome in the diagram's words (issue 23); the applicant reads no officer's name.
    const loketUser = await t.database.db.selectFrom('users').select(['name', 'full_name']).where('username', '=', loket).executeTakeFirstOrThrow();
    expect(officerHistory.items.find((h: Json) => h.elementId === 'periksa')).toMatchObject({ outcome: 'Tidak lengkap', actorName: loketUser.full_name ?? loketUser.name });
    const applicantHistory = (await t.app.inject({ method: 'GET', url: `/api/instances/${instanceId}/history`, headers: as('pemohon1') })).json() as Json;
    expect(applicantHistory.items.find((h: Json) => h.elementId === 'periksa')).toMatchObject({ outcome: 'Tidak lengkap', actorName: null });
    expect(status.myTasks.map((x: Json) => x.id)).toHaveLength(1);
    // One notice for the one event (issue 23): "berkas tidak lengkap" says what is needed; no second "Tindakan Anda diperlukan" beside it.
    const unread = async () => ((await t.app.inject({ method: 'GET', url: '/api/notifications?unread=true', headers: as('pemohon1') })).json() as Json[]).filter((n) => n.instanceId === instanceId);
    expect((await unread()).filter((n) => n.kind !== 'application-registered').map((n) => [n.kind, n.message])).toEqual([['berkas-tidak-lengkap', expect.stringMatching(/belum lengkap$/)]]);
    const list = (await t.app.inject({ method: 'GET', url: '/api/workspace/applications', headers: as('pemohon1') })).json() as Json[];
    expect(list.find((a) => a.id === instanceId)?.waitingOnMe).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: `/api/workspace/applications/${instanceId}`, headers: as('pemohon2') })).statusCode).toBe(404);

    // Upload the IMB straight to the application, then resubmit.
    const imb = await upload('pemohon1', 'imb.pdf', PDF_BYTES, `?document=IMB&instanceId=${instanceId}`);
    expect(imb.statusCode, imb.body).toBe(201);
    const resubmit = await t.app.inject({ method: 'POST', url: `/api/tasks/${status.myTasks[0].id}/complete`, headers: as('pemohon1'), payload: { variables: {} } });
    expect(resubmit.statusCode, resubmit.body).toBe(200);
    // done: what asked for it is resolved
    expect((await unread()).map((n) => n.kind)).toEqual(['application-registered']);

    const again = (await available(loket, instanceId))!;
    expect((await context(loket, again.id)).checklist.every((d: Json) => d.present)).toBe(true);
    await claimAndComplete(loket, again.id, { berkasLengkap: true });

    // Kasi: research without a field check (its step offers the facts of the fee computation next).
    const teliti = (await available('kasi.kecamatan-kaloran', instanceId))!;
    const tctx = await context('kasi.kecamatan-kaloran', teliti.id);
    expect(tctx.facts.ruleSets).toEqual(['kaloran-reklame']);
    expect(tctx.facts.values).toEqual({ lengthMeters: 4 });
    await claimAndComplete('kasi.kecamatan-kaloran', teliti.id, { perluCekLapangan: false });

    // The fee nota: 4 m × Rp 25.000, with the tariff version, on the recommendation step.
    const rek = (await available('kasi.kecamatan-kaloran', instanceId))!;
    const ctx3 = await context('kasi.kecamatan-kaloran', rek.id);
    expect(ctx3.fees[0]).toMatchObject({ total: '100000', ruleSet: { key: 'kaloran-reklame' } });
    expect(ctx3.fees[0].fees[0]).toMatchObject({ code: 'RETRIBUSI', amount: '100000' });
    const nota = await t.app.inject({ method: 'GET', url: `/api/print/${instanceId}/skrd`, headers: as('kasi.kecamatan-kaloran') });
    expect(nota.statusCode).toBe(200);
    expect(nota.headers['content-type']).toContain('text/html');
    expect(nota.body).toContain('Rp 100.000');
    expect(nota.body).toContain('kaloran-reklame');
    expect((await t.app.inject({ method: 'GET', url: `/api/print/${instanceId}/nota`, headers: as('pemohon2') })).statusCode).toBe(404);
    await claimAndComplete('kasi.kecamatan-kaloran', rek.id, { permohonanDiterima: true });

    // Payment: the applicant pays (their step), the loket confirms.
    const pay = (await t.app.inject({ method: 'GET', url: `/api/workspace/applications/${instanceId}`, headers: as('pemohon1') })).json() as Json;
    expect(pay.myTasks.map((x: Json) => x.name)).toEqual(['Membayar retribusi melalui SKRD di loket pembayaran']);
    expect(pay.fees[0].total).toBe('100000');
    expect((await t.app.inject({ method: 'POST', url: `/api/tasks/${pay.myTasks[0].id}/complete`, headers: as('pemohon1'), payload: { variables: {} } })).statusCode).toBe(200);
    // The loket pembayaran records the amount received (issue 23): the receipt is numbered by the office's numbering service.
    await claimAndComplete(loket, (await available(loket, instanceId))!.id, { jumlahDiterima: '100000', metodePembayaran: 'tunai' });
    const paidRecord = ((await t.app.inject({ method: 'GET', url: `/api/workspace/applications/${instanceId}`, headers: as('pemohon1') })).json() as Json).payment;
    expect(paidRecord).toMatchObject({ tagihan: '100000', diterima: '100000', kembalian: '0', nomorBukti: expect.stringMatching(/^KW\/\d{6}\/kecamatan-kaloran\/\d{4}$/) });
    await claimAndComplete('kasi.kecamatan-kaloran', (await available('kasi.kecamatan-kaloran', instanceId))!.id);
    // The camat sees the permit only now, signs; the loket hands it over.
    const ttd = (await available('camat.kecamatan-kaloran', instanceId))!;
    expect(ttd.elementId).toBe('ttd_camat');
    const permitEarly = await t.app.inject({ method: 'GET', url: `/api/print/${instanceId}/izin`, headers: as('pemohon1') });
    expect(permitEarly.statusCode).toBe(404);
    await claimAndComplete('camat.kecamatan-kaloran', ttd.id);
    await claimAndComplete(loket, (await available(loket, instanceId))!.id);

    const final = (await t.app.inject({ method: 'GET', url: `/api/workspace/applications/${instanceId}`, headers: as('pemohon1') })).json() as Json;
    expect(final.status).toBe('completed');
    // The camat signs on paper: the permit has no number of its own, and the answer says so (null: the portal shows
    // "(belum bernomor)"), never an internal id or another number passed off as the permit's.
    expect(final.result).toEqual({ title: 'Izin Reklame', doc: 'izin', number: null, signed: false });
    const permit = await t.app.inject({ method: 'GET', url: `/api/print/${instanceId}/izin`, headers: as('pemohon1') });
    expect(permit.statusCode).toBe(200);
    expect(permit.body).toContain('Izin Reklame');
    expect(permit.body).toContain(number);
    expect((await t.app.inject({ method: 'GET', url: `/api/print/${instanceId}/izin`, headers: as('pemohon2') })).statusCode).toBe(404);
    const receipt = await t.app.inject({ method: 'GET', url: `/api/print/${instanceId}/tanda-terima`, headers: as('pemohon1') });
    expect(receipt.body).toContain('imb.pdf');
    // Nothing stale once the permit is out: no unread notice still asks the applicant to act.
    expect((await unread()).filter((n) => ['action-needed', 'berkas-tidak-lengkap', 'fee-to-pay'].includes(n.kind))).toEqual([]);
  });

  it('Samsat SOP 02 at the counter: pendaftaran starts it for a walk-in, penetapan computes PKB, the korektor rejects once then accepts, the kasir completes; each inbox shows the step only at its moment, another office never', async () => {
    const office = 'samsat-serang';
    const who = (role: string) => `${role}.${office}`;
    const roles = ['petugas-pendaftaran', 'petugas-kepolisian', 'petugas-penetapan', 'korektor', 'kasir'];
    for (const r of roles) tok[who(r)] ??= await loginAs(t.app, who(r));
    for (const r of roles) tok[`${r}.samsat-cilegon`] ??= await loginAs(t.app, `${r}.samsat-cilegon`);
    const started = await t.app.inject({
      method: 'POST',
      url: `/api/processes/${SAMSAT_02}/instances`,
      headers: as(who('petugas-pendaftaran')),
      payload: { office, businessKey: 'A 1234 BC', variables: {}, applicant: { name: 'Pak Slamet', nik: '3604010101800001' } },
    });
    expect(started.statusCode, started.body).toBe(201);
    const id = started.json().id as string;
    /** Which roles of the office see a step of this instance now ("Tersedia"), and that Cilegon sees none. */
    const seenBy = async () => {
      const out: string[] = [];
      for (const r of roles) {
        const task = await available(who(r), id);
        if (task) out.push(`${r}:${task.elementId}`);
        expect(await available(`${r}.samsat-cilegon`, id)).toBeUndefined();
      }
      return out;
    };
    const step = async (role: string, elementId: string, variables: Json = {}) => {
      const task = (await available(who(role), id))!;
      expect(task?.elementId).toBe(elementId);
      await claimAndComplete(who(role), task.id, variables);
    };
    // The wajib pajak's hand-in is done by the officer on their behalf: in "Tugas saya", nobody's "Tersedia".
    const handIn = (started.json().tasks as Json[])[0];
    expect(handIn).toMatchObject({ elementId: 'serah_sppkb', onBehalf: true });
    // Inbox search (issue 23): "A 1234 BC" however typed, or a part of it.
    for (const typed of ['a1234bc', 'A 1234 BC', '1234', 'a-1234']) {
      expect((await inboxOf(who('petugas-pendaftaran'), 'mine', `&q=${encodeURIComponent(typed)}`)).tasks.map((x) => x.id), typed).toEqual([handIn.id]);
    }
    expect((await inboxOf(who('petugas-pendaftaran'), 'mine', '&q=9999')).tasks).toEqual([]);
    expect(await seenBy()).toEqual([]);
    // A walk-in hands in paper: the counter ticks each document it received.
    const handInCtx = await context(who('petugas-pendaftaran'), handIn.id);
    // The task page starts with who and what (issue 23): the walk-in's name and NIK, the nomor polisi.
    expect(handInCtx.applicant).toMatchObject({ name: 'Pak Slamet', nik: '3604010101800001', businessKey: 'A 1234 BC' });
    const onPaper = (handInCtx.checklist as Json[]).map((d) => d.code);
    expect(onPaper.length).toBeGreaterThan(0);
    expect((await t.app.inject({ method: 'POST', url: `/api/tasks/${handIn.id}/complete`, headers: as(who('petugas-pendaftaran')), payload: { variables: { dokumenDiterima: onPaper } } })).statusCode).toBe(200);
    expect(await seenBy()).toEqual(['petugas-pendaftaran:terima_sppkb']);
    await step('petugas-pendaftaran', 'terima_sppkb');
    // The later post sees what the counter received on paper at the hand-in (recorded once, with who, in the history).
    const periksa = (await available(who('petugas-pendaftaran'), id))!;
    const seen = (await context(who('petugas-pendaftaran'), periksa.id)).checklist as Json[];
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((d) => !(d.present && d.receivedAtCounter)).map((d) => d.code)).toEqual([]);
    await claimAndComplete(who('petugas-pendaftaran'), periksa.id, { berkasLengkap: true });
    await step('petugas-pendaftaran', 'serah_kepolisian');
    expect(await seenBy()).toEqual(['petugas-kepolisian:entry_data']);
    // The police entry step offers the facts samsat-fees reads; the PKB is computed from them.
    const entry = (await available(who('petugas-kepolisian'), id))!;
    expect((await context(who('petugas-kepolisian'), entry.id)).facts.ruleSets).toEqual(['samsat-fees']);
    await step('petugas-kepolisian', 'entry_data', { vehicleType: 'minibus', njkb: 200000000 });
    expect(await seenBy()).toEqual(['petugas-penetapan:terbit_nppkb']);
    const nppkb = (await available(who('petugas-penetapan'), id))!;
    const first = (await context(who('petugas-penetapan'), nppkb.id)).fees[0] as Json;
    expect(first.ruleSet.key).toBe('samsat-fees');
    expect(first.fees.find((f: Json) => f.code === 'PKB')).toBeTruthy();
    await step('petugas-penetapan', 'terbit_nppkb');
    expect(await seenBy()).toEqual(['korektor:koreksi']);
    // The korektor disagrees (corrects the NJKB): back to penetapan with a recomputed PKB.
    const koreksi = (await available(who('korektor'), id))!;
    const kctx = await context(who('korektor'), koreksi.id);
    expect(kctx.decisions.map((d: Json) => d.label)).toEqual(['Setuju', 'Tidak setuju']);
    await step('korektor', 'koreksi', { koreksiSetuju: false, njkb: 180000000, catatan: 'NJKB tidak sesuai tabel' });
    expect(await seenBy()).toEqual(['petugas-penetapan:terbit_nppkb']);
    const again = (await available(who('petugas-penetapan'), id))!;
    const second = (await context(who('petugas-penetapan'), again.id)).fees[0] as Json;
    expect(new Decimal(second.total).lessThan(first.total)).toBe(true);
    await step('petugas-penetapan', 'terbit_nppkb');
    await step('korektor', 'koreksi', { koreksiSetuju: true });
    expect(await seenBy()).toEqual(['korektor:serah_kasir']);
    await step('korektor', 'serah_kasir');
    // SOP Pembayaran: the wajib pajak pays (the counter officer on their behalf), the kasir validates.
    const mine = async () => (await inboxOf(who('petugas-pendaftaran'), 'mine')).tasks.filter((x) => x.businessKey === 'A 1234 BC');
    const pay = (await mine())[0];
    expect(pay.elementId).toBe('bayar');
    expect(await seenBy()).toEqual([]);
    expect((await t.app.inject({ method: 'POST', url: `/api/tasks/${pay.id}/complete`, headers: as(who('petugas-pendaftaran')), payload: { variables: {} } })).statusCode).toBe(200);
    const kasir = (await inboxOf(who('kasir'), 'available')).tasks.find((x) => x.businessKey === 'A 1234 BC')!;
    expect(kasir.elementId).toBe('terima_bayar');
    expect((await inboxOf('kasir.samsat-cilegon', 'available')).tasks.some((x) => x.businessKey === 'A 1234 BC')).toBe(false);
    // The kasir types the amount received against the NPPKB's total; the receipt's number comes back to SOP 02's history.
    const due = (await context(who('kasir'), kasir.id)).payment.due as string;
    expect(Number(due)).toBeGreaterThan(0);
    await claimAndComplete(who('kasir'), kasir.id, { jumlahDiterima: due, metodePembayaran: 'tunai' });
    const receive = (await mine())[0];
    expect(receive.elementId).toBe('terima_skpd');
    expect((await t.app.inject({ method: 'POST', url: `/api/tasks/${receive.id}/complete`, headers: as(who('petugas-pendaftaran')), payload: { variables: {} } })).statusCode).toBe(200);
    const inst = (await t.app.inject({ method: 'GET', url: `/api/instances/${id}`, headers: as(who('kasir')) })).json() as Json;
    expect(inst.status).toBe('completed');
    const history = (await t.app.inject({ method: 'GET', url: `/api/instances/${id}/history`, headers: as(who('kasir')) })).json() as { items: Json[] };
    expect(history.items.find((h) => h.elementId === 'pembayaran')?.details?.pembayaran).toMatchObject({ tagihan: due, nomorBukti: expect.stringMatching(/^KW\/\d{6}\/samsat-serang\/\d{4}$/) });
    expect((await t.app.inject({ method: 'GET', url: `/api/instances/${id}`, headers: as('kasir.samsat-cilegon') })).statusCode).toBe(404);
    // A supervisor finds the closed application the same way; another office's officer does not.
    tok.manager ??= await loginAs(t.app, 'manager');
    const found = (await t.app.inject({ method: 'GET', url: '/api/instances?q=a1234bc', headers: as('manager') })).json() as { items: Json[] };
    expect(found.items.find((i) => i.id === id)?.status).toBe('completed');
    // (and the payment sub-process it called, under the same nomor polisi)
    expect(found.items.every((i) => i.businessKey === 'A 1234 BC')).toBe(true);
    expect(((await t.app.inject({ method: 'GET', url: '/api/instances?q=1234', headers: as('kasir.samsat-cilegon') })).json() as { items: Json[] }).items).toEqual([]);
  });

  it('two officers claim the same task at once: exactly one gets it, the other a 409 naming the conflict', async () => {
    const started = await t.app.inject({
      method: 'POST',
      url: `/api/processes/${REKLAME}/instances`,
      headers: as('petugas-loket.kecamatan-kaloran'),
      payload: { office: 'kecamatan-kaloran', businessKey: 'REK-2025-002', variables: { ...REKLAME_START, lengthMeters: 2 }, applicant: { name: 'Pak Warso', nik: '3301010101010001' } },
    });
    expect(started.statusCode, started.body).toBe(201);
    // A walk-in: the applicant's own step (handing in the application) is the starting officer's.
    const handIn = (started.json().tasks as Json[])[0];
    expect(handIn).toMatchObject({ elementId: 'ajukan', onBehalf: true });
    expect((await inboxOf('petugas-loket.kecamatan-kaloran', 'mine')).tasks.map((x) => x.id)).toContain(handIn.id);
    const handedIn = await t.app.inject({ method: 'POST', url: `/api/tasks/${handIn.id}/complete`, headers: as('petugas-loket.kecamatan-kaloran'), payload: { variables: {} } });
    expect(handedIn.statusCode, handedIn.body).toBe(200);
    const task = (await inboxOf('petugas-loket.kecamatan-kaloran', 'available', '&applicant=warso')).tasks.find((x) => x.instanceId === started.json().id)!;
    expect(task.applicantName).toBe('Pak Warso');
    const colleague = 'petugas-loket2';
    await t.app.inject({ method: 'GET', url: '/api/health' });
    const { createUser } = await import('../../server/services/accounts/accounts.js');
    await createUser(t.database.db, { username: colleague, password: t.password, roles: [{ role: 'petugas-loket', office: 'kecamatan-kaloran' }] }, 'test');
    tok[colleague] = await loginAs(t.app, colleague);
    const [a, b] = await Promise.all([
      t.app.inject({ method: 'POST', url: `/api/tasks/${task.id}/claim`, headers: as('petugas-loket.kecamatan-kaloran') }),
      t.app.inject({ method: 'POST', url: `/api/tasks/${task.id}/claim`, headers: as(colleague) }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().code).toBe('TASK_NOT_CLAIMABLE');
    // The conflict names who took it (issue 23), by name, not by id.
    const winnerName = a.statusCode === 200 ? 'petugas-loket.kecamatan-kaloran' : colleague;
    const winnerUser = await t.database.db.selectFrom('users').select('name').where('username', '=', winnerName).executeTakeFirstOrThrow();
    expect(loser.json().details).toMatchObject({ claimedByName: winnerUser.name });
    expect(loser.json().message).toContain(winnerUser.name);
    // The task left "Tersedia" for both, and is in "Tugas saya" only for the winner.
    const winner = a.statusCode === 200 ? 'petugas-loket.kecamatan-kaloran' : colleague;
    expect((await inboxOf(winner, 'mine')).tasks.map((x) => x.id)).toContain(task.id);
    expect((await inboxOf(colleague, 'available')).tasks.map((x) => x.id)).not.toContain(task.id);
  });

  it('one account signed in at two counter desks: the second desk cannot take what the first took, and the first taking it again (a double click) keeps it', async () => {
    const loket = 'petugas-loket.kecamatan-kaloran';
    const started = await t.app.inject({
      method: 'POST',
      url: `/api/processes/${REKLAME}/instances`,
      headers: as(loket),
      payload: { office: 'kecamatan-kaloran', businessKey: 'REK-2025-003', variables: { ...REKLAME_START, lengthMeters: 2 }, applicant: { name: 'Bu Sri', nik: '3301010101010002' } },
    });
    expect(started.statusCode, started.body).toBe(201);
    const handIn = (started.json().tasks as Json[])[0];
    expect((await t.app.inject({ method: 'POST', url: `/api/tasks/${handIn.id}/complete`, headers: as(loket), payload: { variables: {} } })).statusCode).toBe(200);
    const task = (await inboxOf(loket, 'available', '&applicant=sri')).tasks.find((x) => x.instanceId === started.json().id)!;
    // The post's account, signed in again at the next desk.
    const deskA = as(loket);
    const deskB = bearer(await loginAs(t.app, loket));
    const claim = (headers: Record<string, string>) => t.app.inject({ method: 'POST', url: `/api/tasks/${task.id}/claim`, headers });
    expect((await claim(deskA)).statusCode).toBe(200);
    const doubleClick = await claim(deskA);
    expect(doubleClick.statusCode, doubleClick.body).toBe(200);
    expect(doubleClick.json()).toMatchObject({ id: task.id, claimedBy: expect.any(String) });
    const otherDesk = await claim(deskB);
    expect(otherDesk.statusCode, otherDesk.body).toBe(409);
    expect(otherDesk.json()).toMatchObject({ code: 'TASK_NOT_CLAIMABLE', details: { elsewhere: true } });
    expect(otherDesk.json().message).toContain('akun Anda');
    // Given back at desk A, it is desk B's to take — and then no longer desk A's.
    expect((await t.app.inject({ method: 'POST', url: `/api/tasks/${task.id}/unclaim`, headers: deskA })).statusCode).toBe(200);
    expect((await claim(deskB)).statusCode).toBe(200);
    expect((await claim(deskA)).statusCode).toBe(409);
  });

  it("the task page starts with the applicant and the object the start form marks; an officer's measurement over the declared size is named by its label in the history", async () => {
    const loket = 'petugas-loket.kecamatan-kaloran';
    const kasi = 'kasi.kecamatan-kaloran';
    const started = await t.app.inject({
      method: 'POST',
      url: `/api/processes/${REKLAME}/instances`,
      headers: as(loket),
      payload: {
        office: 'kecamatan-kaloran',
        businessKey: 'REK-UKUR',
        variables: { namaPemohon: 'Sri Wahyuni', nikPemohon: '3323014501800002', alamatPemohon: 'Dusun Krajan RT 01, Kaloran', jenisReklame: 'non-permanen', teksReklame: 'Warung Bu Sri', lengthMeters: 2, lebarMeter: 1, lokasiReklame: 'Jl. Raya Kaloran km 3', jangkaWaktuHari: 30 },
        applicant: { name: 'Bu Sri' },
      },
    });
    expect(started.statusCode, started.body).toBe(201);
    const instanceId = started.json().id as string;
    await claimAndComplete(loket, (started.json().tasks as Json[])[0].id);
    const periksa = (await available(loket, instanceId))!;
    // The card heads the page with what the start form marks: the identity fills what the counter's
    // record lacks (NIK, address), the object is exactly the permit's fields — never the identity again.
    const card = (await context(loket, periksa.id)).applicant as Json;
    expect(card).toMatchObject({ name: 'Bu Sri', nik: '3323014501800002', address: 'Dusun Krajan RT 01, Kaloran', businessKey: 'REK-UKUR' });
    expect(card.object).toEqual([
      { label: 'Jenis reklame', value: 'non-permanen' },
      { label: 'Teks reklame', value: 'Warung Bu Sri' },
      { label: 'Panjang reklame', value: '2' },
      { label: 'Lebar reklame', value: '1' },
      { label: 'Lokasi pemasangan', value: 'Jl. Raya Kaloran km 3' },
      { label: 'Jangka waktu pemasangan', value: '30' },
    ]);
    await claimAndComplete(loket, periksa.id, { berkasLengkap: true, dokumenDiterima: ['KTP', 'NPWP'] });
    // The kasi measures 6.5 m where the applicant declared 2 m.
    await claimAndComplete(kasi, (await available(kasi, instanceId))!.id, { perluCekLapangan: false, lengthMeters: 6.5 });
    const history = (await t.app.inject({ method: 'GET', url: `/api/instances/${instanceId}/history`, headers: as(kasi) })).json() as Json;
    expect(history.items.find((h: Json) => h.elementId === 'teliti')?.details.corrected).toEqual({ lengthMeters: { before: 2, after: 6.5 } });
    // the fee facts' own title (rules/kaloran-reklame.json), as the task page shows it
    const ruleSet = JSON.parse(await readFile(new URL('../../rules/kaloran-reklame.json', import.meta.url), 'utf8')) as Json;
    expect(history.fields).toEqual({ lengthMeters: { label: ruleSet.facts.properties.lengthMeters.title, type: 'number' } });
    expect(history.fields.lengthMeters.label).not.toBe('lengthMeters');
  });

  it('the inbox stream (server-sent events) tells the Kaloran officer of a new task and of its claim, and not an officer of another office', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const listen = async (user: string) => {
      const ctrl = new AbortController();
      const res = await fetch(`${address}/api/events`, { headers: as(user), signal: ctrl.signal });
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const reader = res.body!.getReader();
      let text = '';
      const read = (async () => {
        for (;;) {
          const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
          if (done) return;
          text += new TextDecoder().decode(value);
        }
      })();
      return { text: () => text, stop: async () => { ctrl.abort(); await read; } };
    };
    const kaloran = await listen('petugas-loket.kecamatan-kaloran');
    const depok = await listen('petugas-loket.bapenda-depok');
    const started = await t.app.inject({
      method: 'POST',
      url: `/api/processes/${REKLAME}/instances`,
      headers: as('pemohon2'),
      payload: { office: 'kecamatan-kaloran', variables: { ...REKLAME_START, lengthMeters: 1 } },
    });
    expect(started.statusCode).toBe(201);
    const deadline = Date.now() + 8000;
    while (!kaloran.text().includes('event: inbox') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(kaloran.text()).toContain('event: inbox');
    expect(kaloran.text()).toContain('"office":"kecamatan-kaloran"');

    // The applicant hands in; the officer's new task is announced, and so is its claim (it leaves
    // "Tersedia" in every colleague's open inbox).
    const ajukan = (started.json().tasks as Json[])[0];
    expect((await t.app.inject({ method: 'POST', url: `/api/tasks/${ajukan.id}/complete`, headers: as('pemohon2'), payload: { variables: {} } })).statusCode).toBe(200);
    const officerTask = (await inboxOf('petugas-loket.kecamatan-kaloran', 'available')).tasks.find((x) => x.instanceId === started.json().id)!;
    const mentions = () => kaloran.text().split(`"ref":"${officerTask.id}"`).length - 1;
    while (mentions() < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(mentions()).toBe(1);
    expect((await t.app.inject({ method: 'POST', url: `/api/tasks/${officerTask.id}/claim`, headers: as('petugas-loket.kecamatan-kaloran') })).statusCode).toBe(200);
    while (mentions() < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(mentions()).toBe(2);
    expect(depok.text()).not.toContain('event: inbox');
    await kaloran.stop();
    await depok.stop();
  });
});
