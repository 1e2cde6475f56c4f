/**
 * Component tests of the studio's modeler extensions in real Chromium, on the real server:
 * the SOP properties panel (pickers, SLA and timer helpers, form designer), the condition
 * builder, and the editor's safety nets (concurrent saves, local draft across a reload).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { withDecision } from '../studio/fixtures.js';
import { modelerTranslator } from '../../studio/modeler/i18n/translate.js';
import { launchBrowser, login, screenshot, startStudioServer, watchPage, type StudioServer } from './studio-helpers.js';

const KEY = 'uji-komponen';
let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let watch: { problems: string[] };

/** Registration → rule task (fees) → gateway → call activity → timer wait → end. */
function componentModel(): string {
  // four tasks in a chain (Petugas Pendaftaran, Petugas Penetapan, Kasir, Kasir), kept as a file: the edits below work on its text
  let xml = readFileSync(new URL('../fixtures/component-chain.bpmn', import.meta.url), 'utf8');
  xml = withDecision(xml, {});
  xml = xml.replace(/<bpmn:userTask id="Task_2"([^>]*)>([\s\S]*?)<\/bpmn:userTask>/, '<bpmn:businessRuleTask id="Task_2"$1>$2</bpmn:businessRuleTask>');
  xml = xml.replace(/<bpmn:userTask id="Task_3"([^>]*)>([\s\S]*?)<\/bpmn:userTask>/, '<bpmn:callActivity id="Task_3"$1>$2</bpmn:callActivity>');
  xml = xml.replace(/<bpmn:userTask id="Task_4" name="Tunggu"[^>]*>([\s\S]*?)<\/bpmn:userTask>/, '<bpmn:intermediateCatchEvent id="Task_4" name="Tunggu">$1<bpmn:timerEventDefinition id="Timer_1"><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>');
  return xml;
}

async function token(username: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: server.password }) });
  return ((await res.json()) as { token: string }).token;
}

async function draftXml(): Promise<{ xml: string; etag: string }> {
  const res = await fetch(`${server.url}/api/processes/${KEY}/draft`, { headers: { authorization: `Bearer ${await token('admin')}` } });
  return { xml: await res.text(), etag: res.headers.get('etag')! };
}

async function select(id: string): Promise<void> {
  const hit = page.locator(`.djs-element[data-element-id="${id}"] .djs-hit`).first();
  // a lane is hit on its border, away from the shapes inside it
  const box = id.startsWith('Lane_') ? await hit.boundingBox() : null;
  const position = box ? { x: box.width - 15, y: box.height / 2 } : undefined;
  // two clicks in quick succession would be a double click (label editing): space them out
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.waitForTimeout(600);
    await hit.click({ force: true, position });
    const selected = await page.locator(`.djs-element.selected[data-element-id="${id}"]`).count();
    if (selected) return;
  }
  throw new Error(`could not select ${id}`);
}

