// Global setup: runs once in vitest's main process before any test file's worker.
// Databases are not shared: each test file creates its own (test/helpers/db.ts), from migrated
// templates that helper makes once per migration set (test/helpers/db-template.ts).
// The studio bundle is built here, once, when it is missing or stale. Built per worker, two
// workers of a fresh clone both found it stale and built at once: vite empties studio/dist while
// the other worker's server served from it, and that browser test got a blank page.
import { buildStudio, studioIsStale } from '../server/build-studio.js';

export default async function setup(): Promise<void> {
  if (studioIsStale()) await buildStudio();
}
