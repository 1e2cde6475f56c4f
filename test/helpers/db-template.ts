/**
 * Migrated templates that every test database starts from: migrating a new PGlite costs seconds,
 * loading a dump of a migrated one well under one; PostgreSQL copies a template database. A
 * template is named by a hash of the migration files, made once by whichever test process needs
 * it first (the others wait on a lock file) and reused by later runs until a migration changes.
 * Each test file still gets its own database, and still runs the migrator on it.
 */
import { createHash } from 'node:crypto';
import { open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { migrateToLatest, type Database } from '../../server/db/index.js';
import { PGliteDialect } from '../../server/db/dialects/pglite.js';

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../server/db/migrations');
const PREFIX = 'sop-test-template';

let hash: Promise<string> | undefined;
function migrationsHash(): Promise<string> {
  hash ??= (async () => {
    const h = createHash('sha256');
    for (const f of (await readdir(MIGRATIONS)).sort()) h.update(f).update(await readFile(path.join(MIGRATIONS, f)));
    return h.digest('hex').slice(0, 16);
  })();
  return hash;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `make` under a lock file shared by every test process of this machine. */
async function locked<T>(name: string, make: () => Promise<T>): Promise<T> {
  const lock = path.join(os.tmpdir(), `${name}.lock`);
  for (;;) {
    try {
      const fh = await open(lock, 'wx');
      await fh.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // a lock left by a killed process is stale after five minutes
      const age = Date.now() - (await stat(lock).then((s) => s.mtimeMs, () => Date.now()));
      if (age > 5 * 60_000) await rm(lock, { force: true });
      await sleep(200);
    }
  }
  try {
    return await make();
  } finally {
    await rm(lock, { force: true });
  }
}

const exists = (file: string) => stat(file).then(() => true, () => false);

/** A migrated PGlite data folder (PGlite `dumpDataDir`), for `loadDataDir`. */
export async function pgliteTemplate(): Promise<Blob> {
  const h = await migrationsHash();
  const file = path.join(os.tmpdir(), `${PREFIX}-pglite-${h}.tar`);
  if (!(await exists(file))) {
    await locked(`${PREFIX}-pglite`, async () => {
      if (await exists(file)) return;
      const pglite = new PGlite('memory://');
      const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
      await migrateToLatest(db);
      const dump = new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer());
      await db.destroy();
      // another migration set's dump, unused for an hour (another checkout may still be using a newer one)
      for (const f of await readdir(os.tmpdir())) {
        const other = path.join(os.tmpdir(), f);
        if (!f.startsWith(`${PREFIX}-pglite-`) || other === file) continue;
        if (Date.now() - (await stat(other).then((st) => st.atimeMs, () => Date.now())) > 3600_000) await rm(other, { force: true });
      }
      await writeFile(`${file}.part`, dump);
      await rename(`${file}.part`, file);
    });
  }
  return new Blob([new Uint8Array(await readFile(file))]);
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The name of a migrated PostgreSQL template database on the server of `admin`. */
export async function postgresTemplate(admin: string): Promise<string> {
  const name = `sop_test_template_${await migrationsHash()}`;
  const ready = async () => (await query<{ datistemplate: boolean }>(admin, 'select datistemplate from pg_database where datname = $1', [name]))[0]?.datistemplate === true;
  if (await ready()) return name;
  await locked(`${PREFIX}-postgres`, async () => {
    if (await ready()) return;
    // a half-made template of this set (its maker was killed) goes; other sets' templates stay,
    // another checkout of the repository may be using them
    await query(admin, `drop database if exists ${name} with (force)`);
    await query(admin, `create database ${name}`);
    const url = withDatabase(admin, name);
    const { openDatabase } = await import('../../server/db/index.js');
    const opened = await openDatabase({ url, poolSize: 1 });
    try {
      await migrateToLatest(opened.db);
    } finally {
      await opened.close();
    }
    // marks it ready; nobody connects to a template, so copies of it never wait
    await query(admin, `alter database ${name} is_template true allow_connections false`);
  });
  return name;
}
