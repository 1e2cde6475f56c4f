/**
 * Kinerja in headless Chromium against the real server: the manager of Samsat Serang opens the
 * cockpit for Samsat SOP 02, sees the heatmap with a hand-made late task coloured, clicks it for
 * its slowest open cases, and exports the heatmap as CSV; the late task is escalated once (the
 * supervisor reads it on Kinerja), and as the post's supervisor they hand it to another officer of
 * the post and then take it over. An officer going on leave
 * delegates their post on the Delegasi screen (the task they hold appears in the colleague's
 * inbox), and it comes back after the delegation's end date; a second one ended early with
 * "Akhiri" gives it back at once. Screenshots at 1280 px and 390 px go to
 * /tmp/cockpit-*.png (not committed).
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/services/accounts/accounts.js';
import { escalateOverdue } from '../../server/services/workspace/escalation.js';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { publishLibrary, SAMSAT_02 } from '../workspace/fixtures.js';
import { ensureStudioBuilt, launchBrowser, watchPage } from './studio-helpers.js';

const OFFICE = 'samsat-serang';
const PASSWORD = 'Rahasia-Kantor-2026';

describe('Kinerja (the managers’ cockpit) in the browser', { timeout: 180_000 }, () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  let lateStep: string;
  let lateTask: string;

  async function handIn(headers: Record<string, string>, instanceId: string): Promise<void> {
    const first = await t.database.db.selectFrom('runtime_tasks').select('id').where('instance_id', '=', instanceId).where('status', '=', 'open').executeTakeFirstOrThrow();
    expect((await t.app.inject({ method: 'POST', url: `/api/tasks/${first.id}/complete`, headers, payload: { variables: {} } })).statusCode).toBe(200);
  }

  beforeAll(async () => {
    await ensureStudioBuilt();
    t = await createTestApp({ kind: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite', users: false });
    await publishLibrary(t.database.db, [SAMSAT_02]);
    await createUser(t.database.db, { username: 'kepala.serang', name: 'Kepala Seksi Serang', password: PASSWORD, roles: [{ role: 'kasi', office: OFFICE }, { role: 'manager', office: OFFICE }] }, 'test');
    await createUser(t.database.db, { username: 'pendaftaran.serang', password: PASSWORD, roles: [{ role: 'petugas-pendaftaran', office: OFFICE }] }, 'test');
    await createUser(t.database.db, { username: 'pendaftaran2.serang', password: PASSWORD, roles: [{ role: 'petugas-pendaftaran', office: OFFICE }] }, 'test');
    const officer = bearer(await loginAs(t.app, 'pendaftaran.serang', PASSWORD));
    const started = await t.app.inject({ method: 'POST', url: `/api/processes/${SAMSAT_02}/instances`, headers: officer, payload: { office: OFFICE, variables: {}, businessKey: 'A 1234 BC' } });
    expect(started.statusCode).toBe(201);
    // The wajib pajak's hand-in, done by the officer on their behalf; then the post's first step is open.
    await handIn(officer, started.json().id);
    // The hand-made late task: its due time an hour ago.
    const task = await t.database.db.selectFrom('runtime_tasks').select(['id', 'element_id']).where('instance_id', '=', started.json().id).where('status', '=', 'open').executeTakeFirstOrThrow();
    await t.database.db.updateTable('runtime_tasks').set({ due_at: new Date(Date.now() - 3_600_000) }).where('id', '=', task.id).execute();
    lateStep = task.element_id;
    lateTask = task.id;
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function logIn(width: number, username: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'id-ID', acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(url);
    await page.getByLabel(/Nama pengguna/).fill(username);
    await page.getByLabel(/Kata sandi/).fill(PASSWORD);
    await page.getByRole('button', { name: /Masuk/ }).click();
    await page.getByTestId('current-user').waitFor();
    return page;
  }
  async function openKinerja(width: number): Promise<Page> {
    const page = await logIn(width, 'kepala.serang');
    await page.goto(`${url}/kinerja?process=${SAMSAT_02}`);
    return page;
  }
  const holderOf = async (taskId: string) =>
    (await t.database.db.selectFrom('runtime_tasks as t').leftJoin('users as u', 'u.id', 't.claimed_by').select('u.username').where('t.id', '=', taskId).executeTakeFirstOrThrow()).username;

  it('shows the late step coloured on the published diagram, its slowest open case, and exports CSV', async () => {
    const page = await openKinerja(1280);
    const problems = watchPage(page);
    await expect.poll(() => page.locator(`.djs-element.kinerja-bad[data-element-id="${lateStep}"]`).count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.locator(`.kinerja-badge[data-element="${lateStep}"]`).textContent()).toContain('100%');
    await expect.poll(() => page.getByText('Permohonan masuk').count()).toBeGreaterThan(0);
    await page.screenshot({ path: '/tmp/cockpit-kinerja-1280.png', fullPage: true });

    await page.locator(`.djs-element[data-element-id="${lateStep}"]`).click();
    const detail = page.getByTestId('kinerja-step');
    await detail.waitFor();
    await expect.poll(() => detail.textContent()).toContain('A 1234 BC');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Ekspor CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toMatch(/^kinerja-peta-panas-samsat-02-pengesahan-tahunan-.*\.csv$/);
    expect(csv).toContain(`offices,${OFFICE}`);
    expect(csv).toMatch(/^from,\d{4}-\d{2}-\d{2}/m);
    expect(csv).toContain(`,${lateStep},0,1,1,1,`);
    expect(problems.problems).toEqual([]);
  });

  it('the overdue task is escalated once to the supervisor, who hands it to another officer of the post, then takes it over', async () => {
    // The cockpit's job, as every server runs it: the late task is escalated once, however often it runs.
    expect(await escalateOverdue(t.database.db)).toBe(1);
    expect(await escalateOverdue(t.database.db)).toBe(0);
    const page = await openKinerja(1280);
    const problems = watchPage(page);
    const notices = page.getByTestId('escalations');
    await expect.poll(() => notices.textContent()).toContain('Tugas terlambat: Menerima formulir SPPKB');
    expect(await notices.locator('li').count()).toBe(1);
    await notices.getByRole('button', { name: 'Tandai dibaca' }).click();
    await expect.poll(() => notices.count()).toBe(0);
    await expect.poll(() => page.locator(`.djs-element.kinerja-bad[data-element-id="${lateStep}"]`).count(), { timeout: 30_000 }).toBe(1);
    await page.locator(`.djs-element[data-element-id="${lateStep}"]`).click();
    const row = page.getByTestId('kinerja-step').locator(`tr[data-task="${lateTask}"]`);
    await expect.poll(() => row.textContent()).toContain('Belum diambil');

    await row.getByRole('button', { name: 'Alihkan…' }).click();
    const dialog = page.getByRole('dialog');
    // The picker offers the officers of the post (the supervisor's own name is not among them).
    await dialog.getByLabel('Petugas (nama pengguna)').fill('pendaftaran');
    await page.getByRole('option', { name: 'pendaftaran2.serang' }).click();
    expect(await page.getByRole('option').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Alihkan', exact: true }).click();
    await expect.poll(() => page.getByText('Tugas A 1234 BC dialihkan ke pendaftaran2.serang').count()).toBe(1);
    await expect.poll(() => row.textContent()).toContain('pendaftaran2.serang');
    expect(await holderOf(lateTask)).toBe('pendaftaran2.serang');

    // Someone outside the post is refused, and the dialog says why; nothing changes.
    await row.getByRole('button', { name: 'Alihkan…' }).click();
    await dialog.getByLabel('Petugas (nama pengguna)').fill('kepala.serang');
    await dialog.getByRole('button', { name: 'Alihkan', exact: true }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('bukan petugas petugas-pendaftaran');
    await dialog.getByRole('button', { name: 'Batal' }).click();
    expect(await holderOf(lateTask)).toBe('pendaftaran2.serang');

    await row.getByRole('button', { name: 'Ambil alih' }).click();
    await expect.poll(() => row.textContent()).toContain('kepala.serang');
    expect(await holderOf(lateTask)).toBe('kepala.serang');
    const history = await t.database.db.selectFrom('runtime_history').select(['event', 'details']).where('task_id', '=', lateTask).where('event', 'in', ['reassigned', 'taken']).orderBy('id').execute();
    expect(history.map((h) => h.event)).toEqual(['reassigned', 'taken']);
    await page.screenshot({ path: '/tmp/cockpit-supervise-1280.png', fullPage: true });
    expect(problems.problems).toEqual([]);
  });

  it('an officer going on leave delegates their post: the task they hold is in the colleague’s inbox until they end it', async () => {
    const officer = bearer(await loginAs(t.app, 'pendaftaran.serang', PASSWORD));
    const colleague = bearer(await loginAs(t.app, 'pendaftaran2.serang', PASSWORD));
    const started = await t.app.inject({ method: 'POST', url: `/api/processes/${SAMSAT_02}/instances`, headers: officer, payload: { office: OFFICE, variables: {}, businessKey: 'A 5678 CD' } });
    await handIn(officer, started.json().id);
    const held = (await t.database.db.selectFrom('runtime_tasks').select('id').where('instance_id', '=', started.json().id).where('status', '=', 'open').executeTakeFirstOrThrow()).id;
    expect((await t.app.inject({ method: 'POST', url: `/api/tasks/${held}/claim`, headers: officer })).statusCode).toBe(200);
    const colleagueHolds = async () => ((await t.app.inject({ method: 'GET', url: '/api/inbox?tab=mine', headers: colleague })).json() as { tasks: Array<{ id: string }> }).tasks.some((x) => x.id === held);
    expect(await colleagueHolds()).toBe(false);

    const page = await logIn(1280, 'pendaftaran.serang');
    const problems = watchPage(page);
    await page.getByRole('link', { name: 'Delegasi' }).click();
    await page.getByRole('heading', { name: 'Delegasi jabatan' }).waitFor();
    await expect.poll(() => page.getByLabel('Jabatan').textContent()).toContain(`petugas-pendaftaran · ${OFFICE}`);
    await page.getByLabel('Kepada (nama pengguna rekan)').fill('pendaftaran2.serang');
    await page.getByLabel('Alasan').fill('cuti tahunan');
    await page.getByRole('button', { name: 'Delegasikan' }).click();
    const row = page.locator('tr[data-delegation]').filter({ hasText: 'pendaftaran2.serang' });
    await expect.poll(() => row.textContent()).toContain('Berjalan');
    await expect.poll(colleagueHolds).toBe(true);
    expect(await t.database.db.selectFrom('audit_log').select('actor').where('action', '=', 'delegation.create').execute()).toEqual([{ actor: 'pendaftaran.serang' }]);
    await page.screenshot({ path: '/tmp/cockpit-delegasi-1280.png', fullPage: true });

    // The leave is over: its last day is behind us (moved into the past, as the calendar would move
    // past it); the task is back with the officer alone, and the screen says the delegation ended.
    const [first] = await t.database.db.selectFrom('delegations').select('id').execute();
    const day = (offset: number) => new Date(Date.now() + 7 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
    await t.database.db.updateTable('delegations').set({ starts_on: day(-5), ends_on: day(-1) }).where('id', '=', first!.id).execute();
    await expect.poll(colleagueHolds).toBe(false);
    const officerHolds = ((await t.app.inject({ method: 'GET', url: '/api/inbox?tab=mine', headers: officer })).json() as { tasks: Array<{ id: string }> }).tasks.some((x) => x.id === held);
    expect(officerHolds).toBe(true);
    await page.reload();
    await expect.poll(() => row.textContent()).toContain('Selesai');
    expect(await row.getByRole('button', { name: 'Akhiri' }).count()).toBe(0);

    // A new leave, ended early with "Akhiri": the task goes back at once.
    await page.getByLabel('Kepada (nama pengguna rekan)').fill('pendaftaran2.serang');
    await page.getByLabel('Alasan').fill('dinas luar');
    await page.getByRole('button', { name: 'Delegasikan' }).click();
    const second = page.locator('tr[data-delegation]').filter({ hasText: 'dinas luar' });
    await expect.poll(() => second.textContent()).toContain('Berjalan');
    await expect.poll(colleagueHolds).toBe(true);
    await second.getByRole('button', { name: 'Akhiri' }).click();
    await expect.poll(() => page.getByText('Delegasi ke pendaftaran2.serang diakhiri').count()).toBe(1);
    await expect.poll(colleagueHolds).toBe(false);
    expect(problems.problems).toEqual([]);
  });

  it('fits a phone (390 px)', async () => {
    const page = await openKinerja(390);
    await expect.poll(() => page.locator(`.djs-element.kinerja-bad[data-element-id="${lateStep}"]`).count(), { timeout: 30_000 }).toBe(1);
    await page.screenshot({ path: '/tmp/cockpit-kinerja-390.png', fullPage: true });
    // The screen's own content fits (the app bar's nav, shared by every screen, is not this screen's).
    const overflow = await page.evaluate(() => {
      const box = document.querySelector('h1')!.parentElement!;
      return box.scrollWidth - box.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(1);
  });
});
