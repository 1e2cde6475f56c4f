/**
 * `npm run bench:studio`: the studio's two budgets.
 *  1. initial JS (what index.html loads before any screen is opened), gzip — budget 1.5 MB;
 *  2. the largest model (SIPEKA, 13 OPD) opened in the process editor in headless Chromium:
 *     from navigation to a drawn, linted canvas that answers a click — budget 1.5 s.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser, login, startStudioServer } from '../e2e/studio-helpers.js';

const DIST = join(process.cwd(), 'studio', 'dist');
const MODEL = process.env.BENCH_MODEL ?? 'sipeka-perizinan';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

export function initialJsGzipBytes(): { bytes: number; files: string[] } {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(DIST, f)), { level: 9 }).length, 0);
  return { bytes, files };
}

const server = await startStudioServer();
const { bytes, files } = initialJsGzipBytes();
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await login(page, server, 'manager');
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto(`${server.url}/`);
    await page.getByTestId(`doc-${MODEL}`).waitFor();
    const started = Date.now();
    await page.goto(`${server.url}/processes/${MODEL}`);
    // interactive = drawn, lint done, and a click on a task selects it in the properties panel
    await page.locator('.djs-element.djs-shape[data-element-id]').first().waitFor();
    await page.getByTestId('lint-summary').locator('.MuiChip-root').first().waitFor();
    const task = page.locator('.djs-element.djs-shape[data-element-id]:has(.djs-visual rect)').nth(3);
    await task.locator('.djs-hit').first().click({ force: true });
    await page.locator('.bio-properties-panel-header-label').first().waitFor();
    times.push(Date.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const shapes = await page.locator('.djs-element[data-element-id]').count();
  console.log(`studio bench (${new Date().toISOString().slice(0, 10)}, ${process.arch}, node ${process.version})`);
  console.log(`initial JS gzip: ${(bytes / 1024).toFixed(1)} kB in ${files.length} file(s) (budget 1536 kB) ${bytes <= 1536 * 1024 ? 'OK' : 'OVER'}`);
  console.log(`open ${MODEL} (${shapes} diagram elements) to interactive: median ${median} ms, min ${times[0]} ms, max ${times.at(-1)} ms over ${RUNS} runs (budget 1500 ms) ${median <= 1500 ? 'OK' : 'OVER'}`);
} finally {
  await browser.close();
  await server.close();
}
