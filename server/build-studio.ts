/**
 * `npm prestart`: build the studio (vite) when studio/dist is missing or older than any source
 * it is built from (studio/, runtime/moddle/, rules/schema/), so `npm start` always serves a
 * current studio without a separate build step.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const STUDIO_DIST = join(root, 'studio', 'dist');
// This file too: how the bundle is built is part of what it is built from.
// processes/tools and specs: the SOP generator the table import shares with the library (studio/features/import/sop-import.ts)
const SOURCES = [join(root, 'studio'), join(root, 'core'), join(root, 'runtime', 'moddle'), join(root, 'rules', 'schema'), join(root, 'processes', 'tools'), join(root, 'processes', 'specs', 'types.ts'), fileURLToPath(import.meta.url)];

function newestMtime(dir: string): number {
  if (statSync(dir).isFile()) return statSync(dir).mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function studioIsStale(): boolean {
  const index = join(STUDIO_DIST, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((dir) => existsSync(dir) && newestMtime(dir) > built);
}

export async function buildStudio(): Promise<void> {
  const { build } = await import('vite');
  // Browsers always get the production bundle. vite keeps a NODE_ENV that is already set, and
  // under vitest it is "test", which gave React's development JSX runtime: a bigger, slower bundle
  // carrying the build machine's source paths.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(root, 'studio', 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (studioIsStale() || process.argv.includes('--force')) {
    console.log('studio: building studio/dist …');
    const started = Date.now();
    await buildStudio();
    console.log(`studio: built in ${Date.now() - started} ms`);
  } else {
    console.log('studio: studio/dist is up to date');
  }
}
