import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { publishLibrary } from '../workspace/fixtures.js';

type Json = Record<string, any>;

describe('services are listed in SOP order (issue 23)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    // published out of order: SOP 03, then 01, then 02 (and SOP Pembayaran, which has no number, with them)
    await publishLibrary(t.database.db, ['samsat-03-pengesahan-lima-tahun', 'samsat-01-pkb-baru', 'samsat-02-pengesahan-tahunan']);
  }, 240_000);
  afterAll(async () => t?.close());

  it('the portal catalog and the counter list SOP 01, 02, 03 in that order, the unnumbered after', async () => {
    const services = (await t.app.inject({ method: 'GET', url: '/api/services?office=samsat-serang' })).json() as Json[];
    expect(services.map((s) => [s.sopNumber, s.key])).toEqual([
      ['01', 'samsat-01-pkb-baru'],
      ['02', 'samsat-02-pengesahan-tahunan'],
      ['03', 'samsat-03-pengesahan-lima-tahun'],
      [null, 'samsat-pembayaran'],
    ]);
    const counter = (await t.app.inject({ method: 'GET', url: '/api/services/startable', headers: bearer(await loginAs(t.app, 'petugas-pendaftaran.samsat-serang')) })).json() as Json[];
    expect(counter.map((s) => s.key).filter((k: string) => k !== 'samsat-pembayaran')).toEqual(['samsat-01-pkb-baru', 'samsat-02-pengesahan-tahunan', 'samsat-03-pengesahan-lima-tahun']);
  });

  it("the studio's library lists the models in SOP order too", async () => {
    const docs = (await t.app.inject({ method: 'GET', url: '/api/processes', headers: bearer(await loginAs(t.app, 'admin')) })).json() as Json[];
    expect(docs.map((d) => d.key)).toEqual(['samsat-01-pkb-baru', 'samsat-02-pengesahan-tahunan', 'samsat-03-pengesahan-lima-tahun', 'samsat-pembayaran']);
    expect(docs[0].sopNumber).toBe('01');
  });
});
