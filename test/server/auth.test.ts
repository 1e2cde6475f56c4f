import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/services/accounts/accounts.js';
import { PAIR_FREE_FAILURES } from '../../server/services/accounts/login-throttle.js';
import { verifyAuditChain } from '../../server/services/platform/audit.js';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';

describe.each(databaseKinds)('log-in and sessions (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ kind });
  });
  afterAll(async () => t?.close());

  it('a korektor logs in, gets a bearer token and an httpOnly cookie, and sees roles per office', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'korektor.samsat-serang', password: t.password } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(body.user).toMatchObject({ username: 'korektor.samsat-serang', roles: [{ role: 'korektor', office: 'samsat-serang' }] });
    const cookie = res.cookies.find((c) => c.name === 'sop_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.value).toBe(body.token);

    const viaCookie = await t.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { sop_session: body.token } });
    expect(viaCookie.statusCode).toBe(200);
    expect(viaCookie.json().roles).toEqual([{ role: 'korektor', office: 'samsat-serang' }]);
    const viaBearer = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(body.token) });
    expect(viaBearer.json().username).toBe('korektor.samsat-serang');
  });

  it('a wrong password and an unknown user get the same 401', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'kasir.samsat-serang', password: 'salah-sekali' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'tidak-ada', password: 'salah-sekali' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().code).toBe('INVALID_CREDENTIALS');
  });

  it('logging out revokes the session on the server', async () => {
    const token = await loginAs(t.app, 'kasir.samsat-cilegon');
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(token) });
    expect(out.statusCode).toBe(204);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
    expect(me.statusCode).toBe(401);
    expect(me.json().code).toBe('UNAUTHENTICATED');
  });

  it('no account can be named "system": timer and message starts record that actor, so it would pass for their starter', async () => {
    await expect(createUser(t.database.db, { username: 'System', password: 'sandi-rahasia-2', roles: [{ role: 'kasir', office: 'samsat-serang' }] }, 'test')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Nama pengguna ini dicadangkan untuk sistem',
    });
    expect(await t.database.db.selectFrom('users').select('id').where('username', '=', 'system').execute()).toEqual([]);
  });

  it('passwords are stored as scrypt hashes with a per-user salt', async () => {
    const rows = await t.database.db.selectFrom('users').select(['username', 'password_hash']).where('username', 'in', ['admin', 'manager']).execute();
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
      expect(r.password_hash).not.toContain(t.password);
    }
    const salts = rows.map((r) => r.password_hash.split('$')[4]);
    expect(salts[0]).not.toBe(salts[1]);
  });

  it('sessions are stored hashed, never as the token itself', async () => {
    const token = await loginAs(t.app, 'admin');
    const found = await t.database.db.selectFrom('sessions').select('token_hash').where('token_hash', '=', token).execute();
    expect(found).toHaveLength(0);
  });

  it('repeated failures from one address are slowed down there (429 with Retry-After); the owner logging in from elsewhere is never blocked', async () => {
    const attacker = '203.0.113.66';
    const guess = (password: string, remoteAddress: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username: 'camat.kecamatan-kaloran', password } });
    const statuses: number[] = [];
    for (let i = 0; i < PAIR_FREE_FAILURES + 2; i++) statuses.push((await guess(`tebakan-${i}`, attacker)).statusCode);
    // the first failures are free (typos), then the address must wait
    expect(statuses.slice(0, PAIR_FREE_FAILURES).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(PAIR_FREE_FAILURES)).toEqual([429, 429]);
    const throttled = await guess(t.password, attacker);
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().code).toBe('RATE_LIMITED');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    // the real camat, at the office, logs in at once: no account lock to hand attackers
    const owner = await guess(t.password, '198.51.100.7');
    expect(owner.statusCode).toBe(200);
    // and the failures left no audit rows whose subject the attacker chose
    const rows = await t.database.db.selectFrom('audit_log').select('action').where('subject', '=', 'user:camat.kecamatan-kaloran').orderBy('seq').execute();
    expect(rows.map((r) => r.action)).toEqual(['user.create', 'auth.login']);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });

  it('a log-in body with unknown fields is refused with the stable error shape', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: t.password, remember: true } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.any(String), details: expect.anything() });
  });
});
