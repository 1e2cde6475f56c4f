import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { openDatabase, type OpenedDatabase } from '../../server/db/index.js';
import { LISTENER_APPLICATION_NAME } from '../../server/db/listener.js';
import type { SessionUser } from '../../server/services/accounts/accounts.js';
import { SESSION_CACHE_MAX_AGE_MS, SessionCache, sessionCache } from '../../server/services/accounts/session-cache.js';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';

const siti: SessionUser = { id: 'u-siti', username: 'siti', name: 'Siti', roles: [{ role: 'kasir', office: 'samsat-serang' }] };

describe('the session cache of one server', () => {
  const listening = () => {
    const c = new SessionCache();
    c.listening(true);
    return c;
  };

  it('keeps a resolved session for the same token', () => {
    const c = listening();
    c.store(c.generation(), 'h1', siti, 10_000, 0);
    expect(c.get('h1', 1_000)).toEqual(siti);
    expect(c.get('h2', 1_000)).toBeUndefined();
  });

  it('does not keep a session read before a revocation that arrived while the read was under way', () => {
    const c = listening();
    const before = c.generation();
    c.invalidate();
    c.store(before, 'h1', siti, 10_000, 0);
    expect(c.get('h1', 1)).toBeUndefined();
  });

  it('drops a session when it expires, and any entry after SESSION_CACHE_MAX_AGE_MS', () => {
    const c = listening();
    c.store(c.generation(), 'short', siti, 5_000, 0);
    c.store(c.generation(), 'long', siti, 10 * SESSION_CACHE_MAX_AGE_MS, 0);
    expect(c.get('short', 4_999)).toEqual(siti);
    expect(c.get('short', 5_000)).toBeUndefined();
    expect(c.get('long', SESSION_CACHE_MAX_AGE_MS - 1)).toEqual(siti);
    expect(c.get('long', SESSION_CACHE_MAX_AGE_MS)).toBeUndefined();
  });

  it('keeps nothing while no invalidation listener is up, and forgets everything when one goes down', () => {
    const c = new SessionCache();
    c.store(c.generation(), 'h1', siti, 10_000, 0);
    expect(c.get('h1', 1)).toBeUndefined();
    c.listening(true);
    c.store(c.generation(), 'h1', siti, 10_000, 0);
    expect(c.get('h1', 1)).toEqual(siti);
    c.listening(false);
    expect(c.get('h1', 1)).toBeUndefined();
  });
});

