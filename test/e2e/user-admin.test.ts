/**
 * Pengguna in headless Chromium against the real server: the admin adds "siti" as korektor in
 * samsat-serang, and siti can then log in and reach her inbox.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { ensureStudioBuilt, launchBrowser, screenshot, watchPage } from './studio-helpers.js';

describe('user administration in the browser', { timeout: 120_000 }, () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    await ensureStudioBuilt();
    t = await createTestApp({ kind: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' });
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function loggedIn(username: string, password: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' })).newPage();
    await page.goto(url);
    await page.getByLabel(/Nama pengguna/).fill(username);
    await page.getByLabel(/Kata sandi/).fill(password);
    await page.getByRole('button', { name: /Masuk/ }).click();
    await page.getByTestId('current-user').waitFor();
    return page;
  }

  it('the admin opens Pengguna, adds siti as korektor in samsat-serang, and siti can log in', async () => {
    const admin = await loggedIn('admin', t.password);
    const watch = watchPage(admin);
    await admin.getByRole('link', { name: 'Pengguna' }).click();
    await admin.getByRole('heading', { name: 'Pengguna' }).waitFor();
    await admin.getByRole('button', { name: 'Tambah pengguna' }).click();

    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel(/^Nama pengguna/).fill('siti');
    await dialog.getByLabel(/^Nama$/).fill('Siti Korektor');
    await dialog.getByLabel(/^Kata sandi/).fill('sandi-siti-123');
    await dialog.getByRole('combobox', { name: 'Peran' }).click();
    await admin.getByRole('option', { name: /\(korektor\)/ }).click();
    await dialog.getByRole('combobox', { name: 'Kantor' }).click();
    // only the offices where the post exists: the korektor works at Samsat, not at a kecamatan
    const offered = await admin.getByRole('option').allInnerTexts();
    expect(offered.some((o) => o.includes('(samsat-serang)'))).toBe(true);
    expect(offered.filter((o) => !/\(samsat-/.test(o))).toEqual([]);
    await admin.getByRole('option', { name: /\(samsat-serang\)/ }).click();
    await dialog.getByRole('button', { name: 'Tambah peran' }).click();
    // grants read as names, not keys
    await dialog.getByText('Korektor · Samsat Serang').waitFor();
    await screenshot(admin, 'users-add');
    await dialog.getByRole('button', { name: 'Simpan' }).click();

    await admin.getByText('Pengguna siti dibuat').waitFor();
    await admin.locator('tr[data-username="siti"]').getByText('Korektor · Samsat Serang').waitFor();
    await screenshot(admin, 'users-list');
    expect(watch.problems).toEqual([]);

    const siti = await loggedIn('siti', 'sandi-siti-123');
    await expect(siti.getByTestId('current-user').textContent()).resolves.toBe('Siti Korektor');
    // an officer lands on the inbox and is not offered the admin's screen
    await siti.getByRole('heading', { name: 'Kotak tugas' }).waitFor();
    expect(await siti.getByRole('link', { name: 'Pengguna' }).count()).toBe(0);
  });

  it("a manager reads the list of their office's staff and can change nothing", async () => {
    const camat = await loggedIn('camat.kecamatan-kaloran', t.password);
    const watch = watchPage(camat);
    await camat.getByRole('link', { name: 'Pengguna' }).click();
    await camat.getByRole('heading', { name: 'Pengguna' }).waitFor();
    await camat.getByTestId('users-read-only').waitFor();
    await camat.locator('tr[data-username="petugas-loket.kecamatan-kaloran"]').getByText('Petugas Loket · Kecamatan Kaloran').waitFor();
    expect(await camat.locator('tr[data-username="kasir.samsat-serang"]').count()).toBe(0);
    expect(await camat.locator('tr[data-username="pemohon1"]').count()).toBe(0);
    for (const name of ['Tambah pengguna', 'Ubah peran', 'Kata sandi baru', 'Nonaktifkan']) expect(await camat.getByRole('button', { name }).count()).toBe(0);
    await screenshot(camat, 'users-manager-read-only');
    expect(watch.problems).toEqual([]);
  });
});
