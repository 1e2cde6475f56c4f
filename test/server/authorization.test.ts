import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/services/accounts/accounts.js';
import { submitForApproval } from '../../server/services/store/approvals.js';
import { queueChangeJob, type ChangeJobKind } from '../../server/services/store/change-jobs.js';
import { bearer, createTestApp, loginAs, TEST_PASSWORD, type TestApp } from '../helpers/app.js';
import { simpleProcess } from '../fixtures/bpmn.js';
import { multipart, PDF_BYTES, publishLibrary, REKLAME_START } from '../workspace/fixtures.js';
import { permenpanXlsx } from '../fixtures/import/xlsx.js';

const PROCESS_KEY = 'kaloran-reklame';
const REKLAME_RULES = JSON.parse(readFileSync(new URL('../../rules/kaloran-reklame.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/**
 * One table, every route, every kind of caller, over a real listening server.
 * "pass" means the request got past authorization (any status but 401/403/404);
 * 404 is expected where a resource exists but is hidden from that caller.
 */
type Persona = 'anonymous' | 'applicant' | 'otherApplicant' | 'officer' | 'officerOtherRole' | 'officerOtherOffice' | 'manager' | 'admin';
type Expect = 'pass' | 401 | 403 | 404;
type Expectations = Record<Persona, Expect>;
interface Ctx {
  instanceId: string;
  taskId: string;
  uploadId: string;
  /** a fresh application (instance + its first task), for requests that change state */
  fresh(): Promise<{ instanceId: string; taskId: string }>;
  /** the id of a fresh officer account, for account administration that changes it */
  freshUser(): Promise<string>;
  /** the id of a fresh delegation of the officer's post to petugas-loket.bapenda-depok */
  freshDelegation(): Promise<number>;
  /** a pending publication approval of the document, submitted by someone else (issue 19) */
  freshApproval(kind: 'process' | 'ruleset', key: string): Promise<string>;
  /** a queued impact or migration run (issue 19) */
  freshJob(kind: ChangeJobKind, key: string): Promise<string>;
  /** the verification code of a fresh issued document (the receipt PDF of a fresh application) */
  freshDocument(): Promise<string>;
}
interface Req {
  method: string;
  url: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
}
interface Row {
  route: string; // "METHOD /path/{param}" as in the OpenAPI document
  request: (ctx: Ctx) => Promise<Req> | Req;
  expect: Expectations;
}

// The fixture application: pemohon1 applies for a reklame permit at kecamatan-kaloran; the
// first step belongs to petugas-loket there.
const PERSONAS: Record<Persona, string | null> = {
  anonymous: null,
  applicant: 'pemohon1',
  otherApplicant: 'pemohon2',
  officer: 'petugas-loket.kecamatan-kaloran',
  // not a head of post: heads also hold a manager grant for their office (issue 18)
  officerOtherRole: 'tim-teknis.kecamatan-kaloran',
  officerOtherOffice: 'petugas-loket.bapenda-depok',
  manager: 'manager',
  admin: 'admin',
};

const all = (e: Expect): Expectations => ({ anonymous: e, applicant: e, otherApplicant: e, officer: e, officerOtherRole: e, officerOtherOffice: e, manager: e, admin: e });
const PUBLIC = all('pass');
const SIGNED_IN: Expectations = { ...all('pass'), anonymous: 401 };
const EDITORS: Expectations = { ...all(403), anonymous: 401, manager: 'pass', admin: 'pass' };
/** the application's own people: its applicant, officers of its office, managers, admins */
const INVOLVED: Expectations = { anonymous: 401, applicant: 'pass', otherApplicant: 404, officer: 'pass', officerOtherRole: 'pass', officerOtherOffice: 404, manager: 'pass', admin: 'pass' };
/** the task's own queue only: the lane's role in the instance's office; to anyone else the task does not exist */
const TASK_QUEUE: Expectations = { ...all(404), anonymous: 401, officer: 'pass' };
/** reading a task: its queue, and its office's supervisors (managers of that office or of all, admins), read-only */
const TASK_READ: Expectations = { ...TASK_QUEUE, manager: 'pass', admin: 'pass' };
/** adding to an application: the people involved, but not supervisors (managers only read) */
const CONTRIBUTORS: Expectations = { ...INVOLVED, manager: 403 };
/** account administration: admins change accounts; managers may only read the list */
const ADMINS: Expectations = { ...all(403), anonymous: 401, admin: 'pass' };
/** the managers' cockpit: managers of the office (the persona manages every office) and admins */
const MANAGERS: Expectations = { ...all(403), anonymous: 401, manager: 'pass', admin: 'pass' };
/** an issued document no step signed (a receipt): admins and the office's managers change its status; its office's officers are told no, others do not know it */
const DOCUMENT_KEEPERS: Expectations = { ...all(404), anonymous: 401, officer: 403, officerOtherRole: 403, manager: 'pass', admin: 'pass' };
/** a task's supervisors (its lane's sop:supervisorRole in its office, managers of the office, admins); hidden from others */
const SUPERVISORS: Expectations = { ...all(404), anonymous: 401, manager: 'pass', admin: 'pass' };

const DELEGATION = { role: 'petugas-loket', office: 'kecamatan-kaloran', from: 'petugas-loket.kecamatan-kaloran', to: 'petugas-loket.bapenda-depok' };
const json = (body: unknown) => ({ body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const xml = { 'content-type': 'application/xml' };

function storeRows(kind: 'processes' | 'rulesets', key: string, draft: Req['body'], headers: Record<string, string>): Row[] {
  const base = `/api/${kind}`;
  return [
    { route: `GET ${base}`, request: () => ({ method: 'GET', url: base }), expect: SIGNED_IN },
    { route: `GET ${base}/{key}/draft`, request: () => ({ method: 'GET', url: `${base}/${key}/draft` }), expect: EDITORS },
    { route: `PUT ${base}/{key}/draft`, request: () => ({ method: 'PUT', url: `${base}/${key}-baru/draft`, body: draft, headers }), expect: EDITORS },
    { route: `POST ${base}/{key}/publish`, request: () => ({ method: 'POST', url: `${base}/${key}/publish`, ...json({ note: 'uji' }) }), expect: EDITORS },
    { route: `GET ${base}/{key}/versions`, request: () => ({ method: 'GET', url: `${base}/${key}/versions` }), expect: SIGNED_IN },
    { route: `GET ${base}/{key}/versions/{n}`, request: () => ({ method: 'GET', url: `${base}/${key}/versions/1` }), expect: SIGNED_IN },
    { route: `GET ${base}/{key}/changelog`, request: () => ({ method: 'GET', url: `${base}/${key}/changelog` }), expect: EDITORS },
    // two people for a publication (issue 19)
    { route: `GET ${base}/{key}/approvals`, request: () => ({ method: 'GET', url: `${base}/${key}/approvals` }), expect: EDITORS },
    { route: `PUT ${base}/{key}/approval-setting`, request: () => ({ method: 'PUT', url: `${base}/${key}/approval-setting`, ...json({ required: false }) }), expect: ADMINS },
    { route: `POST ${base}/{key}/approvals`, request: () => ({ method: 'POST', url: `${base}/${key}/approvals`, ...json({ note: 'uji' }) }), expect: EDITORS },
    {
      route: `POST ${base}/{key}/approvals/{id}/approve`,
      request: async (c) => ({ method: 'POST', url: `${base}/${key}/approvals/${await c.freshApproval(kind === 'processes' ? 'process' : 'ruleset', key)}/approve` }),
      expect: EDITORS,
    },
    {
      route: `POST ${base}/{key}/approvals/{id}/reject`,
      request: async (c) => ({ method: 'POST', url: `${base}/${key}/approvals/${await c.freshApproval(kind === 'processes' ? 'process' : 'ruleset', key)}/reject`, ...json({ comment: 'uji' }) }),
      expect: EDITORS,
    },
  ];
}

const ROWS: Row[] = [
  { route: 'GET /api/health', request: () => ({ method: 'GET', url: '/api/health' }), expect: PUBLIC },
  { route: 'POST /api/auth/login', request: () => ({ method: 'POST', url: '/api/auth/login', ...json({ username: 'manager', password: TEST_PASSWORD }) }), expect: PUBLIC },
  {
    route: 'POST /api/auth/register',
    request: () => ({ method: 'POST', url: '/api/auth/register', ...json({ name: 'Warga Baru', email: `warga-${Math.random().toString(36).slice(2)}@contoh.id`, password: 'sandi-warga-123' }) }),
    expect: PUBLIC,
  },
  { route: 'GET /api/auth/me', request: () => ({ method: 'GET', url: '/api/auth/me' }), expect: SIGNED_IN },
  // the studio's first question: 200 with user null without a session
  { route: 'GET /api/auth/session', request: () => ({ method: 'GET', url: '/api/auth/session' }), expect: PUBLIC },
  { route: 'POST /api/auth/logout', request: () => ({ method: 'POST', url: '/api/auth/logout' }), expect: SIGNED_IN },
  { route: 'GET /api/offices', request: () => ({ method: 'GET', url: '/api/offices' }), expect: SIGNED_IN },
  { route: 'GET /api/roles', request: () => ({ method: 'GET', url: '/api/roles' }), expect: SIGNED_IN },
  ...storeRows('processes', 'uji-otorisasi', simpleProcess('uji-otorisasi-baru'), xml),
  ...storeRows('rulesets', 'kaloran-reklame', JSON.stringify({ ...REKLAME_RULES, key: 'kaloran-reklame-baru' }), { 'content-type': 'application/json' }),
  { route: 'POST /api/rulesets/{key}/evaluate', request: () => ({ method: 'POST', url: '/api/rulesets/kaloran-reklame/evaluate', ...json({ facts: { lengthMeters: 4, monthsLate: 0 } }) }), expect: PUBLIC },
  // regulation change (issue 19): impact runs and migrations, managers and admins only
  { route: 'POST /api/rulesets/{key}/impact', request: () => ({ method: 'POST', url: '/api/rulesets/kaloran-reklame/impact', ...json({}) }), expect: EDITORS },
  { route: 'GET /api/rulesets/{key}/impact/{id}', request: async (c) => ({ method: 'GET', url: `/api/rulesets/kaloran-reklame/impact/${await c.freshJob('ruleset-impact', 'kaloran-reklame')}` }), expect: EDITORS },
  { route: 'POST /api/processes/{key}/impact', request: () => ({ method: 'POST', url: '/api/processes/uji-otorisasi/impact', ...json({}) }), expect: EDITORS },
  { route: 'GET /api/processes/{key}/impact/{id}', request: async (c) => ({ method: 'GET', url: `/api/processes/uji-otorisasi/impact/${await c.freshJob('process-impact', 'uji-otorisasi')}` }), expect: EDITORS },
  { route: 'GET /api/processes/{key}/migrations/options', request: () => ({ method: 'GET', url: '/api/processes/uji-otorisasi/migrations/options?from=1&to=1' }), expect: EDITORS },
  { route: 'POST /api/processes/{key}/migrations', request: () => ({ method: 'POST', url: '/api/processes/uji-otorisasi/migrations', ...json({ from: 1, to: 1, dryRun: true }) }), expect: EDITORS },
  { route: 'GET /api/processes/{key}/migrations/{id}', request: async (c) => ({ method: 'GET', url: `/api/processes/uji-otorisasi/migrations/${await c.freshJob('migration', 'uji-otorisasi')}` }), expect: EDITORS },
  { route: 'POST /api/rulesets/{key}/test', request: () => ({ method: 'POST', url: '/api/rulesets/kaloran-reklame/test', ...json({}) }), expect: EDITORS },
  // applicants apply for themselves; officers whose role may start it register walk-ins
  {
    route: 'POST /api/processes/{key}/instances',
    request: () => ({ method: 'POST', url: `/api/processes/${PROCESS_KEY}/instances`, ...json({ office: 'kecamatan-kaloran', variables: REKLAME_START }) }),
    // managers design processes; they do not register applications
    expect: { anonymous: 401, applicant: 'pass', otherApplicant: 'pass', officer: 'pass', officerOtherRole: 403, officerOtherOffice: 403, manager: 403, admin: 'pass' },
  },
  { route: 'GET /api/instances', request: () => ({ method: 'GET', url: '/api/instances' }), expect: SIGNED_IN },
  { route: 'GET /api/instances/{id}', request: (c) => ({ method: 'GET', url: `/api/instances/${c.instanceId}` }), expect: INVOLVED },
  { route: 'GET /api/instances/{id}/history', request: (c) => ({ method: 'GET', url: `/api/instances/${c.instanceId}/history` }), expect: INVOLVED },
  {
    route: 'POST /api/instances/{id}/cancel',
    request: async (c) => ({ method: 'POST', url: `/api/instances/${(await c.fresh()).instanceId}/cancel`, ...json({ reason: 'uji pembatalan' }) }),
    // its supervisors cancel; those who see it may not (403); to the others it does not exist (404)
    expect: { ...INVOLVED, applicant: 403, officer: 403, officerOtherRole: 403 },
  },
  { route: 'GET /api/tasks', request: () => ({ method: 'GET', url: '/api/tasks?scope=available' }), expect: SIGNED_IN },
  { route: 'GET /api/tasks/{id}', request: (c) => ({ method: 'GET', url: `/api/tasks/${c.taskId}` }), expect: TASK_READ },
  { route: 'POST /api/tasks/{id}/claim', request: async (c) => ({ method: 'POST', url: `/api/tasks/${(await c.fresh()).taskId}/claim`, ...json({}) }), expect: TASK_QUEUE },
  // "Ambil tugas berikutnya": only a holder of that post (role × office) takes from its queue
  {
    route: 'POST /api/tasks/next',
    request: () => ({ method: 'POST', url: '/api/tasks/next', ...json({ role: 'petugas-loket', office: 'kecamatan-kaloran', processKey: PROCESS_KEY }) }),
    expect: { ...all(403), anonymous: 401, officer: 'pass' },
  },
  { route: 'POST /api/tasks/{id}/unclaim', request: async (c) => ({ method: 'POST', url: `/api/tasks/${(await c.fresh()).taskId}/unclaim`, ...json({}) }), expect: TASK_QUEUE },
  {
    route: 'POST /api/tasks/{id}/complete',
    request: async (c) => ({ method: 'POST', url: `/api/tasks/${(await c.fresh()).taskId}/complete`, ...json({ variables: { berkasLengkap: false } }) }),
    expect: TASK_QUEUE,
  },
  // officers and admins get past authorization and learn that nothing waits for this message
  // (404); applicants and managers (read-only) may not send messages
  { route: 'POST /api/messages', request: () => ({ method: 'POST', url: '/api/messages', ...json({ name: 'pembayaran-diterima', correlationKey: 'tidak-ada' }) }), expect: { ...all(404), anonymous: 401, applicant: 403, otherApplicant: 403, manager: 403 } },
  // no model of the fixture declares a signal: every signed-in caller is told so, before roles are looked at
  { route: 'POST /api/signals', request: () => ({ method: 'POST', url: '/api/signals', ...json({ name: 'bank-down', office: 'kecamatan-kaloran' }) }), expect: { ...all(404), anonymous: 401 } },
  { route: 'POST /api/uploads', request: () => ({ method: 'POST', url: '/api/uploads?document=ktp', ...toReq(multipart('ktp.pdf', PDF_BYTES, 'application/pdf')) }), expect: SIGNED_IN },
  { route: 'GET /api/uploads', request: () => ({ method: 'GET', url: '/api/uploads' }), expect: SIGNED_IN },
  // a document for the applicant (issue 23): the task's queue sends; its supervisors read the task but act on nothing (403)
  {
    route: 'POST /api/tasks/{id}/applicant-documents',
    request: async (c) => ({ method: 'POST', url: `/api/tasks/${(await c.fresh()).taskId}/applicant-documents?title=Surat`, ...toReq(multipart('surat.pdf', PDF_BYTES, 'application/pdf')) }),
    expect: { ...TASK_QUEUE, manager: 403, admin: 403 },
  },
  { route: 'GET /api/uploads/{id}/content', request: (c) => ({ method: 'GET', url: `/api/uploads/${c.uploadId}/content` }), expect: INVOLVED },
  { route: 'POST /api/uploads/attach', request: (c) => ({ method: 'POST', url: '/api/uploads/attach', ...json({ instanceId: c.instanceId, uploadIds: [c.uploadId] }) }), expect: CONTRIBUTORS },
  { route: 'GET /api/events', request: () => ({ method: 'GET', url: '/api/events' }), expect: SIGNED_IN },
  { route: 'GET /api/notifications', request: () => ({ method: 'GET', url: '/api/notifications' }), expect: SIGNED_IN },
  { route: 'POST /api/notifications/read', request: () => ({ method: 'POST', url: '/api/notifications/read', ...json({}) }), expect: SIGNED_IN },
  { route: 'GET /api/inbox', request: () => ({ method: 'GET', url: '/api/inbox?tab=available' }), expect: SIGNED_IN },
  { route: 'GET /api/workspace/tasks/{id}/context', request: (c) => ({ method: 'GET', url: `/api/workspace/tasks/${c.taskId}/context` }), expect: INVOLVED },
  { route: 'GET /api/workspace/applications', request: () => ({ method: 'GET', url: '/api/workspace/applications' }), expect: SIGNED_IN },
  { route: 'GET /api/workspace/applications/{id}', request: (c) => ({ method: 'GET', url: `/api/workspace/applications/${c.instanceId}` }), expect: INVOLVED },
  { route: 'GET /api/services', request: () => ({ method: 'GET', url: '/api/services' }), expect: PUBLIC },
  { route: 'GET /api/services/startable', request: () => ({ method: 'GET', url: '/api/services/startable' }), expect: SIGNED_IN },
  { route: 'GET /api/print/{id}/{doc}', request: (c) => ({ method: 'GET', url: `/api/print/${c.instanceId}/tanda-terima` }), expect: INVOLVED },
  { route: 'GET /api/print/{id}/{doc}.pdf', request: (c) => ({ method: 'GET', url: `/api/print/${c.instanceId}/tanda-terima.pdf` }), expect: INVOLVED },
  { route: 'GET /api/public/verify/{code}', request: async (c) => ({ method: 'GET', url: `/api/public/verify/${await c.freshDocument()}` }), expect: PUBLIC },
  { route: 'GET /verifikasi/{code}', request: async (c) => ({ method: 'GET', url: `/verifikasi/${await c.freshDocument()}` }), expect: PUBLIC },
  { route: 'POST /api/documents/{code}/revoke', request: async (c) => ({ method: 'POST', url: `/api/documents/${await c.freshDocument()}/revoke`, ...json({ reason: 'Salah cetak' }) }), expect: DOCUMENT_KEEPERS },
  { route: 'POST /api/documents/{code}/replace', request: async (c) => ({ method: 'POST', url: `/api/documents/${await c.freshDocument()}/replace`, ...json({ reason: 'Koreksi' }) }), expect: DOCUMENT_KEEPERS },
  { route: 'PUT /api/admin/users/{id}/identity', request: async (c) => ({ method: 'PUT', url: `/api/admin/users/${await c.freshUser()}/identity`, ...json({ fullName: 'Petugas Baru', nip: null }) }), expect: ADMINS },
  { route: 'GET /api/admin/users', request: () => ({ method: 'GET', url: '/api/admin/users?role=kasir' }), expect: EDITORS },
  {
    route: 'POST /api/admin/users',
    request: () => ({ method: 'POST', url: '/api/admin/users', ...json({ username: `petugas-${Math.random().toString(36).slice(2)}`, password: 'sandi-petugas-123', roles: [{ role: 'kasir', office: 'samsat-serang' }] }) }),
    expect: ADMINS,
  },
  { route: 'GET /api/admin/offices', request: () => ({ method: 'GET', url: '/api/admin/offices' }), expect: EDITORS },
  { route: 'GET /api/admin/offices/{key}', request: () => ({ method: 'GET', url: '/api/admin/offices/samsat-serang' }), expect: EDITORS },
  { route: 'GET /api/admin/offices/{key}/logo', request: () => ({ method: 'GET', url: '/api/admin/offices/samsat-serang/logo' }), expect: EDITORS },
  {
    route: 'POST /api/admin/offices',
    request: () => ({ method: 'POST', url: '/api/admin/offices', ...json({ key: `kantor-${Math.random().toString(36).slice(2)}`, name: 'Kantor Uji', agency: 'samsat-banten' }) }),
    expect: ADMINS,
  },
  {
    route: 'PUT /api/admin/offices/{key}',
    request: () => ({ method: 'PUT', url: '/api/admin/offices/samsat-cilegon', ...json({ name: 'Samsat Cilegon', agency: 'samsat-banten', address: 'Cilegon' }) }),
    expect: ADMINS,
  },
  {
    route: 'POST /api/admin/roles',
    request: () => ({ method: 'POST', url: '/api/admin/roles', ...json({ key: `jabatan-${Math.random().toString(36).slice(2)}`, name: 'Jabatan Uji', agencies: ['kecamatan-kaloran'] }) }),
    expect: ADMINS,
  },
  { route: 'POST /api/import/sop-table', request: async () => ({ method: 'POST', url: '/api/import/sop-table', ...json({ data: (await permenpanXlsx()).toString('base64') }) }), expect: ADMINS },
  { route: 'PUT /api/admin/users/{id}/roles', request: async (c) => ({ method: 'PUT', url: `/api/admin/users/${await c.freshUser()}/roles`, ...json({ roles: [{ role: 'korektor', office: 'samsat-serang' }] }) }), expect: ADMINS },
  { route: 'POST /api/admin/users/{id}/disable', request: async (c) => ({ method: 'POST', url: `/api/admin/users/${await c.freshUser()}/disable` }), expect: ADMINS },
  { route: 'POST /api/admin/users/{id}/enable', request: async (c) => ({ method: 'POST', url: `/api/admin/users/${await c.freshUser()}/enable` }), expect: ADMINS },
  { route: 'POST /api/admin/users/{id}/password', request: async (c) => ({ method: 'POST', url: `/api/admin/users/${await c.freshUser()}/password`, ...json({ password: 'sandi-baru-123' }) }), expect: ADMINS },
  { route: 'GET /api/admin/offices/{key}/calendar', request: () => ({ method: 'GET', url: '/api/admin/offices/samsat-serang/calendar' }), expect: MANAGERS },
  {
    route: 'PUT /api/admin/offices/{key}/calendar',
    request: () => ({
      method: 'PUT',
      url: '/api/admin/offices/kecamatan-kaloran/calendar',
      ...json({ week: [null, ...Array.from({ length: 5 }, () => ({ open: '08:00', close: '16:00' })), null], holidays: [] }),
    }),
    expect: ADMINS,
  },
  {
    route: 'POST /api/tasks/{id}/reassign',
    request: async (c) => ({ method: 'POST', url: `/api/tasks/${(await c.fresh()).taskId}/reassign`, ...json({ username: 'petugas-loket.kecamatan-kaloran' }) }),
    expect: SUPERVISORS,
  },
  { route: 'POST /api/tasks/{id}/take', request: async (c) => ({ method: 'POST', url: `/api/tasks/${(await c.fresh()).taskId}/take` }), expect: SUPERVISORS },
  ...['overview', 'heatmap', 'workload', 'steps/{elementId}'].map((r) => ({
    route: `GET /api/analytics/${r}`,
    request: () => ({ method: 'GET', url: `/api/analytics/${r.replace('{elementId}', 'periksa')}?process=${PROCESS_KEY}&office=kecamatan-kaloran` }),
    expect: MANAGERS,
  })),
  // issue 21: public tracking and survey (malformed input: past authorization, 400), the IKM, payment due days
  { route: 'POST /api/public/track', request: () => ({ method: 'POST', url: '/api/public/track', ...json({ number: 'x', pin: 'abc' }) }), expect: PUBLIC },
  { route: 'POST /api/public/complaints', request: () => ({ method: 'POST', url: '/api/public/complaints', ...json({ number: 'x', pin: 'abc', perihal: 'Lambat', isiPengaduan: 'Belum ada kabar sama sekali.' }) }), expect: PUBLIC },
  { route: 'GET /api/public/survey/{token}', request: () => ({ method: 'GET', url: '/api/public/survey/bad~token' }), expect: PUBLIC },
  { route: 'POST /api/public/survey/{token}', request: () => ({ method: 'POST', url: '/api/public/survey/abc', ...json({ answers: [5] }) }), expect: PUBLIC },
  { route: 'GET /api/analytics/ikm', request: () => ({ method: 'GET', url: '/api/analytics/ikm?office=kecamatan-kaloran' }), expect: MANAGERS },
  { route: 'GET /api/admin/services/{key}/payment-due', request: () => ({ method: 'GET', url: `/api/admin/services/${PROCESS_KEY}/payment-due` }), expect: MANAGERS },
  { route: 'PUT /api/admin/services/{key}/payment-due', request: () => ({ method: 'PUT', url: `/api/admin/services/${PROCESS_KEY}/payment-due`, ...json({ paymentDueDays: 14 }) }), expect: ADMINS },
  { route: 'GET /api/delegations', request: () => ({ method: 'GET', url: '/api/delegations' }), expect: SIGNED_IN },
  {
    route: 'POST /api/delegations',
    request: () => ({ method: 'POST', url: '/api/delegations', ...json({ ...DELEGATION, startsOn: '2026-12-01', endsOn: '2026-12-02' }) }),
    // the officer whose post it is, a manager of the office, an admin
    expect: { ...all(403), anonymous: 401, officer: 'pass', manager: 'pass', admin: 'pass' },
  },
  {
    route: 'DELETE /api/delegations/{id}',
    request: async (c) => ({ method: 'DELETE', url: `/api/delegations/${await c.freshDelegation()}` }),
    // also the colleague who received it; hidden from everyone else
    expect: { ...all(404), anonymous: 401, officer: 'pass', officerOtherOffice: 'pass', manager: 'pass', admin: 'pass' },
  },
  // notifications (issue 21)
  { route: 'GET /api/me/notification-settings', request: () => ({ method: 'GET', url: '/api/me/notification-settings' }), expect: SIGNED_IN },
  { route: 'PUT /api/me/notification-settings', request: () => ({ method: 'PUT', url: '/api/me/notification-settings', ...json({ email: true, whatsapp: true, language: 'id' }) }), expect: SIGNED_IN },
  { route: 'GET /api/admin/notification-templates', request: () => ({ method: 'GET', url: '/api/admin/notification-templates' }), expect: EDITORS },
  {
    route: 'PUT /api/admin/notification-templates/{event}/{language}',
    request: () => ({ method: 'PUT', url: '/api/admin/notification-templates/ready-to-collect/en', ...json({ subject: 'Ready: {{number}}', body: 'Collect it at {{office}}.' }) }),
    expect: ADMINS,
  },
  { route: 'DELETE /api/admin/notification-templates/{event}/{language}', request: () => ({ method: 'DELETE', url: '/api/admin/notification-templates/ready-to-collect/en' }), expect: ADMINS },
  { route: 'GET /api/admin/service-notification-settings/{key}', request: () => ({ method: 'GET', url: `/api/admin/service-notification-settings/${PROCESS_KEY}` }), expect: EDITORS },
  {
    route: 'PUT /api/admin/service-notification-settings/{key}',
    request: () => ({ method: 'PUT', url: `/api/admin/service-notification-settings/${PROCESS_KEY}`, ...json({ paymentDueDays: 7, validMonths: 12, remindDaysBefore: 30 }) }),
    expect: ADMINS,
  },
  { route: 'POST /api/auth/recovery/request', request: () => ({ method: 'POST', url: '/api/auth/recovery/request', ...json({ identifier: 'tidak-ada@contoh.id' }) }), expect: PUBLIC },
  { route: 'POST /api/auth/recovery/reset', request: () => ({ method: 'POST', url: '/api/auth/recovery/reset', ...json({ identifier: 'tidak-ada@contoh.id', code: '123456', password: 'sandi-warga-123' }) }), expect: PUBLIC },
  // the SOP document and the service standard (issue 20)
  { route: 'GET /api/processes/{key}/sop-document', request: () => ({ method: 'GET', url: `/api/processes/${PROCESS_KEY}/sop-document` }), expect: SIGNED_IN },
  { route: 'GET /api/processes/{key}/sop-document.pdf', request: () => ({ method: 'GET', url: `/api/processes/${PROCESS_KEY}/sop-document.pdf` }), expect: SIGNED_IN },
  { route: 'GET /standar-pelayanan', request: () => ({ method: 'GET', url: '/standar-pelayanan' }), expect: PUBLIC },
  { route: 'GET /standar-pelayanan/{key}', request: () => ({ method: 'GET', url: `/standar-pelayanan/${PROCESS_KEY}` }), expect: PUBLIC },
  { route: 'GET /api/public/service-standards/{key}', request: () => ({ method: 'GET', url: `/api/public/service-standards/${PROCESS_KEY}` }), expect: PUBLIC },
  { route: 'GET /api/service-standards/{key}', request: () => ({ method: 'GET', url: `/api/service-standards/${PROCESS_KEY}` }), expect: EDITORS },
  { route: 'PUT /api/service-standards/{key}', request: () => ({ method: 'PUT', url: `/api/service-standards/${PROCESS_KEY}`, ...json({ texts: { jumlahPelaksana: '3 orang' } }) }), expect: EDITORS },
];

function toReq(m: { payload: Buffer; headers: Record<string, string> }): Pick<Req, 'body' | 'headers'> {
  return { body: m.payload, headers: m.headers };
}

function openapiRoutes(app: FastifyInstance): string[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
}

describe('authorization: every route against every kind of caller', () => {
  let t: TestApp;
  let base: string;
  let ctx: Ctx;
  const tokens = new Map<Persona, string>();

  async function call(req: Req, token?: string): Promise<number> {
    const abort = new AbortController();
    const res = await fetch(`${base}${req.url}`, {
      method: req.method,
      body: typeof req.body === 'string' || req.body === undefined ? req.body : new Uint8Array(req.body),
      headers: { ...(req.headers ?? {}), ...(token ? bearer(token) : {}) },
      signal: abort.signal,
    });
    // server-sent events never end: the status is all this table needs
    abort.abort();
    return res.status;
  }

  beforeAll(async () => {
    t = await createTestApp();
    await publishLibrary(t.database.db, [PROCESS_KEY]);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    for (const [persona, username] of Object.entries(PERSONAS) as Array<[Persona, string | null]>) {
      if (username) tokens.set(persona, await loginAs(t.app, username));
    }
    const admin = bearer(tokens.get('admin')!);
    await t.app.inject({ method: 'PUT', url: '/api/processes/uji-otorisasi/draft', payload: simpleProcess('uji-otorisasi'), headers: { ...admin, ...xml } });
    await t.app.inject({ method: 'POST', url: '/api/processes/uji-otorisasi/publish', payload: {}, headers: admin });

    const applicant = bearer(tokens.get('applicant')!);
    const fresh = async () => {
      const started = await t.app.inject({ method: 'POST', url: `/api/processes/${PROCESS_KEY}/instances`, headers: applicant, payload: { office: 'kecamatan-kaloran', variables: REKLAME_START } });
      if (started.statusCode !== 201) throw new Error(`start: ${started.statusCode} ${started.body}`);
      const instanceId = (started.json() as { id: string }).id;
      // the applicant hands in the application; the next step is the loket's check
      const openTask = async () =>
        (await t.database.db.selectFrom('runtime_tasks').select(['id', 'role']).where('instance_id', '=', instanceId).where('status', '=', 'open').execute())[0];
      const ajukan = await openTask();
      const done = await t.app.inject({ method: 'POST', url: `/api/tasks/${ajukan.id}/complete`, headers: applicant, payload: { variables: {} } });
      if (done.statusCode !== 200) throw new Error(`ajukan: ${done.statusCode} ${done.body}`);
      const periksa = await openTask();
      if (periksa.role !== 'petugas-loket') throw new Error(`unexpected step for ${periksa.role}`);
      return { instanceId, taskId: periksa.id as string };
    };
    const first = await fresh();
    const up = multipart('ktp.pdf', PDF_BYTES, 'application/pdf');
    const uploaded = await t.app.inject({ method: 'POST', url: `/api/uploads?document=ktp&instanceId=${first.instanceId}`, headers: { ...applicant, ...up.headers }, payload: up.payload });
    if (uploaded.statusCode !== 201) throw new Error(`upload: ${uploaded.statusCode} ${uploaded.body}`);
    const freshUser = async () =>
      (await createUser(t.database.db, { username: `petugas-${Math.random().toString(36).slice(2)}`, password: 'sandi-petugas-123', roles: [{ role: 'kasir', office: 'samsat-serang' }] }, 'test')).id;
    const freshDelegation = async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/delegations', headers: admin, payload: { ...DELEGATION, startsOn: '2026-12-01', endsOn: '2026-12-02' } });
      if (res.statusCode !== 201) throw new Error(`delegation: ${res.statusCode} ${res.body}`);
      return (res.json() as { id: number }).id;
    };
    const freshApproval = async (kind: 'process' | 'ruleset', key: string) => {
      await t.database.db.updateTable('publication_approvals').set({ status: 'rejected', decided_by: 'test' }).where('status', '=', 'pending').execute();
      return (await submitForApproval(t.database.db, { kind, key, actor: 'penyusun-lain' })).id;
    };
    const freshJob = (kind: ChangeJobKind, key: string) =>
      t.database.db.transaction().execute((trx) => queueChangeJob(trx, { kind, key, params: { from: 1, to: 1, mapping: {}, dryRun: true, offices: 'all' }, actor: 'test', auditDetails: {} }));
    const freshDocument = async () => {
      const res = await t.app.inject({ method: 'GET', url: `/api/print/${(await fresh()).instanceId}/tanda-terima.pdf`, headers: admin });
      if (res.statusCode !== 200) throw new Error(`document: ${res.statusCode} ${res.body}`);
      return res.headers['x-document-code'] as string;
    };
    ctx = { ...first, uploadId: (uploaded.json() as { id: string }).id, fresh, freshUser, freshDelegation, freshApproval, freshJob, freshDocument };
  });
  afterAll(async () => t?.close());

  it('every route of the OpenAPI document has a row in the table', () => {
    const covered = new Set(ROWS.map((r) => r.route));
    const missing = openapiRoutes(t.app).filter((r) => !covered.has(r) && !r.startsWith('GET /docs'));
    expect(missing).toEqual([]);
  });

  for (const row of ROWS) {
    it(row.route, async () => {
      const got: Record<string, Expect> = {};
      for (const persona of Object.keys(PERSONAS) as Persona[]) {
        // log-out would end the persona's session for the rows after it
        const token = row.route === 'POST /api/auth/logout' && persona !== 'anonymous' ? await loginAs(t.app, PERSONAS[persona]!) : tokens.get(persona);
        const status = await call(await row.request(ctx), token);
        got[persona] = status === 401 || status === 403 || status === 404 ? status : 'pass';
      }
      expect(got, `${row.route}: ${JSON.stringify(got)}`).toEqual(row.expect);
    });
  }
});
