import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, type Migration, type MigrationProvider } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-lock.js';
import { PGliteDialect } from './dialects/pglite.js';
import { DatabaseListener, type ChannelListener } from './listener.js';
import { PGliteListener } from './pglite-listener.js';
import { PreparingClient } from './prepared.js';
import type { Database } from './schema.js';

export type { Database } from './schema.js';
export type DatabaseKind = 'pglite' | 'postgres';

export interface OpenedDatabase {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** the connection URL (PostgreSQL only): for connections of their own (LISTEN) */
  url?: string;
  close(): Promise<void>;
}

/**
 * Connections per server process (DATABASE_POOL_SIZE). A completion holds one only for the length
 * of a statement (the runtime's optimistic steps), so a few go far, and fewer backends cost
 * PostgreSQL less switching: on 2 cores with 16 clients, PostgreSQL CPU per completion was 0.54 ms
 * with 4 connections, 0.60–0.67 with 10, 0.68 with 16. 10 leaves room for the locking steps, the
 * job worker and long reads (inbox, uploads) beside the completions.
 */
export const DEFAULT_POOL_SIZE = 10;
/** How long an idle pooled connection is kept (10 minutes: a quiet office's night frees them). */
const IDLE_CONNECTION_MS = 10 * 60_000;

export interface OpenOptions {
  /** postgres://… selects PostgreSQL; otherwise the embedded PGlite is used. */
  url?: string;
  /** PGlite data folder; 'memory://' keeps it in memory (tests). */
  dataDir?: string;
  /** pg pool size (PostgreSQL only). */
  poolSize?: number;
  /** PGlite only: start from this data folder dump (PGlite `dumpDataDir`), e.g. a migrated template in tests. */
  loadDataDir?: Blob;
}

// Both dialects hand back the same JavaScript types: int8 as number (our bigserial ids stay
// far below 2^53), numeric as string (money stays decimal), date as 'YYYY-MM-DD' text.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

export async function openDatabase(opts: OpenOptions = {}): Promise<OpenedDatabase> {
  if (opts.url && /^postgres(ql)?:\/\//.test(opts.url)) {
    const pool = new pg.Pool({
      Client: PreparingClient,
      connectionString: opts.url,
      max: opts.poolSize ?? DEFAULT_POOL_SIZE,
      // pg's default closes a connection idle for 10 s. An office's load comes in bursts, and
      // each new connection costs PostgreSQL a backend process, a cold catalog cache and every
      // named statement parsed and planned again (prepared.ts). Measured on the SOP 02 bench,
      // whose rounds pause 15 s for the ceiling loops: PostgreSQL's CPU per task 1.5 ms after
      // each pause, 1.1 ms with the connections kept. A pool of `max` connections stays open.
      idleTimeoutMillis: IDLE_CONNECTION_MS,
      // ...without keeping a process alive that has nothing else to do (a CLI command).
      allowExitOnIdle: true,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
          if (oid === INT8) return (v: string) => Number(v);
          if (oid === NUMERIC || oid === DATE) return (v: string) => v;
          return pg.types.getTypeParser(oid, format as 'text') as (v: string) => unknown;
        }) as typeof pg.types.getTypeParser,
      },
    });
    // An idle client can be cut off by the server (restart, admin termination); the pool
    // replaces it on next use, so this must not crash the process.
    pool.on('error', (err: Error & { code?: string }) => {
      if (err.code !== '57P01') console.warn(`PostgreSQL idle client error: ${err.message}`);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', url: opts.url, close: () => db.destroy() };
  }
  const dataDir = opts.dataDir ?? 'memory://';
  let release = () => {};
  if (!dataDir.startsWith('memory://')) {
    await fs.mkdir(dataDir, { recursive: true });
    release = lockDataDir(dataDir);
  }
  const pglite = new PGlite(dataDir, {
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    parsers: {
      [INT8]: (v: string) => Number(v),
      [NUMERIC]: (v: string) => v,
      [DATE]: (v: string) => v,
    },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  embedded.set(db, pglite);
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      release();
    },
  };
}

/** The PGlite under each embedded database this process opened (its notifications: pglite-listener.ts). */
const embedded = new WeakMap<Kysely<Database>, PGlite>();

/** Where the server hears `db`'s notifications: a LISTEN connection to `url` on PostgreSQL, the embedded PGlite's own. */
export function channelListenerFor(db: Kysely<Database>, url: string | undefined): ChannelListener | undefined {
  if (url) return new DatabaseListener(url);
  const pglite = embedded.get(db);
  return pglite ? new PGliteListener(pglite) : undefined;
}

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Every `NNNN_name.ts` file in migrations/, imported from our own code (not kysely's) so the
 * same loader that runs the server (tsx, or vitest in tests) compiles them.
 */
class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(MIGRATIONS)).filter((f) => /^\d{4}_[\w-]+\.(ts|js)$/.test(f)).sort();
    const out: Record<string, Migration> = {};
    for (const f of files) {
      out[f.replace(/\.(ts|js)$/, '')] = (await import(pathToFileURL(path.join(MIGRATIONS, f)).href)) as Migration;
    }
    return out;
  }
}

/** Runs every migration not yet applied; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new FolderMigrationProvider(),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
