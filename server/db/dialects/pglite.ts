import type { PGlite, Transaction } from '@electric-sql/pglite';
import {
  type CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import { registeredName } from '../prepared.js';
import { runNamed } from './pglite-prepared.js';

/**
 * A kysely dialect over PGlite's own `transaction()`.
 *
 * PGlite is one session. The published adapter lets unrelated queries slip into an open
 * transaction; here one mutex hands the single connection to one kysely "connection" at a
 * time, and a kysely transaction is held open inside `pglite.transaction()` until kysely
 * commits or rolls back, so isolation is what PostgreSQL gives one session.
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly pglite: PGlite) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}

class Mutex {
  #tail: Promise<void> = Promise.resolve();
  lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const acquired = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return acquired;
  }
}

const ROLLBACK = Symbol('rollback');

class PGliteConnection implements DatabaseConnection {
  tx: Transaction | undefined;
  #finish: { resolve: () => void; reject: (e: unknown) => void } | undefined;
  #done: Promise<unknown> | undefined;

  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const name = registeredName(query.sql);
    const result =
      name !== undefined
        ? await runNamed<R>(this.pglite, name, query.sql, query.parameters, this.tx !== undefined)
        : await (this.tx ?? this.pglite).query<R>(query.sql, query.parameters as unknown[]);
    const affected = result.affectedRows;
    return {
      rows: result.rows,
      ...(affected !== undefined && affected !== null ? { numAffectedRows: BigInt(affected) } : {}),
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on PGlite');
  }

  async begin(): Promise<void> {
    await new Promise<void>((ready, failed) => {
      this.#done = this.pglite
        .transaction(
          (tx) =>
            new Promise<void>((resolve, reject) => {
              this.tx = tx;
              this.#finish = { resolve, reject };
              ready();
            }),
        )
        .catch((e: unknown) => {
          if (e !== ROLLBACK) {
            failed(e);
            throw e;
          }
        });
    });
  }

  async end(commit: boolean): Promise<void> {
    const finish = this.#finish;
    const done = this.#done;
    this.#finish = undefined;
    this.#done = undefined;
    if (!finish || !done) throw new Error('no transaction is open');
    if (commit) finish.resolve();
    else finish.reject(ROLLBACK);
    try {
      await done;
    } finally {
      this.tx = undefined;
    }
  }
}

class PGliteDriver implements Driver {
  readonly #mutex = new Mutex();
  readonly #releases = new WeakMap<DatabaseConnection, () => void>();
  constructor(private readonly pglite: PGlite) {}

  async init(): Promise<void> {
    await this.pglite.waitReady;
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#mutex.lock();
    const conn = new PGliteConnection(this.pglite);
    this.#releases.set(conn, release);
    return conn;
  }
  async beginTransaction(conn: DatabaseConnection): Promise<void> {
    await (conn as PGliteConnection).begin();
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await (conn as PGliteConnection).end(true);
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await (conn as PGliteConnection).end(false);
  }
  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    this.#releases.get(conn)?.();
    this.#releases.delete(conn);
  }
  async destroy(): Promise<void> {
    await this.pglite.close();
  }
}
