/**
 * Issue 23's "Done when", in headless Chromium against the real server on PGlite with the
 * library's own SOPs: a working day in three users' shoes, every screen checked at a desk and on
 * a phone (390 × 844) by screen-checks.ts (no English of our catalogue or the modeler's in
 * Indonesian mode, no raw error code, no horizontal scroll on the phone):
 * 1. reklame online: the applicant applies (identity, the billboard's text, size, place and
 *    duration; the form refuses to send without the required documents), the officers process
 *    it to the permit; on the way the status says "menunggu Anda", the SKRD and how to pay are
 *    one click away, and the timeline shows each step's outcome;
 * 2. Samsat SOP 02 walk-in, the officers at the counter;
 * 3. a manager's read: Kinerja, and the read-only user list.
 * Screenshots: test-results/screenshots/<journey>-<screen>-{desktop,phone}.png.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { PDF_BYTES, publishWorkspaceFixtures, REKLAME } from '../workspace/fixtures.js';
import { checkScreen, DESKTOP, PHONE } from './screen-checks.js';
import { ensureStudioBuilt, launchBrowser, watchPage } from './studio-helpers.js';

describe('a working day in Bahasa Indonesia, at a desk and on a phone', { timeout: 180_000 }, () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  const files = mkdtempSync(join(tmpdir(), 'working-day-'));
  const pdf = join(files, 'berkas.pdf');
  const pages = new Map<string, Page>();
  const problems: string[] = [];

  beforeAll(async () => {
    writeFileSync(pdf, PDF_BYTES);
    await ensureStudioBuilt();
    t = await createTestApp({ kind: 'pglite' });
    await publishWorkspaceFixtures(t.database.db);
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  // each journey answers for its own screens
  beforeEach(() => {
    problems.length = 0;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** One logged-in page per user (Indonesian, the default), reused across steps. */
  async function as(username: string, viewport = DESKTOP): Promise<Page> {
    const known = pages.get(username);
    if (known) return known;
    const page = await (await browser.newContext({ viewport, locale: 'id-ID' })).newPage();
    const watch = watchPage(page);
    page.on('close', () => problems.push(...watch.problems.map((p) => `${username}: ${p}`)));
    await page.goto(url);
    await page.getByLabel(/Nama pengguna/).fill(username);
    await page.getByLabel(/Kata sandi/).fill(t.password);
    await page.getByRole('button', { name: /Masuk/ }).click();
    await page.getByTestId('current-user').waitFor();
    pages.set(username, page);
    return page;
  }
  const check = async (page: Page, name: string, ready?: () => Promise<unknown>) => problems.push(...(await checkScreen(page, name, ready)));

  /** An officer's step: "Tersedia", the row, claim, fill, the decision; screens checked when named. */
  async function officerStep(username: string, row: { text: string; step: string }, button: string, opts: { fill?: (p: Page) => Promise<void>; screen?: string } = {}): Promise<void> {
    const page = await as(username);
    await page.goto(`${url}/inbox`);
    await page.getByRole('tab', { name: /Tersedia/ }).click();
    const tr = page.locator('tr', { hasText: row.text }).filter({ hasText: row.step }).first();
    await tr.waitFor();
    if (opts.screen) await check(page, `${opts.screen}-inbox`, () => tr.waitFor());
    await tr.click();
    await page.getByRole('button', { name: 'Ambil tugas', exact: true }).click();
    await page.getByRole('button', { name: 'Lepas' }).waitFor();
    if (opts.fill) await opts.fill(page);
    if (opts.screen) await check(page, `${opts.screen}-task`, () => page.getByRole('button', { name: button, exact: true }).waitFor());
    await page.getByRole('button', { name: button, exact: true }).click();
    await page.waitForURL(/\/inbox$/);
  }
  /** The kasir's step (issue 23): the amount received is what the nota says is due; no change to give. */
  async function payDue(page: Page): Promise<void> {
    const due = ((await page.getByTestId('payment-due').textContent()) ?? '').replace(/\D/g, '');
    expect(Number(due)).toBeGreaterThan(0);
    await page.getByTestId('payment-amount').fill(due);
    await page.getByText('Kembalian: Rp 0').waitFor();
  }
  async function selectOption(page: Page, fact: string, option: string): Promise<void> {
    await page.locator(`[data-fact="${fact}"]`).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  it('1. reklame online: the applicant applies on a phone, the officers process it to the permit', async () => {
    const started = Date.now();
    const anonymous = await (await browser.newContext({ viewport: PHONE, locale: 'id-ID' })).newPage();
    await anonymous.goto(url);
    await check(anonymous, 'reklame-00-login', () => anonymous.getByRole('button', { name: /Masuk/ }).waitFor());
    await anonymous.goto(`${url}/lacak`);
    await check(anonymous, 'reklame-00-lacak', () => anonymous.getByRole('button', { name: 'Lacak' }).waitFor());
    await anonymous.close();
    const applicant = await as('pemohon1', PHONE);
    await check(applicant, 'reklame-01-portal', () => applicant.getByRole('heading', { name: 'Permohonan saya' }).waitFor());
    // the menu on a phone reaches every screen
    await applicant.getByTestId('menu-button').click();
    await applicant.getByTestId('menu').getByRole('link', { name: 'Akun saya' }).waitFor();
    await applicant.getByTestId('menu').getByRole('link', { name: 'Akun saya' }).click();
    await check(applicant, 'reklame-01-account', () => applicant.getByRole('heading', { name: 'Akun saya' }).waitFor());
    await applicant.goto(`${url}/portal/services`);
    await check(applicant, 'reklame-02-services', () => applicant.getByText(/Izin Pemasangan Reklame/).first().waitFor());

    await applicant.goto(`${url}/portal/apply/${REKLAME}`);
    await applicant.locator('[data-fact="teksReklame"]').waitFor();
    // a new permit is not late: the months-late fact is the office's
    expect(await applicant.locator('[data-fact="monthsLate"]').count()).toBe(0);
    expect(await applicant.locator('[data-fact="namaPemohon"]').inputValue()).not.toBe('');
    await applicant.locator('[data-fact="nikPemohon"]').fill('3323010101900001');
    await applicant.locator('[data-fact="alamatPemohon"]').fill('Dusun Kaloran RT 02 RW 03, Temanggung');
    await applicant.locator('[data-fact="teksReklame"]').fill('Toko Tani Makmur: pupuk dan benih');
    await applicant.locator('[data-fact="lengthMeters"]').fill('4');
    await applicant.locator('[data-fact="lebarMeter"]').fill('1');
    await applicant.locator('[data-fact="lokasiReklame"]').fill('Jl. Raya Kaloran km 3, depan pasar');
    await applicant.locator('[data-fact="jangkaWaktuHari"]').fill('30');
    await applicant.locator('[data-upload="KTP"]').waitFor();
    // without the required documents the form does not send
    await applicant.getByTestId('apply-missing-documents').waitFor();
    expect(await applicant.getByRole('button', { name: 'Kirim permohonan' }).isDisabled()).toBe(true);
    await check(applicant, 'reklame-03-apply');
    for (const code of ['KTP', 'NPWP']) {
      await applicant.locator(`[data-upload="${code}"]`).setInputFiles(pdf);
      await applicant.locator(`[data-doc="${code}"]`).getByText('✓ berkas.pdf').waitFor();
    }
    await applicant.getByRole('button', { name: 'Kirim permohonan' }).click();
    await applicant.waitForURL(/\/portal\/applications\//);
    const status = applicant.url();
    await check(applicant, 'reklame-04-submitted', () => applicant.getByTestId('registration-pin').waitFor());
    const row = { text: 'pemohon1', step: '' };

    await officerStep('petugas-loket.kecamatan-kaloran', { ...row, step: 'memeriksa kelengkapan' }, 'Lengkap', { screen: 'reklame-05-loket' });
    await officerStep('kasi.kecamatan-kaloran', { ...row, step: 'penelitian berkas' }, 'Tanpa cek lapangan', { screen: 'reklame-06-kasi' });
    await officerStep('kasi.kecamatan-kaloran', { ...row, step: 'rekomendasi' }, 'Diterima', {
      fill: async (p) => {
        await expect.poll(() => p.getByTestId('fee-total').textContent()).toBe('Rp 100.000');
      },
      screen: 'reklame-07-rekomendasi',
    });

    // the fee waits on the applicant: "menunggu Anda", the SKRD and how to pay one click away
    await applicant.goto(status);
    await expect.poll(() => applicant.getByTestId('application-status').textContent()).toBe('menunggu Anda');
    // the PIN was shown once, right after applying
    expect(await applicant.getByTestId('registration-pin').count()).toBe(0);
    await expect.poll(() => applicant.getByTestId('payment-instructions').textContent()).toMatch(/^Cara membayar: bayar Rp 100\.000 di loket pembayaran Kecamatan Kaloran .*dengan membawa SKRD/);
    await check(applicant, 'reklame-08-pay', () => applicant.getByTestId('fee-document').waitFor());
    const skrdHref = await applicant.getByTestId('fee-document').getAttribute('href');
    const skrd = await applicant.context().newPage();
    await skrd.goto(new URL(skrdHref!, url).toString());
    await skrd.getByText('Surat Ketetapan Retribusi Daerah (SKRD)').first().waitFor();
    await check(skrd, 'reklame-09-skrd');
    await skrd.close();
    await applicant.getByRole('button', { name: /Sudah saya lakukan: Membayar retribusi/ }).click();
    await expect.poll(async () => (await applicant.getByTestId('current-step').textContent()) ?? '').toContain('Menerima pembayaran');

    await officerStep('petugas-loket.kecamatan-kaloran', { ...row, step: 'Menerima pembayaran' }, 'Selesai', { fill: payDue });
    await officerStep('kasi.kecamatan-kaloran', { ...row, step: 'Proses izin' }, 'Selesai');
    await officerStep('camat.kecamatan-kaloran', { ...row, step: 'Menandatangani' }, 'Selesai', { screen: 'reklame-10-camat' });
    await officerStep('petugas-loket.kecamatan-kaloran', { ...row, step: 'Loket pengambilan' }, 'Selesai');

    await applicant.goto(status);
    await expect.poll(() => applicant.getByTestId('application-status').textContent()).toBe('selesai');
    // the timeline says what each decision was
    const outcomes = await applicant.getByTestId('timeline-outcome').allTextContents();
    expect(outcomes).toEqual(expect.arrayContaining(['Lengkap', 'Tanpa cek lapangan', 'Diterima']));
    await check(applicant, 'reklame-11-done', () => applicant.getByTestId('download-result').waitFor());
    // the permit states what the applicant declared
    const permit = await applicant.evaluate(async (h) => (await fetch(h!)).text(), await applicant.getByTestId('download-result').getAttribute('href'));
    expect(permit).toContain('Toko Tani Makmur: pupuk dan benih');
    expect(permit).toContain('Jl. Raya Kaloran km 3, depan pasar');

    for (const p of pages.values()) await p.close();
    pages.clear();
    expect(problems).toEqual([]);
    expect(Date.now() - started).toBeLessThan(150_000);
  });

  it('2. Samsat SOP 02 walk-in: the officers at the counter', async () => {
    const nopol = 'A 4321 KB';
    const row = { text: nopol, step: '' };
    const counter = await as('petugas-pendaftaran.samsat-serang');
    await counter.goto(`${url}/inbox`);
    await check(counter, 'samsat-01-inbox', () => counter.getByRole('button', { name: 'Permohonan baru di loket' }).waitFor());
    await counter.getByRole('button', { name: 'Permohonan baru di loket' }).click();
    await counter.getByTestId('counter-service').click();
    await counter.getByRole('option', { name: /SOP 02/ }).click();
    await counter.getByLabel(/Nomor \(nopol/).fill(nopol);
    await counter.getByLabel(/Nama pemohon/).fill('Pak Slamet');
    await check(counter, 'samsat-02-counter-dialog');
    await counter.getByRole('button', { name: 'Mulai' }).click();
    await expect.poll(() => counter.locator('[data-registration-pin]').textContent()).toMatch(/^[0-9]{6}$/);
    await check(counter, 'samsat-03-registered');
    await counter.getByRole('button', { name: 'Lanjut ke tugas' }).click();
    await counter.getByText('Dikerjakan atas nama pemohon').waitFor();
    await check(counter, 'samsat-04-on-behalf');
    await counter.getByRole('button', { name: 'Selesai', exact: true }).click();
    await counter.waitForURL(/\/inbox$/);
    await officerStep('petugas-pendaftaran.samsat-serang', { ...row, step: 'Menerima formulir SPPKB' }, 'Selesai');
    await officerStep('petugas-pendaftaran.samsat-serang', { ...row, step: 'Memeriksa kelengkapan berkas' }, 'Lengkap', { screen: 'samsat-05-periksa' });
    await officerStep('petugas-pendaftaran.samsat-serang', { ...row, step: 'Menyerahkan berkas' }, 'Selesai');
    await officerStep('petugas-kepolisian.samsat-serang', { ...row, step: 'entry data' }, 'Selesai', {
      fill: async (p) => {
        await selectOption(p, 'vehicleType', 'minibus');
        await p.locator('[data-fact="njkb"]').fill('200000000');
      },
      screen: 'samsat-06-kepolisian',
    });
    await officerStep('petugas-penetapan.samsat-serang', { ...row, step: 'menerbitkan NPPKB' }, 'Selesai', {
      fill: async (p) => {
        await expect.poll(async () => (await p.getByTestId('fee-total').first().textContent()) ?? '').toMatch(/^Rp [1-9]/);
      },
      screen: 'samsat-07-penetapan',
    });
    await officerStep('korektor.samsat-serang', { ...row, step: 'Menelaah' }, 'Setuju', { screen: 'samsat-08-korektor' });
    await officerStep('korektor.samsat-serang', { ...row, step: 'petugas kasir' }, 'Selesai');
    const payOnBehalf = async (step: string) => {
      await counter.goto(`${url}/inbox`);
      await counter.getByRole('tab', { name: /Tugas saya/ }).click();
      await counter.locator('tr', { hasText: nopol }).filter({ hasText: step }).first().click();
      await counter.getByRole('button', { name: 'Selesai', exact: true }).click();
      await counter.waitForURL(/\/inbox$/);
    };
    await payOnBehalf('Membayar PKB');
    await officerStep('kasir.samsat-serang', { ...row, step: 'Menerima pembayaran' }, 'Selesai', { fill: payDue, screen: 'samsat-09-kasir' });
    await payOnBehalf('Menerima SKPD');
    const done = await t.database.db.selectFrom('runtime_instances').select('status').where('business_key', '=', nopol).where('process_key', '=', 'samsat-02-pengesahan-tahunan').executeTakeFirstOrThrow();
    expect(done.status).toBe('completed');
    for (const p of pages.values()) await p.close();
    pages.clear();
    expect(problems).toEqual([]);
  });

  it("3. a manager's read: Kinerja with the published diagram, and the read-only user list", async () => {
    const camat = await as('camat.kecamatan-kaloran');
    await camat.goto(`${url}/kinerja?process=${REKLAME}`);
    await check(camat, 'manager-01-kinerja', () => camat.locator('.djs-element').first().waitFor({ timeout: 30_000 }));
    await camat.goto(`${url}/users`);
    await check(camat, 'manager-02-users', () => camat.locator('tr[data-username="petugas-loket.kecamatan-kaloran"]').waitFor());
    expect(await camat.getByRole('button', { name: 'Tambah pengguna' }).count()).toBe(0);
    await camat.goto(`${url}/delegasi`);
    await check(camat, 'manager-03-delegasi', () => camat.getByRole('heading', { name: 'Delegasi jabatan' }).waitFor());
    // on a phone the menu reaches Kinerja
    await camat.setViewportSize(PHONE);
    await camat.getByTestId('menu-button').click();
    await camat.getByTestId('menu').getByRole('link', { name: 'Kinerja' }).click();
    await camat.waitForURL(/\/kinerja/);
    for (const p of pages.values()) await p.close();
    pages.clear();
    expect(problems).toEqual([]);
  });
});
