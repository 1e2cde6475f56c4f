import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Database, DatabaseKind } from '../db/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
    dbKind: DatabaseKind;
    /** PostgreSQL URL for connections of our own (LISTEN); undefined on PGlite */
    databaseUrl: string | undefined;
  }
}

export interface DbPluginOptions {
  db: Kysely<Database>;
  dbKind: DatabaseKind;
  databaseUrl?: string;
}

/** Hands the already-opened database to every route; the caller owns its lifetime. */
export default fp<DbPluginOptions>(
  async (app, opts) => {
    app.decorate('db', opts.db);
    app.decorate('dbKind', opts.dbKind);
    app.decorate('databaseUrl', opts.dbKind === 'postgres' ? opts.databaseUrl : undefined);
  },
  { name: 'db' },
);
