/**
 * Documents after closure (issue 16, finding 6) and storage with bounds (finding 8): an
 * application takes documents only while a step expects them, a file a decision was made on is
 * kept beside its newer version, quotas per applicant and per application answer
 * QUOTA_EXCEEDED, and the clean-up removes unattached uploads, expired sessions and old log-in
 * failures on one server at a time.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runPurgeIfDue } from '../../server/services/workspace/purge.js';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { chain, end, flow, model, userTask } from '../runtime/support/bpmn.js';
import { publishProcess } from '../runtime/support/publish.js';
import { multipart, PDF_BYTES } from '../workspace/fixtures.js';

const OFFICE = 'kecamatan-kaloran';
const LOKET = `petugas-loket.${OFFICE}`;
// The applicant's step has a form with a free note (so the note is a variable the model takes).
const FORM = JSON.stringify({ type: 'object', properties: { catatan: { type: 'string' }, keterangan: { type: 'string' } } }).replace(/"/g, '&quot;');
// The applicant hands in their KTP; the counter checks it and sends the file back when it is not
// complete; the head signs. Only the first two steps ask for documents.
const xml = model(
  'uji-berkas',
  `<bpmn:startEvent id="start" sop:form="${FORM}" />${userTask('isi', `sop:duration="P1D" sop:documents="KTP" sop:form="${FORM}"`)}${userTask('periksa', 'sop:duration="PT15M" sop:documents="KTP"')}` +
    `<bpmn:exclusiveGateway id="gw" default="f_kurang" />${userTask('setuju', 'sop:duration="PT30M"')}${end()}` +
    `${chain('start', 'isi', 'periksa', 'gw')}${flow('f_lengkap', 'gw', 'setuju', 'berkasLengkap')}${flow('f_kurang', 'gw', 'isi')}${chain('setuju', 'end')}`,
  { lanes: { pemohon: ['start', 'isi'], 'petugas-loket': ['periksa', 'gw'], camat: ['setuju', 'end'] }, attrs: 'sop:starterRoles="petugas-loket pemohon"' },
);

const ENV = ['UPLOAD_QUOTA_APPLICANT_BYTES', 'UPLOAD_QUOTA_APPLICATION_BYTES', 'UPLOAD_QUOTA_UNATTACHED', 'VARIABLES_MAX_BYTES'] as const;

describe.each(databaseKinds)('documents only while expected, never replaced; storage with bounds (%s)', (kind) => {
  let t: TestApp;
  const as: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await createTestApp({ kind });
    for (const u of ['pemohon1', 'pemohon2', LOKET, `camat.${OFFICE}`, 'manager', 'admin']) as[u] = bearer(await loginAs(t.app, u));
    await publishProcess(t.database.db, 'uji-berkas', xml);
  });
  afterAll(async () => t?.close());
  afterEach(() => {
    for (const k of ENV) delete process.env[k];
  });

  const upload = (user: string, query: string) => {
    const body = multipart('ktp.pdf', PDF_BYTES, 'application/pdf');
    return t.app.inject({ method: 'POST', url: `/api/uploads${query}`, headers: { ...as[user], ...body.headers }, payload: body.payload });
  };
  const apply = async (user = 'pemohon1') => {
    const res = await t.app.inject({ method: 'POST', url: '/api/processes/uji-berkas/instances', headers: as[user], payload: { office: OFFICE } });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };
  const openTask = async (instanceId: string) =>
    (await t.database.db.selectFrom('runtime_tasks').select(['id', 'element_id']).where('instance_id', '=', instanceId).where('status', '=', 'open').executeTakeFirstOrThrow());
  const complete = async (user: string, instanceId: string, variables: object = {}) => {
    const task = await openTask(instanceId);
    const res = await t.app.inject({ method: 'POST', url: `/api/tasks/${task.id}/complete`, headers: as[user], payload: { variables } });
    expect(res.statusCode, res.body).toBe(200);
  };
  const versions = async (user: string, instanceId: string) =>
    ((await t.app.inject({ method: 'GET', url: `/api/uploads?instanceId=${instanceId}`, headers: as[user] })).json() as Array<{ id: string; document: string; version: number; decidedAt: string | null }>).map(
      (u) => ({ id: u.id, version: u.version, decided: u.decidedAt !== null }),
    );

  it('a file the counter decided on stays; the one handed in after the send-back is version 2 beside it', async () => {
    const id = await apply();
    const first = await upload('pemohon1', `?document=KTP&instanceId=${id}`);
    expect(first.statusCode, first.body).toBe(201);
    await complete('pemohon1', id);
    await complete(LOKET, id, { berkasLengkap: false });
    // sent back to the applicant: a new KTP is expected again
    const second = await upload('pemohon1', `?document=KTP&instanceId=${id}`);
    expect(second.statusCode, second.body).toBe(201);
    expect(await versions('pemohon1', id)).toEqual([
      { id: second.json().id, version: 2, decided: false },
      { id: first.json().id, version: 1, decided: true },
    ]);
    // both files can still be opened by the counter
    for (const u of [first, second]) expect((await t.app.inject({ method: 'GET', url: `/api/uploads/${u.json().id}/content`, headers: as[LOKET] })).statusCode).toBe(200);
  });

  it('no step expects documents (the head signs), the application was completed or cancelled: 409 UPLOAD_NOT_EXPECTED, nothing stored', async () => {
    const id = await apply();
    await complete('pemohon1', id);
    await complete(LOKET, id, { berkasLengkap: true });
    const signing = await upload('pemohon1', `?document=KTP&instanceId=${id}`);
    expect(signing.statusCode).toBe(409);
    expect(signing.json().code).toBe('UPLOAD_NOT_EXPECTED');
    await complete(`camat.${OFFICE}`, id);
    const done = await upload('pemohon1', `?document=KTP&instanceId=${id}`);
    expect(done.statusCode).toBe(409);
    expect(done.json()).toMatchObject({ code: 'UPLOAD_NOT_EXPECTED', details: { status: 'completed' } });

    const cancelled = await apply();
    const staged = await upload('pemohon1', '?document=KTP');
    expect((await t.app.inject({ method: 'POST', url: `/api/instances/${cancelled}/cancel`, headers: as.manager, payload: { reason: 'uji' } })).statusCode).toBe(200);
    expect((await upload('pemohon1', `?document=KTP&instanceId=${cancelled}`)).json().code).toBe('UPLOAD_NOT_EXPECTED');
    const attach = await t.app.inject({ method: 'POST', url: '/api/uploads/attach', headers: as.pemohon1, payload: { instanceId: cancelled, uploadIds: [staged.json().id] } });
    expect(attach.statusCode).toBe(409);
    expect(attach.json().code).toBe('UPLOAD_NOT_EXPECTED');
    const n = await t.database.db.selectFrom('uploads').select((eb) => eb.fn.countAll<string>().as('n')).where('instance_id', 'in', [id, cancelled]).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it('quotas: unattached uploads per user, bytes per applicant, bytes per application → 413 QUOTA_EXCEEDED', async () => {
    process.env.UPLOAD_QUOTA_UNATTACHED = '2';
    // pemohon2 starts with nothing stored
    expect((await upload('pemohon2', '?document=KTP')).statusCode).toBe(201);
    expect((await upload('pemohon2', '?document=KTP')).statusCode).toBe(201);
    const third = await upload('pemohon2', '?document=KTP');
    expect(third.statusCode).toBe(413);
    expect(third.json()).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { limit: 'unattached-count', max: 2 } });
    delete process.env.UPLOAD_QUOTA_UNATTACHED;

    process.env.UPLOAD_QUOTA_APPLICANT_BYTES = String(3 * PDF_BYTES.length);
    expect((await upload('pemohon2', '?document=KTP')).statusCode).toBe(201);
    const over = await upload('pemohon2', '?document=KTP');
    expect(over.statusCode).toBe(413);
    expect(over.json().details.limit).toBe('applicant-bytes');
    // an officer at the counter is not bounded by the applicants' quota
    expect((await upload(LOKET, '?document=KTP')).statusCode).toBe(201);
    delete process.env.UPLOAD_QUOTA_APPLICANT_BYTES;

    process.env.UPLOAD_QUOTA_APPLICATION_BYTES = String(2 * PDF_BYTES.length);
    const id = await apply('pemohon1');
    expect((await upload('pemohon1', `?document=KTP&instanceId=${id}`)).statusCode).toBe(201);
    expect((await upload(LOKET, `?document=KTP&instanceId=${id}`)).statusCode).toBe(201);
    const full = await upload('pemohon1', `?document=KTP&instanceId=${id}`);
    expect(full.statusCode).toBe(413);
    expect(full.json().details.limit).toBe('application-bytes');
  });

  it('an application\'s variables are bounded: an oversized start or completion is 413 and nothing of it is stored', async () => {
    process.env.VARIABLES_MAX_BYTES = '4000';
    const before = await t.database.db.selectFrom('runtime_instances').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    // two fields the forms take, each within the per-field bound, together over the application's bound
    const big = { catatan: 'x'.repeat(2500), keterangan: 'x'.repeat(2500) };
    const start = await t.app.inject({ method: 'POST', url: '/api/processes/uji-berkas/instances', headers: as.pemohon1, payload: { office: OFFICE, variables: big } });
    expect(start.statusCode).toBe(413);
    expect(start.json().code).toBe('QUOTA_EXCEEDED');
    const after = await t.database.db.selectFrom('runtime_instances').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
    const id = await apply();
    const task = await openTask(id);
    const res = await t.app.inject({ method: 'POST', url: `/api/tasks/${task.id}/complete`, headers: as.pemohon1, payload: { variables: big } });
    expect(res.statusCode).toBe(413);
    expect((await openTask(id)).id).toBe(task.id);
    const row = await t.database.db.selectFrom('runtime_instances').select('variables').where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row.variables)).not.toContain('xxxx');
  });

  it('the clean-up removes day-old unattached uploads, expired sessions and old log-in failures, once, on whichever server takes it', async () => {
    const db = t.database.db;
    const staged = await upload('pemohon1', '?document=KTP');
    const old = new Date(Date.now() - 25 * 3600_000);
    await db.updateTable('uploads').set({ created_at: old }).where('id', '=', staged.json().id).execute();
    const fresh = await upload('pemohon1', '?document=KTP');
    const token = await loginAs(t.app, 'pemohon2');
    await db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', (await db.selectFrom('users').select('id').where('username', '=', 'pemohon2').executeTakeFirstOrThrow()).id).execute();
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'pemohon1', password: 'salah-sekali-123' } });
    await db.updateTable('login_failures').set({ at: old }).execute();

    const ran = await runPurgeIfDue(db);
    expect(ran).toBeDefined();
    expect(ran!.unattachedUploads).toBeGreaterThanOrEqual(1);
    expect(ran!.expiredSessions).toBeGreaterThanOrEqual(1);
    expect(ran!.loginFailures).toBeGreaterThanOrEqual(1);
    expect(await db.selectFrom('uploads').select('id').where('id', '=', staged.json().id).executeTakeFirst()).toBeUndefined();
    expect(await db.selectFrom('uploads').select('id').where('id', '=', fresh.json().id).executeTakeFirst()).toBeDefined();
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(401);
    // not due again until the interval has passed: a second server (or tick) does nothing
    expect(await runPurgeIfDue(db)).toBeUndefined();
    // two servers at the same moment: one takes the schedule row, the other skips it (SKIP LOCKED)
    const later = new Date(Date.now() + 61 * 60_000);
    const both = await Promise.all([runPurgeIfDue(db, later), runPurgeIfDue(db, later)]);
    expect(both.filter((r) => r !== undefined)).toHaveLength(1);
  });
});
