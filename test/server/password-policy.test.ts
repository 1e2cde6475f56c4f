import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordWeakness } from '../../server/services/accounts/password-policy.js';
import { generateDemoPassword, seedCatalog, seedDemo } from '../../server/services/offices/seed.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/db.js';

describe('password policy (issue 16, finding 12)', () => {
  it('at least 10 characters, not a common password, not the username', () => {
    expect(passwordWeakness('pendek-1', 'siti')).toBe('too-short');
    expect(passwordWeakness('Password123', 'siti')).toBe('common');
    expect(passwordWeakness('1234567890', 'siti')).toBe('common');
    expect(passwordWeakness('Siti@Contoh.ID', 'siti@contoh.id')).toBe('equals-username');
    expect(passwordWeakness('Rahasia-Kantor-2026', 'siti')).toBeUndefined();
  });

  describe('on registration', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ kind: 'pglite', users: false });
    });
    afterAll(async () => t?.close());

    it('an applicant choosing a weak password gets 400 PASSWORD_TOO_WEAK and no account', async () => {
      for (const password of ['qwerty', 'password123', 'warga@contoh.id']) {
        const res = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { name: 'Warga', email: 'warga@contoh.id', password } });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ code: 'PASSWORD_TOO_WEAK', details: { field: 'password' } });
      }
      expect(await t.database.db.selectFrom('users').select('id').execute()).toEqual([]);
      const ok = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { name: 'Warga', email: 'warga@contoh.id', password: 'Rahasia-Kantor-2026' } });
      expect(ok.statusCode).toBe(201);
    });
  });

  it('the demo seed refuses a weak DEMO_PASSWORD; a generated one passes the policy', async () => {
    const d = await createTestDatabase('pglite');
    try {
      await seedCatalog(d.db);
      await expect(seedDemo(d.db, { password: 'admin12345', production: false })).rejects.toMatchObject({ code: 'PASSWORD_TOO_WEAK' });
      await expect(seedDemo(d.db, { password: 'korektor.samsat-serang', production: false })).rejects.toMatchObject({ code: 'PASSWORD_TOO_WEAK' });
      expect(await d.db.selectFrom('users').select('id').execute()).toEqual([]);
      for (let i = 0; i < 20; i++) expect(passwordWeakness(generateDemoPassword(), 'admin')).toBeUndefined();
    } finally {
      await d.close();
    }
  }, 90_000); // the role catalogue and the demo accounts' list on a fresh database
});
