import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Database, DatabaseKind } from '../db/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
    dbKind: DatabaseKind;
  }
}

export interface DbPluginOptions {
  db: Kysely<Database>;
  dbKind: DatabaseKind;
}

/** Hands the already-opened database to every route; the caller owns its lifetime. */
export default fp<DbPluginOptions>(
  async (app, opts) => {
    app.decorate('db', opts.db);
    app.decorate('dbKind', opts.dbKind);
  },
  { name: 'db' },
);
