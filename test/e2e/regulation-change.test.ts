/**
 * Regulation change (issue 19) in headless Chromium against the real server, at the issue's scale:
 * 200 recent Samsat SOP 02 applications (180 finished, 20 open at the penetapan's desk), worked
 * through the product's own API in the set-up as the officers would. samsat-fees needs a second
 * person's approval. The manager gives it a higher PKB tariff from next month, runs Dampak over the
 * 200 and reads the change (how many, rupiah before/after, the largest first), and submits it; a
 * date before the publication in force is refused in words at once. The second manager reads the
 * submitted diff inside the approval panel and sends it back with a comment; submitted again, they
 * run its Dampak there and approve; the versions screen marks
 * the one in force today and the scheduled one. SOP 02's new version (a step replaced) needs a
 * second person too: the manager reads its diff and Dampak (the 20 open applications stand on the
 * replaced step) in the approval panel and approves it, then migrates the 20 to it with the mapping
 * editor, dry run first.
 * Screenshots go to test-results/screenshots (not committed).
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/services/accounts/accounts.js';
import { drainChangeJobs } from '../../server/services/store/change-job-runner.js';
import { todayInJakarta } from '../../server/services/offices/dates.js';
import { bearer, createTestApp, loginAs, TEST_PASSWORD, type TestApp } from '../helpers/app.js';
import { publishLibrary, SAMSAT_02 } from '../workspace/fixtures.js';
import { ensureStudioBuilt, launchBrowser, screenshot, watchPage } from './studio-helpers.js';

const OFFICES = ['samsat-serang', 'samsat-cilegon'];
const APPLICATIONS = 200;
const OPEN = 20;
/** of the open ones, taken by the penetapan officer before the migration */
const CLAIMED = 5;
/** the desks working at once while the set-up registers the applications */
const DESKS = 8;
/** One luxury car among ordinary ones: the largest change, whatever the order of the others. */
const LUXURY = 'A 1 LUX';
const LUXURY_NJKB = 1_500_000_000;
const njkbOf = (i: number) => 100_000_000 + (i % 20) * 10_000_000;

/** The first day of next month (Asia/Jakarta): the new tariff's period starts there. */
function firstOfNextMonth(): string {
  const [y, m] = todayInJakarta().split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}
