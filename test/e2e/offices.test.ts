/**
 * Kantor in headless Chromium against the real server: the admin edits an office's complaint
 * handling and document number formats; a second admin tab saving over a change made meanwhile
 * is told who changed it, and nothing is overwritten.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { ensureStudioBuilt, launchBrowser, screenshot, watchPage } from './studio-helpers.js';

describe('office administration in the browser', { timeout: 120_000 }, () => {
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

  async function adminOnKantor(): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' })).newPage();
    await page.goto(url);
    await page.getByLabel(/Nama pengguna/).fill('admin');
    await page.getByLabel(/Kata sandi/).fill(t.password);
    await page.getByRole('button', { name: /Masuk/ }).click();
    await page.getByTestId('current-user').waitFor();
    await page.getByRole('link', { name: 'Kantor', exact: true }).click();
    await page.getByRole('heading', { name: 'Kantor' }).waitFor();
    return page;
  }
  const editSerang = async (page: Page) => {
    await page.locator('tr', { hasText: 'samsat-serang' }).getByRole('button', { name: 'Ubah' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Kantor Samsat Serang').waitFor();
    return dialog;
  };

  it('the admin sets the complaint handling and adds a number format; the list shows it', async () => {
    const admin = await adminOnKantor();
    const watch = watchPage(admin);
    const dialog = await editSerang(admin);
    await dialog.getByTestId('office-complaints').fill('Loket pengaduan, Senin–Jumat 08.00–15.00');
    await dialog.getByRole('button', { name: 'Tambah format' }).click();
    await dialog.getByLabel('Jenis dokumen').last().fill('skrd');
    await dialog.getByLabel('Format', { exact: true }).last().fill('SKRD/{seq:4}/{year}');
    await screenshot(admin, 'offices-edit');
    await dialog.getByRole('button', { name: 'Simpan' }).click();

    await admin.getByText('Kantor Samsat Serang disimpan').waitFor();
    const row = admin.locator('tr', { hasText: 'samsat-serang' });
    await row.getByText('skrd: SKRD/{seq:4}/{year}').waitFor();
    await row.getByText('skpd: SKPD/{seq:6}/SRG/{year}').waitFor();
    // opened again, the dialog shows what was saved
    const again = await editSerang(admin);
    await expect(again.getByTestId('office-complaints').inputValue()).resolves.toBe('Loket pengaduan, Senin–Jumat 08.00–15.00');
    expect(watch.problems).toEqual([]);
  });

  it('a save over a change made meanwhile in another tab names who made it and overwrites nothing', async () => {
    const first = await adminOnKantor();
    const second = await adminOnKantor();
    const mine = await editSerang(first);
    const theirs = await editSerang(second);
    await theirs.getByLabel('Alamat').fill('Jl. Veteran No. 1, Serang');
    await theirs.getByRole('button', { name: 'Simpan' }).click();
    await second.getByText('Kantor Samsat Serang disimpan').waitFor();

    await mine.getByLabel('Alamat').fill('Jl. Lain');
    await mine.getByRole('button', { name: 'Simpan' }).click();
    await mine.getByText(/Kantor ini baru saja diubah admin/).waitFor();
    await screenshot(first, 'offices-conflict');
    // the dialog stays open with mine; the stored office is theirs
    await expect(mine.getByLabel('Alamat').inputValue()).resolves.toBe('Jl. Lain');
    await first.reload();
    await first.getByRole('heading', { name: 'Kantor' }).waitFor();
    const reopened = await editSerang(first);
    await expect(reopened.getByLabel('Alamat').inputValue()).resolves.toBe('Jl. Veteran No. 1, Serang');
  });
});
