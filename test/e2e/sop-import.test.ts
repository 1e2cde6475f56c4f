/**
 * "Baru dari tabel SOP" in headless Chromium against the real server: the admin opens an office's
 * .xlsx in the Permenpan layout, sees the steps with their Waktu and Output, confirms each
 * performer's role in the mapping dialog (Sekretaris Camat is proposed as a new role, not taken
 * for camat; Esc typed in a field keeps the dialog) and gets the model with five lanes and the
 * draft requirement set.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, loginAs } from '../helpers/app.js';
import { permenpanXlsx } from '../fixtures/import/xlsx.js';
import { launchBrowser, login, screenshot, startStudioServer, watchPage, type StudioServer } from './studio-helpers.js';

describe('SOP table import in the browser', { timeout: 120_000 }, () => {
  let server: StudioServer;
  let browser: Browser;
  let page: Page;
  let watch: { problems: string[] };

  beforeAll(async () => {
    server = await startStudioServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    watch = watchPage(page);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('maps each performer to a role before creating the draft, and creates the model and its requirement set', async () => {
    await login(page, server, 'admin');
    await page.goto(`${server.url}/import`);
    await page.getByLabel('Nama proses').fill('Izin Uji Permenpan');
    await page.getByRole('combobox', { name: 'Instansi' }).click();
    await page.getByRole('option', { name: 'kecamatan-kaloran' }).click();
    await page.getByTestId('table-file').setInputFiles({ name: 'sop-izin.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await permenpanXlsx() });
    await expect.poll(() => page.getByTestId('table-summary').innerText()).toMatch(/6 langkah, 5 pelaksana · tata letak Permenpan/);
    expect(await page.getByRole('cell', { name: '1 hari kerja' }).count()).toBe(1);
    expect(await page.getByRole('cell', { name: 'Draf diparaf Sekcam' }).count()).toBeGreaterThan(0);
    await page.getByTestId('requirements-list').fill('Formulir permohonan\nFotokopi KTP\nFotokopi bukti lunas PBB');
    await expect.poll(() => page.getByTestId('requirements-summary').innerText()).toMatch(/3 dokumen persyaratan .* izin-uji-permenpan-persyaratan/);

    await page.getByTestId('table-create').click();
    const dialog = page.getByTestId('role-mapping');
    await dialog.getByRole('heading', { name: 'Peran setiap pelaksana' }).waitFor();
    // Sekretaris Camat is a new role, camat stays camat, the applicant is pemohon
    const row = (slug: string) => dialog.getByTestId(`mapping-${slug}`);
    expect(await row('sekretaris-camat').innerText()).toMatch(/Peran baru…[\s\S]*Kunci: sekretaris-camat[\s\S]*baru/);
    expect(await row('camat').getByRole('combobox').innerText()).toBe('Camat (camat)');
    expect(await row('pemohon').getByRole('combobox').innerText()).toBe('Pemohon / Wajib Pajak (pemohon)');
    expect(await row('kepala-seksi').getByRole('combobox').innerText()).toBe('Kepala Seksi (kasi)');
    await screenshot(page, 'import-role-mapping');

    // Esc while typing in a field keeps the dialog and what was typed
    const newName = row('sekretaris-camat').getByLabel('Nama peran baru');
    await newName.fill('Sekretaris Kecamatan');
    await newName.press('Escape');
    await page.waitForTimeout(300);
    expect(await dialog.isVisible()).toBe(true);
    expect(await newName.inputValue()).toBe('Sekretaris Kecamatan');
    expect(await row('sekretaris-camat').innerText()).toMatch(/Kunci: sekretaris-kecamatan/);

    // the admin maps Kepala Seksi to another existing post
    await row('kepala-seksi').getByRole('combobox').click();
    await page.getByRole('option', { name: 'Kepala Seksi Pengelolaan Data dan Informasi (kasi-pdi)' }).click();
    expect(await row('kepala-seksi').innerText()).toMatch(/dipilih/);

    await page.getByTestId('mapping-confirm').click();
    await page.waitForURL('**/processes/izin-uji-permenpan');
    await expect.poll(() => page.locator('.djs-element[data-element-id^="Lane_"]').count()).toBe(5);
    await page.locator('.djs-element[data-element-id="Task_6"]').waitFor();
    await expect.poll(() => page.getByTestId('lint-errors').count()).toBe(0);
    await screenshot(page, 'import-created');

    // the step's documents are ticked from the requirement set by name, and its SLA reads in words
    const docs = page.locator('[data-entry-id="sop-documents"]');
    const setHeading = docs.getByText('Dokumen dari set persyaratan izin-uji-permenpan-persyaratan');
    // As an admin would: select the step, and select it again if the panel still shows another element.
    await expect
      .poll(async () => {
        await page.locator('.djs-element[data-element-id="Task_1"]').click({ force: true });
        return setHeading.isVisible();
      }, { timeout: 30_000, interval: 1500 })
      .toBe(true);
    await expect.poll(() => docs.locator('label').allInnerTexts()).toEqual(['Formulir permohonan', 'Fotokopi KTP', 'Fotokopi bukti lunas PBB']);
    expect(await docs.locator('input:checked').count()).toBe(3);
    await docs.getByLabel('Fotokopi KTP').uncheck();
    await expect.poll(() => docs.locator('input:checked').count()).toBe(2);
    expect(await page.locator('[data-entry-id="sop-duration"] input').inputValue()).toBe('5 menit');
    await screenshot(page, 'import-documents-picker');

    const admin = bearer(await loginAs(server.testApp.app, 'admin', server.password));
    const model = await server.testApp.app.inject({ method: 'GET', url: '/api/processes/izin-uji-permenpan/draft', headers: admin });
    const xml = model.body;
    expect([...xml.matchAll(/<bpmn:lane [^>]*name="([^"]+)" sop:role="([^"]+)"/g)].map((m) => [m[1], m[2]])).toEqual([
      ['Pemohon', 'pemohon'], ['Petugas Loket', 'petugas-loket'], ['Kepala Seksi', 'kasi-pdi'], ['Sekretaris Camat', 'sekretaris-kecamatan'], ['Camat', 'camat'],
    ]);
    expect(xml).toContain('sop:duration="P1D"');
    expect(xml).toContain('sop:output="Draf diparaf Sekcam"');
    // the model as the import saved it: every document the Kelengkapan cell named
    expect(xml).toMatch(/id="Task_1"[^>]*sop:documents="formulir-permohonan fotokopi-ktp fotokopi-bukti-lunas-pbb"/);
    const roles = (await server.testApp.app.inject({ method: 'GET', url: '/api/roles', headers: admin })).json() as Array<{ key: string; name: string; agencies: string[] }>;
    expect(roles.find((r) => r.key === 'sekretaris-kecamatan')).toMatchObject({ name: 'Sekretaris Kecamatan', agencies: ['kecamatan-kaloran'] });
    const rs = (await server.testApp.app.inject({ method: 'GET', url: '/api/rulesets/izin-uji-permenpan-persyaratan/draft', headers: admin })).json() as { versions: Array<{ rules: Array<{ event: { params: { label: string; required: boolean } } }> }> };
    expect(rs.versions[0]!.rules.map((r) => [r.event.params.label, r.event.params.required])).toEqual([['Formulir permohonan', true], ['Fotokopi KTP', true], ['Fotokopi bukti lunas PBB', true]]);
    expect(watch.problems).toEqual([]);
  });
});
