/**
 * What the studio's browser tests share: a real listening server (fresh PGlite, the shipped
 * library and demo users), the built studio, and headless Chromium.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { STUDIO_DIST } from '../../server/build-studio.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

export interface StudioServer {
  url: string;
  password: string;
  testApp: TestApp;
  close(): Promise<void>;
}

/**
 * The studio bundle is built once by test/global-setup.ts before any worker starts; a worker never
 * builds it, since another worker's server may be serving from studio/dist at that moment.
 */
export async function ensureStudioBuilt(): Promise<void> {
  if (!existsSync(join(STUDIO_DIST, 'index.html'))) throw new Error('studio/dist is missing: test/global-setup.ts builds it before the tests run');
}

export async function startStudioServer(): Promise<StudioServer> {
  await ensureStudioBuilt();
  const testApp = await createTestApp({ library: true });
  const address = await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  return { url: address, password: testApp.password, testApp, close: () => testApp.close() };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Collects what must never happen in the studio: CSP violations, uncaught errors, console errors. */
export function watchPage(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return { problems };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

export async function login(page: Page, server: StudioServer, username = 'manager'): Promise<void> {
  await page.goto(server.url);
  await page.getByLabel(/Nama pengguna|Username/).fill(username);
  await page.getByLabel(/Kata sandi|Password/).fill(server.password);
  await page.getByRole('button', { name: /Masuk|Log in/ }).click();
  await page.getByTestId('current-user').waitFor();
}
