/**
 * A document the office sends to the applicant (issue 23): an officer who may act on the task
 * uploads it with a title; the applicant lists it among their application's documents and
 * downloads the same bytes, another applicant cannot see it, the history says who sent what, and
 * the applicant has a notice linking to their application. Bad input stores nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { chain, end, flow, model, userTask } from '../runtime/support/bpmn.js';
import { publishProcess } from '../runtime/support/publish.js';
import { multipart, PDF_BYTES, PNG_BYTES } from '../workspace/fixtures.js';

const OFFICE = 'kecamatan-kaloran';
const LOKET = `petugas-loket.${OFFICE}`;
const CAMAT = `camat.${OFFICE}`;
const ELSEWHERE = 'korektor.samsat-serang';
const xml = model(
  'uji-kirim',
  `<bpmn:startEvent id="start" />${userTask('isi', 'sop:duration="P1D" sop:documents="KTP"')}${userTask('periksa', 'sop:duration="PT15M" sop:documents="KTP"')}` +
    `<bpmn:exclusiveGateway id="gw" default="f_kurang" />${userTask('setuju', 'sop:duration="PT30M"')}${end()}` +
    `${chain('start', 'isi', 'periksa', 'gw')}${flow('f_lengkap', 'gw', 'setuju', 'berkasLengkap')}${flow('f_kurang', 'gw', 'isi')}${chain('setuju', 'end')}`,
  { lanes: { pemohon: ['start', 'isi'], 'petugas-loket': ['periksa', 'gw'], camat: ['setuju', 'end'] }, attrs: 'sop:starterRoles="petugas-loket pemohon"' },
);

type Meta = { id: string; forApplicant: boolean; title: string | null; sha256: string; filename: string };

describe.each(databaseKinds)('documents sent to the applicant (%s)', (kind) => {
  let t: TestApp;
  const as: Record<string, Record<string, string>> = {};
  let instanceId = '';
  let taskId = '';

  beforeAll(async () => {
    t = await createTestApp({ kind });
    for (const u of ['pemohon1', 'pemohon2', LOKET, CAMAT, ELSEWHERE, 'manager']) as[u] = bearer(await loginAs(t.app, u));
    await publishProcess(t.database.db, 'uji-kirim', xml);
    const res = await t.app.inject({ method: 'POST', url: '/api/processes/uji-kirim/instances', headers: as.pemohon1, payload: { office: OFFICE } });
    expect(res.statusCode, res.body).toBe(201);
    instanceId = (res.json() as { id: string }).id;
    const own = await t.database.db.selectFrom('runtime_tasks').select('id').where('instance_id', '=', instanceId).where('status', '=', 'open').executeTakeFirstOrThrow();
    expect((await t.app.inject({ method: 'POST', url: `/api/tasks/${own.id}/complete`, headers: as.pemohon1, payload: { variables: {} } })).statusCode).toBe(200);
    taskId = (await t.database.db.selectFrom('runtime_tasks').select('id').where('instance_id', '=', instanceId).where('status', '=', 'open').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => t?.close());

  const send = (user: string, title: string, filename: string, bytes: Buffer, task = taskId) => {
    const body = multipart(filename, bytes, 'application/pdf');
    return t.app.inject({ method: 'POST', url: `/api/tasks/${task}/applicant-documents?title=${encodeURIComponent(title)}`, headers: { ...as[user], ...body.headers }, payload: body.payload });
  };
  const stored = async () => ({
    uploads: Number((await t.database.db.selectFrom('uploads').select((eb) => eb.fn.countAll<string>().as('n')).where('instance_id', '=', instanceId).executeTakeFirstOrThrow()).n),
    history: Number((await t.database.db.selectFrom('runtime_history').select((eb) => eb.fn.countAll<string>().as('n')).where('instance_id', '=', instanceId).where('event', '=', 'document-sent').executeTakeFirstOrThrow()).n),
  });

  it('bad input and a task the officer may not act on answer 4xx with the error shape, and store nothing', async () => {
    const before = await stored();
    const cases: Array<[string, Awaited<ReturnType<typeof send>>, number, string]> = [
      ['empty title', await send(LOKET, '   ', 'surat.pdf', PDF_BYTES), 400, 'DOCUMENT_TITLE_REQUIRED'],
      ['wrong type', await send(LOKET, 'Surat', 'surat.txt', Buffer.from('bukan pdf')), 415, 'UPLOAD_TYPE_NOT_ALLOWED'],
      ['disguised', await send(LOKET, 'Surat', 'surat.pdf', PNG_BYTES), 415, 'UPLOAD_TYPE_MISMATCH'],
      ['too big', await send(LOKET, 'Surat', 'surat.pdf', Buffer.concat([PDF_BYTES, Buffer.alloc(10 * 1024 * 1024)])), 413, 'UPLOAD_TOO_LARGE'],
      // an officer of another office: the task does not exist for them
      ['another office', await send(ELSEWHERE, 'Surat', 'surat.pdf', PDF_BYTES), 404, 'TASK_NOT_FOUND'],
      // the camat (who also supervises the office) reads the task but it is not their post's
      ['another post', await send(CAMAT, 'Surat', 'surat.pdf', PDF_BYTES), 403, 'FORBIDDEN'],
      // the applicant cannot send to themselves from the officer's task
      ['applicant', await send('pemohon1', 'Surat', 'surat.pdf', PDF_BYTES), 404, 'TASK_NOT_FOUND'],
      // a manager reads the task but acts on nothing
      ['manager', await send('manager', 'Surat', 'surat.pdf', PDF_BYTES), 403, 'FORBIDDEN'],
      ['unknown task', await send(LOKET, 'Surat', 'surat.pdf', PDF_BYTES, 'no-such-task'), 404, 'TASK_NOT_FOUND'],
    ];
    for (const [what, res, status, code] of cases) {
      expect(res.statusCode, `${what}: ${res.body}`).toBe(status);
      expect(res.json(), what).toMatchObject({ code, message: expect.any(String) });
    }
    expect(await stored()).toEqual(before);
  });

  it('the officer sends; the applicant lists it, downloads the same bytes and has a notice; another applicant gets 404', async () => {
    const scan = Buffer.concat([PDF_BYTES, Buffer.from('% surat bertanda tangan\n')]);
    const res = await send(LOKET, '  Surat keterangan bertanda tangan ', 'surat-ttd.pdf', scan);
    expect(res.statusCode, res.body).toBe(201);
    const sent = res.json() as Meta;
    expect(sent).toMatchObject({ forApplicant: true, title: 'Surat keterangan bertanda tangan', filename: 'surat-ttd.pdf' });

    const list = (await t.app.inject({ method: 'GET', url: `/api/uploads?instanceId=${instanceId}`, headers: as.pemohon1 })).json() as Meta[];
    expect(list.filter((u) => u.forApplicant).map((u) => ({ id: u.id, title: u.title }))).toEqual([{ id: sent.id, title: 'Surat keterangan bertanda tangan' }]);
    const file = await t.app.inject({ method: 'GET', url: `/api/uploads/${sent.id}/content?download=true`, headers: as.pemohon1 });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain('attachment');
    expect(Buffer.compare(file.rawPayload, scan)).toBe(0);

    // another applicant: neither the list nor the file exists for them
    expect((await t.app.inject({ method: 'GET', url: `/api/uploads/${sent.id}/content`, headers: as.pemohon2 })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/uploads?instanceId=${instanceId}`, headers: as.pemohon2 })).statusCode).toBe(404);
    // the office's other posts still see the application's documents; another office does not
    expect((await t.app.inject({ method: 'GET', url: `/api/uploads/${sent.id}/content`, headers: as[CAMAT] })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/uploads/${sent.id}/content`, headers: as[ELSEWHERE] })).statusCode).toBe(404);

    const notes = (await t.app.inject({ method: 'GET', url: '/api/notifications', headers: as.pemohon1 })).json() as Array<{ kind: string; message: string; link: string | null; instanceId: string | null }>;
    const note = notes.find((n) => n.kind === 'document-sent' && n.instanceId === instanceId);
    expect(note, JSON.stringify(notes)).toBeDefined();
    expect(note?.link).toBe(`/portal/applications/${instanceId}`);
    expect(note?.message).toContain('Surat keterangan bertanda tangan');
    const others = (await t.app.inject({ method: 'GET', url: '/api/notifications', headers: as.pemohon2 })).json() as Array<{ kind: string }>;
    expect(others.some((n) => n.kind === 'document-sent')).toBe(false);

    // the history: who sent which document, read by the office
    const history = (await t.app.inject({ method: 'GET', url: `/api/instances/${instanceId}/history`, headers: as[LOKET] })).json() as {
      items: Array<{ event: string; actorName: string | null; details: Record<string, unknown> | null }>;
    };
    const line = history.items.find((h) => h.event === 'document-sent');
    expect(line?.details).toMatchObject({ judul: 'Surat keterangan bertanda tangan', uploadId: sent.id });
    expect(line?.actorName).toBeTruthy();
  });

  it('a completed task sends nothing more', async () => {
    expect((await t.app.inject({ method: 'POST', url: `/api/tasks/${taskId}/complete`, headers: as[LOKET], payload: { variables: { berkasLengkap: true } } })).statusCode).toBe(200);
    const before = await stored();
    const res = await send(LOKET, 'Terlambat', 'surat.pdf', PDF_BYTES);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('TASK_ALREADY_COMPLETED');
    expect(await stored()).toEqual(before);
  });
});
