/**
 * The one access policy over HTTP, on SIPEKA: an application at DPMPTSP Banten whose technical
 * verification is a task of the OPD PUPR (another office). Every route that touches an
 * application, its tasks or its documents, against every kind of caller: the applicant and
 * another applicant, the front office (the application's office, not the task's role), the OPD
 * officer of the task and of another OPD, an officer of another office, managers of the
 * application's office, of another office and of all, an admin, and nobody. Walk-ins (no
 * applicant account, the officer acting on the applicant's behalf) have their own cases below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/services/accounts/accounts.js';
import { drainJobs } from '../../server/services/runtime/runtime.js';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { multipart, PDF_BYTES, publishLibrary } from '../workspace/fixtures.js';

const SIPEKA = 'sipeka-perizinan';
const OFFICE = 'dpmptsp-banten';
const OPD = 'opd-dinas-pupr';
const PASSWORD = 'Rahasia-Kantor-2026';

type Persona = 'anonymous' | 'applicant' | 'otherApplicant' | 'frontOffice' | 'opd' | 'otherOpd' | 'otherOffice' | 'managerOwn' | 'managerOther' | 'manager' | 'admin';
type Expect = 'pass' | 401 | 403 | 404;
type Expectations = Record<Persona, Expect>;

const PERSONAS: Record<Persona, string | null> = {
  anonymous: null,
  applicant: 'pemohon1',
  otherApplicant: 'pemohon2',
  frontOffice: `petugas-fo.${OFFICE}`,
  opd: `opd-teknis.${OPD}`,
  otherOpd: 'opd-teknis.opd-dishub',
  otherOffice: 'petugas-loket.kecamatan-kaloran',
  managerOwn: 'manajer-dpmptsp',
  managerOther: 'manajer-samsat',
  manager: 'manager',
  admin: 'admin',
};

const all = (e: Expect): Expectations => ({
  anonymous: e,
  applicant: e,
  otherApplicant: e,
  frontOffice: e,
  opd: e,
  otherOpd: e,
  otherOffice: e,
  managerOwn: e,
  managerOther: e,
  manager: e,
  admin: e,
});
/** the OPD review task: its queue acts; supervisors of ITS office (the OPD's, or all) read */
const TASK_READ: Expectations = { ...all(404), anonymous: 401, opd: 'pass', manager: 'pass', admin: 'pass' };
const TASK_ACT: Expectations = { ...all(404), anonymous: 401, opd: 'pass' };
/** the application: its people, its office, its supervisors, and the OPD its review reached */
const SEES: Expectations = { ...all('pass'), anonymous: 401, otherApplicant: 404, otherOpd: 404, otherOffice: 404, managerOther: 404 };
/** what is the application office's business (a refusal letter, the fees): not the reviewing OPD's */
const OFFICE_BUSINESS: Expectations = { ...SEES, opd: 404 };
/** adding documents: those who see it, but supervisors only read */
const CONTRIBUTES: Expectations = { ...SEES, managerOwn: 403, manager: 403 };
/** cancelling: supervisors of the application's office */
const CANCELS: Expectations = { ...SEES, applicant: 403, frontOffice: 403, opd: 403 };

interface Ctx {
  instanceId: string;
  /** an application the FO refused after the OPDs' negative recommendation: the one with a rejection letter */
  rejectedId: string;
  reviewTaskId: string;
  uploadId: string;
  fresh(): Promise<{ instanceId: string; reviewTaskId: string }>;
}
interface Row {
  route: string;
  request: (c: Ctx) => Promise<{ method: 'GET' | 'POST'; url: string; payload?: unknown; headers?: Record<string, string> }>;
  expect: Expectations;
}

