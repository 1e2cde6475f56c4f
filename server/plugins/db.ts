import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import { channelListenerFor, type Database, type DatabaseKind } from '../db/index.js';
import type { ChannelListener } from '../db/listener.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
    dbKind: DatabaseKind;
    /** where the server hears the database's notifications (session and publication caches, inbox stream): PostgreSQL's one LISTEN connection, or the embedded PGlite's own */
    listener: ChannelListener | undefined;
  }
}

export interface DbPluginOptions {
  db: Kysely<Database>;
  dbKind: DatabaseKind;
  databaseUrl?: string;
}

/**
 * Hands the already-opened database to every route (the caller owns its lifetime) and opens the
 * server's listener (on PostgreSQL its LISTEN connection), closed with the app.
 */
export default fp<DbPluginOptions>(
  async (app, opts) => {
    app.decorate('db', opts.db);
    app.decorate('dbKind', opts.dbKind);
    const listener = channelListenerFor(opts.db, opts.dbKind === 'postgres' ? opts.databaseUrl : undefined);
    app.decorate('listener', listener);
    if (listener) {
      await listener.start();
      app.addHook('onClose', () => listener.close());
    }
  },
  { name: 'db' },
);
