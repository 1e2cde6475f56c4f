/**
 * The workspace in headless Chromium against the real server and database, on the library's
 * own SOPs: (1) Izin Reklame (Kaloran), permanen — a new applicant registers, applies saying
 * she will bring the IMB to the counter (the form refuses to send without it or that promise), the loket marks "Tidak lengkap", the applicant sees exactly which document, uploads
 * it, the fee nota shows Rp 25.000 × meters, the applicant pays, the camat signs and the
 * applicant downloads the permit (and the document the loket sent her); (2) Samsat SOP 02 at the counter, the korektor rejecting once;
 * (3) two officers racing for one task, and a .pdf name with PNG content refused.
 * Screenshots: inbox, task page (diagram with done/current steps), applicant status page.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/services/accounts/accounts.js';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { ensureStudioBuilt, launchBrowser, screenshot, watchPage } from './studio-helpers.js';
import { PDF_BYTES, PNG_BYTES, publishWorkspaceFixtures, REKLAME, REKLAME_START } from '../workspace/fixtures.js';

describe('workspace in the browser', { timeout: 120_000 }, () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  const files = mkdtempSync(join(tmpdir(), 'ws-e2e-'));
  const pdf = join(files, 'berkas.pdf');
  const imbPdf = join(files, 'imb.pdf');
  const fakePdf = join(files, 'imb-palsu.pdf');
  const pages = new Map<string, Page>();

  beforeAll(async () => {
    writeFileSync(pdf, PDF_BYTES);
    writeFileSync(imbPdf, PDF_BYTES);
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

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    return context.newPage();
  }
  /** One logged-in page per user, reused across steps. */
  async function as(username: string): Promise<Page> {
    const known = pages.get(username);
    if (known) return known;
    const page = await newPage();
    await page.goto(url);
    await page.getByLabel(/Nama pengguna/).fill(username);
    await page.getByLabel(/Kata sandi/).fill(t.password);
    await page.getByRole('button', { name: /Masuk/ }).click();
    await page.getByTestId('current-user').waitFor();
    pages.set(username, page);
    return page;
  }
  async function availableTo(username: string, match: (x: { businessKey: string | null; applicantName: string | null }) => boolean): Promise<Array<{ elementId: string }>> {
    const res = await t.app.inject({ method: 'GET', url: '/api/inbox?tab=available', headers: bearer(await loginAs(t.app, username)) });
    return (res.json().tasks as Array<{ elementId: string; businessKey: string | null; applicantName: string | null }>).filter(match);
  }
  /**
   * An officer's step the way they do it: the task appears in "Tersedia" (found by what the row
   * shows), open it, claim it, fill what the step asks, press the decision (or "Selesai").
   */
  async function officerStep(username: string, row: { step: string; text: string }, button: string, fill?: (p: Page) => Promise<void>, shot?: string): Promise<void> {
    const page = await as(username);
    await page.goto(`${url}/inbox`);
    await page.getByRole('tab', { name: /Tersedia/ }).click();
    const tr = page.locator('tr', { hasText: row.text }).filter({ hasText: row.step }).first();
    await tr.waitFor();
    await tr.click();
    await page.getByRole('button', { name: 'Ambil tugas', exact: true }).click();
    await page.getByRole('button', { name: 'Lepas' }).waitFor();
    if (fill) await fill(page);
    if (shot) await screenshot(page, shot);
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

  it('reklame permanen: register → apply without the IMB → tidak lengkap → the applicant uploads exactly that → fee Rp 25.000 × 4 m → pays → camat signs → downloads the permit', async () => {
    const applicant = await newPage();
    const watch = watchPage(applicant);
    await applicant.goto(url);
    await applicant.getByRole('button', { name: 'Belum punya akun? Daftar' }).click();
    await applicant.getByLabel(/Nama lengkap/).fill('Bu Ratna Reklame');
    await applicant.getByLabel(/Email atau nomor HP/).fill('ratna@contoh.id');
    await applicant.getByLabel(/Kata sandi/).fill('kata-sandi-ratna-1');
    await applicant.getByRole('button', { name: 'Daftar', exact: true }).click();
    await applicant.getByTestId('current-user').waitFor();

    await applicant.goto(`${url}/portal/apply/${REKLAME}`);
    await selectOption(applicant, 'jenisReklame', 'permanen');
    await applicant.locator('[data-fact="lengthMeters"]').fill('4');
    // what the permit will state is required (the server refuses a start without it)
    for (const [fact, value] of [['nikPemohon', '3323014101900004'], ['alamatPemohon', 'Dusun Kaloran RT 01'], ['teksReklame', 'Salon Ratna'], ['lebarMeter', '1'], ['lokasiReklame', 'Jl. Raya Kaloran km 2'], ['jangkaWaktuHari', '60']]) {
      await applicant.locator(`[data-fact="${fact}"]`).fill(value);
    }
    await applicant.locator('[data-upload="IMB"]').waitFor();
    for (const code of ['FORMULIR', 'KTP', 'NPWP', 'SKETSA-LOKASI', 'DESAIN-REKLAME', 'FOTO-LOKASI']) {
      await applicant.locator(`[data-upload="${code}"]`).setInputFiles(pdf);
      await applicant.locator(`[data-doc="${code}"]`).getByText('✓ berkas.pdf').waitFor();
    }
    // A .pdf name with PNG content is refused with a clear message.
    await applicant.locator('[data-upload="IMB"]').setInputFiles(fakePdf);
    await expect.poll(() => applicant.getByTestId('apply-error').textContent()).toContain('isinya PNG');
    // A required document neither uploaded nor to be handed in on paper: the form will not send.
    await expect.poll(() => applicant.getByTestId('apply-missing-documents').textContent()).toContain('Izin Mendirikan Bangunan (IMB) konstruksi reklame');
    expect(await applicant.getByRole('button', { name: 'Kirim permohonan' }).isDisabled()).toBe(true);
    // She says she will bring the IMB to the counter (and then does not).
    await applicant.locator('[data-doc="IMB"]').getByLabel('Saya serahkan di loket').check();
    await applicant.getByRole('button', { name: 'Kirim permohonan' }).click();
    await applicant.waitForURL(/\/portal\/applications\//);
    const instanceId = applicant.url().split('/').pop()!;
    const row = { text: 'Bu Ratna Reklame', step: '' };

    await officerStep('petugas-loket.kecamatan-kaloran', { ...row, step: 'memeriksa kelengkapan' }, 'Tidak lengkap', async (p) => {
      await p.locator('[data-doc="IMB"]').getByText('tidak ada').waitFor();
      await p.locator('[data-doc="KTP"]').getByText('ada', { exact: true }).waitFor();
      await p.getByLabel('Catatan internal (hanya dibaca petugas)').fill('Pemohon sudah ditelepon, janji melengkapi');
      await p.getByLabel(/Pesan untuk pemohon/).fill('IMB konstruksi reklame belum dilampirkan');
      await p.getByTestId('progress-diagram').locator('.ws-current').first().waitFor();
      // Issue 23: the page starts with the applicant; one print button per document the application produced.
      await p.getByTestId('task-applicant').getByText('Bu Ratna Reklame').waitFor();
      await p.getByTestId('task-documents').locator('[data-kind="tanda-terima"]').waitFor();
      expect(await p.getByTestId('task-documents').locator('[data-kind="surat-penolakan"]').count()).toBe(0);
      // The diagram opens on the current step at full size (a task is 100 px wide at 100 %), inside the frame; "Seluruh diagram" fits it all.
      const frame = (await p.getByTestId('progress-diagram').boundingBox())!;
      const box = async () => (await p.getByTestId('progress-diagram').locator('.ws-current').first().boundingBox())!;
      await expect.poll(async () => Math.round((await box()).width)).toBeGreaterThanOrEqual(95);
      const at = await box();
      expect(at.x).toBeGreaterThanOrEqual(frame.x);
      expect(at.x + at.width).toBeLessThanOrEqual(frame.x + frame.width);
      await p.getByTestId('diagram-fit').click();
      await expect.poll(async () => (await box()).width).toBeLessThan(at.width);
      await p.getByTestId('diagram-current').click();
      // Issue 23: a document for the applicant, sent from the task with a title
      await p.getByTestId('send-title').fill('Contoh formulir yang benar');
      await p.getByTestId('send-file').setInputFiles(pdf);
      await p.getByTestId('send-submit').click();
      await p.getByTestId('send-to-applicant').locator('li', { hasText: 'Contoh formulir yang benar' }).waitFor();
    }, 'workspace-task-page');

    await applicant.goto(`${url}/portal/applications/${instanceId}`);
    await expect.poll(() => applicant.getByTestId('expected').first().textContent()).toBe('Berkas tidak lengkap: unggah ulang Izin Mendirikan Bangunan (IMB) konstruksi reklame');
    // what the loket wrote for the applicant reaches them; the officers' internal note does not
    await applicant.getByText('IMB konstruksi reklame belum dilampirkan').first().waitFor();
    expect(await applicant.locator('body').textContent()).not.toContain('Pemohon sudah ditelepon');
    // the document the loket sent: listed under "Dokumen dari kantor", downloaded byte for byte
    const fromOffice = applicant.getByTestId('documents-from-office');
    await fromOffice.getByText('Contoh formulir yang benar').waitFor();
    const docHref = await fromOffice.getByTestId('office-document-download').getAttribute('href');
    const sentBytes = await applicant.evaluate(async (h) => Array.from(new Uint8Array(await (await fetch(h!)).arrayBuffer())), docHref);
    expect(Buffer.from(sentBytes).equals(PDF_BYTES)).toBe(true);
    await screenshot(applicant, 'portal-application-status');
    await applicant.locator('[data-upload="IMB"]').setInputFiles(imbPdf);
    await applicant.locator('[data-doc="IMB"]').getByText('ada', { exact: true }).waitFor();
    await applicant.getByRole('button', { name: /Kirim ulang/ }).click();
    await expect.poll(async () => (await applicant.getByTestId('current-step').textContent()) ?? '').toContain('memeriksa kelengkapan');

    // The inbox screenshot: the resubmitted application waiting at the loket.
    const loket = await as('petugas-loket.kecamatan-kaloran');
    await loket.goto(`${url}/inbox`);
    await loket.getByRole('tab', { name: /Tersedia/ }).click();
    await loket.locator('tr', { hasText: 'Bu Ratna Reklame' }).first().waitFor();
    await screenshot(loket, 'workspace-inbox');
    await officerStep('petugas-loket.kecamatan-kaloran', { ...row, step: 'memeriksa kelengkapan' }, 'Lengkap');
    await officerStep('kasi.kecamatan-kaloran', { ...row, step: 'penelitian berkas' }, 'Tanpa cek lapangan');
    await officerStep('kasi.kecamatan-kaloran', { ...row, step: 'rekomendasi' }, 'Diterima', async (p) => {
      await expect.poll(() => p.getByTestId('fee-total').textContent()).toBe('Rp 100.000');
      await p.getByText('Rp 25.000 per meter').waitFor();
    });
    await applicant.reload();
    await applicant.getByRole('button', { name: /Sudah saya lakukan: Membayar retribusi/ }).click();
    await expect.poll(async () => (await applicant.getByTestId('current-step').textContent()) ?? '').toContain('Menerima pembayaran');
    await officerStep('petugas-loket.kecamatan-kaloran', { ...row, step: 'Menerima pembayaran' }, 'Selesai', payDue, 'workspace-kasir-payment');
    // the applicant's page shows the receipt's number from the office's numbering service
    await applicant.reload();
    await expect.poll(async () => (await applicant.getByTestId('payment-receipt').textContent()) ?? '').toMatch(/bukti pembayaran no\. KW\/\d{6}\/kecamatan-kaloran\/\d{4}/);
    await officerStep('kasi.kecamatan-kaloran', { ...row, step: 'Proses izin' }, 'Selesai');
    expect(await availableTo('camat.kecamatan-kaloran', (x) => x.applicantName === 'Bu Ratna Reklame')).toHaveLength(1);
    await officerStep('camat.kecamatan-kaloran', { ...row, step: 'Menandatangani' }, 'Selesai');
    await officerStep('petugas-loket.kecamatan-kaloran', { ...row, step: 'Loket pengambilan' }, 'Selesai');

    await applicant.reload();
    await expect.poll(() => applicant.getByTestId('application-status').textContent()).toBe('selesai');
    const href = await applicant.getByTestId('download-result').getAttribute('href');
    const permit = await applicant.evaluate(async (h) => (await fetch(h!)).text(), href);
    expect(permit).toContain('Izin Reklame');
    // the permit's own wording (server/documents/content.ts), with the application's registration number
    expect(permit).toContain('DIBERIKAN Izin Reklame');
    expect(permit).toMatch(/data-registration-number>kecamatan-kaloran-\d{4}-\d{6}</);
    expect(watch.problems.filter((p) => /Content Security Policy|pageerror/.test(p))).toEqual([]);
  });

  it('Samsat SOP 02 at the counter: walk-in started by pendaftaran, PKB computed, korektor rejects once then accepts, kasir completes; Cilegon never sees it', async () => {
    const nopol = 'A 4321 KB';
    const mine = (x: { businessKey: string | null }) => x.businessKey === nopol;
    const counter = await as('petugas-pendaftaran.samsat-serang');
    await counter.goto(`${url}/inbox`);
    await counter.getByRole('button', { name: 'Permohonan baru di loket' }).click();
    await counter.getByTestId('counter-service').click();
    await counter.getByRole('option', { name: /SOP 02/ }).click();
    await counter.getByLabel(/Nomor \(nopol/).fill(nopol);
    await counter.getByLabel(/Nama pemohon/).fill('Pak Slamet');
    await counter.getByRole('button', { name: 'Mulai' }).click();
    // The registration number and PIN for the applicant (issue 21), then on to the first task.
    await expect.poll(() => counter.locator('[data-registration-pin]').textContent()).toMatch(/^[0-9]{6}$/);
    await counter.getByRole('button', { name: 'Lanjut ke tugas' }).click();
    // The wajib pajak's hand-in is the counter officer's, on their behalf.
    await counter.getByText('Dikerjakan atas nama pemohon').waitFor();
    expect(await availableTo('petugas-penetapan.samsat-serang', mine)).toEqual([]);
    await counter.getByRole('button', { name: 'Selesai', exact: true }).click();
    await counter.waitForURL(/\/inbox$/);
    const row = { text: nopol, step: '' };
    await officerStep('petugas-pendaftaran.samsat-serang', { ...row, step: 'Menerima formulir SPPKB' }, 'Selesai');
    await officerStep('petugas-pendaftaran.samsat-serang', { ...row, step: 'Memeriksa kelengkapan berkas' }, 'Lengkap');
    await officerStep('petugas-pendaftaran.samsat-serang', { ...row, step: 'Menyerahkan berkas' }, 'Selesai');
    expect(await availableTo('petugas-penetapan.samsat-serang', mine)).toEqual([]);
    await officerStep('petugas-kepolisian.samsat-serang', { ...row, step: 'entry data' }, 'Selesai', async (p) => {
      await selectOption(p, 'vehicleType', 'minibus');
      await p.locator('[data-fact="njkb"]').fill('200000000');
    });
    let firstTotal = '';
    await officerStep('petugas-penetapan.samsat-serang', { ...row, step: 'menerbitkan NPPKB' }, 'Selesai', async (p) => {
      firstTotal = (await p.getByTestId('fee-total').first().textContent()) ?? '';
      expect(firstTotal).toMatch(/^Rp [1-9]/);
    });
    expect(await availableTo('kasir.samsat-serang', mine)).toEqual([]);
    await officerStep('korektor.samsat-serang', { ...row, step: 'Menelaah' }, 'Tidak setuju', async (p) => {
      await p.locator('[data-fact="njkb"]').fill('180000000');
      await p.getByLabel('Catatan internal (hanya dibaca petugas)').fill('NJKB tidak sesuai tabel');
    });
    await officerStep('petugas-penetapan.samsat-serang', { ...row, step: 'menerbitkan NPPKB' }, 'Selesai', async (p) => {
      await expect.poll(() => p.getByTestId('fee-total').first().textContent()).not.toBe(firstTotal);
    });
    await officerStep('korektor.samsat-serang', { ...row, step: 'Menelaah' }, 'Setuju');
    await officerStep('korektor.samsat-serang', { ...row, step: 'petugas kasir' }, 'Selesai');
    // SOP Pembayaran: the wajib pajak pays (the counter officer on their behalf), the kasir validates.
    const payOnBehalf = async (step: string) => {
      await counter.goto(`${url}/inbox`);
      await counter.getByRole('tab', { name: /Tugas saya/ }).click();
      await counter.locator('tr', { hasText: nopol }).filter({ hasText: step }).first().click();
      await counter.getByRole('button', { name: 'Selesai', exact: true }).click();
      await counter.waitForURL(/\/inbox$/);
    };
    await payOnBehalf('Membayar PKB');
    await officerStep('kasir.samsat-serang', { ...row, step: 'Menerima pembayaran' }, 'Selesai', payDue);
    await payOnBehalf('Menerima SKPD');
    for (const role of ['petugas-pendaftaran', 'petugas-kepolisian', 'petugas-penetapan', 'korektor', 'kasir']) {
      expect(await availableTo(`${role}.samsat-cilegon`, mine)).toEqual([]);
    }
    const done = await t.database.db.selectFrom('runtime_instances').select('status').where('business_key', '=', nopol).where('process_key', '=', 'samsat-02-pengesahan-tahunan').executeTakeFirstOrThrow();
    expect(done.status).toBe('completed');
  });

  it('two officers open the same task: one takes it, the other gets a clear message and keeps what was typed', async () => {
    const token = await loginAs(t.app, 'petugas-loket.kecamatan-kaloran');
    const started = await t.app.inject({
      method: 'POST',
      url: `/api/processes/${REKLAME}/instances`,
      headers: bearer(token),
      payload: { office: 'kecamatan-kaloran', businessKey: 'REK-RACE', variables: { ...REKLAME_START, lengthMeters: 1 }, applicant: { name: 'Bu Rahayu' } },
    });
    const handIn = (started.json().tasks as Array<{ id: string }>)[0].id;
    await t.app.inject({ method: 'POST', url: `/api/tasks/${handIn}/complete`, headers: bearer(token), payload: { variables: {} } });
    const task = (await t.database.db.selectFrom('runtime_tasks').select('id').where('business_key', '=', 'REK-RACE').where('status', '=', 'open').executeTakeFirstOrThrow()).id;
    const a = await as('petugas-loket.kecamatan-kaloran');
    const b = await as('petugas-loket2');
    await a.goto(`${url}/inbox/tasks/${task}`);
    await b.goto(`${url}/inbox/tasks/${task}`);
    await b.getByLabel('Catatan internal (hanya dibaca petugas)').fill('catatan petugas dua');
    await a.getByRole('button', { name: 'Ambil tugas', exact: true }).click();
    await a.getByRole('button', { name: 'Lepas' }).waitFor();
    await b.getByRole('button', { name: 'Ambil tugas', exact: true }).click();
    // the message names the colleague who has it (issue 23)
    const holder = await t.database.db.selectFrom('users').select(['name', 'full_name']).where('username', '=', 'petugas-loket.kecamatan-kaloran').executeTakeFirstOrThrow();
    await expect.poll(() => b.getByTestId('task-message').textContent()).toContain(`Tugas ini sudah diambil ${holder.full_name ?? holder.name}`);
    expect(await b.getByLabel('Catatan internal (hanya dibaca petugas)').inputValue()).toBe('catatan petugas dua');
  });
});
