import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { createUser } from '../../server/services/accounts/accounts.js';
import { addDays } from '../../core/calendar-date.js';
import { httpWhatsApp, smtpEmail } from '../../server/services/notifications/notification-outbox.js';
import { notify } from '../../server/services/notifications/notifications.js';
import { todayInJakarta } from '../../server/services/offices/dates.js';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { eq, flow, model, start } from '../runtime/support/bpmn.js';
import { publishProcess } from '../runtime/support/publish.js';

const OFFICE = 'kecamatan-kaloran';
const STAFF_PASSWORD = 'Rahasia-Kantor-2026';
const KEY = 'uji-notifikasi';
const task = (id: string, name: string, attrs = '') => `<bpmn:userTask id="${id}" name="${name}" sop:duration="PT1H" ${attrs} />`;
// The applicant applies, the counter checks; "Tidak lengkap" goes back to the applicant (and tells
// them), otherwise the applicant pays and the counter hands the permit over.
const SOP = model(
  KEY,
  [
    start(),
    '<bpmn:exclusiveGateway id="m" />',
    task('ajukan', 'Mengajukan permohonan'),
    task('periksa', 'Memeriksa kelengkapan'),
    '<bpmn:exclusiveGateway id="gw" />',
    task('bayar', 'Membayar retribusi', 'sop:notify="fee-to-pay"'),
    task('serah', 'Menyerahkan izin', 'sop:notify="ready-to-collect"'),
    '<bpmn:endEvent id="end" />',
    flow('f1', 'start', 'm'),
    flow('f2', 'm', 'ajukan'),
    flow('f3', 'ajukan', 'periksa'),
    flow('f4', 'periksa', 'gw'),
    flow('lengkap', 'gw', 'bayar', eq('berkasLengkap', true), 'Lengkap'),
    flow('kurang', 'gw', 'm', eq('berkasLengkap', false), 'Tidak lengkap').replace('<bpmn:sequenceFlow ', '<bpmn:sequenceFlow sop:notify="berkas-tidak-lengkap" '),
    flow('f5', 'bayar', 'serah'),
    flow('f6', 'serah', 'end'),
  ].join('\n'),
  { lanes: { pemohon: ['start', 'm', 'ajukan', 'bayar', 'end'], 'petugas-loket': ['periksa', 'gw', 'serah'] }, attrs: 'sop:starterRoles="pemohon petugas-loket"' },
);

interface Mail {
  to: string[];
  subject: string;
  text: string;
}
interface WaRequest {
  path: string;
  token: string;
  to: string;
  body: string;
}

