/**
 * The rule editor's safety nets in real Chromium, on the real server (the same draft handling as
 * the process editor's, studio/drafts/): a save over a newer draft names who changed it and
 * loses neither version; unsaved edits survive a reload as a local copy.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, login, screenshot, startStudioServer, watchPage, type StudioServer } from './studio-helpers.js';

const KEY = 'samsat-fees';

describe('rule editor: conflicts and the local copy', { timeout: 120_000 }, () => {
  let server: StudioServer;
  let browser: Browser;
  let page: Page;
  let watch: { problems: string[] };

  async function token(): Promise<string> {
    const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: server.password }) });
    return ((await res.json()) as { token: string }).token;
  }
  async function storedDraft(): Promise<{ doc: { title: string }; etag: string }> {
    const res = await fetch(`${server.url}/api/rulesets/${KEY}/draft`, { headers: { authorization: `Bearer ${await token()}` } });
    return { doc: (await res.json()) as { title: string }, etag: res.headers.get('etag')! };
  }
  const title = () => page.getByLabel('Judul', { exact: true });
  async function saveDraft(): Promise<void> {
    await page.getByTestId('save-draft').click();
    await page.getByText(/Draf tersimpan/).waitFor();
  }

  beforeAll(async () => {
    server = await startStudioServer();
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    watch = watchPage(page);
    await login(page, server, 'admin');
    await page.goto(`${server.url}/rulesets/${KEY}`);
    await page.getByTestId('schema-status').waitFor();
    await page.getByRole('tab', { name: 'Metadata' }).click();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('saving over a newer draft shows who changed it; theirs loads, mine is offered back and saved', async () => {
    const original = await title().inputValue();
    await title().fill(`${original} (draf)`);
    await saveDraft();
    // someone else saves the draft in between
    const { doc, etag } = await storedDraft();
    const put = await fetch(`${server.url}/api/rulesets/${KEY}/draft`, { method: 'PUT', body: JSON.stringify({ ...doc, title: `${original} (versi admin)` }), headers: { 'content-type': 'application/json', 'if-match': etag, authorization: `Bearer ${await token()}` } });
    expect(put.status).toBe(200);

    await title().fill(`${original} (versi saya)`);
    await page.getByTestId('save-draft').click();
    const text = page.getByTestId('conflict-text');
    await text.waitFor();
    expect(await text.innerText()).toMatch(/diubah oleh admin pada .+ \(revisi \d+\)/);
    await screenshot(page, 'rules-draft-conflict');
    await page.getByRole('button', { name: 'Muat versi mereka' }).click();
    await expect.poll(() => title().inputValue()).toBe(`${original} (versi admin)`);
    await page.getByTestId('local-found').waitFor();
    await page.getByRole('button', { name: 'Pulihkan' }).click();
    await expect.poll(() => title().inputValue()).toBe(`${original} (versi saya)`);
    await saveDraft();
    expect((await storedDraft()).doc.title).toBe(`${original} (versi saya)`);
  });

  it('unsaved changes survive a reload as a local copy', async () => {
    await title().fill('Belum disimpan');
    page.once('dialog', (d) => void d.accept()); // the beforeunload warning
    await page.reload();
    await page.getByTestId('local-found').waitFor();
    await page.getByRole('button', { name: 'Pulihkan' }).click();
    await page.getByRole('tab', { name: 'Metadata' }).click();
    await expect.poll(() => title().inputValue()).toBe('Belum disimpan');
    expect(watch.problems).toEqual([]);
  });
});
