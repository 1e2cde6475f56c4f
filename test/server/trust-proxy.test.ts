import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { createUser } from '../../server/services/accounts/accounts.js';
import { seedCatalog } from '../../server/services/offices/seed.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

/** Issue 16, finding 12: the address the log-in throttle counts by cannot be chosen by a client. */
describe('TRUST_PROXY and /docs', () => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await createTestDatabase('pglite');
    await seedCatalog(d.db);
    await createUser(d.db, { username: 'kasir.samsat-serang', password: 'Rahasia-Kantor-2026', roles: [{ role: 'kasir', office: 'samsat-serang' }] }, 'test');
  });
  afterAll(async () => d?.close());

  async function failedFrom(trustProxy: false | number | string[], remoteAddress: string, forwardedFor: string): Promise<string> {
    const app = await buildApp({ db: d.db, dbKind: d.kind, trustProxy });
    try {
      await d.db.deleteFrom('login_failures').execute();
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress,
        headers: { 'x-forwarded-for': forwardedFor },
        payload: { username: 'kasir.samsat-serang', password: 'salah-sekali-lagi' },
      });
      expect(res.statusCode).toBe(401);
      return (await d.db.selectFrom('login_failures').select('ip').executeTakeFirstOrThrow()).ip;
    } finally {
      await app.close();
    }
  }

  it('without TRUST_PROXY a forged X-Forwarded-For is ignored', async () => {
    expect(await failedFrom(false, '203.0.113.9', '1.2.3.4')).toBe('203.0.113.9');
  });

  it('with a list, only the named proxy is believed', async () => {
    expect(await failedFrom(['10.0.0.1'], '203.0.113.9', '1.2.3.4')).toBe('203.0.113.9');
    expect(await failedFrom(['10.0.0.1'], '10.0.0.1', '1.2.3.4')).toBe('1.2.3.4');
  });

  it('with one hop, the address the proxy saw is used, not what the client put before it', async () => {
    expect(await failedFrom(1, '10.0.0.1', '6.6.6.6, 1.2.3.4')).toBe('1.2.3.4');
  });

  it('API docs can be turned off', async () => {
    const off = await buildApp({ db: d.db, dbKind: d.kind, apiDocs: false });
    const on = await buildApp({ db: d.db, dbKind: d.kind, apiDocs: true });
    try {
      // off: no OpenAPI document (the studio may answer the path with its own "not found" page)
      const answer = await off.inject({ method: 'GET', url: '/docs/json' });
      expect(answer.body).not.toContain('"openapi"');
      expect((await on.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
    } finally {
      await off.close();
      await on.close();
    }
  });
});
