/**
 * Issue 21 in headless Chromium against the real server: from a fresh browser (no account) an
 * applicant tracks an application by registration number and PIN, in Bahasa Indonesia and in
 * English; after the application ends, answers the satisfaction survey from the invitation's
 * link (once); the office's manager sees the IKM in Kinerja. Screenshots go to /tmp (not committed).
 */
import type { Browser, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/services/accounts/accounts.js';
import { inviteEndedApplications } from '../../server/services/notifications/skm.js';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { chain, end, model, start, userTask } from '../runtime/support/bpmn.js';
import { publishProcess } from '../runtime/support/publish.js';
import { ensureStudioBuilt, launchBrowser, watchPage } from './studio-helpers.js';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { smtpEmail } from '../../server/services/notifications/notification-outbox.js';

const OFFICE = 'kecamatan-kaloran';
const PASSWORD = 'Rahasia-Kantor-2026';
// Reaching "lengkapi" (the applicant completes the file) is the "berkas tidak lengkap" event.
const izin = model('uji-izin', `${start()}${userTask('periksa', 'sop:duration="P1D"')}${userTask('lengkapi', 'sop:duration="P2D" sop:notify="berkas-tidak-lengkap"')}${end()}${chain('start', 'periksa', 'lengkapi', 'end')}`, {
  lanes: { pemohon: ['start', 'lengkapi'], 'petugas-loket': ['periksa', 'end'] },
  attrs: 'sop:starterRoles="pemohon"',
});

describe('applicant reach in the browser: track, survey, IKM', { timeout: 180_000 }, () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  const as: Record<string, Record<string, string>> = {};
  let registration: { number: string; pin: string };
  let instanceId: string;
  // A real SMTP server: what the applicant's mailbox receives.
  const mails: Array<{ to: string[]; raw: string }> = [];
  let smtp: SMTPServer;

  beforeAll(async () => {
    await ensureStudioBuilt();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        let raw = '';
        stream.setEncoding('utf8');
        stream.on('data', (c: string) => (raw += c));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: raw.replace(/=\r?\n/g, '') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const email = smtpEmail({ host: '127.0.0.1', port: (smtp.server.address() as AddressInfo).port, from: 'SOP Studio <no-reply@sop.test>' });
    t = await createTestApp({ kind: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite', users: false, notifications: { email } });
    await publishProcess(t.database.db, 'uji-izin', izin);
    await publishProcess(t.database.db, 'pengaduan', await readFile(new URL('../../processes/pengaduan.bpmn', import.meta.url), 'utf8'));
    await createUser(t.database.db, { username: 'siti', name: 'Siti Rahmawati', email: 'siti@example.com', password: PASSWORD, roles: [{ role: 'pemohon', office: null }] }, 'test');
    await createUser(t.database.db, { username: 'loket.kaloran', password: PASSWORD, roles: [{ role: 'petugas-loket', office: OFFICE }] }, 'test');
    await createUser(t.database.db, { username: 'camat.kaloran', name: 'Camat Kaloran', password: PASSWORD, roles: [{ role: 'manager', office: OFFICE }] }, 'test');
    for (const u of ['siti', 'loket.kaloran']) as[u] = bearer(await loginAs(t.app, u, PASSWORD));
    const started = await t.app.inject({ method: 'POST', url: '/api/processes/uji-izin/instances', headers: as.siti, payload: { office: OFFICE } });
    expect(started.statusCode, started.body).toBe(201);
    ({ registration, id: instanceId } = started.json());
    await completeOpenTask('loket.kaloran');
    // The loket found the file incomplete: the message is sent by the outbox to Siti's mailbox.
    await t.app.notifications.deliverDue();
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  });

  async function completeOpenTask(user: string): Promise<void> {
    const inst = (await t.app.inject({ method: 'GET', url: `/api/instances/${instanceId}`, headers: as[user] })).json() as { tasks: Array<{ id: string }> };
    const done = await t.app.inject({ method: 'POST', url: `/api/tasks/${inst.tasks[0].id}/complete`, headers: as[user], payload: { variables: {} } });
    expect(done.statusCode, done.body).toBe(200);
  }

  async function freshPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'id-ID' });
    return context.newPage();
  }

  it('the applicant received the registration and the "berkas tidak lengkap" emails in a real SMTP server', () => {
    const toSiti = mails.filter((m) => m.to.includes('siti@example.com'));
    expect(toSiti.some((m) => /Subject: Permohonan terdaftar: kecamatan-kaloran-\d{4}-\d{6}/.test(m.raw) && m.raw.includes(registration.pin))).toBe(true);
    expect(toSiti.some((m) => /Subject: Berkas kecamatan-kaloran-\d{4}-\d{6} belum lengkap/.test(m.raw))).toBe(true);
  });

  it('tracks by number and PIN without an account; a wrong PIN is told apart from nothing', async () => {
    const page = await freshPage();
    const problems = watchPage(page);
    await page.goto(`${url}/lacak`);
    await page.getByLabel(/Nomor pendaftaran/).fill(registration.number.toUpperCase());
    await page.getByLabel(/^PIN/).fill(registration.pin === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Lacak' }).click();
    await expect.poll(() => page.getByTestId('track-error').textContent()).toBe('Nomor pendaftaran atau PIN tidak cocok.');
    await page.getByLabel(/^PIN/).fill(registration.pin);
    await page.getByRole('button', { name: 'Lacak' }).click();
    const result = page.getByTestId('track-result');
    await result.waitFor();
    expect(await page.getByTestId('track-current').textContent()).toBe('Sedang diproses: Tugas lengkapi');
    expect(await page.getByTestId('track-action').textContent()).toContain('Tugas lengkapi');
    expect(await page.getByTestId('track-expected').textContent()).toMatch(/^Perkiraan selesai: .+ \(3 hari kerja sejak diajukan\)\.$/);
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('pemohon: Siti');
    expect(text).not.toContain('Rahmawati');
    expect(text).toContain('Tugas periksa');
    // A complaint about it, from the same page: it goes to the office's complaints post.
    await page.getByLabel(/^Perihal/).fill('Belum ada kabar');
    await page.getByLabel(/^Isi pengaduan/).fill('Sudah tiga hari belum ada kabar dari loket.');
    await page.getByRole('button', { name: 'Kirim pengaduan' }).click();
    await expect.poll(() => page.getByTestId('complaint-filed').textContent()).toMatch(/^Pengaduan diterima dengan nomor kecamatan-kaloran-\d{4}-\d{6}\./);
    const filed = await t.database.db.selectFrom('runtime_tasks').select(['role', 'office']).where('process_key', '=', 'pengaduan').where('status', '=', 'open').execute();
    expect(filed).toEqual([{ role: 'pengelola-pengaduan', office: OFFICE }]);
    // English, same page.
    await page.getByLabel('Bahasa').click();
    await page.getByRole('option', { name: 'English' }).click();
    await expect.poll(() => page.getByTestId('track-expected').textContent()).toMatch(/^Expected completion: .+ \(3 working days from submission\)\.$/);
    await page.screenshot({ path: '/tmp/lacak-390.png', fullPage: true });
    expect(problems.problems).toEqual([]);
  });

  it('answers the survey from the invitation link once; the manager sees the IKM', async () => {
    await completeOpenTask('siti');
    expect(await inviteEndedApplications(t.database.db)).toBe(1);
    const notes = (await t.app.inject({ method: 'GET', url: '/api/notifications', headers: as.siti })).json() as Array<{ kind: string; link: string }>;
    const link = notes.find((n) => n.kind === 'survey-invitation')!.link;

    const page = await freshPage();
    const problems = watchPage(page);
    await page.goto(`${url}${link}`);
    await page.getByText('Layanan Proses uji-izin di Kecamatan Kaloran', { exact: false }).waitFor();
    const groups = page.getByRole('radiogroup');
    expect(await groups.count()).toBe(9);
    // Every item "Sangat baik" (4) but handling of complaints "Baik" (3): Σ 35 → 35 × 0.111 × 25 = 97.125 → 97.13, A.
    for (let i = 0; i < 9; i++) await groups.nth(i).getByLabel(i === 7 ? 'Baik' : 'Sangat baik', { exact: true }).check();
    await page.getByLabel(/Saran dan masukan/).fill('Pelayanan cepat, terima kasih');
    await page.getByRole('button', { name: 'Kirim penilaian' }).click();
    await page.getByTestId('survey-thanks').waitFor();
    // The link works once.
    await page.reload();
    await page.getByTestId('survey-used').waitFor();
    expect(problems.problems).toEqual([]);

    const manager = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' })).newPage();
    const managerProblems = watchPage(manager);
    await manager.goto(url);
    await manager.getByLabel(/Nama pengguna/).fill('camat.kaloran');
    await manager.getByLabel(/Kata sandi/).fill(PASSWORD);
    await manager.getByRole('button', { name: /Masuk/ }).click();
    await manager.getByTestId('current-user').waitFor();
    await manager.goto(`${url}/kinerja?process=uji-izin`);
    await expect.poll(() => manager.getByTestId('ikm-value').textContent(), { timeout: 30_000 }).toBe('97.13');
    expect(await manager.getByTestId('ikm-category').textContent()).toContain('A (sangat baik)');
    expect(await manager.getByTestId('ikm-comments').textContent()).toContain('Pelayanan cepat, terima kasih');
    await manager.screenshot({ path: '/tmp/kinerja-ikm-1280.png', fullPage: true });
    expect(managerProblems.problems).toEqual([]);
  });
});