const upload = multipart('ktp.pdf', PDF_BYTES, 'application/pdf');
const ROWS: Row[] = [
  { route: 'GET /api/tasks/{id}', request: async (c) => ({ method: 'GET', url: `/api/tasks/${c.reviewTaskId}` }), expect: TASK_READ },
  { route: 'POST /api/tasks/{id}/claim', request: async (c) => ({ method: 'POST', url: `/api/tasks/${(await c.fresh()).reviewTaskId}/claim`, payload: {} }), expect: TASK_ACT },
  { route: 'POST /api/tasks/{id}/unclaim', request: async (c) => ({ method: 'POST', url: `/api/tasks/${(await c.fresh()).reviewTaskId}/unclaim`, payload: {} }), expect: TASK_ACT },
  { route: 'POST /api/tasks/{id}/complete', request: async (c) => ({ method: 'POST', url: `/api/tasks/${(await c.fresh()).reviewTaskId}/complete`, payload: { variables: {} } }), expect: TASK_ACT },
  // the bug this policy fixed: the OPD officer saw the task but its page answered 404
  { route: 'GET /api/workspace/tasks/{id}/context', request: async (c) => ({ method: 'GET', url: `/api/workspace/tasks/${c.reviewTaskId}/context` }), expect: SEES },
  { route: 'GET /api/instances/{id}', request: async (c) => ({ method: 'GET', url: `/api/instances/${c.instanceId}` }), expect: SEES },
  { route: 'GET /api/instances/{id}/history', request: async (c) => ({ method: 'GET', url: `/api/instances/${c.instanceId}/history` }), expect: SEES },
  { route: 'GET /api/workspace/applications/{id}', request: async (c) => ({ method: 'GET', url: `/api/workspace/applications/${c.instanceId}` }), expect: SEES },
  { route: 'GET /api/print/{id}/tanda-terima', request: async (c) => ({ method: 'GET', url: `/api/print/${c.instanceId}/tanda-terima` }), expect: SEES },
  { route: 'GET /api/print/{id}/surat-penolakan', request: async (c) => ({ method: 'GET', url: `/api/print/${c.rejectedId}/surat-penolakan` }), expect: OFFICE_BUSINESS },
  // issue 23: an application that was not refused has no rejection letter, for anyone
  { route: 'GET /api/print/{id}/surat-penolakan (not refused)', request: async (c) => ({ method: 'GET', url: `/api/print/${c.instanceId}/surat-penolakan` }), expect: { ...all(404), anonymous: 401 } },
  { route: 'GET /api/print/{id}/izin (refused)', request: async (c) => ({ method: 'GET', url: `/api/print/${c.rejectedId}/izin` }), expect: { ...all(404), anonymous: 401 } },
  { route: 'GET /api/uploads?instanceId', request: async (c) => ({ method: 'GET', url: `/api/uploads?instanceId=${c.instanceId}` }), expect: SEES },
  { route: 'GET /api/uploads/{id}/content', request: async (c) => ({ method: 'GET', url: `/api/uploads/${c.uploadId}/content` }), expect: SEES },
  {
    route: 'POST /api/uploads?instanceId',
    request: async (c) => ({ method: 'POST', url: `/api/uploads?document=PERSYARATAN-TEKNIS&instanceId=${c.instanceId}`, payload: upload.payload, headers: upload.headers }),
    expect: CONTRIBUTES,
  },
  { route: 'POST /api/instances/{id}/cancel', request: async (c) => ({ method: 'POST', url: `/api/instances/${(await c.fresh()).instanceId}/cancel`, payload: { reason: 'uji' } }), expect: CANCELS },
  // nothing waits for this message: senders learn that (404); applicants and managers may not send
  {
    route: 'POST /api/messages',
    request: async () => ({ method: 'POST', url: '/api/messages', payload: { name: 'pembayaran-diterima', correlationKey: 'tidak-ada' } }),
    expect: { ...all(404), anonymous: 401, applicant: 403, otherApplicant: 403, managerOwn: 403, managerOther: 403, manager: 403 },
  },
];

