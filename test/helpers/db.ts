import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateToLatest, openDatabase, type DatabaseKind, type OpenedDatabase } from '../../server/db/index.js';
import { pgliteTemplate, postgresTemplate } from './db-template.js';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export const databaseKinds: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export type TestDatabase = OpenedDatabase;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh, migrated database: in-memory PGlite, or a new PostgreSQL database dropped on close. */
export async function createTestDatabase(kind: DatabaseKind = 'pglite', opts: { migrate?: boolean; poolSize?: number } = {}): Promise<TestDatabase> {
  let opened: OpenedDatabase;
  let url: string | undefined;
  let drop: (() => Promise<void>) | undefined;
  if (kind === 'postgres') {
    const admin = process.env.TEST_DATABASE_URL;
    if (!admin) throw new Error('TEST_DATABASE_URL is not set');
    const name = `sop_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    // A copy of the migrated template (db-template.ts) when migrating anyway.
    const template = opts.migrate !== false ? await postgresTemplate(admin) : undefined;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
    await client.end();
    url = withDatabase(admin, name);
    opened = await openDatabase({ url, poolSize: opts.poolSize });
    drop = async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    // A copy of the migrated template (db-template.ts) when migrating anyway.
    const dump = opts.migrate !== false ? await pgliteTemplate() : undefined;
    opened = await openDatabase({ dataDir: 'memory://', ...(dump ? { loadDataDir: dump } : {}) });
  }
  if (opts.migrate !== false) await migrateToLatest(opened.db);
  return {
    ...opened,
    url,
    close: async () => {
      await opened.close();
      await drop?.();
    },
  };
}