/** PKB = NJKB × bobot 1.05 × tariff, opsen PKB 66 % of it: what a tariff change moves (rupiah, floored as the rule set does). */
function pkbChange(njkb: number, fromPermille: bigint, toPermille: bigint): bigint {
  const pkb = (p: bigint) => (BigInt(njkb) * 105n * p) / 100_000n;
  const d = pkb(toPermille) - pkb(fromPermille);
  return d + (d * 66n) / 100n;
}
const rupiah = (n: bigint) => `Rp ${n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;

describe('regulation change at scale in the browser: Dampak, two people, migration', { timeout: 300_000 }, () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  const apps: Array<{ id: string; businessKey: string; office: string; njkb: number; open: boolean }> = [];
  const from = firstOfNextMonth();

  /** one log-in per account, shared by the desks (the log-in route is rate limited) */
  const sessions = new Map<string, Promise<Record<string, string>>>();
  function as(username: string): Promise<Record<string, string>> {
    if (!sessions.has(username)) sessions.set(username, loginAs(t.app, username).then(bearer));
    return sessions.get(username)!;
  }
  async function call(method: 'GET' | 'POST' | 'PUT', path: string, who: Record<string, string>, payload?: Record<string, unknown>) {
    const res = await t.app.inject({ method, url: path, headers: who, ...(payload ? { payload } : {}) });
    expect(res.statusCode, `${method} ${path}: ${res.body}`).toBeLessThan(300);
    return res.json() as Record<string, unknown>;
  }

  /**
   * One walk-in application of SOP 02, worked step by step by the post whose turn it is (the
   * wajib pajak's own steps by the officer who registered them) until `stopAt` opens, or to the end.
   */
  async function work(i: number, stopAt?: string): Promise<void> {
    const office = OFFICES[i % OFFICES.length]!;
    const businessKey = i === 0 ? LUXURY : `A ${1000 + i} RC`;
    const njkb = i === 0 ? LUXURY_NJKB : njkbOf(i);
    const registrar = await as(`petugas-pendaftaran.${office}`);
    const started = await call('POST', `/api/processes/${SAMSAT_02}/instances`, registrar, { office, businessKey, applicant: { name: `Wajib Pajak ${businessKey}` } });
    apps.push({ id: started.id as string, businessKey, office, njkb, open: stopAt !== undefined });
    const entered: Record<string, Record<string, unknown>> = {
      periksa_berkas: { berkasLengkap: true },
      entry_data: { vehicleType: 'sedan', njkb, ownershipOrder: 1, usage: 'private', transfer: 'none' },
      koreksi: { koreksiSetuju: true },
    };
    for (;;) {
      // the payment is a called process: its steps carry the application's business key
      const task = await t.database.db.selectFrom('runtime_tasks').select(['id', 'element_id', 'role']).where('business_key', '=', businessKey).where('status', '=', 'open').executeTakeFirst();
      if (!task || task.element_id === stopAt) return;
      const who = task.role === 'pemohon' ? registrar : await as(`${task.role}.${office}`);
      // the kasir receives exactly what the NPPKB says is due, as its task page shows it
      const paid = task.element_id === 'terima_bayar' ? { jumlahDiterima: ((await call('GET', `/api/workspace/tasks/${task.id}/context`, who)).payment as { due: string }).due, metodePembayaran: 'tunai' } : {};
      await call('POST', `/api/tasks/${task.id}/complete`, who, { variables: { ...(entered[task.element_id] ?? {}), ...paid } });
    }
  }

  beforeAll(async () => {
    await ensureStudioBuilt();
    t = await createTestApp({ kind: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' });
    await publishLibrary(t.database.db, [SAMSAT_02]);
    await createUser(t.database.db, { username: 'kabid.bapenda', name: 'Kabid Pendapatan', password: TEST_PASSWORD, roles: [{ role: 'manager', office: null }] }, 'test');
    // samsat-fees serves every Samsat office: the admin requires a second person for it
    await call('PUT', '/api/rulesets/samsat-fees/approval-setting', await as('admin'), { required: true });

    const t0 = Date.now();
    const queue = Array.from({ length: APPLICATIONS }, (_, i) => i);
    await Promise.all(
      Array.from({ length: DESKS }, async () => {
        for (let i = queue.shift(); i !== undefined; i = queue.shift()) await work(i, i >= APPLICATIONS - OPEN ? 'terbit_nppkb' : undefined);
      }),
    );
    // the penetapan desk has already taken a few of the open ones: a migration keeps the claim
    for (const a of apps.filter((x) => x.open).slice(0, CLAIMED)) {
      const task = await t.database.db.selectFrom('runtime_tasks').select('id').where('instance_id', '=', a.id).where('status', '=', 'open').executeTakeFirstOrThrow();
      await call('POST', `/api/tasks/${task.id}/claim`, await as(`petugas-penetapan.${a.office}`), {});
    }
    console.log(`seeded ${APPLICATIONS} SOP 02 applications in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    // ≈ 2,100 steps: half a minute on PostgreSQL, a few minutes on the embedded PGlite (one connection)
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function logIn(username: string, width = 1280): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'id-ID' });
    const page = await context.newPage();
    await page.goto(url);
    await page.getByLabel(/Nama pengguna/).fill(username);
    await page.getByLabel(/Kata sandi/).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: /Masuk/ }).click();
    await page.getByTestId('current-user').waitFor();
    return page;
  }
  /** What Dampak must answer: the notas the 200 were assessed with, and the tariff's change on each. */
  async function expectedImpact() {
    const rows = await t.database.db.selectFrom('runtime_instances').select(['id', 'variables']).where('process_key', '=', SAMSAT_02).execute();
    expect(rows).toHaveLength(APPLICATIONS);
    const before = rows.reduce((sum, r) => {
      const v = (typeof r.variables === 'string' ? JSON.parse(r.variables) : r.variables) as { sys: { notaPkb: { total: string } } };
      return sum + BigInt(v.sys.notaPkb.total);
    }, 0n);
    const difference = apps.reduce((sum, a) => sum + pkbChange(a.njkb, 12n, 15n), 0n);
    return { before, after: before + difference, difference };
  }
  async function summaryShows(panel: ReturnType<Page['getByTestId']>): Promise<void> {
    const { before, after, difference } = await expectedImpact();
    const summary = panel.getByTestId('impact-summary');
    await summary.waitFor();
    const text = await summary.innerText();
    expect(text).toContain(`${APPLICATIONS} dari ${APPLICATIONS} permohonan berubah (tanggal acuan ${from})`);
    expect(text).toContain(`Jumlah sebelum ${rupiah(before)}, sesudah ${rupiah(after)}, selisih + ${rupiah(difference)}`);
    // the largest change first: the luxury car, its PKB and opsen lines before → after
    expect(text).toContain('terbesar lebih dulu');
    const first = panel.getByTestId('impact-table').locator('tbody tr').first();
    const row = await first.innerText();
    expect(row).toContain(LUXURY);
    expect(row).toContain(`+ ${rupiah(pkbChange(LUXURY_NJKB, 12n, 15n))}`);
    expect(row).toContain('Pajak Kendaraan Bermotor: Rp 18.900.000 → Rp 23.625.000');
    expect(row).toContain('Opsen PKB (kabupaten/kota): Rp 12.474.000 → Rp 15.592.500');
    expect(await panel.getByTestId('impact-table').locator('tbody tr').count()).toBe(APPLICATIONS);
  }

  it('the manager gives samsat-fees a higher PKB tariff from next month, reads its Dampak over the 200 applications and submits it', async () => {
    const page = await logIn('manager');
    const problems = watchPage(page);
    await page.goto(`${url}/rulesets/samsat-fees`);
    await page.getByTestId('period-1').waitFor();
    await page.getByTestId('add-period').click();
    await page.getByTestId('period-2').waitFor();
    await page.getByTestId('period-2-from').fill(from);
    const rate = page.getByTestId('period-2-const-tarifPkb');
    await rate.fill('1.5%');
    await rate.blur();
    await expect.poll(() => page.getByTestId('schema-status').innerText()).toMatch(/Sesuai skema/);
    // the new period's own test case, from trying it
    await page.getByRole('tab', { name: 'Coba' }).click();
    await page.getByLabel('Tanggal permohonan').fill(from);
    await page.getByRole('combobox', { name: /Jenis kendaraan/ }).click();
    await page.getByRole('option', { name: 'sedan', exact: true }).click();
    await page.getByLabel(/Nilai Jual Kendaraan/).fill('200000000');
    await page.getByRole('button', { name: 'Hitung' }).click();
    // 200,000,000 × bobot 1.05 × 1.5 % = 3,150,000
    await expect.poll(() => page.getByTestId('try-result').innerText()).toMatch(/Rp 3\.150\.000/);
    await page.getByTestId('add-as-test').click();
    await page.getByTestId('save-draft').click();
    await page.getByText(/Draf tersimpan/).waitFor();

    // Dampak: the 200 applications' facts with the publication in force and with the draft, as of next month
    await page.getByTestId('impact').click();
    const impact = page.getByRole('dialog');
    await impact.getByTestId('impact-run').click();
    await impact.getByTestId('impact-progress').waitFor();
    // this in-process server runs no background workers: the test is the worker
    expect(await drainChangeJobs(t.database.db)).toBe(1);
    await summaryShows(impact);
    await screenshot(page, 'regchange-01-dampak-200');
    await impact.getByRole('button', { name: 'Tutup' }).click();
    // nothing was written to the applications
    expect((await expectedImpact()).before).toBeGreaterThan(0n);

    await page.getByTestId('publish').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Catatan').fill('Tarif PKB 1,5 % mulai bulan depan');
    // a date before the publication in force is refused at once, in words, at the date field
    await dialog.getByLabel('Berlaku mulai').fill('2020-01-01');
    await dialog.getByTestId('publish-submit').click();
    await expect.poll(() => dialog.getByTestId('publish-date-error').innerText()).toBe(
      `Tanggal berlaku tidak boleh lebih awal dari versi 1 yang berlaku sejak ${todayInJakarta()}. Untuk memperbaiki versi yang salah, terbitkan versi baru.`,
    );
    await dialog.getByLabel('Berlaku mulai').fill(from);
    await dialog.getByLabel('Dasar hukum: nomor peraturan').fill('Perda Provinsi Banten No. 9 Tahun 2026');
    await dialog.getByLabel('Pasal').fill('Pasal 8 ayat (1)');
    await dialog.getByTestId('publish-submit').click();
    // samsat-fees needs a second person: the publish became a submission
    await dialog.getByTestId('publish-submitted').waitFor();
    await screenshot(page, 'regchange-02-submitted');
    const pubs = await t.database.db.selectFrom('publications').select('n').where('kind', '=', 'ruleset').where('key', '=', 'samsat-fees').execute();
    expect(pubs).toHaveLength(1);
    expect(problems.problems).toEqual([]);
  });

  it('the second manager reads the submitted diff and its Dampak inside the approval panel, sends it back once, then approves; the versions mark in force and scheduled', async () => {
    const page = await logIn('kabid.bapenda');
    const problems = watchPage(page);
    await page.goto(`${url}/rulesets/samsat-fees/versions`);
    const pending = page.getByTestId('approval-pending');
    await expect.poll(() => pending.innerText()).toContain(`Diajukan oleh manager`);
    expect(await pending.innerText()).toContain(`berlaku mulai ${from}`);
    expect(await pending.innerText()).toContain('Perda Provinsi Banten No. 9 Tahun 2026, Pasal 8 ayat (1)');
    let review = pending.getByTestId('approval-review');
    await expect.poll(() => review.getByTestId('json-diff').innerText()).toMatch(/versions\.2\.constants\.tarifPkb\s+—\s+"1\.5%"/);
    expect(await review.innerText()).toContain('Perubahan yang diajukan: revisi draf');

    // first sent back with a comment; the author submits the same draft again with the date of the regulation
    await pending.getByLabel('Komentar pengembalian').fill('Cantumkan tanggal perda');
    await pending.getByTestId('approval-reject').click();
    await expect.poll(() => page.getByTestId('approval-rejected').innerText()).toContain('Diputuskan oleh kabid.bapenda');
    expect(await page.getByTestId('approval-rejected').innerText()).toContain('“Cantumkan tanggal perda”');
    expect(await page.getByTestId('approval-pending').count()).toBe(0);
    await call('POST', '/api/rulesets/samsat-fees/approvals', await as('manager'), {
      effectiveFrom: from,
      note: 'Tarif PKB 1,5 % mulai bulan depan',
      legalBasis: { regulation: 'Perda Provinsi Banten No. 9 Tahun 2026', article: 'Pasal 8 ayat (1)', date: todayInJakarta() },
    });
    await page.reload();
    await expect.poll(() => pending.innerText()).toContain('Diajukan oleh manager');
    expect(await pending.innerText()).toContain(`Pasal 8 ayat (1), ${todayInJakarta()}`);
    review = pending.getByTestId('approval-review');
    await review.getByTestId('json-diff').waitFor();
    await review.getByTestId('impact-run').click();
    await review.getByTestId('impact-progress').waitFor();
    expect(await drainChangeJobs(t.database.db)).toBe(1);
    await summaryShows(review);
    await screenshot(page, 'regchange-03-approval-review');

    await pending.getByTestId('approval-approve').click();
    await page.getByTestId('approval-approved').waitFor();
    await expect.poll(() => page.getByTestId('version-2-state').innerText()).toBe('Terjadwal');
    expect(await page.getByTestId('version-1-state').innerText()).toBe('Berlaku hari ini');
    expect(await page.getByTestId('version-2').innerText()).toContain(from);
    await screenshot(page, 'regchange-04-approved');
    const log = (await call('GET', '/api/rulesets/samsat-fees/changelog', await as('kabid.bapenda'))) as unknown as Array<{ n: number; publishedBy: string; approval?: { submittedBy: string; decidedBy: string } }>;
    expect(log[0]).toMatchObject({ n: 2, publishedBy: 'kabid.bapenda', approval: { submittedBy: 'manager', decidedBy: 'kabid.bapenda' } });
    expect(problems.problems).toEqual([]);
  });

  it('SOP 02’s new version, approved by the manager after its diff and Dampak; then the 20 open applications are migrated to it after a dry run', async () => {
    // SOP 02's new version, prepared by the admin: the penetapan step replaced by a new one; the
    // admin requires a second person for SOP 02 too, so the publish is a submission
    const admin = await as('admin');
    await call('PUT', `/api/processes/${SAMSAT_02}/approval-setting`, admin, { required: true });
    const draft = await t.app.inject({ method: 'GET', url: `/api/processes/${SAMSAT_02}/draft`, headers: admin });
    const xml = (await readFile(new URL(`../../processes/${SAMSAT_02}.bpmn`, import.meta.url), 'utf8')).replaceAll('terbit_nppkb', 'terbitkan_nppkb');
    const put = await t.app.inject({ method: 'PUT', url: `/api/processes/${SAMSAT_02}/draft`, headers: { ...admin, 'content-type': 'application/xml', 'if-match': String(draft.headers.etag) }, payload: xml });
    expect(put.statusCode, put.body).toBeLessThan(300);
    const submitted = await t.app.inject({ method: 'POST', url: `/api/processes/${SAMSAT_02}/publish`, headers: admin, payload: { effectiveFrom: todayInJakarta(), note: 'Penerbitan NPPKB elektronik' } });
    expect(submitted.statusCode, submitted.body).toBe(202);
    const open = apps.filter((a) => a.open).map((a) => a.id);
    const before = await t.database.db.selectFrom('runtime_instances').select(['id', 'variables']).where('id', 'in', open).execute();

    const page = await logIn('manager');
    const problems = watchPage(page);
    await page.goto(`${url}/processes/${SAMSAT_02}/versions`);
    // the manager reads the process diff and which open applications stand on the replaced step
    const pending = page.getByTestId('approval-pending');
    const review = pending.getByTestId('approval-review');
    await review.getByTestId('diff-diagram').first().waitFor();
    await expect.poll(() => review.innerText()).toContain('Dihapus: terbit_nppkb');
    expect(await review.innerText()).toContain('Ditambah: terbitkan_nppkb');
    await review.getByTestId('impact-run').click();
    await review.getByTestId('impact-progress').waitFor();
    expect(await drainChangeJobs(t.database.db)).toBe(1);
    await expect.poll(() => review.getByTestId('impact-summary').innerText()).toContain(`${OPEN} dari ${OPEN} permohonan terbuka berada pada langkah yang dihapus atau diubah.`);
    expect(await review.getByTestId('impact-table').innerText()).toMatch(new RegExp(`terbit_nppkb\\s+dihapus\\s+${OPEN}`));
    await screenshot(page, 'regchange-05-process-approval');
    await pending.getByTestId('approval-approve').click();
    await page.getByTestId('approval-approved').waitFor();
    await expect.poll(() => page.getByTestId('version-2-state').innerText()).toBe('Berlaku hari ini');

    await page.getByLabel('Versi 1', { exact: true }).check();
    await page.getByLabel('Versi 2', { exact: true }).check();
    await page.getByTestId('compare').click();
    await page.getByRole('dialog').getByTestId('diff-diagram').first().waitFor();
    await page.getByTestId('migrate').click();
    const migration = page.getByRole('dialog', { name: /Migrasi permohonan berjalan/ });
    // the old step without a same-id target is listed; its target is picked from the new version's steps
    const mapping = migration.getByTestId('migration-mapping');
    await expect.poll(() => mapping.innerText()).toContain('terbit_nppkb');
    await mapping.getByRole('combobox').click();
    await page.getByRole('option', { name: /\(terbitkan_nppkb\)/ }).click();

    await migration.getByTestId('migration-dry-run').click();
    await migration.getByTestId('migration-progress').waitFor();
    expect(await drainChangeJobs(t.database.db)).toBe(1);
    await expect.poll(() => migration.getByTestId('migration-result').innerText()).toContain(`Uji coba: ${OPEN} dapat dipindahkan, 0 terhalang.`);
    const dryRows = await migration.getByTestId('migration-result').locator('tbody tr').allInnerTexts();
    expect(dryRows).toHaveLength(OPEN);
    // each application by its number and office
    const openApps = apps.filter((a) => a.open);
    expect(dryRows.map((r) => r.split('\t').slice(0, 2).join(' ')).sort()).toEqual(openApps.map((a) => `${a.businessKey} ${a.office}`).sort());
    // a dry run moves nothing
    expect((await t.database.db.selectFrom('runtime_instances').select('id').where('id', 'in', open).where('publication', '=', 2).execute()).length).toBe(0);
    await screenshot(page, 'regchange-06-migration-dry-run');

    await migration.getByTestId('migration-run').click();
    await migration.getByTestId('migration-progress').waitFor();
    expect(await drainChangeJobs(t.database.db)).toBe(1);
    await expect.poll(() => migration.getByTestId('migration-result').innerText()).toContain(`Selesai: ${OPEN} dipindahkan, 0 terhalang, 0 gagal.`);
    await screenshot(page, 'regchange-07-migration-run');

    // the 20 are on version 2 at the new step, with their fee nota as assessed; the 180 finished ones are untouched
    const moved = await t.database.db.selectFrom('runtime_instances').select(['id', 'publication', 'variables']).where('id', 'in', open).execute();
    expect(moved.every((r) => r.publication === 2)).toBe(true);
    expect(new Map(moved.map((r) => [r.id, JSON.stringify(r.variables)]))).toEqual(new Map(before.map((r) => [r.id, JSON.stringify(r.variables)])));
    const tasks = await t.database.db.selectFrom('runtime_tasks').select(['element_id', 'publication', 'claimed_by']).where('instance_id', 'in', open).where('status', '=', 'open').execute();
    expect(tasks).toHaveLength(OPEN);
    expect(tasks.every((x) => x.element_id === 'terbitkan_nppkb' && x.publication === 2)).toBe(true);
    expect(tasks.filter((x) => x.claimed_by !== null)).toHaveLength(CLAIMED);
    expect((await t.database.db.selectFrom('runtime_instances').select('id').where('process_key', '=', SAMSAT_02).where('publication', '=', 1).execute()).length).toBe(APPLICATIONS - OPEN);
    // every run audited: the three Dampak runs, the dry run and the migration, each start and finish
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'actor']).where((eb) => eb.or([eb('action', 'like', '%.impact.%'), eb('action', 'like', 'process.migration.%')])).orderBy('seq').execute();
    expect(audit.map((a) => `${a.action} ${a.actor}`)).toEqual([
      'ruleset.impact.start manager', 'ruleset.impact.finish manager',
      'ruleset.impact.start kabid.bapenda', 'ruleset.impact.finish kabid.bapenda',
      'process.impact.start manager', 'process.impact.finish manager',
      'process.migration.start manager', 'process.migration.finish manager',
      'process.migration.start manager', 'process.migration.finish manager',
    ]);
    expect(problems.problems).toEqual([]);
  });
});
