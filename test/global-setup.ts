// Global setup: one migrated database of each kind, made once per run, that every test file's
// fresh database starts from (test/helpers/db.ts): migrating a new PGlite costs seconds, loading
// a dump of a migrated one under one; PostgreSQL copies a template database. Each file still gets
// its own database, and still runs the migrator on it (a no-op check against the template).
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { migrateToLatest, openDatabase, type Database } from '../server/db/index.js';
import { PGliteDialect } from '../server/db/dialects/pglite.js';

export const PGLITE_TEMPLATE_ENV = 'SOP_TEST_PGLITE_TEMPLATE';
export const POSTGRES_TEMPLATE_ENV = 'SOP_TEST_POSTGRES_TEMPLATE';

async function pgliteTemplate(): Promise<string> {
  const pglite = new PGlite('memory://');
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  await migrateToLatest(db);
  const dump = await pglite.dumpDataDir('none');
  await db.destroy();
  const file = path.join(os.tmpdir(), `sop-test-pglite-${process.pid}-${randomBytes(4).toString('hex')}.tar`);
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  return file;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function postgresTemplate(admin: string): Promise<string> {
  const name = `sop_test_template_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await adminQuery(admin, `create database ${name}`);
  const opened = await openDatabase({ url: withDatabase(admin, name), poolSize: 1 });
  try {
    await migrateToLatest(opened.db);
  } finally {
    await opened.close();
  }
  return name;
}

export default async function setup(): Promise<() => Promise<void>> {
  const admin = process.env.TEST_DATABASE_URL;
  const [file, template] = await Promise.all([pgliteTemplate(), admin ? postgresTemplate(admin) : Promise.resolve(undefined)]);
  process.env[PGLITE_TEMPLATE_ENV] = file;
  if (template) process.env[POSTGRES_TEMPLATE_ENV] = template;
  return async () => {
    await rm(file, { force: true });
    if (admin && template) await adminQuery(admin, `drop database if exists ${template} with (force)`).catch(() => {});
  };
}
