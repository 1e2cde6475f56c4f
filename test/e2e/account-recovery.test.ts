/**
 * Account recovery and channels in headless Chromium against the real server and a real SMTP
 * server: an applicant who forgot her password asks for a code on the log-in page, reads it in
 * the email, sets a new password, logs in with it and chooses English for her messages.
 */
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/services/accounts/accounts.js';
import { smtpEmail } from '../../server/services/notifications/notification-outbox.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { ensureStudioBuilt, launchBrowser, screenshot, watchPage } from './studio-helpers.js';

describe('forgotten password and message channels in the browser', { timeout: 120_000 }, () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  let smtp: SMTPServer;
  const mails: string[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString('latin1')));
        stream.on('end', () => {
          mails.push(raw.replace(/=\r?\n/g, ''));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    await ensureStudioBuilt();
    t = await createTestApp({
      kind: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite',
      users: false,
      notifications: { email: smtpEmail({ host: '127.0.0.1', port, from: 'SOP Studio <no-reply@sop.test>' }), retry: { maxAttempts: 3, baseMs: 1000, leaseMs: 60_000 } },
    });
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const reg = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { name: 'Dewi Lestari', email: 'dewi@example.com', password: 'Sandi-Lama-Dewi-2026' } });
    expect(reg.statusCode, reg.body).toBe(201);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  });

  it('asks for a code, reads it in the email, sets a new password, logs in and chooses English', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' })).newPage();
    const watch = watchPage(page);
    await page.goto(url);
    await page.getByRole('button', { name: 'Lupa kata sandi?' }).click();
    await page.getByRole('heading', { name: 'Pulihkan kata sandi' }).waitFor();
    await page.getByLabel(/Email atau nomor HP/).fill('dewi@example.com');
    await page.getByRole('button', { name: 'Kirim kode' }).click();
    await page.getByText(/Jika akun terdaftar, kode telah dikirim/).waitFor();

    // The server's outbox worker does this every few seconds; the test sends at once.
    expect((await t.app.notifications.deliverDue()).map((o) => o.outcome)).toEqual(['sent']);
    const mail = mails.find((m) => /To: dewi@example\.com/i.test(m));
    const code = /Kode pemulihan kata sandi SOP Studio Anda: (\d{6})/.exec(mail ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);

    await page.getByLabel(/Kode 6 angka/).fill(code!);
    await page.getByLabel(/Kata sandi baru/).fill('Sandi-Baru-Dewi-2026');
    await screenshot(page, 'recovery-code');
    await page.getByRole('button', { name: 'Ganti kata sandi' }).click();
    await page.getByText('Kata sandi diganti. Silakan masuk.').waitFor();
    await page.getByRole('button', { name: 'Kembali ke halaman masuk' }).click();

    await page.getByLabel(/Nama pengguna/).fill('dewi@example.com');
    await page.getByLabel(/Kata sandi/).fill('Sandi-Baru-Dewi-2026');
    await page.getByRole('button', { name: /Masuk/ }).click();
    await page.getByTestId('current-user').waitFor();

    await page.getByRole('link', { name: 'Akun saya' }).click();
    await page.getByRole('heading', { name: 'Akun saya' }).waitFor();
    await page.getByText('Email: dewi@example.com').waitFor();
    await page.getByRole('combobox', { name: 'Bahasa pesan' }).click();
    await page.getByRole('option', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText('Pengaturan disimpan.').waitFor();
    await screenshot(page, 'account-settings');
    const prefs = await t.database.db.selectFrom('notification_preferences as p').innerJoin('users as u', 'u.id', 'p.user_id').select(['p.language', 'p.email']).where('u.email', '=', 'dewi@example.com').executeTakeFirstOrThrow();
    expect(prefs).toEqual({ language: 'en', email: true });
    expect(watch.problems).toEqual([]);
  });

  it('the admin edits a template in Templat notifikasi: an unknown field is refused, a valid one is used', async () => {
    await createUser(t.database.db, { username: 'admin', password: 'Sandi-Admin-Uji-2026', roles: [{ role: 'admin', office: null }] }, 'test');
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' })).newPage();
    const watch = watchPage(page);
    await page.goto(url);
    await page.getByLabel(/Nama pengguna/).fill('admin');
    await page.getByLabel(/Kata sandi/).fill('Sandi-Admin-Uji-2026');
    await page.getByRole('button', { name: /Masuk/ }).click();
    await page.getByTestId('current-user').waitFor();
    await page.getByRole('link', { name: 'Templat notifikasi' }).click();
    await page.getByRole('button', { name: /Siap diambil/ }).click();
    const subject = page.getByLabel(/^Judul/);
    await subject.fill('Siap: {{nomor}}');
    await page.getByRole('button', { name: 'Simpan' }).first().click();
    await page.getByRole('alert').getByText(/\{\{nomor\}\} tidak dikenal/).waitFor();
    await subject.fill('Dokumen {{number}} bisa diambil');
    await page.getByRole('button', { name: 'Simpan' }).first().click();
    await page.getByText('Templat disimpan.').waitFor();
    await screenshot(page, 'notification-templates');
    const saved = await t.database.db.selectFrom('notification_templates').select(['subject']).where('event', '=', 'ready-to-collect').where('language', '=', 'id').executeTakeFirstOrThrow();
    expect(saved.subject).toBe('Dokumen {{number}} bisa diambil');
    expect(watch.problems).toEqual([]);
  });
});
