/**
 * Finding your way in the studio: an address that leads nowhere says so ("Halaman tidak
 * ditemukan") instead of jumping home without a word, an unknown service says which one, and
 * the page's language and title follow the chosen language and the screen.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, login, startStudioServer, watchPage, type StudioServer } from './studio-helpers.js';

describe('navigation: not found, language and title', { timeout: 120_000 }, () => {
  let server: StudioServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startStudioServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function page(lang: 'id' | 'en'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await context.addInitScript((l) => localStorage.setItem('sop-studio:lang', l), lang);
    return context.newPage();
  }

  it('an unknown address shows "Halaman tidak ditemukan" with a way home, not the home screen', async () => {
    const p = await page('id');
    const { problems } = watchPage(p);
    await login(p, server, 'pemohon1');
    await p.goto(`${server.url}/tidak/ada/di/sini`);
    await p.getByTestId('not-found').waitFor();
    expect(await p.getByRole('heading', { name: 'Halaman tidak ditemukan' }).count()).toBe(1);
    expect(new URL(p.url()).pathname).toBe('/tidak/ada/di/sini');
    expect(await p.title()).toBe('Halaman tidak ditemukan · SOP Studio');
    await p.getByRole('link', { name: 'Kembali ke beranda' }).click();
    await p.waitForURL((u) => u.pathname === '/portal');
    expect(problems).toEqual([]);
  });

  it('applying for a service that does not exist names it instead of loading forever', async () => {
    const p = await page('id');
    await login(p, server, 'pemohon1');
    await p.goto(`${server.url}/portal/apply/layanan-fiktif`);
    await p.getByTestId('not-found').waitFor();
    expect(await p.getByText('Layanan "layanan-fiktif" tidak ditemukan.').count()).toBe(1);
  });

  it('<html lang> and the title follow the chosen language and the screen', async () => {
    const id = await page('id');
    await login(id, server, 'pemohon1');
    await id.goto(`${server.url}/portal/services`);
    await id.waitForFunction(() => document.title === 'Daftar layanan · SOP Studio');
    expect(await id.evaluate(() => document.documentElement.lang)).toBe('id');

    const en = await page('en');
    await login(en, server, 'pemohon1');
    await en.goto(`${server.url}/portal/services`);
    await en.waitForFunction(() => document.title === 'Services · SOP Studio');
    expect(await en.evaluate(() => document.documentElement.lang)).toBe('en');
  });
});
