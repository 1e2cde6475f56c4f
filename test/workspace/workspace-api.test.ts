import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { multipart, PDF_BYTES, PNG_BYTES, PROCESS_KEY, publishWorkspaceFixtures } from './fixtures.js';

type Json = Record<string, any>;

describe.each(databaseKinds)('workspace API on %s', (kind) => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const as = (user: string) => bearer(tok[user]);

  beforeAll(async () => {
    t = await createTestApp({ kind });
    await publishWorkspaceFixtures(t.database.db);
    for (const u of ['pemohon1', 'pemohon2', 'admin', 'petugas-loket.kecamatan-kaloran', 'camat.kecamatan-kaloran', 'petugas-loket.bapenda-depok']) tok[u] = await loginAs(t.app, u);
  });
  afterAll(async () => t?.close());
  beforeAll(() => {
    if (!process.env.DEBUG_WS) return;
    const inject = t.app.inject.bind(t.app);
    (t.app as any).inject = async (o: any) => {
      const s0 = Date.now();
      const r = await inject(o);
      console.log(o.method, o.url, r.statusCode, Date.now() - s0, 'ms');
      return r;
    };
  });

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
    const svc = (res.json() as Json[]).find((s) => s.key === PROCESS_KEY)!;
    expect(svc.online).toBe(true);
    expect(svc.requirements.map((d: Json) => d.code)).toEqual(['ktp', 'akta']);
    expect(svc.feeRuleSets).toEqual(['kaloran-reklame']);
    expect(svc.slaText).toBe('1 hari 1 jam 30 menit');
    const other = await t.app.inject({ method: 'GET', url: '/api/services?office=samsat-serang' });
    expect((other.json() as Json[]).some((s) => s.key === PROCESS_KEY)).toBe(false);
    const startable = await t.app.inject({ method: 'GET', url: '/api/services/startable', headers: as('petugas-loket.kecamatan-kaloran') });
    expect((startable.json() as Json[]).map((s) => s.key)).toContain(PROCESS_KEY);
    const notStarter = await t.app.inject({ method: 'GET', url: '/api/services/startable', headers: as('camat.kecamatan-kaloran') });
    expect((notStarter.json() as Json[]).map((s) => s.key)).not.toContain(PROCESS_KEY);
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

  it('reklame: missing document → officer marks tidak lengkap → applicant sees which → uploads → officer accepts → fee nota 25,000 × meters → camat', async () => {
    // The applicant stages the KTP, applies, and attaches it; the akta is missing.
    const ktp = (await upload('pemohon1', 'ktp.pdf', PDF_BYTES, '?document=ktp')).json() as Json;
    const started = await t.app.inject({
      method: 'POST',
      url: `/api/processes/${PROCESS_KEY}/instances`,
      headers: as('pemohon1'),
      payload: { office: 'kecamatan-kaloran', businessKey: 'REK-2025-001', variables: { lengthMeters: 4 } },
    });
    expect(started.statusCode, started.body).toBe(201);
    const instanceId = started.json().id as string;
    const attach = await t.app.inject({ method: 'POST', url: '/api/uploads/attach', headers: as('pemohon1'), payload: { instanceId, uploadIds: [ktp.id] } });
    expect(attach.json()).toEqual({ attached: 1 });

    // The loket officer of Kaloran sees it; an officer of another office never does.
    const avail = await inboxOf('petugas-loket.kecamatan-kaloran', 'available', '&q=rek-2025');
    const task = avail.tasks.find((x) => x.instanceId === instanceId)!;
    expect(task).toMatchObject({ elementName: 'Memeriksa kelengkapan berkas', businessKey: 'REK-2025-001', sla: 'on-time' });
    expect(task.applicantName).toBeTruthy();
    expect((await inboxOf('petugas-loket.bapenda-depok', 'available')).tasks.some((x) => x.instanceId === instanceId)).toBe(false);
    expect((await inboxOf('camat.kecamatan-kaloran', 'available')).tasks.some((x) => x.instanceId === instanceId)).toBe(false);

    // Officers of the office may read the uploaded file; another applicant may not.
    expect((await t.app.inject({ method: 'GET', url: `/api/uploads/${ktp.id}/content`, headers: as('petugas-loket.kecamatan-kaloran') })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/uploads/${ktp.id}/content`, headers: as('pemohon2') })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/uploads/${ktp.id}/content`, headers: as('petugas-loket.bapenda-depok') })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/uploads/${ktp.id}/content`, headers: as('admin') })).statusCode).toBe(200);

    // The task page: decision buttons from the gateway, the checklist with KTP present and akta missing.
    const ctx = (await t.app.inject({ method: 'GET', url: `/api/workspace/tasks/${task.id}/context`, headers: as('petugas-loket.kecamatan-kaloran') })).json() as Json;
    expect(ctx.decisions.map((d: Json) => [d.label, d.variables])).toEqual([
      ['Lengkap', { berkasLengkap: true }],
      ['Tidak lengkap', { berkasLengkap: false }],
    ]);
    expect(ctx.checklist.map((d: Json) => [d.code, d.present])).toEqual([
      ['ktp', true],
      ['akta', false],
    ]);
    expect(ctx.instruction).toBe('Periksa KTP dan akta pendirian');
    expect(ctx.current).toEqual(['periksa']);

    const claim = await t.app.inject({ method: 'POST', url: `/api/tasks/${task.id}/claim`, headers: as('petugas-loket.kecamatan-kaloran') });
    expect(claim.statusCode, claim.body).toBe(200);
    expect((await inboxOf('petugas-loket.kecamatan-kaloran', 'mine')).tasks.map((x) => x.id)).toContain(task.id);
    const done = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${task.id}/complete`,
      headers: as('petugas-loket.kecamatan-kaloran'),
      payload: { variables: { berkasLengkap: false, dokumenKurang: ['akta'], catatan: 'Akta pendirian belum dilampirkan' } },
    });
    expect(done.statusCode, done.body).toBe(200);

    // The applicant sees exactly which document and gets an in-app notification.
    const status = (await t.app.inject({ method: 'GET', url: `/api/workspace/applications/${instanceId}`, headers: as('pemohon1') })).json() as Json;
    expect(status.expected[0]).toBe('Berkas tidak lengkap: unggah ulang Akta pendirian');
    expect(status.myTasks.map((x: Json) => x.name)).toEqual(['Melengkapi berkas']);
    const notes = (await t.app.inject({ method: 'GET', url: '/api/notifications?unread=true', headers: as('pemohon1') })).json() as Json[];
    expect(notes.some((n) => n.instanceId === instanceId && n.kind === 'action-needed')).toBe(true);
    const list = (await t.app.inject({ method: 'GET', url: '/api/workspace/applications', headers: as('pemohon1') })).json() as Json[];
    expect(list.find((a) => a.id === instanceId)?.waitingOnMe).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: `/api/workspace/applications/${instanceId}`, headers: as('pemohon2') })).statusCode).toBe(404);

    // Upload the akta straight to the application, then resubmit.
    const akta = await upload('pemohon1', 'akta.pdf', PDF_BYTES, `?document=akta&instanceId=${instanceId}`);
    expect(akta.statusCode, akta.body).toBe(201);
    const resubmit = await t.app.inject({ method: 'POST', url: `/api/tasks/${status.myTasks[0].id}/complete`, headers: as('pemohon1'), payload: { variables: {} } });
    expect(resubmit.statusCode, resubmit.body).toBe(200);

    const again = (await inboxOf('petugas-loket.kecamatan-kaloran', 'available')).tasks.find((x) => x.instanceId === instanceId)!;
    const ctx2 = (await t.app.inject({ method: 'GET', url: `/api/workspace/tasks/${again.id}/context`, headers: as('petugas-loket.kecamatan-kaloran') })).json() as Json;
    expect(ctx2.checklist.every((d: Json) => d.present)).toBe(true);
    expect(ctx2.done).toContain('lengkapi');
    const accept = await t.app.inject({ method: 'POST', url: `/api/tasks/${again.id}/complete`, headers: as('petugas-loket.kecamatan-kaloran'), payload: { variables: { berkasLengkap: true } } });
    expect(accept.statusCode, accept.body).toBe(200);

    // The fee nota: 4 m × Rp 25.000, with the tariff version; the camat now has the step.
    const camat = (await inboxOf('camat.kecamatan-kaloran', 'available')).tasks.find((x) => x.instanceId === instanceId)!;
    expect(camat.elementName).toBe('Menandatangani izin');
    const ctx3 = (await t.app.inject({ method: 'GET', url: `/api/workspace/tasks/${camat.id}/context`, headers: as('camat.kecamatan-kaloran') })).json() as Json;
    expect(ctx3.fees[0]).toMatchObject({ total: '100000', ruleSet: { key: 'kaloran-reklame' } });
    expect(ctx3.fees[0].fees[0]).toMatchObject({ code: 'RETRIBUSI', amount: '100000' });
    const nota = await t.app.inject({ method: 'GET', url: `/api/print/${instanceId}/nota`, headers: as('camat.kecamatan-kaloran') });
    expect(nota.statusCode).toBe(200);
    expect(nota.headers['content-type']).toContain('text/html');
    expect(nota.body).toContain('Rp 100.000');
    expect(nota.body).toContain('kaloran-reklame');
    const receipt = await t.app.inject({ method: 'GET', url: `/api/print/${instanceId}/tanda-terima`, headers: as('pemohon1') });
    expect(receipt.body).toContain('akta.pdf');
    expect((await t.app.inject({ method: 'GET', url: `/api/print/${instanceId}/nota`, headers: as('pemohon2') })).statusCode).toBe(404);
  });

  it('two officers claim the same task at once: exactly one gets it, the other a 409 naming the conflict', async () => {
    const started = await t.app.inject({
      method: 'POST',
      url: `/api/processes/${PROCESS_KEY}/instances`,
      headers: as('petugas-loket.kecamatan-kaloran'),
      payload: { office: 'kecamatan-kaloran', businessKey: 'REK-2025-002', variables: { lengthMeters: 2 }, applicant: { name: 'Pak Warso', nik: '3301010101010001' } },
    });
    expect(started.statusCode, started.body).toBe(201);
    const task = (await inboxOf('petugas-loket.kecamatan-kaloran', 'available', '&applicant=warso')).tasks.find((x) => x.instanceId === started.json().id)!;
    expect(task.applicantName).toBe('Pak Warso');
    const colleague = 'petugas-loket2';
    await t.app.inject({ method: 'GET', url: '/api/health' });
    const { createUser } = await import('../../server/services/accounts.js');
    await createUser(t.database.db, { username: colleague, password: t.password, roles: [{ role: 'petugas-loket', office: 'kecamatan-kaloran' }] }, 'test');
    tok[colleague] = await loginAs(t.app, colleague);
    const [a, b] = await Promise.all([
      t.app.inject({ method: 'POST', url: `/api/tasks/${task.id}/claim`, headers: as('petugas-loket.kecamatan-kaloran') }),
      t.app.inject({ method: 'POST', url: `/api/tasks/${task.id}/claim`, headers: as(colleague) }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().code).toBe('TASK_NOT_CLAIMABLE');
    // The task left "Tersedia" for both, and is in "Tugas saya" only for the winner.
    const winner = a.statusCode === 200 ? 'petugas-loket.kecamatan-kaloran' : colleague;
    expect((await inboxOf(winner, 'mine')).tasks.map((x) => x.id)).toContain(task.id);
    expect((await inboxOf(colleague, 'available')).tasks.map((x) => x.id)).not.toContain(task.id);
  });

  it('the inbox stream (server-sent events) tells the Kaloran officer of a new task, and not an officer of another office', async () => {
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
      url: `/api/processes/${PROCESS_KEY}/instances`,
      headers: as('pemohon2'),
      payload: { office: 'kecamatan-kaloran', businessKey: 'REK-SSE', variables: { lengthMeters: 1 } },
    });
    expect(started.statusCode).toBe(201);
    const deadline = Date.now() + 8000;
    while (!kaloran.text().includes('event: inbox') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(kaloran.text()).toContain('event: inbox');
    expect(kaloran.text()).toContain('"office":"kecamatan-kaloran"');
    expect(depok.text()).not.toContain('event: inbox');
    await kaloran.stop();
    await depok.stop();
  });
});
