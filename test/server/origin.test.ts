import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';

/**
 * Finding 5 of issue 16: a page on another port of the same host logged the officer out (and
 * claimed a task) with only the session cookie. A state-changing request carried by the cookie
 * must now come from our own origin.
 */
describe('cookie-authenticated writes come from our own origin', () => {
  let t: TestApp;
  const host = 'sop.kantor.id';
  beforeAll(async () => {
    t = await createTestApp({ kind: 'pglite' });
  });
  afterAll(async () => t?.close());

  async function stillLoggedIn(token: string): Promise<boolean> {
    return (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode === 200;
  }

  it('a page of another port cannot log the officer out with the cookie; without Origin it is refused too', async () => {
    const token = await loginAs(t.app, 'kasir.samsat-serang');
    for (const headers of [{ host, origin: `http://${host}:8080` }, { host }, { host, origin: 'null' }, { host, 'sec-fetch-site': 'same-site' }]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers, cookies: { sop_session: token } });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'ORIGIN_REFUSED', message: expect.any(String) });
    }
    expect(await stillLoggedIn(token)).toBe(true);
  });

  it('reading with the cookie needs no Origin', async () => {
    const token = await loginAs(t.app, 'kasir.samsat-serang');
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { host }, cookies: { sop_session: token } });
    expect(res.statusCode).toBe(200);
  });

  it('the studio (same origin) logs out with the cookie, by Origin or by Sec-Fetch-Site', async () => {
    const a = await loginAs(t.app, 'kasir.samsat-serang');
    const byOrigin = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { host, origin: `http://${host}` }, cookies: { sop_session: a } });
    expect(byOrigin.statusCode).toBe(204);
    expect(await stillLoggedIn(a)).toBe(false);
    const b = await loginAs(t.app, 'kasir.samsat-serang');
    const bySite = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { host, 'sec-fetch-site': 'same-origin' }, cookies: { sop_session: b } });
    expect(bySite.statusCode).toBe(204);
  });

  it('a bearer-token client is not asked for an Origin', async () => {
    const token = await loginAs(t.app, 'kasir.samsat-serang');
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { ...bearer(token), origin: 'http://elsewhere.example' } });
    expect(res.statusCode).toBe(204);
  });
});
