/**
 * The workspace in headless Chromium against the real server and database: the applicant
 * applies with a document missing, the officer marks "Tidak lengkap", the applicant sees
 * exactly which document, uploads it and resubmits; two officers race for one task; a .pdf
 * name with PNG content is refused. Screenshots: inbox, task page, applicant status page.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/services/accounts.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { ensureStudioBuilt, launchBrowser, screenshot, watchPage } from './studio-helpers.js';
import { PDF_BYTES, PNG_BYTES, PROCESS_KEY, publishWorkspaceFixtures } from '../workspace/fixtures.js';

describe('workspace in the browser', () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  const files = mkdtempSync(join(tmpdir(), 'ws-e2e-'));
  const ktpPdf = join(files, 'ktp.pdf');
  const aktaPdf = join(files, 'akta.pdf');
  const fakePdf = join(files, 'akta-palsu.pdf');

  beforeAll(async () => {
    writeFileSync(ktpPdf, PDF_BYTES);
    writeFileSync(aktaPdf, PDF_BYTES);
    writeFileSync(fakePdf, PNG_BYTES);
    await ensureStudioBuilt();
    t = await createTestApp({ kind: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' });
    await publishWorkspaceFixtures(t.database.db);
    await createUser(t.database.db, { username: 'petugas-loket2', name: 'Petugas Loket Dua', password: t.password, roles: [{ role: 'petugas-loket', office: 'kecamatan-kaloran' }] }, 'test');
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function loginPage(username: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    const page = await context.newPage();
    await page.goto(url);
    await page.getByLabel(/Nama pengguna/).fill(username);
    await page.getByLabel(/Kata sandi/).fill(t.password);
    await page.getByRole('button', { name: /Masuk/ }).click();
    await page.getByTestId('current-user').waitFor();
    return page;
  }

  it('reklame: applicant applies without the akta → officer marks tidak lengkap → applicant sees which, uploads it, resubmits', async () => {
    const applicant = await loginPage('pemohon1');
    const watch = watchPage(applicant);
    await applicant.goto(`${url}/portal/apply/${PROCESS_KEY}`);
    await applicant.locator('[data-fact="lengthMeters"]').fill('4');
    await applicant.locator('[data-upload="ktp"]').setInputFiles(ktpPdf);
    await applicant.getByText('✓ ktp.pdf').waitFor();
    // A .pdf name with PNG content is refused with a clear message.
    await applicant.locator('[data-upload="akta"]').setInputFiles(fakePdf);
    await expect.poll(() => applicant.getByTestId('apply-error').textContent()).toContain('isinya PNG');
    await applicant.getByRole('button', { name: 'Kirim permohonan' }).click();
    await applicant.waitForURL(/\/portal\/applications\//);
    const instanceId = applicant.url().split('/').pop()!;

    const officer = await loginPage('petugas-loket.kecamatan-kaloran');
    await officer.goto(`${url}/inbox`);
    await officer.getByRole('tab', { name: /Tersedia/ }).click();
    const row = officer.locator('tr', { hasText: 'Memeriksa kelengkapan berkas' }).first();
    await row.waitFor();
    await screenshot(officer, 'workspace-inbox');
    await row.click();
    await officer.getByRole('button', { name: 'Ambil tugas' }).click();
    await officer.locator('[data-doc="akta"]').getByText('tidak ada').waitFor();
    await officer.locator('[data-doc="ktp"]').getByText('ada', { exact: true }).waitFor();
    await officer.getByLabel('Catatan (masuk riwayat)').fill('Akta pendirian belum dilampirkan');
    await screenshot(officer, 'workspace-task-page');
    await officer.getByRole('button', { name: 'Tidak lengkap' }).click();
    await officer.waitForURL(/\/inbox$/);

    await applicant.goto(`${url}/portal/applications/${instanceId}`);
    await expect.poll(() => applicant.getByTestId('expected').first().textContent()).toBe('Berkas tidak lengkap: unggah ulang Akta pendirian');
    await screenshot(applicant, 'portal-application-status');
    await applicant.locator('[data-upload="akta"]').setInputFiles(aktaPdf);
    await applicant.getByRole('button', { name: /Kirim ulang/ }).click();
    await expect.poll(async () => (await applicant.getByTestId('current-step').textContent()) ?? '').toContain('Memeriksa kelengkapan berkas');
    expect(watch.problems.filter((p) => /Content Security Policy|pageerror/.test(p))).toEqual([]);
  });

  it('two officers open the same task: one takes it, the other gets a clear message and keeps what was typed', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'petugas-loket.kecamatan-kaloran', password: t.password } });
    const token = res.json().token as string;
    const started = await t.app.inject({
      method: 'POST',
      url: `/api/processes/${PROCESS_KEY}/instances`,
      headers: { authorization: `Bearer ${token}` },
      payload: { office: 'kecamatan-kaloran', businessKey: 'REK-RACE', variables: { lengthMeters: 1 }, applicant: { name: 'Bu Rahayu' } },
    });
    const taskId = (started.json().tasks as Array<{ id: string }>)[0].id;
    const a = await loginPage('petugas-loket.kecamatan-kaloran');
    const b = await loginPage('petugas-loket2');
    await a.goto(`${url}/inbox/tasks/${taskId}`);
    await b.goto(`${url}/inbox/tasks/${taskId}`);
    await b.getByLabel('Catatan (masuk riwayat)').fill('catatan petugas dua');
    await a.getByRole('button', { name: 'Ambil tugas' }).click();
    await a.getByRole('button', { name: 'Lepas' }).waitFor();
    await b.getByRole('button', { name: 'Ambil tugas' }).click();
    await expect.poll(() => b.getByTestId('task-message').textContent()).toContain('sudah diambil petugas lain');
    expect(await b.getByLabel('Catatan (masuk riwayat)').inputValue()).toBe('catatan petugas dua');
  });
});
