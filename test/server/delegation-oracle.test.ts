/**
 * Attack (assessment round 2): any signed-in account (an applicant) asked POST /api/delegations
 * about usernames. The service looked both accounts up before deciding, so an existing name was
 * 403 and an unknown one 404 USER_NOT_FOUND: a list of staff accounts to guess passwords for.
 * Whoever may not delegate the post now gets the same answer for any name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/services/accounts/accounts.js';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';

describe('delegations are no account oracle', () => {
  let t: TestApp;
  let applicant: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp({ kind: 'pglite', users: false });
    await createUser(t.database.db, { username: 'pemohon1', roles: [{ role: 'pemohon', office: null }], password: t.password }, 'test');
    await createUser(t.database.db, { username: 'loket.kaloran', roles: [{ role: 'petugas-loket', office: 'kecamatan-kaloran' }], password: t.password }, 'test');
    applicant = bearer(await loginAs(t.app, 'pemohon1'));
  }, 120_000);
  afterAll(async () => t?.close());

  const ask = async (body: object) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/delegations',
      headers: applicant,
      payload: { role: 'petugas-loket', office: 'kecamatan-kaloran', startsOn: '2026-01-05', endsOn: '2026-01-06', ...body },
    });
    return [res.statusCode, (res.json() as { code: string }).code];
  };

  it('an existing and an unknown username get the same answer, as `from` and as `to`', async () => {
    expect(await ask({ from: 'loket.kaloran', to: 'pemohon1' })).toEqual(await ask({ from: 'tidak.ada', to: 'pemohon1' }));
    expect(await ask({ from: 'loket.kaloran', to: 'pemohon1' })).toEqual([403, 'FORBIDDEN']);
    expect(await ask({ to: 'loket.kaloran' })).toEqual(await ask({ to: 'tidak.ada' }));
  });
});
