/**
 * Pengaduan (issue 21): a complaint is an application of the library's `pengaduan` SOP, routed to
 * the office's complaints post, answered there, and the answer reaches the applicant. Filed from
 * the public tracking page with the application's number and PIN (no log-in), or from the portal.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/services/accounts/accounts.js';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { chain, end, model, start, userTask } from '../runtime/support/bpmn.js';
import { publishProcess } from '../runtime/support/publish.js';

const OFFICE = 'kecamatan-kaloran';
const OTHER = 'samsat-serang';
const izin = model('uji-izin', `${start()}${userTask('periksa', 'sop:duration="P1D"')}${end()}${chain('start', 'periksa', 'end')}`, {
  lanes: { pemohon: ['start'], 'petugas-loket': ['periksa', 'end'] },
  attrs: 'sop:starterRoles="pemohon petugas-loket"',
});

type Json = Record<string, any>;

describe.each(databaseKinds)('pengaduan: filed, routed to the complaints post, answered (%s)', (kind) => {
  let t: TestApp;
  const as: Record<string, Record<string, string>> = {};
  let tracked: { number: string; pin: string };

  beforeAll(async () => {
    t = await createTestApp({ kind, users: false });
    const accounts = [
      { username: 'pemohon1', name: 'Siti Aminah', email: 'siti@example.com', roles: [{ role: 'pemohon', office: null }] },
      { username: `pengelola-pengaduan.${OFFICE}`, roles: [{ role: 'pengelola-pengaduan', office: OFFICE }] },
      { username: `pengelola-pengaduan.${OTHER}`, roles: [{ role: 'pengelola-pengaduan', office: OTHER }] },
    ];
    await Promise.all(accounts.map((a) => createUser(t.database.db, { ...a, password: t.password }, 'test')));
    for (const a of accounts) as[a.username] = bearer(await loginAs(t.app, a.username));
    await publishProcess(t.database.db, 'uji-izin', izin);
    await publishProcess(t.database.db, 'pengaduan', await readFile(new URL('../../processes/pengaduan.bpmn', import.meta.url), 'utf8'));
    const started = await t.app.inject({ method: 'POST', url: '/api/processes/uji-izin/instances', headers: as.pemohon1, payload: { office: OFFICE } });
    expect(started.statusCode, started.body).toBe(201);
    tracked = started.json().registration;
  }, 120_000);
  afterAll(async () => t?.close());

  const file = (body: Json, remoteAddress = '10.0.0.7') => t.app.inject({ method: 'POST', url: '/api/public/complaints', payload: body, remoteAddress });
  const complaints = async () => Number((await t.database.db.selectFrom('runtime_instances').select((eb) => eb.fn.countAll<number>().as('n')).where('process_key', '=', 'pengaduan').executeTakeFirstOrThrow()).n);
  const available = async (user: string) =>
    ((await t.app.inject({ method: 'GET', url: '/api/inbox?tab=available', headers: as[user] })).json().tasks as Json[]).filter((x) => x.processKey === 'pengaduan');

  it('from the tracking page: a wrong PIN files nothing and answers as tracking does; bad input is a 400', async () => {
    const wrongPin = tracked.pin === '000000' ? '111111' : '000000';
    const refused = await file({ number: tracked.number, pin: wrongPin, perihal: 'Pelayanan lambat', isiPengaduan: 'Sudah tiga hari belum ada kabar.' });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().code).toBe('TRACKING_NOT_FOUND');
    const short = await file({ number: tracked.number, pin: tracked.pin, perihal: 'x', isiPengaduan: 'pendek' });
    expect(short.statusCode).toBe(400);
    expect(await complaints()).toBe(0);
  });

  it('with the number and PIN it reaches the complaints post of that office only, naming the application; the answer is sent to the applicant', async () => {
    const filed = await file({ number: tracked.number, pin: tracked.pin, perihal: 'Pelayanan lambat', isiPengaduan: 'Sudah tiga hari belum ada kabar dari loket.' });
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json().number).toMatch(new RegExp(`^${OFFICE}-\\d{4}-\\d{6}$`));
    expect(await available(`pengelola-pengaduan.${OTHER}`)).toEqual([]);
    const [task] = await available(`pengelola-pengaduan.${OFFICE}`);
    expect(task).toBeTruthy();
    const inst = (await t.app.inject({ method: 'GET', url: `/api/instances/${task.instanceId}`, headers: as[`pengelola-pengaduan.${OFFICE}`] })).json() as Json;
    expect(inst.variables).toMatchObject({ perihal: 'Pelayanan lambat', nomorPermohonan: tracked.number });
    // the complaint belongs to the tracked application's applicant: it is in their portal
    const mine = (await t.app.inject({ method: 'GET', url: '/api/workspace/applications', headers: as.pemohon1 })).json() as Json[];
    expect(mine.some((a) => a.id === task.instanceId)).toBe(true);

    const officer = as[`pengelola-pengaduan.${OFFICE}`];
    expect((await t.app.inject({ method: 'POST', url: `/api/tasks/${task.id}/claim`, headers: officer })).statusCode).toBe(200);
    const noAnswer = await t.app.inject({ method: 'POST', url: `/api/tasks/${task.id}/complete`, headers: officer, payload: { variables: {} } });
    expect(noAnswer.statusCode).toBe(400);
    const answer = 'Mohon maaf, berkas Anda sudah kami proses hari ini dan siap diambil besok.';
    const done = await t.app.inject({ method: 'POST', url: `/api/tasks/${task.id}/complete`, headers: officer, payload: { variables: { jawaban: answer } } });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().instance.status).toBe('completed');

    const notes = (await t.app.inject({ method: 'GET', url: '/api/notifications', headers: as.pemohon1 })).json() as Json[];
    expect(notes.some((n) => n.kind === 'complaint-answered' && n.instanceId === task.instanceId)).toBe(true);
    const mail = await t.database.db.selectFrom('notification_outbox').select(['channel', 'recipient', 'body']).where('instance_id', '=', task.instanceId).where('event', '=', 'complaint-answered').execute();
    expect(mail).toEqual([expect.objectContaining({ channel: 'email', recipient: 'siti@example.com' })]);
    expect(mail[0].body).toContain(answer);
  });

  it('from the portal: a signed-in applicant files one at an office like any service; the form is checked', async () => {
    const before = await complaints();
    const incomplete = await t.app.inject({ method: 'POST', url: '/api/processes/pengaduan/instances', headers: as.pemohon1, payload: { office: OFFICE, variables: { perihal: 'Saran' } } });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().code).toBe('VARIABLES_INVALID');
    const ok = await t.app.inject({ method: 'POST', url: '/api/processes/pengaduan/instances', headers: as.pemohon1, payload: { office: OFFICE, variables: { perihal: 'Saran', isiPengaduan: 'Mohon disediakan kursi tunggu tambahan.' } } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await complaints()).toBe(before + 1);
    const services = (await t.app.inject({ method: 'GET', url: `/api/services?office=${OFFICE}`, headers: as.pemohon1 })).json() as Json[];
    expect(services.find((s) => s.key === 'pengaduan')?.startForm.required).toEqual(['perihal', 'isiPengaduan']);
  });
});
