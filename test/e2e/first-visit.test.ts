/**
 * A new user's first look, in headless Chromium against the real server with the demo library:
 * what each persona meets on the screens the working-day journeys do not walk through.
 * - the bar: an admin's eight screens, the language and the name fit a 1280-pixel desk in both
 *   languages (the labels wrapped onto two lines and the name read "ad…"); with more than four
 *   screens a narrower desk gets the menu;
 * - the library's groups are named in words ("Semua instansi", the agency's offices), not `*`
 *   or a bare key;
 * - the applicant's fee estimate names the fact to fill in Indonesian (it showed the server's
 *   English `fact "lengthMeters" is required`), hides the office's own fact (months late), and
 *   neither it nor the apply form asks the server a question it must refuse (400);
 * - on a phone the admin's tables and toolbars (Kantor, Kalender kantor, Templat notifikasi,
 *   versions, the rule editor) scroll inside their boxes instead of pushing the page sideways;
 * - a first visit asks who is logged in without a refused request (GET /api/auth/me answered
 *   401 and put a red "Failed to load resource" in the console before anyone typed anything);
 * - the log-in page offers English before logging in and the tracking page for a walk-in's
 *   number and PIN; being made to wait after failures says so (it said "wrong password", so the
 *   right one was retyped in vain);
 * - registration names the field to correct in the chosen language (it showed the schema's
 *   `Permintaan tidak valid: body/phone must match pattern "^[+0-9 ()-]{8,20}$"`);
 * - the counter's walk-in dialog says what is still to fill while "Mulai" is off, and refuses a
 *   NIK that is not 16 digits or a phone that is no number at the field (the server's schema text
 *   appeared at the top of the long dialog, out of sight on a phone, and "abc" was stored);
 * - the task page names the post and the office ("Peran: Petugas Loket · Kecamatan Kaloran"),
 *   not their keys (`petugas-loket · kecamatan-kaloran`);
 * - a manager of one office (camat, kepala UPT) reads the editors but may not save or publish:
 *   they say so up front with the two buttons off, and Impor is not offered (clicking "Simpan
 *   draf" answered `FORBIDDEN: Anda tidak berwenang untuk tindakan ini`).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, loginAs } from '../helpers/app.js';
import { REKLAME_START } from '../workspace/fixtures.js';
import { checkScreen, DESKTOP, PHONE } from './screen-checks.js';
import { launchBrowser, login, startStudioServer, watchPage, type StudioServer } from './studio-helpers.js';

describe("a new user's first visit", { timeout: 120_000 }, () => {
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

  async function open(username: string, opts: { lang?: 'id' | 'en'; viewport?: { width: number; height: number } } = {}): Promise<{ page: Page; failed: string[]; problems: string[] }> {
    const context = await browser.newContext({ viewport: opts.viewport ?? DESKTOP, locale: 'id-ID' });
    if (opts.lang) await context.addInitScript((l) => localStorage.setItem('sop-studio:lang', l), opts.lang);
    const page = await context.newPage();
    const { problems } = watchPage(page);
    const failed: string[] = [];
    await login(page, server, username);
    // requests the screens make from here on: none a normal visit causes may be refused
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
    });
    return { page, failed, problems };
  }

  /** The bar's parts that must be whole: the name and every screen's label on one line, nothing past the edge. */
  async function barProblems(page: Page): Promise<string[]> {
    return page.evaluate(() => {
      const out: string[] = [];
      const bar = document.querySelector('header nav')!;
      const name = document.querySelector('[data-testid="current-user"]') as HTMLElement;
      if (name.scrollWidth > name.clientWidth) out.push(`name cut: "${name.innerText}"`);
      const links = Array.from(bar.querySelectorAll('a')) as HTMLElement[];
      const lineHeight = Math.min(...links.map((a) => a.getBoundingClientRect().height));
      for (const a of links) {
        const r = a.getBoundingClientRect();
        if (r.height > lineHeight + 2) out.push(`"${a.innerText}" on two lines`);
        if (r.right > window.innerWidth || r.left < 0) out.push(`"${a.innerText}" off the screen`);
        if (a.parentElement!.scrollWidth > a.parentElement!.clientWidth + 1) out.push('the screens scroll');
      }
      if (bar.scrollWidth > bar.clientWidth + 1) out.push(`bar ${bar.scrollWidth} > ${bar.clientWidth}`);
      return [...new Set(out)];
    });
  }

  it("an admin's bar holds all eight screens, the language and the whole name at 1280 pixels, in both languages", async () => {
    for (const lang of ['id', 'en'] as const) {
      const { page, problems } = await open('admin', { lang });
      await page.getByRole('link', { name: lang === 'id' ? 'Templat notifikasi' : 'Notification templates' }).waitFor();
      expect(await page.getByTestId('current-user').textContent()).toBe('admin');
      expect(await page.locator('header nav a').count()).toBe(8);
      expect(await barProblems(page)).toEqual([]);
      await page.getByRole('combobox', { name: lang === 'id' ? 'Bahasa' : 'Language' }).waitFor();
      expect(problems).toEqual([]);
      await page.context().close();
    }
  });

  it('below 1200 pixels a user with more than four screens gets the menu, not a crowded bar', async () => {
    const { page } = await open('camat.kecamatan-kaloran', { viewport: { width: 1000, height: 800 } });
    await page.getByTestId('menu-button').click();
    await page.getByTestId('menu').getByRole('link', { name: 'Kinerja' }).click();
    await page.waitForURL(/\/kinerja/);
    expect(await page.getByTestId('current-user').textContent()).toBe('camat (kecamatan-kaloran)');
    // an officer's two screens still fit the bar
    const officer = await open('petugas-loket.kecamatan-kaloran', { viewport: { width: 1000, height: 800 } });
    await officer.page.getByRole('link', { name: 'Kotak tugas' }).waitFor();
    expect(await officer.page.getByTestId('menu-button').count()).toBe(0);
    expect(await barProblems(officer.page)).toEqual([]);
    await page.context().close();
    await officer.page.context().close();
  });

  it("the library names its groups: every agency's processes and each agency by its offices", async () => {
    const { page, failed } = await open('admin');
    await page.getByTestId('doc-pengaduan').waitFor();
    await page.getByRole('heading', { name: 'Semua instansi (dijalankan setiap kantor)' }).waitFor();
    expect(await page.locator('[data-agency="*"]').getByTestId('doc-pengaduan').count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Bapenda Kota Depok (bapenda-depok)' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: '*', exact: true }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'bapenda-depok', exact: true }).count()).toBe(0);
    expect(failed).toEqual([]);
    await page.context().close();
  });

  it('the fee estimate names the missing or wrong fact in Indonesian, and nothing asks the server what it must refuse', async () => {
    const { page, failed, problems } = await open('pemohon1', { viewport: PHONE });
    await page.goto(`${server.url}/portal/services`);
    const card = page.locator('[data-service="kaloran-reklame"]');
    await card.waitFor();
    // the months late are the office's to set, not the applicant's to estimate
    expect(await card.locator('[data-fact="monthsLate"]').count()).toBe(0);
    await card.getByRole('button', { name: 'Hitung' }).click();
    expect(await card.getByTestId('fee-estimate-error').textContent()).toBe('Lengkapi data perhitungan: Panjang reklame (meter)');
    await card.locator('[data-fact="lengthMeters"]').fill('-4');
    await card.getByRole('button', { name: 'Hitung' }).click();
    expect(await card.getByTestId('fee-estimate-error').textContent()).toBe('Periksa isian: Panjang reklame (meter)');
    await card.locator('[data-fact="lengthMeters"]').fill('4');
    await card.getByRole('button', { name: 'Hitung' }).click();
    await expect.poll(() => card.getByTestId('fee-estimate').textContent()).toMatch(/^Total: Rp [1-9]/);
    expect(await card.getByTestId('fee-estimate-error').count()).toBe(0);
    expect(await card.innerText()).not.toMatch(/\bfact\b|is required/);
    problems.push(...(await checkScreen(page, 'first-visit-services', () => card.waitFor())));

    // the apply form asks the fee set only once the length it needs is there
    await page.goto(`${server.url}/portal/apply/kaloran-reklame`);
    await page.locator('[data-fact="lengthMeters"]').waitFor();
    await page.locator('[data-fact="teksReklame"]').fill('Toko Tani');
    await page.waitForTimeout(600);
    await page.locator('[data-fact="lengthMeters"]').fill('4');
    await page.waitForTimeout(600);
    expect(failed).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("on a phone the admin's tables and toolbars stay inside the screen", async () => {
    const { page, failed, problems } = await open('admin', { viewport: PHONE });
    const screens: Array<[string, string, () => Promise<unknown>]> = [
      ['offices', '/offices', () => page.getByRole('table', { name: 'kantor' }).locator('tbody tr').first().waitFor()],
      ['calendars', '/calendars', () => page.locator('table').first().waitFor()],
      ['notifications', '/notifications', () => page.getByRole('heading', { name: 'Templat notifikasi' }).waitFor()],
      ['versions', '/processes/kaloran-reklame/versions', () => page.getByTestId('versions-table').waitFor()],
      ['rule-editor', '/rulesets/kaloran-reklame', () => page.getByTestId('schema-status').waitFor()],
    ];
    for (const [name, path, ready] of screens) {
      await page.goto(`${server.url}${path}`);
      await ready();
      problems.push(...(await checkScreen(page, `first-visit-${name}`, ready)));
    }
    expect(problems).toEqual([]);
    expect(failed).toEqual([]);
    await page.context().close();
  });

  it('registration says which field to correct', async () => {
    const page = await (await browser.newContext({ viewport: PHONE, locale: 'id-ID' })).newPage();
    const { problems } = watchPage(page);
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Belum punya akun? Daftar' }).click();
    await page.getByLabel(/Nama lengkap/).fill('Budi Santoso');
    await page.getByLabel(/Email atau nomor HP/).fill('12345');
    await page.getByLabel(/Kata sandi/).fill('Rahasia-Budi-2026');
    await page.getByRole('button', { name: 'Daftar', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Nomor HP tidak valid: 8–20 angka, mis. 0812 3456 7890.');
    await page.getByLabel(/Email atau nomor HP/).fill('0812 3456 7890');
    await page.getByLabel(/Kata sandi/).fill('1234567890');
    await page.getByRole('button', { name: 'Daftar', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Kata sandi terlalu lemah: minimal 10 karakter, bukan sandi umum, tidak sama dengan nama pengguna.');
    problems.push(...(await checkScreen(page, 'first-visit-register')));
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('the log-in page switches to English, leads to tracking, and says when it must wait after failures', async () => {
    const page = await (await browser.newContext({ viewport: PHONE, locale: 'id-ID' })).newPage();
    const { problems } = watchPage(page);
    // a first visit asks who is logged in and is told "nobody", not a 401 in the console
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) refused.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error') refused.push(m.text());
    });
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Masuk ke SOP Studio' }).waitFor();
    expect(refused).toEqual([]);
    await page.getByRole('combobox', { name: 'Bahasa' }).click();
    await page.getByRole('option', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Log in to SOP Studio' }).waitFor();
    await page.getByRole('combobox', { name: 'Language' }).click();
    await page.getByRole('option', { name: 'Bahasa Indonesia' }).click();
    await page.getByRole('heading', { name: 'Masuk ke SOP Studio' }).waitFor();
    problems.push(...(await checkScreen(page, 'first-visit-login')));
    await page.getByTestId('login-track').click();
    await page.waitForURL((u) => u.pathname === '/lacak');
    await page.getByRole('button', { name: 'Lacak' }).waitFor();

    // wrong passwords for one name from one address: after five each further try must wait (1 s, 2 s, 4 s …)
    await page.goto(server.url);
    const alerts: string[] = [];
    for (let i = 0; i < 9 && !alerts.some((a) => a.startsWith('Terlalu banyak')); i++) {
      await page.getByLabel(/Nama pengguna/).fill('pemohon2');
      await page.getByLabel(/Kata sandi/).fill(`salah-sandi-${i}`);
      const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
      await page.getByRole('button', { name: 'Masuk', exact: true }).click();
      await answer;
      await page.getByRole('button', { name: 'Masuk', exact: true }).and(page.locator(':enabled')).waitFor();
      alerts.push((await page.getByRole('alert').textContent()) ?? '');
    }
    expect(alerts.slice(0, 5)).toEqual(Array(5).fill('Nama pengguna atau kata sandi salah'));
    expect(alerts.at(-1)).toMatch(/^Terlalu banyak percobaan masuk yang gagal\. Tunggu \d+ detik, lalu coba lagi\.$/);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("the counter's walk-in dialog says what is missing and which identity is malformed before starting", async () => {
    const { page, failed, problems } = await open('petugas-loket.kecamatan-kaloran', { viewport: PHONE });
    await page.getByRole('button', { name: 'Permohonan baru di loket' }).click();
    await page.getByTestId('counter-service').click();
    await page.getByRole('option', { name: /Reklame/ }).click();
    const start = page.getByRole('button', { name: 'Mulai' });
    await expect.poll(() => page.getByTestId('counter-missing').textContent()).toMatch(/^Isi dulu: Nama pemohon, NIK, Alamat pemohon, /);
    expect(await start.isDisabled()).toBe(true);
    await page.getByLabel(/Nama pemohon/).first().fill('Bu Sri');
    await page.getByTestId('counter-nik').fill('123');
    await page.getByTestId('counter-phone').fill('abc');
    for (const [fact, value] of [['alamatPemohon', 'Dusun Kaloran'], ['teksReklame', 'Warung Sri'], ['lengthMeters', '2'], ['lebarMeter', '1'], ['lokasiReklame', 'Pasar'], ['jangkaWaktuHari', '30']]) {
      await page.locator(`[data-fact="${fact}"]`).fill(value);
    }
    expect(await page.getByTestId('counter-missing').count()).toBe(0);
    await page.getByText('NIK terdiri dari 16 angka').waitFor();
    await page.getByText('Nomor telepon: 8–16 angka, mis. 0812 3456 7890').waitFor();
    expect(await start.isDisabled()).toBe(true);
    problems.push(...(await checkScreen(page, 'first-visit-counter')));
    await page.getByTestId('counter-nik').fill('3323010101900002');
    await page.getByTestId('counter-phone').fill('0812 3456 7890');
    await start.click();
    await expect.poll(() => page.locator('[data-registration-pin]').textContent()).toMatch(/^[0-9]{6}$/);
    expect(failed).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a manager of one office reads the editors without dead save and publish buttons, and is not offered Impor', async () => {
    const { page, failed, problems } = await open('camat.kecamatan-kaloran', { viewport: { width: 1400, height: 900 } });
    expect(await page.getByRole('link', { name: 'Impor' }).count()).toBe(0);
    await page.getByTestId('doc-kaloran-reklame').waitFor();
    expect(await page.getByRole('link', { name: 'Baru dari tabel SOP' }).count()).toBe(0);
    await page.goto(`${server.url}/processes/kaloran-reklame`);
    await page.locator('.djs-element').first().waitFor();
    await page.getByTestId('read-only').waitFor();
    expect(await page.getByTestId('read-only').textContent()).toMatch(/^Hanya baca: menyimpan draf dan menerbitkan dilakukan admin atau manajer untuk semua kantor/);
    expect(await page.getByTestId('save-draft').isDisabled()).toBe(true);
    expect(await page.getByTestId('publish').isDisabled()).toBe(true);
    await page.goto(`${server.url}/rulesets/kaloran-reklame`);
    await page.getByTestId('schema-status').waitFor();
    await page.getByTestId('read-only').waitFor();
    expect(await page.getByTestId('save-draft').isDisabled()).toBe(true);
    expect(await page.getByTestId('publish').isDisabled()).toBe(true);
    expect(failed).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();

    // the admin edits as before
    const admin = await open('admin', { viewport: { width: 1400, height: 900 } });
    await admin.page.goto(`${server.url}/processes/kaloran-reklame`);
    await admin.page.locator('.djs-element').first().waitFor();
    expect(await admin.page.getByTestId('read-only').count()).toBe(0);
    await expect.poll(() => admin.page.getByTestId('save-draft').isEnabled()).toBe(true);
    await admin.page.context().close();
  });

  it('the task page names the post and the office, not their keys', async () => {
    // an online application whose applicant's step is done: the loket's check is open
    const app = server.testApp.app;
    const applicant = bearer(await loginAs(app, 'pemohon1'));
    const started = await app.inject({ method: 'POST', url: '/api/processes/kaloran-reklame/instances', headers: applicant, payload: { office: 'kecamatan-kaloran', variables: REKLAME_START } });
    expect(started.statusCode).toBe(201);
    const inst = started.json() as { id: string; tasks: Array<{ id: string; assignee: string | null }> };
    for (const task of inst.tasks.filter((x) => x.assignee !== null)) {
      expect((await app.inject({ method: 'POST', url: `/api/tasks/${task.id}/complete`, headers: applicant, payload: { variables: {} } })).statusCode).toBe(200);
    }
    const { page, failed, problems } = await open('petugas-loket.kecamatan-kaloran');
    await page.goto(`${server.url}/inbox`);
    await page.getByRole('tab', { name: /Tersedia/ }).click();
    await page.locator('tbody tr', { hasText: 'pemohon1' }).first().click();
    await expect.poll(() => page.getByText(/^Peran: /).textContent()).toBe('Peran: Petugas Loket · Kecamatan Kaloran');
    expect(failed).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
