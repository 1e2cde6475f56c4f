import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { loadConfig, type TrustProxy } from './config.js';
import type { Database, DatabaseKind } from './db/index.js';
import authPlugin from './plugins/auth.js';
import changeJobsPlugin from './plugins/change-jobs.js';
import dbPlugin from './plugins/db.js';
import errorsPlugin from './plugins/errors.js';
import notificationsPlugin, { type NotificationsPluginOptions } from './plugins/notifications.js';
import openapiPlugin from './plugins/openapi.js';
import publicationCachePlugin from './plugins/publication-cache.js';
import runtimePlugin from './plugins/runtime.js';
import securityPlugin from './plugins/security.js';
import workersPlugin from './plugins/workers.js';
import { routeModules } from './routes/index.js';
import { MAX_CONTENT_BYTES } from './services/store/store.js';
import { VERSION } from './version.js';

export interface AppOptions {
  db: Kysely<Database>;
  dbKind: DatabaseKind;
  /** PostgreSQL: the URL the database was opened with (the session cache and the event stream LISTEN on it) */
  databaseUrl?: string;
  logger?: boolean;
  /** default: TRUST_PROXY from the environment (config.ts) */
  trustProxy?: TrustProxy;
  /** default: API_DOCS from the environment */
  apiDocs?: boolean;
  /** email and WhatsApp delivery (tests pass their own); default: SMTP_* and WHATSAPP_* from the environment */
  notifications?: NotificationsPluginOptions;
  /**
   * Run the background workers from ready to close: the runtime's job worker, the
   * regulation-change runs and plugins/workers.ts's loops (main.ts; tests build apps without).
   */
  workers?: boolean;
}

/**
 * fastify 5.12 ignores a bare hop count (it cannot tell a proxy from a direct client), so a count
 * becomes the classic rule here: the nearest `hops` addresses are proxies. Only for servers that
 * are reachable through those proxies alone; otherwise list the proxies' addresses.
 */
function proxyTrust(trust: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust;
}

/** Builds the fastify instance from its plugins; listening is main.ts's job (tests inject). */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const config = loadConfig();
  const app = Fastify({
    logger: opts.logger ? { level: process.env.LOG_LEVEL ?? 'info' } : false,
    bodyLimit: MAX_CONTENT_BYTES,
    trustProxy: proxyTrust(opts.trustProxy ?? config.trustProxy),
    ajv: {
      // Unknown fields are refused, never silently dropped.
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false },
    },
  });

  // BPMN drafts arrive as raw XML.
  app.addContentTypeParser(['application/xml', 'text/xml', 'application/bpmn+xml'], { parseAs: 'string' }, (_req, body, done) => done(null, body));

  await app.register(errorsPlugin);
  await app.register(dbPlugin, { db: opts.db, dbKind: opts.dbKind, databaseUrl: opts.databaseUrl });
  await app.register(securityPlugin);
  await app.register(openapiPlugin, { version: VERSION, ui: opts.apiDocs ?? config.apiDocs });
  await app.register(authPlugin);
  await app.register(publicationCachePlugin);
  await app.register(notificationsPlugin, { delivery: opts.notifications });
  await app.register(runtimePlugin, { worker: opts.workers ? { intervalMs: Number(process.env.RUNTIME_POLL_MS ?? 500) } : undefined });
  await app.register(changeJobsPlugin, { worker: opts.workers === true });
  await app.register(workersPlugin, { start: opts.workers === true });
  for (const routes of routeModules) await app.register(routes);
  return app;
}