async function lintRules(): Promise<string[]> {
  return page.locator('[data-testid=lint-list] [data-rule]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-rule')}@${e.getAttribute('data-element')}`));
}

async function saveDraft(): Promise<void> {
  await page.getByTestId('save-draft').click();
  await page.getByText(/Draf tersimpan/).waitFor();
  await page.getByText(/Draf tersimpan/).waitFor({ state: 'hidden', timeout: 10_000 });
}

beforeAll(async () => {
  server = await startStudioServer();
  const put = await fetch(`${server.url}/api/processes/${KEY}/draft`, { method: 'PUT', body: componentModel(), headers: { 'content-type': 'application/xml', authorization: `Bearer ${await token('admin')}` } });
  if (put.status >= 300) throw new Error(`seed draft: ${put.status} ${await put.text()}`);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  watch = watchPage(page);
  await login(page, server, 'manager');
  await page.goto(`${server.url}/processes/${KEY}`);
  await page.locator('.djs-element[data-element-id="Task_2"]').waitFor();
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await screenshot(page, `failed-components-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('SOP properties panel', { timeout: 60_000 }, () => {
  it('the lane role picker offers the server roles and writes sop:role through undoable commands', async () => {
    await select('Lane_2');
    const role = page.locator('[data-entry-id="sop-role"] select');
    await expect.poll(() => role.inputValue()).toBe('petugas-penetapan');
    const options = await role.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toEqual(expect.arrayContaining(['korektor', 'kasir', 'petugas-fiskal', 'kepala-upt', 'pemohon']));
    await role.selectOption('korektor');
    await page.getByRole('button', { name: 'Urungkan' }).click();
    await expect.poll(() => role.inputValue()).toBe('petugas-penetapan');
    // without a role, the lane's user task has nobody to go to: a lint error on the task
    await select('Lane_1');
    await expect.poll(() => role.inputValue()).toBe('petugas-pendaftaran');
    await role.selectOption('');
    await expect.poll(lintRules).toContain('sop/user-task-role@Task_1');
    await page.getByRole('button', { name: 'Urungkan' }).click();
    await expect.poll(lintRules).not.toContain('sop/user-task-role@Task_1');
  });

  it('a business rule task picks an existing rule set and names its result variable; lint follows', async () => {
    await expect.poll(lintRules).toEqual(expect.arrayContaining(['sop/rule-set-exists@Task_2']));
    await select('Task_2');
    const ruleSet = page.locator('[data-entry-id="sop-ruleSet"] select');
    await ruleSet.waitFor();
    expect(await ruleSet.locator('option[value="samsat-fees"]').count()).toBe(1);
    await ruleSet.selectOption('samsat-fees');
    await page.locator('[data-entry-id="sop-resultVariable"] input').fill('biaya');
    await expect.poll(lintRules).not.toContain('sop/rule-set-exists@Task_2');
  });

  it('the SLA field takes minutes, hours or working days in words and refuses what it cannot read', async () => {
    await select('Task_1');
    const sla = page.locator('[data-entry-id="sop-duration"] input');
    await expect.poll(() => sla.inputValue()).toBe('5 menit');
    const invalid = 'Tulis angka dengan satuan: menit, jam atau hari kerja';
    await sla.fill('lima menit');
    await page.locator('[data-entry-id="sop-duration"]').getByText(invalid).waitFor();
    // kept as typed, so lint flags the step until it is a duration
    await expect.poll(lintRules).toContain('sop/user-task-sla@Task_1');
    await sla.fill('1 hari kerja 4 jam');
    await expect.poll(() => page.locator('[data-entry-id="sop-duration"]').getByText(invalid).count()).toBe(0);
    await expect.poll(lintRules).not.toContain('sop/user-task-sla@Task_1');
    // the model keeps ISO 8601 (lint reads it); the field shows it in words again after another selection
    await select('Task_2');
    await select('Task_1');
    await expect.poll(() => sla.inputValue()).toBe('1 hari kerja 4 jam');
  });

  it('a call activity picks the called process from the library', async () => {
    await select('Task_3');
    const called = page.locator('[data-entry-id="sop-calledElement"] select');
    await called.waitFor();
    await called.selectOption('samsat-pembayaran');
    await page.locator('[data-entry-id="sop-inputs"] input').fill('nopol, total=biaya.total');
  });

  it('a timer event gets its type and an ISO value with validation', async () => {
    await select('Task_4');
    const value = page.locator('[data-entry-id="sop-timer-value"] input');
    await expect.poll(() => value.inputValue()).toBe('PT1H');
    await value.fill('besok pagi');
    await page.locator('[data-entry-id="sop-timer-value"]').getByText('Bukan nilai ISO 8601').waitFor();
    await value.fill('P1D');
    await page.locator('[data-entry-id="sop-timer-type"] select').selectOption('timeDate');
    await page.locator('[data-entry-id="sop-timer-value"] input').fill('2027-01-05T08:00:00+07:00');
  });

  it('the form designer builds a JSON Schema form with a live preview and stores it on the task', async () => {
    await select('Task_1');
    await page.locator('.sop-form-edit').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Tambah isian' }).click();
    await dialog.getByTestId('form-field-0').getByLabel('Nama variabel').fill('njkb');
    await dialog.getByTestId('form-field-0').getByLabel('Label').fill('NJKB kendaraan');
    await dialog.getByTestId('form-field-0').getByLabel('Jenis').click();
    await page.getByRole('option', { name: 'Uang (Rp)' }).click();
    await dialog.getByRole('button', { name: 'Tambah isian' }).click();
    await dialog.getByTestId('form-field-1').getByLabel('Nama variabel').fill('berkasLengkap');
    await dialog.getByTestId('form-field-1').getByLabel('Label').fill('Berkas lengkap');
    await dialog.getByTestId('form-field-1').getByLabel('Jenis').click();
    await page.getByRole('option', { name: 'Ya/tidak' }).click();
    await dialog.getByTestId('form-preview').getByText('NJKB kendaraan').first().waitFor();
    await dialog.getByTestId('form-preview').getByText('Berkas lengkap').first().waitFor();
    await screenshot(page, '14-form-designer');
    await dialog.getByRole('button', { name: 'Terapkan ke tugas' }).click();
    await expect.poll(() => page.locator('[data-entry-id="sop-form"] textarea').inputValue()).toMatch(/"njkb":\{"type":"integer","title":"NJKB kendaraan"/);
  });
});

describe('condition builder', { timeout: 60_000 }, () => {
  it('writes a json-rules-engine condition from dropdown rows, reopens it as rows, and keeps raw JSON valid', async () => {
    await expect.poll(lintRules).toEqual(expect.arrayContaining(['sop/gateway-conditions@Flow_yes', 'sop/gateway-conditions@Flow_no']));
    await select('Flow_yes');
    await page.locator('.sop-condition-edit').click();
    const dialog = page.getByRole('dialog');
    const row = dialog.getByTestId('cond-row-0');
    await row.getByLabel('Variabel').fill('berkasLengkap');
    await dialog.getByRole('button', { name: 'Tambah syarat' }).click();
    const row2 = dialog.getByTestId('cond-row-1');
    await row2.getByLabel('Variabel').fill('njkb');
    await row2.getByLabel('Operator').click();
    await page.getByRole('option', { name: 'lebih dari', exact: true }).click();
    await row2.getByLabel('Jenis nilai').click();
    await page.getByRole('option', { name: 'angka' }).click();
    await row2.getByLabel('Nilai', { exact: true }).fill('seratus');
    await row2.getByText('Nilai harus angka').waitFor();
    expect(await dialog.getByRole('button', { name: 'Simpan' }).isDisabled()).toBe(true);
    await row2.getByLabel('Nilai', { exact: true }).fill('100000000');
    expect(await dialog.getByTestId('cond-json').innerText()).toBe('{"all":[{"fact":"berkasLengkap","operator":"equal","value":true},{"fact":"njkb","operator":"greaterThan","value":100000000}]}');
    await screenshot(page, '15-condition-builder');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await expect.poll(() => page.locator('.sop-condition-summary').innerText()).toMatch(/"njkb","operator":"greaterThan"/);
    await expect.poll(lintRules).not.toContain('sop/gateway-conditions@Flow_yes');

    // reopen: the rows come back; the raw tab refuses broken JSON
    await page.locator('.sop-condition-edit').click();
    await expect.poll(() => dialog.getByTestId('cond-row-1').getByLabel('Variabel').inputValue()).toBe('njkb');
    await dialog.getByRole('tab', { name: 'JSON mentah' }).click();
    const raw = dialog.getByLabel('JSON mentah');
    await raw.fill('{"all": [');
    await dialog.getByText(/JSON tidak sah/).waitFor();
    expect(await dialog.getByRole('button', { name: 'Simpan' }).isDisabled()).toBe(true);
    await raw.fill('{"any":[{"fact":"berkasLengkap","operator":"equal","value":false}]}');
    await dialog.getByRole('tab', { name: 'Pembuat' }).click();
    await expect.poll(() => dialog.getByTestId('cond-json').innerText()).toBe('{"any":[{"fact":"berkasLengkap","operator":"equal","value":false}]}');
    await dialog.getByRole('button', { name: 'Batal' }).click();

    // the other way out becomes the default-less second condition through the builder
    await select('Flow_no');
    await page.locator('.sop-condition-edit').click();
    // the variables the model defines are suggested: the other flow's decision, the rule task's result
    const variable = dialog.getByTestId('cond-row-0').getByLabel('Variabel');
    await dialog.getByText(/variabel dari model/).waitFor();
    await variable.click();
    expect(await page.getByRole('option').allInnerTexts()).toEqual(expect.arrayContaining(['berkasLengkap', 'njkb', 'biaya']));
    await variable.fill('berk');
    await page.getByRole('option', { name: 'berkasLengkap' }).click();
    expect(await variable.inputValue()).toBe('berkasLengkap');
    await dialog.getByTestId('cond-row-0').getByLabel('Nilai', { exact: true }).click();
    await page.getByRole('option', { name: 'Tidak' }).click();
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await expect.poll(lintRules).not.toContain('sop/gateway-conditions@Flow_no');
  });

  it('everything the panel wrote is in the saved BPMN with the sop extension', async () => {
    await saveDraft();
    const { xml } = await draftXml();
    expect(xml).toMatch(/<bpmn:businessRuleTask id="Task_2"[^>]*sop:ruleSet="samsat-fees"/);
    expect(xml).toMatch(/<bpmn:businessRuleTask id="Task_2"[^>]*sop:resultVariable="biaya"/);
    expect(xml).toMatch(/<bpmn:callActivity id="Task_3"[^>]*calledElement="samsat-pembayaran"/);
    expect(xml).toMatch(/sop:inputs="nopol, total=biaya.total"/);
    expect(xml).toMatch(/<bpmn:userTask id="Task_1"[^>]*sop:duration="P1DT4H"/);
    expect(xml).toMatch(/<bpmn:timeDate xsi:type="bpmn:tFormalExpression">2027-01-05T08:00:00\+07:00<\/bpmn:timeDate>/);
    expect(xml).toMatch(/<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="json-rules-engine">\{"all":\[\{"fact":"berkasLengkap","operator":"equal","value":true\},\{"fact":"njkb","operator":"greaterThan","value":100000000\}\]\}<\/bpmn:conditionExpression>/);
    expect(xml).toMatch(/sop:form="\{&#34;schema&#34;|sop:form="\{&quot;schema&quot;/);
    expect(xml).toMatch(/<bpmn:lane id="Lane_2"[^>]*sop:role="petugas-penetapan"/);
  });
});

describe('editor safety nets', { timeout: 60_000 }, () => {
  it('the token simulation walks the draft', async () => {
    await page.getByTestId('simulate').click();
    try {
      await page.locator('[data-testid=canvas] .simulation').waitFor();
      // start a token at the start event: it travels and waits at the first user task
      // (the simulation's own toggle overlay sits over the start event at this zoom)
      await page.locator('.djs-overlays[data-container-id="StartEvent_1"] .bts-context-pad:not(.hidden)').first().dispatchEvent('click');
      await page.locator('.bts-token, .bts-token-count').first().waitFor();
      await screenshot(page, '16-simulation');
    } finally {
      await page.getByTestId('simulate').click();
      await page.locator('[data-testid=canvas] .simulation').waitFor({ state: 'detached' });
    }
  });

  it('saving over a newer draft shows who changed it and when, and never loses either version', async () => {
    // someone else saves the draft in between
    const { xml, etag } = await draftXml();
    const theirs = xml.replace('name="Terima berkas"', 'name="Terima berkas (versi admin)"');
    const put = await fetch(`${server.url}/api/processes/${KEY}/draft`, { method: 'PUT', body: theirs, headers: { 'content-type': 'application/xml', 'if-match': etag, authorization: `Bearer ${await token('admin')}` } });
    expect(put.status).toBe(200);

    await select('Task_1');
    await page.locator('[data-entry-id="sop-output"] input').fill('Tanda terima (versi saya)');
    await page.getByTestId('dirty').waitFor();
    await page.getByTestId('save-draft').click();
    const text = page.getByTestId('conflict-text');
    await text.waitFor();
    expect(await text.innerText()).toMatch(/diubah oleh admin pada .+ \(revisi \d+\)/);
    await screenshot(page, '17-draft-conflict');
    await page.getByRole('button', { name: 'Bandingkan' }).click();
    await page.getByTestId('diff-properties').waitFor();
    expect(await page.getByTestId('diff-properties').innerText()).toMatch(/Terima berkas \(versi admin\)/);
    await page.getByRole('button', { name: 'Tutup' }).click();
    await page.getByRole('button', { name: 'Muat versi mereka' }).click();
    // theirs is on the canvas, mine is kept and offered back
    await page.getByTestId('local-found').waitFor();
    expect(await page.locator('.djs-element[data-element-id="Task_1"]').first().textContent()).toMatch(/versi admin/);
    await page.getByRole('button', { name: 'Pulihkan' }).click();
    await select('Task_1');
    await expect.poll(() => page.locator('[data-entry-id="sop-output"] input').inputValue()).toBe('Tanda terima (versi saya)');
    await saveDraft();
    expect((await draftXml()).xml).toMatch(/Tanda terima \(versi saya\)/);
  });

  it('unsaved changes survive a reload as a local draft', async () => {
    await select('Task_1');
    await page.locator('[data-entry-id="sop-output"] input').fill('Belum disimpan');
    await page.getByTestId('dirty').waitFor();
    await page.waitForTimeout(600); // the local copy is written 400 ms after the last command
    page.once('dialog', (d) => void d.accept()); // the beforeunload warning
    await page.reload();
    await page.getByTestId('local-found').waitFor();
    await page.getByRole('button', { name: 'Pulihkan' }).click();
    await select('Task_1');
    await expect.poll(() => page.locator('[data-entry-id="sop-output"] input').inputValue()).toBe('Belum disimpan');
    await page.getByTestId('dirty').waitFor();
  });

  it('the modeler speaks Indonesian (palette, context pad, replace menu, panel, lint, simulation toggle) and switches to English', async () => {
    const id = modelerTranslator('id');
    // every text and tooltip of the modeler's parts, one entry per line
    const modelerTexts = () => page.evaluate(() => {
      const out: string[] = [];
      for (const root of document.querySelectorAll('.djs-palette, .djs-context-pad, .djs-popup, [data-testid=properties-panel], [data-testid=lint-list], .bjsl-button, .bjsl-overlay, .bts-toggle-mode')) {
        out.push(...(root as HTMLElement).innerText.split('\n'));
        // hidden parts too: collapsed panel groups, lint overlays' dropdowns
        for (const leaf of root.querySelectorAll('*')) if (!leaf.children.length) out.push(leaf.textContent ?? '');
        for (const el of [root, ...root.querySelectorAll('[title], [aria-label], [placeholder]')]) {
          for (const a of ['title', 'aria-label', 'placeholder']) out.push(el.getAttribute(a) ?? '');
        }
      }
      return [...new Set(out.map((t) => t.trim()).filter(Boolean))];
    });
    // "English on screen": a text of the English catalogue whose Indonesian differs
    const english = (texts: string[]) => texts.filter((t) => { const hit = id.lookup(t); return hit !== undefined && hit !== t; });

    // the palette creates the SOP's step, a user task, in a lane
    const lane = (await page.locator('.djs-element[data-element-id="Lane_1"]').first().boundingBox())!;
    await page.locator('.djs-palette .entry[data-action="create.sop-step"]').click();
    await page.mouse.move(lane.x + lane.width - 120, lane.y + lane.height / 2, { steps: 5 });
    await page.mouse.click(lane.x + lane.width - 120, lane.y + lane.height / 2);
    const created = page.locator('.djs-shape.selected');
    await created.waitFor();
    const stepId = (await created.getAttribute('data-element-id'))!;
    await expect.poll(() => page.locator('.bio-properties-panel-header-type').textContent()).toBe('Tugas pengguna');
    // an unnamed, unconnected step without SOP time: bpmnlint's and our messages in the list
    await expect.poll(() => lintRules()).toContain(`sop/user-task-sla@${stepId}`);
    expect(await page.getByTestId('lint-list').innerText()).toMatch(/Elemen belum memiliki label\/nama[\s\S]*belum memiliki waktu SOP/);
    await page.locator('.djs-context-pad .entry[data-action="replace"]').click();
    await page.locator('.djs-popup').waitFor();
    const shown = await modelerTexts();
    expect(shown).toEqual(expect.arrayContaining(['Langkah SOP (tugas pengguna)', 'Buat peristiwa awal', 'Ubah jenis elemen', 'Tugas layanan', 'Umum', 'Simulasi token']));
    await screenshot(page, '18-modeler-indonesian');
    expect(english(shown)).toEqual([]);
    await page.keyboard.press('Escape');

    await page.getByRole('combobox', { name: 'Bahasa' }).click();
    await page.getByRole('option', { name: 'English' }).click();
    await expect.poll(() => page.locator('.bio-properties-panel-header-type').textContent()).toBe('User Task');
    await expect.poll(() => page.getByTestId('lint-list').innerText()).toMatch(/Element is missing label\/name[\s\S]*has no SOP time/);
    const inEnglish = await modelerTexts();
    expect(inEnglish).toEqual(expect.arrayContaining(['SOP step (user task)', 'Create start event', 'General', 'Token Simulation']));
    expect(english(inEnglish).length).toBeGreaterThan(10);

    await page.getByRole('combobox', { name: 'Language' }).click();
    await page.getByRole('option', { name: 'Bahasa Indonesia' }).click();
    await expect.poll(() => page.locator('.bio-properties-panel-header-type').textContent()).toBe('Tugas pengguna');
    await page.getByRole('button', { name: 'Urungkan' }).click();
    expect(await page.locator(`.djs-element[data-element-id="${stepId}"]`).count()).toBe(0);
  });

  it('had no CSP violation and no uncaught error', () => {
    expect(watch.problems).toEqual([]);
  });
});
