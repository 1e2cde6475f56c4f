/**
 * Issue 20 in a real browser: the camat signs the permit on the task page (a wrong passphrase is
 * refused in Indonesian and the task stays open; the right one signs), the applicant downloads
 * the signed permit PDF from their application page, the QR code is read from the rendered PDF,
 * and the verification page it leads to says "SAH" and recognises the downloaded file (hashed in
 * the browser) — and not a changed copy.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { OFFICE, PROCESS, publishPermitProcess, qrOfPdf, START_VARIABLES, tempDir } from '../documents/support.js';
import { ensureStudioBuilt, launchBrowser, login, screenshot, watchPage } from './studio-helpers.js';

describe('signed permit: sign, download, verify from the QR (browser)', () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  let instanceId = '';
  let taskId = '';
  const camat = `camat.${OFFICE}`;

  beforeAll(async () => {
    await ensureStudioBuilt();
    t = await createTestApp();
    await publishPermitProcess(t.database.db);
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const tok = async (u: string) => bearer(await loginAs(t.app, u));
    const admin = await tok('admin');
    const idOf = async (u: string) => (await t.database.db.selectFrom('users').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
    for (const [u, body] of [
      [camat, { fullName: 'Drs. Sutrisno Wibowo, M.Si.', nip: '196805121990031004', jabatan: 'Camat Kaloran' }],
      [`kasi.${OFFICE}`, { fullName: 'Siti Rahmawati, S.Sos.', nip: '197703152005012003', jabatan: 'Kepala Seksi Pelayanan' }],
      ['pemohon1', { fullName: 'Budi Santoso', nik: '3323010101900003' }],
    ] as const) {
      expect((await t.app.inject({ method: 'PUT', url: `/api/admin/users/${await idOf(u)}/identity`, headers: admin, payload: body })).statusCode).toBe(200);
    }
    // The application up to the permit's signature, through the API.
    const started = await t.app.inject({ method: 'POST', url: `/api/processes/${PROCESS}/instances`, headers: await tok('pemohon1'), payload: { office: OFFICE, variables: START_VARIABLES } });
    instanceId = started.json().id;
    const step = async (user: string, element: string, passphrase?: string) => {
      const h = await tok(user);
      const list = (await t.app.inject({ method: 'GET', url: '/api/tasks?scope=available', headers: h })).json() as { items: Array<{ id: string; instanceId: string; elementId: string }> };
      const task = list.items.find((x) => x.instanceId === instanceId && x.elementId === element)!;
      if (passphrase === undefined) return task.id;
      const r = await t.app.inject({ method: 'POST', url: `/api/tasks/${task.id}/complete`, headers: h, payload: { variables: {}, passphrase } });
      expect(r.statusCode, r.body).toBe(200);
      return task.id;
    };
    const loket = await tok(`petugas-loket.${OFFICE}`);
    await t.app.inject({ method: 'POST', url: `/api/tasks/${await step(`petugas-loket.${OFFICE}`, 'periksa')}/complete`, headers: loket, payload: { variables: {} } });
    await step(`kasi.${OFFICE}`, 'ttd_sk', t.password);
    taskId = await step(camat, 'ttd_izin');
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the camat signs on the task page; the applicant downloads the signed PDF, scans its QR and the verification page recognises the file', async () => {
    const server = { url, password: t.password, testApp: t, close: async () => undefined };
    // The camat: a wrong passphrase is refused and the task stays; the right one signs.
    const officer = await browser.newPage();
    const watchOfficer = watchPage(officer);
    await login(officer, server, camat);
    await officer.goto(`${url}/inbox/tasks/${taskId}`);
    await officer.getByTestId('signing').waitFor();
    const claim = officer.getByRole('button', { name: /Ambil|Claim/ });
    if (await claim.isVisible()) await claim.click();
    await officer.locator('input[type="date"], input#root_berlakuSampai').first().fill('2031-12-31');
    await officer.getByTestId('passphrase').fill('salah-sekali-passphrase');
    await officer.getByRole('button', { name: /^(Selesai|Complete)$/ }).click();
    await expect.poll(async () => (await officer.getByTestId('task-message').textContent()) ?? '').toMatch(/Passphrase salah/);
    await screenshot(officer, 'documents-wrong-passphrase');
    await officer.getByTestId('passphrase').fill(t.password);
    await officer.getByRole('button', { name: /^(Selesai|Complete)$/ }).click();
    await officer.waitForURL(/\/inbox$/);
    expect(watchOfficer.problems).toEqual([]);

    // The applicant downloads the signed permit from their application page.
    const applicant = await (await browser.newContext({ acceptDownloads: true })).newPage();
    const watchApplicant = watchPage(applicant);
    await login(applicant, server, 'pemohon1');
    await applicant.goto(`${url}/portal/applications/${instanceId}`);
    const [download] = await Promise.all([applicant.waitForEvent('download'), applicant.getByTestId('download-result-pdf').click()]);
    const dir = tempDir();
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.includes(Buffer.from('/ETSI.CAdES.detached'))).toBe(true);

    // The QR code on the rendered PDF leads to the public verification page (no log-in needed).
    const qr = await qrOfPdf(bytes);
    expect(qr).toMatch(/\/verifikasi\/[0-9A-F]{20}$/);
    const visitor = await (await browser.newContext()).newPage();
    const watchVisitor = watchPage(visitor);
    await visitor.goto(qr!);
    await expect.poll(async () => visitor.locator('[data-status]').getAttribute('data-status')).toBe('valid');
    await expect.poll(async () => (await visitor.locator('body').textContent()) ?? '').toContain('Bu** Sa*****');
    await visitor.locator('#file').setInputFiles(file);
    await expect.poll(async () => visitor.locator('#result').getAttribute('data-match')).toBe('yes');
    await screenshot(visitor, 'documents-verified');
    // A copy with one byte changed is not the issued document.
    const changed = Buffer.from(bytes);
    changed[Math.floor(changed.length / 3)] ^= 0x20;
    const changedFile = path.join(dir, 'diubah.pdf');
    writeFileSync(changedFile, changed);
    await visitor.locator('#file').setInputFiles(changedFile);
    await expect.poll(async () => visitor.locator('#result').getAttribute('data-match')).toBe('no');
    expect((await visitor.locator('#result').textContent()) ?? '').toMatch(/Tidak cocok/);
    expect([...watchApplicant.problems, ...watchVisitor.problems]).toEqual([]);
  }, 180_000);
});
