import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../server/app.js';
import type { DatabaseKind } from '../../server/db/index.js';
import { createUser } from '../../server/services/accounts/accounts.js';
import { demoUsers, loadLibrary, seedCatalog, seedDemo, type LibraryLoadResult } from '../../server/services/offices/seed.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export const TEST_PASSWORD = 'rahasia-uji-123';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  password: string;
  library?: LibraryLoadResult;
  close(): Promise<void>;
}

export interface TestAppOptions {
  kind?: DatabaseKind;
  /** demo users (admin, manager, pemohon1/2, <role>.<office>) with TEST_PASSWORD; default true */
  users?: boolean;
  /** load processes/*.bpmn and rules/*.json like the seed does; default false (slower) */
  library?: boolean;
  /** email and WhatsApp ports (notification tests); default: none configured */
  notifications?: AppOptions['notifications'];
}

/** A real fastify app on a fresh real database, seeded with the demo accounts. */
export async function createTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase(opts.kind ?? 'pglite');
  await seedCatalog(database.db);
  let library: LibraryLoadResult | undefined;
  if (opts.users !== false) {
    // seedDemo also loads the library; without it we add only the users
    if (opts.library) library = (await seedDemo(database.db, { password: TEST_PASSWORD, production: false })).library;
    else await seedUsersOnly(database);
  } else if (opts.library) {
    library = await loadLibrary(database.db);
  }
  const app = await buildApp({ db: database.db, dbKind: database.kind, databaseUrl: database.url, notifications: opts.notifications ?? {} });
  await app.ready();
  return {
    app,
    database,
    password: TEST_PASSWORD,
    library,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

async function seedUsersOnly(database: TestDatabase): Promise<void> {
  const users = await demoUsers();
  await Promise.all(users.map((u) => createUser(database.db, { username: u.username, password: TEST_PASSWORD, roles: u.roles }, 'test')));
}

/** Logs in through the real route and returns the bearer token. */
export async function loginAs(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { token: string }).token;
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
