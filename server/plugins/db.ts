import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Database, DatabaseKind } from '../db/index.js';
import { DatabaseListener } from '../db/listener.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
    dbKind: DatabaseKind;
    /** PostgreSQL: the server's one LISTEN connection (session cache, inbox stream); undefined on PGlite */
    listener: DatabaseListener | undefined;
  }
}

export interface DbPluginOptions {
  db: Kysely<Database>;
  dbKind: DatabaseKind;
  databaseUrl?: string;
}

/**
 * Hands the already-opened database to every route (the caller owns its lifetime) and, on
 * PostgreSQL, opens the server's LISTEN connection, closed with the app.
 */
export default fp<DbPluginOptions>(
  async (app, opts) => {
    app.decorate('db', opts.db);
    app.decorate('dbKind', opts.dbKind);
    const url = opts.dbKind === 'postgres' ? opts.databaseUrl : undefined;
    const listener = url ? new DatabaseListener(url) : undefined;
    app.decorate('listener', listener);
    if (listener) {
      await listener.start();
      app.addHook('onClose', () => listener.close());
    }
  },
  { name: 'db' },
);
