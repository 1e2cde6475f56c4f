/**
 * The SOP document (issue 20) through the real routes: for every library SOP the exported PDF is
 * rendered (pdftoppm, 72 DPI, the first flowchart page) and its table lines counted (pngjs), and
 * its row numbers read back (pdftotext -bbox): one row per task, one column per lane. The HTML
 * table, copied as text, is read back by "Baru dari tabel SOP". The identity block comes from
 * `sop:identity` of the publication.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { readSopGraph } from '../../server/documents/sop-graph.js';
import { flattenSop } from '../../server/documents/sop-rows.js';
import { sopDocumentPdf } from '../../server/documents/sop-document.js';
import { todayInJakarta } from '../../server/services/offices/dates.js';
import { parseSopTable } from '../../studio/features/import/sop-table.js';
import { parseSopTime } from '../../studio/modeler/iso-duration.js';

const PROCESSES = path.resolve(import.meta.dirname, '../../processes');
const run = promisify(execFile);
const work = mkdtempSync(path.join(tmpdir(), 'sop-doc-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Row numbers in the No column of the flowchart pages (every page after the identity page). */
async function rowNumbers(pdf: Uint8Array): Promise<number[]> {
  const file = path.join(work, `rows-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const xml = (await run('pdftotext', ['-bbox', file, '-'])).stdout;
  const pages = xml.split('<page ').slice(2); // page 1 is the identity block
  const out: number[] = [];
  for (const p of pages) {
    const words = [...p.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(\d+)<\/word>/g)].filter((m) => Number(m[1]) < 46);
    out.push(...words.sort((a, b) => Number(a[2]) - Number(b[2])).map((m) => Number(m[3])));
  }
  return out;
}

/** Vertical table lines on the first flowchart page: x positions whose dark run spans most of the table. */
async function verticalLines(pdf: Uint8Array): Promise<number> {
  const file = path.join(work, `cols-${Math.random().toString(36).slice(2)}`);
  writeFileSync(`${file}.pdf`, pdf);
  await run('pdftoppm', ['-r', '72', '-f', '2', '-l', '2', '-png', '-singlefile', `${file}.pdf`, file]);
  const png = PNG.sync.read(readFileSync(`${file}.png`));
  const dark = (x: number, y: number) => png.data[(y * png.width + x) * 4]! < 200;
  const runs: number[] = [];
  for (let x = 0; x < png.width; x++) {
    let best = 0;
    let cur = 0;
    for (let y = 0; y < png.height; y++) {
      cur = dark(x, y) ? cur + 1 : 0;
      best = Math.max(best, cur);
    }
    runs.push(best);
  }
  const height = Math.max(...runs);
  let lines = 0;
  for (let x = 0; x < runs.length; x++) if (runs[x]! >= height * 0.8 && !(x > 0 && runs[x - 1]! >= height * 0.8)) lines++;
  return lines;
}

/** The HTML table as a browser copies it: cells joined by tabs, rows by new lines. */
function tableAsText(html: string): string {
  const table = /<table class="flow"[\s\S]*?<\/table>/.exec(html)![0];
  const cell = (s: string) => s.replace(/<svg[\s\S]*?<\/svg>/g, '').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/\s+/g, ' ').trim();
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => cell(c[1]!)).join('\t')).join('\n');
}

describe.each(databaseKinds)('SOP document (%s)', (kind) => {
  let t: TestApp;
  let manager: Record<string, string>;
  const published: string[] = [];
  beforeAll(async () => {
    t = await createTestApp({ kind, library: true });
    manager = bearer(await loginAs(t.app, 'manager'));
    const list = await t.app.inject({ method: 'GET', url: '/api/processes', headers: manager });
    for (const p of list.json() as Array<{ key: string; latestVersion: number | null }>) if (p.latestVersion) published.push(p.key);
  }, 120_000);
  afterAll(async () => t?.close());

  it('needs a log-in, and a published process', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/processes/kaloran-reklame/sop-document.pdf' })).statusCode).toBe(401);
    const none = await t.app.inject({ method: 'GET', url: '/api/processes/tidak-ada/sop-document', headers: manager });
    expect(none.statusCode).toBe(404);
    expect(none.json().code).toBe('VERSION_NOT_FOUND');
  });

  // every SOP once (on the first database); on the other, the three the issue names
  it('library SOPs: the PDF has one row per task and one column per lane (rendered and counted)', async () => {
    const every = readdirSync(PROCESSES).filter((f) => f.endsWith('.bpmn'));
    const files = kind === databaseKinds[0] ? every : ['samsat-02-pengesahan-tahunan.bpmn', 'bphtb-b1-validasi-sspd.bpmn', 'sipeka-perizinan.bpmn'];
    expect(published.length).toBeGreaterThanOrEqual(24);
    const checks: Array<Promise<void>> = [];
    for (const file of files) {
      const key = file.replace(/\.bpmn$/, '');
      const xml = readFileSync(path.join(PROCESSES, file), 'utf8');
      const graph = await readSopGraph(xml);
      const tasks = [...xml.matchAll(/<bpmn:(userTask|businessRuleTask|serviceTask|callActivity)\b/g)].length;
      let pdf: Uint8Array;
      if (published.includes(key)) {
        const res = await t.app.inject({ method: 'GET', url: `/api/processes/${key}/sop-document.pdf`, headers: manager });
        expect(res.statusCode, key).toBe(200);
        expect(res.headers['content-type']).toBe('application/pdf');
        pdf = res.rawPayload;
      } else {
        // a model still "perlu verifikasi" is never published: the same layout, from the file
        pdf = await sopDocumentPdf({ key, title: graph.name, publication: { n: 0, effectiveFrom: '2026-01-01', publishedAt: new Date('2026-01-01T00:00:00Z') }, office: { name: 'Uji', address: '' }, identity: {}, related: [], table: flattenSop(graph) });
      }
      // poppler reads each PDF in its own processes while the next one is generated here
      checks.push(
        Promise.all([rowNumbers(pdf), verticalLines(pdf)]).then(([rows, columns]) => {
          expect(rows, `${key}: rows`).toEqual(Array.from({ length: tasks }, (_, i) => i + 1));
          expect(columns, `${key}: columns`).toBe(graph.lanes.length + 7);
        }),
      );
    }
    await Promise.all(checks);
  }, 300_000);

  it("the office's logo and name head the document", async () => {
    const admin = bearer(await loginAs(t.app, 'admin'));
    const office = (await t.app.inject({ method: 'GET', url: '/api/admin/offices/kecamatan-kaloran', headers: admin })).json();
    const png = new PNG({ width: 8, height: 8 });
    png.data.fill(0x80);
    const logo = { contentType: 'image/png', base64: PNG.sync.write(png).toString('base64') };
    const put = await t.app.inject({ method: 'PUT', url: '/api/admin/offices/kecamatan-kaloran', headers: admin, payload: { name: office.name, agency: office.agency, address: office.address, contacts: office.contacts, numbering: office.numbering, processes: office.processes, logo } });
    expect(put.statusCode, put.body).toBe(200);
    const res = await t.app.inject({ method: 'GET', url: '/api/processes/kaloran-imb/sop-document.pdf?office=kecamatan-kaloran', headers: manager });
    const file = path.join(work, `${kind}-logo.pdf`);
    writeFileSync(file, res.rawPayload);
    // the logo (its transparency, if any, is a mask beside it)
    const images = execFileSync('pdfimages', ['-list', '-f', '1', '-l', '1', file], { encoding: 'utf8' }).trim().split('\n').slice(2).filter((l) => /^\s*\d+\s+\d+\s+image\s/.test(l));
    expect(images, images.join('\n')).toHaveLength(1);
    expect(images[0]).toMatch(/^\s*1\s+\d+\s+image\s+8\s+8\s/);
    expect(execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' })).toContain('KECAMATAN KALORAN');
    const html = (await t.app.inject({ method: 'GET', url: '/api/processes/kaloran-imb/sop-document?office=kecamatan-kaloran', headers: manager })).body;
    expect(html).toContain('<img class="logo" src="data:image/png;base64,');
  });

  it('the same publication gives the same bytes', async () => {
    const a = await t.app.inject({ method: 'GET', url: '/api/processes/samsat-02-pengesahan-tahunan/sop-document.pdf', headers: manager });
    const b = await t.app.inject({ method: 'GET', url: '/api/processes/samsat-02-pengesahan-tahunan/sop-document.pdf', headers: manager });
    expect(Buffer.compare(a.rawPayload, b.rawPayload)).toBe(0);
  });

  it('the HTML table in the Permenpan layout is read back by "Baru dari tabel SOP"', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/processes/samsat-02-pengesahan-tahunan/sop-document?office=samsat-serang', headers: manager });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('SAMSAT SERANG');
    const xml = (await t.app.inject({ method: 'GET', url: '/api/processes/samsat-02-pengesahan-tahunan/versions/1', headers: manager })).json().content as string;
    const model = flattenSop(await readSopGraph(xml));
    const back = parseSopTable(tableAsText(res.body));
    expect(back.warnings).toEqual([]);
    expect(back.performers).toEqual(model.lanes.map((l) => l.name));
    expect(back.rows.map((r) => r.activity)).toEqual(model.rows.map((r) => r.activity));
    expect(back.rows.map((r) => r.performer)).toEqual(model.rows.map((r) => model.lanes[r.lane]!.name));
    expect(back.rows.map((r) => parseSopTime(r.time) ?? null)).toEqual(model.rows.map((r) => r.waktuIso ?? null));
    expect(back.rows.map((r) => r.output)).toEqual(model.rows.map((r) => r.output));
  });

  it('the identity block comes from sop:identity of the publication, dated by it', async () => {
    const key = 'kaloran-reklame';
    const current = (await t.app.inject({ method: 'GET', url: `/api/processes/${key}/versions/1`, headers: manager })).json().content as string;
    const identity = `<bpmn:extensionElements><sop:identity number="503/08/SOP-KLR/2026" drafted="2026-01-02" revised="2026-02-03" approverName="Drs. Budi Santoso" approverPosition="Camat Kaloran" approverNip="197001012000031001"><sop:identityField name="dasarHukum">Perda Kabupaten Temanggung tentang Reklame
Peraturan Bupati tentang Pelayanan Satu Pintu</sop:identityField><sop:identityField name="peringatan">Izin tidak terbit bila retribusi belum dibayar</sop:identityField></sop:identity></bpmn:extensionElements>`;
    const xml = current.replace(/(<bpmn:process id="kaloran-reklame"[^>]*>)/, `$1${identity}`);
    const draft = await t.app.inject({ method: 'GET', url: `/api/processes/${key}/draft`, headers: manager });
    const etag = draft.statusCode === 200 ? { 'if-match': draft.headers.etag as string } : {};
    const put = await t.app.inject({ method: 'PUT', url: `/api/processes/${key}/draft`, payload: xml, headers: { ...manager, ...etag, 'content-type': 'application/xml' } });
    expect(put.statusCode, put.body).toBeLessThan(300);
    const pub = await t.app.inject({ method: 'POST', url: `/api/processes/${key}/publish`, headers: manager, payload: { effectiveFrom: todayInJakarta(), note: 'identitas SOP' } });
    expect(pub.statusCode, pub.body).toBe(201);
    const html = (await t.app.inject({ method: 'GET', url: `/api/processes/${key}/sop-document`, headers: manager })).body;
    for (const s of ['503/08/SOP-KLR/2026', '2 Januari 2026', '3 Februari 2026', 'Camat Kaloran', 'Drs. Budi Santoso', 'NIP 197001012000031001', 'Peraturan Bupati tentang Pelayanan Satu Pintu', 'Izin tidak terbit bila retribusi belum dibayar']) expect(html).toContain(s);
    const pdf = (await t.app.inject({ method: 'GET', url: `/api/processes/${key}/sop-document.pdf`, headers: manager })).rawPayload;
    const file = path.join(work, `${kind}-identity.pdf`);
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
    for (const s of ['503/08/SOP-KLR/2026', 'Drs. Budi Santoso', 'Tanggal Efektif', 'KECAMATAN KALORAN']) expect(text).toContain(s);
    // the earlier publication keeps its own (empty) identity
    const v1 = (await t.app.inject({ method: 'GET', url: `/api/processes/${key}/sop-document?version=1`, headers: manager })).body;
    expect(v1).not.toContain('503/08/SOP-KLR/2026');
  });
});
