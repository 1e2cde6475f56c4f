/**
 * Issue 20 in headless Chromium against the real server: an administrator fills "Identitas SOP"
 * in the process editor, saves and publishes, and the exported SOP document carries it; an
 * anonymous visitor opens the public service standard and computes a fee with its calculator.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { publishLibrary } from '../workspace/fixtures.js';
import { todayInJakarta } from '../../server/services/offices/dates.js';
import { ensureStudioBuilt, launchBrowser, watchPage } from './studio-helpers.js';

describe('SOP document and service standard in the browser', { timeout: 120_000 }, () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    await ensureStudioBuilt();
    t = await createTestApp({ kind: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' });
    await publishLibrary(t.database.db, ['kaloran-reklame']);
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function loggedIn(username: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'id-ID' })).newPage();
    await page.goto(url);
    await page.getByLabel(/Nama pengguna/).fill(username);
    await page.getByLabel(/Kata sandi/).fill(t.password);
    await page.getByRole('button', { name: /Masuk/ }).click();
    await page.getByTestId('current-user').waitFor();
    return page;
  }

  it('Identitas SOP is saved in the model, published, and heads the exported SOP document', async () => {
    const admin = await loggedIn('admin');
    const watch = watchPage(admin);
    await admin.goto(`${url}/processes/kaloran-reklame`);
    await admin.getByTestId('identity-open').click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByTestId('identity-number').fill('503/08/SOP-KLR/2026');
    await dialog.getByTestId('identity-approverName').fill('Drs. Budi Santoso');
    await dialog.getByTestId('identity-dasarHukum').fill('Perda Kabupaten Temanggung Nomor 33 Tahun 2011');
    await dialog.getByTestId('identity-apply').click();
    await admin.getByTestId('dirty').waitFor();
    await admin.getByTestId('save-draft').click();
    await admin.getByText(/Draf tersimpan/).waitFor();
    const token = (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: t.password } })).json().token as string;
    const draft = await t.app.inject({ method: 'GET', url: '/api/processes/kaloran-reklame/draft', headers: { authorization: `Bearer ${token}` } });
    expect(draft.body).toContain('<sop:identity number="503/08/SOP-KLR/2026"');
    expect(draft.body).toContain('Perda Kabupaten Temanggung Nomor 33 Tahun 2011</sop:identityField>');

    // publish through the API, then the studio's "Dokumen SOP" address shows it (session cookie)
    const pub = await t.app.inject({ method: 'POST', url: '/api/processes/kaloran-reklame/publish', headers: { authorization: `Bearer ${token}` }, payload: { effectiveFrom: todayInJakarta() } });
    expect(pub.statusCode, pub.body).toBe(201);
    const href = await admin.getByTestId('sop-document').getAttribute('href');
    const doc = await admin.request.get(`${url}${href}`);
    expect(doc.status()).toBe(200);
    const html = await doc.text();
    expect(html).toContain('503/08/SOP-KLR/2026');
    expect(html).toContain('Drs. Budi Santoso');
    expect(watch.problems).toEqual([]);
  });

  it('an anonymous visitor opens the service standard and uses its calculator', async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'id-ID' })).newPage();
    const watch = watchPage(page);
    await page.goto(`${url}/standar-pelayanan/kaloran-reklame`);
    await page.getByRole('heading', { name: /Standar Pelayanan: 8\. Izin Pemasangan Reklame/ }).waitFor();
    await page.getByRole('heading', { name: 'Maklumat Pelayanan' }).waitFor();
    const calc = page.locator('form.calc[data-ruleset="kaloran-reklame"]');
    await calc.getByLabel('Panjang reklame (meter)').fill('4');
    await calc.getByRole('button', { name: 'Hitung' }).click();
    await expect.poll(() => calc.locator('.answer').textContent()).toContain('Perkiraan biaya: Rp 100.000');
    expect(watch.problems).toEqual([]);
  });
});
