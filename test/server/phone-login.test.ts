/**
 * An applicant who registered with a phone number logs in with it however it is typed: the
 * number is stored once, in the national form 08…, and the log-in reads it the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';

describe.each(databaseKinds)('log-in with a phone number (%s)', (kind) => {
  let t: TestApp;
  const password = 'Rahasia-Kantor-2026';
  beforeAll(async () => {
    t = await createTestApp({ kind });
  });
  afterAll(async () => t?.close());

  it('registers as "+62 812-3456-7890" and logs in as "0812 3456 7890", "6281234567890" and "812-3456-7890"', async () => {
    const reg = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { name: 'Siti Aminah', phone: '+62 812-3456-7890', password } });
    expect(reg.statusCode).toBe(201);
    expect(reg.json().user.username).toBe('081234567890');
    for (const typed of ['0812 3456 7890', '6281234567890', '812-3456-7890', '081234567890']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: typed, password } });
      expect(res.statusCode, typed).toBe(200);
      expect(res.json().user.username).toBe('081234567890');
    }
  });

  it('a different number with the same password is still refused', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '0812 3456 7891', password } });
    expect(res.statusCode).toBe(401);
  });
});