/** Polls until the response has the wanted status; returns the last one seen. */
async function eventually(call: () => Promise<{ statusCode: number }>, status: number, ms = 5_000): Promise<number> {
  const deadline = Date.now() + ms;
  for (;;) {
    const last = (await call()).statusCode;
    if (last === status || Date.now() > deadline) return last;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.runIf(process.env.TEST_DATABASE_URL)('two servers on one PostgreSQL keep sessions and forget them together', () => {
  let t: TestApp;
  // Server B: its own pool, its own session cache and its own LISTEN connection.
  let other: OpenedDatabase;
  let b: FastifyInstance;
  beforeAll(async () => {
    t = await createTestApp({ kind: 'postgres' });
    other = await openDatabase({ url: t.database.url });
    b = await buildApp({ db: other.db, dbKind: 'postgres', databaseUrl: other.url });
    await b.ready();
  });
  afterAll(async () => {
    await b?.close();
    await other?.close();
    await t?.close();
  });

  const me = (app: FastifyInstance, token: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
  /** B answers the token, and from its cache (so what follows really tests forgetting it). */
  async function cachedOnB(token: string): Promise<void> {
    expect((await me(b, token)).statusCode).toBe(200);
    expect(sessionCache(other.db).enabled).toBe(true);
    expect(sessionCache(other.db).size).toBeGreaterThan(0);
  }

  it('a korektor who logs out on one server is refused by the other as soon as the notification arrives', async () => {
    const token = await loginAs(t.app, 'korektor.samsat-serang');
    await cachedOnB(token);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(token) })).statusCode).toBe(204);
    // on the server that logged out: at once, no notification needed
    expect((await me(t.app, token)).statusCode).toBe(401);
    expect(await eventually(() => me(b, token), 401)).toBe(401);
  });

  it('new grants given on one server act on the kasir’s next request on the other', async () => {
    const kasir = await loginAs(t.app, 'kasir.samsat-serang');
    await cachedOnB(kasir);
    const admin = bearer(await loginAs(t.app, 'admin'));
    const id = (await me(b, kasir)).json().id as string;
    const grants = [
      { role: 'kasir', office: 'samsat-serang' },
      { role: 'korektor', office: 'samsat-serang' },
    ];
    const put = await t.app.inject({ method: 'PUT', url: `/api/admin/users/${id}/roles`, headers: admin, payload: { roles: grants } });
    expect(put.statusCode).toBe(200);
    expect((await me(t.app, kasir)).json().roles).toEqual(grants);
    const deadline = Date.now() + 5_000;
    while ((await me(b, kasir)).json().roles.length !== 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect((await me(b, kasir)).json().roles).toEqual(grants);
  });

  it('an operator who revokes sessions straight in the database is obeyed by both servers', async () => {
    const token = await loginAs(t.app, 'korektor.samsat-cilegon');
    await cachedOnB(token);
    expect((await me(t.app, token)).statusCode).toBe(200);
    await sql`update sessions set revoked_at = now() where user_id = (select id from users where username = 'korektor.samsat-cilegon')`.execute(other.db);
    expect(await eventually(() => me(b, token), 401)).toBe(401);
    expect(await eventually(() => me(t.app, token), 401)).toBe(401);
  });

  it('while a server’s listener is cut off it reads every session from the database, and it caches again once reconnected', async () => {
    const token = await loginAs(t.app, 'kasir.samsat-cilegon');
    await cachedOnB(token);
    const cache = sessionCache(other.db);
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = ${LISTENER_APPLICATION_NAME}`.execute(other.db);
    const down = Date.now() + 5_000;
    while (cache.enabled && Date.now() < down) await new Promise((r) => setTimeout(r, 10));
    expect(cache.enabled).toBe(false);
    expect(cache.size).toBe(0);
    // A revocation B cannot hear about now is still obeyed at once: nothing is answered from memory.
    const victim = await loginAs(t.app, 'kasir.samsat-serang');
    expect((await me(b, victim)).statusCode).toBe(200);
    await sql`update sessions set revoked_at = now() where token_hash = encode(sha256(${victim}::bytea), 'hex')`.execute(t.database.db);
    expect((await me(b, victim)).statusCode).toBe(401);
    const up = Date.now() + 10_000;
    while (!cache.enabled && Date.now() < up) await new Promise((r) => setTimeout(r, 50));
    expect(cache.enabled).toBe(true);
    await cachedOnB(token);
  });
});

describe('on the embedded database every request reads its session', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ kind: 'pglite' });
  });
  afterAll(async () => t?.close());

  it('a session revoked straight in the database is refused on the next request', async () => {
    const token = await loginAs(t.app, 'kasir.samsat-serang');
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(200);
    await sql`update sessions set revoked_at = now()`.execute(t.database.db);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(401);
    expect(sessionCache(t.database.db).size).toBe(0);
  });
});

describe('the embedded database keeps sessions and forgets them on what it hears itself', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ kind: 'pglite' });
  });
  afterAll(async () => t?.close());

  const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });

  it('answers from memory on PGlite, and a revocation written straight in the database is obeyed at the next request', async () => {
    const token = await loginAs(t.app, 'korektor.samsat-serang');
    expect((await me(token)).statusCode).toBe(200);
    const cache = sessionCache(t.database.db);
    expect(cache.enabled).toBe(true);
    expect(cache.size).toBeGreaterThan(0);
    // Not through the services (no changingSessions): only the trigger's notification can tell the cache.
    await sql`update sessions set revoked_at = now() where user_id = (select id from users where username = 'korektor.samsat-serang')`.execute(t.database.db);
    expect((await me(token)).statusCode).toBe(401);
  });

  it('a grant taken away straight in the database acts on the officer’s next request', async () => {
    const token = await loginAs(t.app, 'kasir.samsat-serang');
    expect((await me(token)).json().roles).toEqual([{ role: 'kasir', office: 'samsat-serang' }]);
    await sql`delete from user_roles where user_id = (select id from users where username = 'kasir.samsat-serang')`.execute(t.database.db);
    expect((await me(token)).json().roles).toEqual([]);
  });
});