/** The mail's subject and text as a reader sees them (quoted-printable undone). */
function readMail(raw: string, to: string[]): Mail {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const subject = /^Subject: (.*)$/im.exec(unfolded)?.[1] ?? '';
  const body = rest.join('\n\n').replace(/=\r?\n/g, '');
  const text = Buffer.from(body.replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  return { to, subject, text };
}

describe.each(databaseKinds)('notifications: catalogue events, outbox, email, WhatsApp, reminders, recovery (%s)', (kind) => {
  let t: TestApp;
  let smtp: SMTPServer;
  let wa: Server;
  const mails: Mail[] = [];
  const waRequests: WaRequest[] = [];
  let waStatus = 200;
  let waUrl = '';
  let smtpPort = 0;
  const retry = { maxAttempts: 3, baseMs: 1000, leaseMs: 60_000 };
  const ports = () => ({
    email: smtpEmail({ host: '127.0.0.1', port: smtpPort, from: 'SOP Studio <no-reply@sop.test>' }),
    whatsapp: httpWhatsApp({ provider: { url: `${waUrl}/default/messages`, token: 'token-pusat' }, offices: { [OFFICE]: { url: `${waUrl}/kaloran/messages`, token: 'token-kaloran' } } }),
    retry,
  });
  let applicant: Record<string, string>;
  let officer: Record<string, string>;
  let admin: Record<string, string>;
  let instanceId = '';

  const outbox = (where: { instanceId?: string; event?: string } = {}) => {
    let q = t.database.db.selectFrom('notification_outbox').selectAll().orderBy('id');
    if (where.instanceId) q = q.where('instance_id', '=', where.instanceId);
    // every start also sends the registration notice (number and PIN): its own tests are in applicant-reach
    q = where.event ? q.where('event', '=', where.event) : q.where('event', '!=', 'application-registered');
    return q.execute();
  };
  const openTask = async (element: string) =>
    (await t.database.db.selectFrom('runtime_tasks').select('id').where('instance_id', '=', instanceId).where('element_id', '=', element).where('status', '=', 'open').executeTakeFirstOrThrow()).id;
  const complete = async (element: string, headers: Record<string, string>, variables: Record<string, unknown> = {}) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/tasks/${await openTask(element)}/complete`, headers, payload: { variables } });
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        let raw = '';
        stream.setEncoding('latin1');
        stream.on('data', (c: string) => (raw += c));
        stream.on('end', () => {
          mails.push(readMail(raw, session.envelope.rcptTo.map((r) => r.address)));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpPort = (smtp.server.address() as AddressInfo).port;
    // A stand-in of a WhatsApp Business API provider: the same request and answer shapes.
    wa = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const json = JSON.parse(body) as { to: string; text: { body: string } };
        waRequests.push({ path: req.url ?? '', token: req.headers.authorization ?? '', to: json.to, body: json.text.body });
        res.writeHead(waStatus, { 'content-type': 'application/json' });
        res.end(waStatus === 200 ? JSON.stringify({ messages: [{ id: `wamid.${waRequests.length}` }] }) : JSON.stringify({ error: { message: 'provider down' } }));
      });
    });
    await new Promise<void>((resolve) => wa.listen(0, '127.0.0.1', resolve));
    waUrl = `http://127.0.0.1:${(wa.address() as AddressInfo).port}`;

    t = await createTestApp({ kind, users: false, notifications: ports() });
    await createUser(t.database.db, { username: 'admin', password: STAFF_PASSWORD, roles: [{ role: 'admin', office: null }] }, 'test');
    await createUser(t.database.db, { username: 'loket.kaloran', password: STAFF_PASSWORD, roles: [{ role: 'petugas-loket', office: OFFICE }] }, 'test');
    await publishProcess(t.database.db, KEY, SOP);
    admin = bearer(await loginAs(t.app, 'admin', STAFF_PASSWORD));
    officer = bearer(await loginAs(t.app, 'loket.kaloran', STAFF_PASSWORD));
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
    await new Promise<void>((resolve) => wa?.close(() => resolve()));
  });

  it('takes a phone number in any common form at registration and log-in, and keeps 08…', async () => {
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { name: 'Siti Aminah', email: 'siti@example.com', phone: '+62 812-3456-7890', password: 'Pemohon-Rahasia-2026' },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const stored = await t.database.db.selectFrom('users').select(['phone', 'email']).where('email', '=', 'siti@example.com').executeTakeFirstOrThrow();
    expect(stored.phone).toBe('081234567890');
    for (const typed of ['0812 3456 7890', '62812-3456-7890', '+6281234567890']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: typed, password: 'Pemohon-Rahasia-2026' } });
      expect(res.statusCode, typed).toBe(200);
    }
    applicant = bearer(reg.json().token);
    // The same number typed another way is the same account.
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { name: 'Lain', phone: '0812 3456 7890', password: 'Pemohon-Rahasia-2026' } });
    expect(again.json().code).toBe('USER_EXISTS');
  });

  it('a running SOP raises its marked event in the step; the outbox sends it by email (real SMTP) and WhatsApp (office provider)', async () => {
    const settings = await t.app.inject({ method: 'PUT', url: `/api/admin/service-notification-settings/${KEY}`, headers: admin, payload: { paymentDueDays: 5, validMonths: 12, remindDaysBefore: 30 } });
    expect(settings.statusCode, settings.body).toBe(200);
    const started = await t.app.inject({ method: 'POST', url: `/api/processes/${KEY}/instances`, headers: applicant, payload: { office: OFFICE, variables: {} } });
    expect(started.statusCode, started.body).toBe(201);
    instanceId = started.json().id;
    await complete('ajukan', applicant);

    // A refused step (no decision) stores nothing, notifications included.
    const refused = await t.app.inject({ method: 'POST', url: `/api/tasks/${await openTask('periksa')}/complete`, headers: officer, payload: { variables: { catatan: 'x' } } });
    expect(refused.statusCode).toBe(400);
    expect(await outbox({ instanceId })).toHaveLength(0);

    await complete('periksa', officer, { berkasLengkap: false, catatan: 'Catatan internal petugas', pesanPemohon: 'KTP belum dilampirkan.', dokumenKurang: ['KTP'] });
    const rows = await outbox({ instanceId });
    expect(rows.map((r) => [r.event, r.channel, r.recipient, r.status])).toEqual([
      ['berkas-tidak-lengkap', 'email', 'siti@example.com', 'pending'],
      ['berkas-tidak-lengkap', 'whatsapp', '081234567890', 'pending'],
    ]);
    const inApp = (await t.app.inject({ method: 'GET', url: '/api/notifications', headers: applicant })).json() as Array<{ kind: string; message: string }>;
    expect(inApp.find((n) => n.kind === 'berkas-tidak-lengkap')?.message).toMatch(/^Berkas kecamatan-kaloran-\d{4}-\d{6} belum lengkap$/);

    const sent = await t.app.notifications.deliverDue();
    // the registration notice of the start (email and WhatsApp), then the two above
    expect(sent.map((s) => s.outcome)).toEqual(['sent', 'sent', 'sent', 'sent']);
    const mail = mails.find((m) => m.to.includes('siti@example.com') && /belum lengkap/.test(m.subject));
    expect(mail?.subject).toMatch(/^Berkas kecamatan-kaloran-\d{4}-\d{6} belum lengkap$/);
    expect(mail?.text).toContain('Yth. Siti Aminah');
    expect(mail?.text).toContain('KTP belum dilampirkan. (KTP)');
    expect(mail?.text).not.toContain('Catatan internal petugas');
    expect(mail?.text).toContain(`/portal/applications/${instanceId}`);
    // WhatsApp: the office's own provider and token, the international number.
    expect(waRequests.at(-1)).toMatchObject({ path: '/kaloran/messages', token: 'Bearer token-kaloran', to: '6281234567890' });
    expect(waRequests.at(-1)?.body).toContain('Proses uji-notifikasi');
    const deliveries = await t.database.db.selectFrom('notification_deliveries').select(['outcome', 'provider_ref']).where('outbox_id', 'in', rows.map((r) => r.id)).execute();
    expect(deliveries.map((d) => d.outcome)).toEqual(['sent', 'sent']);
    expect(deliveries.some((d) => d.provider_ref?.startsWith('wamid.'))).toBe(true);
    expect((await outbox({ instanceId })).every((r) => r.status === 'sent')).toBe(true);
  });

  it('a walk-in applicant who left a phone number is told on WhatsApp; one who left nothing gets nothing', async () => {
    const walkIn = async (applicant: Record<string, string>) => {
      const res = await t.app.inject({ method: 'POST', url: `/api/processes/${KEY}/instances`, headers: officer, payload: { office: OFFICE, variables: {}, applicant } });
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json().id as string;
      const taskOf = async (element: string) =>
        (await t.database.db.selectFrom('runtime_tasks').select('id').where('instance_id', '=', id).where('element_id', '=', element).where('status', '=', 'open').executeTakeFirstOrThrow()).id;
      for (const [element, variables] of [['ajukan', {}], ['periksa', { berkasLengkap: false }]] as const) {
        const done = await t.app.inject({ method: 'POST', url: `/api/tasks/${await taskOf(element)}/complete`, headers: officer, payload: { variables } });
        expect(done.statusCode, done.body).toBe(200);
      }
      return outbox({ instanceId: id });
    };
    const told = await walkIn({ name: 'Budi Santoso', phone: '+62 813 2222 3333' });
    expect(told.map((r) => [r.event, r.channel, r.recipient])).toEqual([['berkas-tidak-lengkap', 'whatsapp', '081322223333']]);
    expect(told[0].body).toContain('Yth. Budi Santoso');
    expect(told[0].body).toContain('/lacak');
    expect(await walkIn({ name: 'Tanpa Kontak' })).toEqual([]);
  });

  it('the applicant chooses channels and language; fee and ready-to-collect follow them, and the permit is reminded once with two servers', async () => {
    const put = await t.app.inject({ method: 'PUT', url: '/api/me/notification-settings', headers: applicant, payload: { email: true, whatsapp: false, language: 'en' } });
    expect(put.json()).toEqual({ email: { address: 'siti@example.com', enabled: true }, whatsapp: { address: '081234567890', enabled: false }, language: 'en' });
    await complete('ajukan', applicant);
    await complete('periksa', officer, { berkasLengkap: true });
    const fee = await outbox({ instanceId, event: 'fee-to-pay' });
    expect(fee.map((r) => r.channel)).toEqual(['email']);
    const today = todayInJakarta();
    expect(fee[0].subject).toMatch(/^Fee for kecamatan-kaloran-\d{4}-\d{6}/);
    expect(fee[0].body).toContain(`due by ${addDays(today, 5)}`);

    await complete('bayar', applicant);
    expect((await outbox({ instanceId, event: 'ready-to-collect' })).map((r) => r.subject)).toEqual([expect.stringMatching(/ready to collect$/)]);
    const permit = await t.database.db.selectFrom('permits').selectAll().where('instance_id', '=', instanceId).executeTakeFirstOrThrow();
    expect(permit.remind_on).toBe(addDays(permit.expires_on, -30));

    // Two servers on one database run the reminder job at once on the reminder day.
    const second = await buildApp({ db: t.database.db, dbKind: t.database.kind, databaseUrl: t.database.url, notifications: ports() });
    try {
      const day = new Date(`${permit.remind_on}T03:00:00Z`);
      expect(await t.app.notifications.remindDue(new Date(day.getTime() - 86_400_000))).toBe(0);
      const [a, b] = await Promise.all([t.app.notifications.remindDue(day), second.notifications.remindDue(day)]);
      expect(a + b).toBe(1);
      expect(await second.notifications.remindDue(day)).toBe(0);
    } finally {
      await second.close();
    }
    const reminder = await outbox({ instanceId, event: 'permit-expiring' });
    expect(reminder).toHaveLength(1);
    expect(reminder[0].body).toContain(`expires on ${permit.expires_on} (in 30 days)`);
  });

  it('a failing provider is retried with backoff, then marked failed; every attempt is recorded', async () => {
    await t.app.notifications.deliverDue();
    waStatus = 503;
    await t.database.db.transaction().execute((trx) =>
      notify(trx, { contact: { name: 'Budi', phone: '0857 1111 2222' }, kind: 'application-registered', data: { service: 'IMB', number: 'KLR-2026-000001', office: 'Kecamatan', pin: '482913' }, link: '/lacak' }),
    );
    const now = Date.now();
    const [row] = (await outbox({ event: 'application-registered' })).filter((r) => r.recipient === '085711112222');
    const outcomes: string[] = [];
    for (const at of [now, now + 500, now + 1000, now + 3000]) outcomes.push(...(await t.app.notifications.deliverDue(new Date(at))).map((o) => o.outcome));
    // 1st try; not due again before 1 s; 2nd try at +1 s; 3rd (the last) at +3 s.
    expect(outcomes).toEqual(['retry', 'retry', 'failed']);
    const after = await t.database.db.selectFrom('notification_outbox').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(after.status).toBe('failed');
    const tries = await t.database.db.selectFrom('notification_deliveries').select(['attempt', 'outcome', 'reason']).where('outbox_id', '=', row.id).orderBy('id').execute();
    expect(tries.map((d) => [d.attempt, d.outcome])).toEqual([[1, 'failed'], [2, 'failed'], [3, 'failed']]);
    expect(tries[0].reason).toContain('HTTP 503');
    expect(waRequests.at(-1)).toMatchObject({ path: '/default/messages', to: '6285711112222' });
    waStatus = 200;
  });

  it('an admin edits a template (unknown fields refused); a message written before a restart is sent by the next server', async () => {
    const bad = await t.app.inject({ method: 'PUT', url: '/api/admin/notification-templates/application-registered/id', headers: admin, payload: { subject: 'Nomor {{nomor}}', body: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('TEMPLATE_INVALID');
    expect(await t.database.db.selectFrom('notification_templates').selectAll().execute()).toHaveLength(0);
    const byApplicant = await t.app.inject({ method: 'PUT', url: '/api/admin/notification-templates/application-registered/id', headers: applicant, payload: { subject: 'a', body: 'b' } });
    expect(byApplicant.statusCode).toBe(403);
    const ok = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/notification-templates/application-registered/id',
      headers: admin,
      payload: { subject: 'Nomor pendaftaran {{number}}', body: 'Halo {{name}}, nomor {{number}}, PIN {{pin}}.' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().find((e: { event: string }) => e.event === 'application-registered').templates.id.custom).toBe(true);

    // Written by one server that then stops before sending; a new server on the same database sends it.
    const first = await buildApp({ db: t.database.db, dbKind: t.database.kind, databaseUrl: t.database.url, notifications: { retry } });
    await t.database.db.transaction().execute((trx) =>
      notify(trx, { contact: { name: 'Rina', email: 'rina@example.com' }, kind: 'application-registered', data: { number: 'KLR-2026-000002', pin: '111222' } }),
    );
    await first.close();
    const next = await buildApp({ db: t.database.db, dbKind: t.database.kind, databaseUrl: t.database.url, notifications: ports() });
    try {
      expect((await next.notifications.deliverDue()).map((o) => o.outcome)).toEqual(['sent']);
    } finally {
      await next.close();
    }
    const mail = mails.find((m) => m.to.includes('rina@example.com'));
    expect(mail?.subject).toBe('Nomor pendaftaran KLR-2026-000002');
    expect(mail?.text.trim()).toBe('Halo Rina, nomor KLR-2026-000002, PIN 111222.');
  });

  it('recovers a password with a one-time code: wrong, reused, expired and too many requests are refused', async () => {
    const ask = (identifier: string) => t.app.inject({ method: 'POST', url: '/api/auth/recovery/request', payload: { identifier } });
    const reset = (code: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/recovery/reset', payload: { identifier: '0812-3456-7890', code, password } });
    const unknown = await ask('0899 0000 0000');
    expect(unknown.statusCode).toBe(202);
    expect((await ask('+62 812 3456 7890')).json()).toEqual(unknown.json());
    await t.app.notifications.deliverDue();
    // Asked with the phone: sent on WhatsApp, although the applicant turned WhatsApp off for notices.
    const message = waRequests.at(-1)!;
    expect(message.to).toBe('6281234567890');
    const code = /(\d{6})/.exec(message.body)![1];
    const stored = await t.database.db.selectFrom('password_reset_codes').select('code_hash').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(stored.code_hash).not.toContain(code);

    expect((await reset(code === '000000' ? '000001' : '000000', 'Sandi-Baru-Aman-2026')).json().code).toBe('RESET_CODE_INVALID');
    expect((await reset(code, 'password')).json().code).toBe('PASSWORD_TOO_WEAK');
    expect((await reset(code, 'Sandi-Baru-Aman-2026')).statusCode).toBe(200);
    expect((await reset(code, 'Sandi-Lain-Aman-2026')).json().code).toBe('RESET_CODE_INVALID');
    expect((await t.app.inject({ method: 'GET', url: '/api/me/notification-settings', headers: applicant })).statusCode).toBe(401);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'siti@example.com', password: 'Sandi-Baru-Aman-2026' } });
    expect(login.statusCode).toBe(200);

    // A second code, expired before use.
    expect((await ask('siti@example.com')).statusCode).toBe(202);
    await t.app.notifications.deliverDue();
    const second = /(\d{6})/.exec(mails.at(-1)!.text)![1];
    expect(mails.at(-1)!.subject).toMatch(/^Password recovery code/);
    await t.database.db.updateTable('password_reset_codes').set({ expires_at: new Date(Date.now() - 1000) }).where('used_at', 'is', null).execute();
    expect((await reset(second, 'Sandi-Lain-Aman-2026')).json().code).toBe('RESET_CODE_INVALID');
    // Three codes an hour per account.
    expect((await ask('siti@example.com')).statusCode).toBe(202);
    const limited = await ask('siti@example.com');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('RATE_LIMITED');
  });
});