describe.each(databaseKinds)('one access policy: SIPEKA application with an OPD review, every caller, every route (%s)', (kind) => {
  let t: TestApp;
  let ctx: Ctx;
  const tokens = new Map<Persona, Record<string, string>>();
  const as = (p: Persona) => tokens.get(p) ?? {};

  beforeAll(async () => {
    t = await createTestApp({ kind });
    await publishLibrary(t.database.db, [SIPEKA]);
    await createUser(t.database.db, { username: 'manajer-dpmptsp', password: PASSWORD, roles: [{ role: 'manager', office: OFFICE }] }, 'test');
    await createUser(t.database.db, { username: 'manajer-samsat', password: PASSWORD, roles: [{ role: 'manager', office: 'samsat-serang' }] }, 'test');
    for (const [p, username] of Object.entries(PERSONAS) as Array<[Persona, string | null]>) {
      if (username) tokens.set(p, bearer(await loginAs(t.app, username, username.startsWith('manajer-') ? PASSWORD : undefined)));
    }
    const open = async (instanceId: string) =>
      t.database.db.selectFrom('runtime_tasks').select(['id', 'element_id', 'office']).where('instance_id', '=', instanceId).where('status', '=', 'open').execute();
    const fresh = async () => {
      const started = await t.app.inject({ method: 'POST', url: `/api/processes/${SIPEKA}/instances`, headers: as('applicant'), payload: { office: OFFICE, variables: { opdList: [OPD] } } });
      if (started.statusCode !== 201) throw new Error(`start: ${started.body}`);
      const instanceId = (started.json() as { id: string }).id;
      const [ajukan] = await open(instanceId);
      const done = await t.app.inject({ method: 'POST', url: `/api/tasks/${ajukan.id}/complete`, headers: as('applicant'), payload: { variables: {} } });
      if (done.statusCode !== 200) throw new Error(`ajukan: ${done.body}`);
      const [adm] = await open(instanceId);
      const checked = await t.app.inject({ method: 'POST', url: `/api/tasks/${adm.id}/complete`, headers: as('frontOffice'), payload: { variables: { berkasLengkap: true } } });
      if (checked.statusCode !== 200) throw new Error(`verifikasi_adm: ${checked.body}`);
      const [review] = await open(instanceId);
      if (review.element_id !== 'verifikasi_teknis' || review.office !== OPD) throw new Error(`unexpected ${review.element_id} at ${review.office}`);
      return { instanceId, reviewTaskId: review.id };
    };
    // the applicant hands in a document while the application still waits for them
    const started = await t.app.inject({ method: 'POST', url: `/api/processes/${SIPEKA}/instances`, headers: as('applicant'), payload: { office: OFFICE, variables: { opdList: [OPD] } } });
    const first = (started.json() as { id: string }).id;
    const up = await t.app.inject({ method: 'POST', url: `/api/uploads?document=KTP&instanceId=${first}`, headers: { ...as('applicant'), ...upload.headers }, payload: upload.payload });
    if (up.statusCode !== 201) throw new Error(`upload: ${up.body}`);
    const [ajukan] = await open(first);
    await t.app.inject({ method: 'POST', url: `/api/tasks/${ajukan.id}/complete`, headers: as('applicant'), payload: { variables: {} } });
    const [adm] = await open(first);
    await t.app.inject({ method: 'POST', url: `/api/tasks/${adm.id}/complete`, headers: as('frontOffice'), payload: { variables: { berkasLengkap: true } } });
    const [review] = await open(first);
    // Refused: every open step done by a holder of its role in its office, the OPDs' recommendation negative.
    const script: Record<string, Record<string, unknown>> = {
      rekap_teknis: { persyaratanTeknisLengkap: true },
      tax_clearance: { pajakLunas: true },
      paraf_kasi_rek: { parafKasiSetuju: true },
      rekap_rekomendasi: { rekomendasiTeknisPositif: false },
    };
    const { instanceId: rejectedId } = await fresh();
    const officers = new Map<string, Record<string, string>>();
    for (let n = 0; n < 30; n++) {
      await drainJobs(t.database.db);
      const [task] = await t.database.db.selectFrom('runtime_tasks').select(['id', 'element_id', 'role', 'office']).where('instance_id', '=', rejectedId).where('status', '=', 'open').orderBy('created_at').execute();
      if (!task || task.element_id === 'surat_tolak') break;
      const who = `${task.role}.${task.office}`;
      if (!officers.has(who)) officers.set(who, bearer(await loginAs(t.app, who)));
      const done = await t.app.inject({ method: 'POST', url: `/api/tasks/${task.id}/complete`, headers: officers.get(who)!, payload: { variables: script[task.element_id] ?? {} } });
      if (done.statusCode !== 200) throw new Error(`${task.element_id}: ${done.body}`);
    }
    ctx = { instanceId: first, rejectedId, reviewTaskId: review.id, uploadId: (up.json() as { id: string }).id, fresh };
    // publishing SIPEKA and logging eleven people in is slow on a shared machine
  }, 300_000);
  afterAll(async () => t?.close());

  for (const row of ROWS) {
    it(row.route, async () => {
      const got: Partial<Expectations> = {};
      for (const persona of Object.keys(PERSONAS) as Persona[]) {
        const req = await row.request(ctx);
        const res = await t.app.inject({ method: req.method, url: req.url, payload: req.payload as string, headers: { ...(req.headers ?? {}), ...as(persona) } });
        got[persona] = res.statusCode === 401 || res.statusCode === 403 || res.statusCode === 404 ? res.statusCode : 'pass';
      }
      expect(got, `${row.route}: ${JSON.stringify(got)}`).toEqual(row.expect);
    });
  }

  it('the OPD officer opens the task page of their review: the task, its application, the documents, the receipt; not the fees', async () => {
    const context = await t.app.inject({ method: 'GET', url: `/api/workspace/tasks/${ctx.reviewTaskId}/context`, headers: as('opd') });
    expect(context.statusCode).toBe(200);
    expect(context.json()).toMatchObject({ taskId: ctx.reviewTaskId, elementId: 'verifikasi_teknis', fees: [] });
    expect((await t.app.inject({ method: 'GET', url: `/api/uploads/${ctx.uploadId}/content`, headers: as('opd') })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/print/${ctx.instanceId}/tanda-terima`, headers: as('opd') })).statusCode).toBe(200);
    // the application list stays the office's: the OPD finds its work in its inbox
    const list = (await t.app.inject({ method: 'GET', url: '/api/instances', headers: as('opd') })).json() as { items: Array<{ id: string }> };
    expect(list.items.some((i) => i.id === ctx.instanceId)).toBe(false);
  });

  it("a manager sees their office's applications only; a manager of every office sees them all", async () => {
    const ids = async (p: Persona) => ((await t.app.inject({ method: 'GET', url: '/api/instances?limit=200', headers: as(p) })).json() as { items: Array<{ id: string }> }).items.map((i) => i.id);
    expect(await ids('managerOwn')).toContain(ctx.instanceId);
    expect(await ids('manager')).toContain(ctx.instanceId);
    expect(await ids('managerOther')).not.toContain(ctx.instanceId);
  });

  it('walk-ins: the officer who registers one does its applicant steps on the applicant\'s behalf; colleagues see it, applicants do not', async () => {
    await createUser(t.database.db, { username: 'fo-kedua', password: PASSWORD, roles: [{ role: 'petugas-fo', office: OFFICE }] }, 'test');
    const colleague = bearer(await loginAs(t.app, 'fo-kedua', PASSWORD));
    const started = await t.app.inject({
      method: 'POST',
      url: `/api/processes/${SIPEKA}/instances`,
      headers: as('frontOffice'),
      payload: { office: OFFICE, variables: { opdList: [OPD] }, applicant: { name: 'Budi Santoso', nik: '3604010101010001' } },
    });
    expect(started.statusCode).toBe(201);
    const inst = started.json() as { id: string; applicantUserId: string | null; tasks: Array<{ id: string; assignee: string | null; onBehalf: boolean }> };
    expect(inst.applicantUserId).toBeNull();
    const [ajukan] = inst.tasks;
    expect(ajukan.onBehalf).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: `/api/tasks/${ajukan.id}`, headers: as('frontOffice') })).statusCode).toBe(200);
    // the applicant step is the registering officer's, not the queue's
    expect((await t.app.inject({ method: 'GET', url: `/api/tasks/${ajukan.id}`, headers: colleague })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/instances/${inst.id}`, headers: colleague })).statusCode).toBe(200);
    for (const p of ['applicant', 'otherApplicant', 'opd', 'otherOffice'] as const) {
      expect((await t.app.inject({ method: 'GET', url: `/api/instances/${inst.id}`, headers: as(p) })).statusCode, p).toBe(404);
    }
    // the officer hands in the walk-in's papers at the applicant step, then completes it for them
    const up = await t.app.inject({ method: 'POST', url: `/api/uploads?document=KTP&instanceId=${inst.id}`, headers: { ...as('frontOffice'), ...upload.headers }, payload: upload.payload });
    expect(up.statusCode).toBe(201);
    const done = await t.app.inject({ method: 'POST', url: `/api/tasks/${ajukan.id}/complete`, headers: as('frontOffice'), payload: { variables: {} } });
    expect(done.statusCode).toBe(200);
    const history = (await t.app.inject({ method: 'GET', url: `/api/instances/${inst.id}/history`, headers: as('frontOffice') })).json() as { items: Array<{ elementId: string; onBehalf: boolean | null; event: string }> };
    expect(history.items.find((h) => h.elementId === 'ajukan' && h.event === 'completed')?.onBehalf).toBe(true);
  });
});
