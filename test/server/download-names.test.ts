/**
 * Attack (assessment round 2): a download's name is built from the request. The cockpit's export
 * named its file after `?process=` (and the step's id), so `a"; filename=evil.exe` handed the
 * manager's browser a second file name, and a line break or a character outside Latin-1 made Node
 * refuse the header: a 500 with Node's own error code instead of the stable 4xx shape. Every
 * download now names itself through one helper (core/content-disposition.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/services/accounts/accounts.js';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';

describe('download names cannot be chosen into the header', () => {
  let t: TestApp;
  const as: Record<string, Record<string, string>> = {};
  beforeAll(async () => {
    t = await createTestApp({ kind: 'pglite', users: false });
    const accounts = [
      { username: 'manager', roles: [{ role: 'manager', office: null }] },
    ];
    await Promise.all(accounts.map((a) => createUser(t.database.db, { ...a, password: t.password }, 'test')));
    for (const a of accounts) as[a.username] = bearer(await loginAs(t.app, a.username));
  }, 120_000);
  afterAll(async () => t?.close());

  // the header's parameters, a quoted value read as one (RFC 6266)
  const params = (header: string) => [...header.matchAll(/(?:^|;)\s*([^=;\s]+)(?:=("(?:[^"\\]|\\.)*"|[^;]*))?/g)].map((m) => m[1]);

  it('a process key with a quote, a line break or a non-Latin character still downloads, under one name', async () => {
    for (const url of [
      '/api/analytics/overview?format=csv&process=' + encodeURIComponent('a"; filename=evil.exe'),
      '/api/analytics/overview?format=csv&process=' + encodeURIComponent('a\r\nX-Evil: 1'),
      '/api/analytics/overview?format=xlsx&process=' + encodeURIComponent('izin‮exe.pdf'),
      '/api/analytics/steps/' + encodeURIComponent('x\r\ny') + '?format=csv&process=a',
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: as.manager });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
      expect(res.headers['x-evil']).toBeUndefined();
      expect(params(String(res.headers['content-disposition']))).toEqual(['attachment', 'filename', 'filename*']);
    }
  });
});
