import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RuleSetService, ruleSetService } from '../../server/services/store/rules.js';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { clone, loadRuleSet } from './helpers.js';

const sedan = { vehicleType: 'sedan', njkb: 150000000, ownershipOrder: 1, usage: 'private', transfer: 'first', monthsLate: 0 };

describe.each(databaseKinds)('rule sets over HTTP (%s)', (kind) => {
  let t: TestApp;
  let manager: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp({ kind });
    manager = bearer(await loginAs(t.app, 'manager'));
  });
  afterAll(async () => t?.close());

  async function saveDraft(key: string, doc: unknown, ifMatch?: string) {
    return t.app.inject({ method: 'PUT', url: `/api/rulesets/${key}/draft`, headers: { ...manager, ...(ifMatch ? { 'if-match': ifMatch } : {}) }, payload: doc as object });
  }
  async function publish(key: string) {
    return t.app.inject({ method: 'POST', url: `/api/rulesets/${key}/publish`, headers: manager, payload: { effectiveFrom: '2020-01-01' } });
  }
  async function evaluate(key: string, body: unknown) {
    return t.app.inject({ method: 'POST', url: `/api/rulesets/${key}/evaluate`, payload: body as object });
  }

  it('an applicant computes the Samsat fees of a published tariff without logging in', async () => {
    expect((await saveDraft('samsat-fees', loadRuleSet('samsat-fees'))).statusCode).toBe(201);
    expect((await publish('samsat-fees')).statusCode).toBe(201);
    const res = await evaluate('samsat-fees', { facts: sedan, at: '2023-05-10' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.ruleSet).toMatchObject({ key: 'samsat-fees', publication: 1, period: { effectiveFrom: '2019-03-01', effectiveTo: '2025-01-04' } });
    expect(body.fees.map((f: { code: string; amount: string }) => [f.code, f.amount])).toEqual([
      ['PKB', '2756250'],
      ['SWDKLLJ', '143000'],
      ['BBNKB', '18750000'],
    ]);
    expect(body.total).toBe('21649250');
    // every fee line names the period (tariff) it was computed under
    expect(body.fees[0].period).toEqual({ effectiveFrom: '2019-03-01', effectiveTo: '2025-01-04', label: 'Perda Banten 1/2011 jo. Perda 4/2019' });
    expect(body.trace.length).toBe(13);
  });

  it('answers 404 for a rule set that is not published', async () => {
    const res = await evaluate('bphtb-fees', { facts: {} });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'RULESET_NOT_FOUND' });
  });

  it('refuses facts of the wrong type and missing required facts with 400 and the paths', async () => {
    const res = await evaluate('samsat-fees', { facts: { vehicleType: 'sedan', njkb: 'seratus juta' }, at: '2023-05-10' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'FACTS_INVALID', details: { issues: [{ code: 'FACT_TYPE', path: '/njkb' }] } });
    const missing = await evaluate('samsat-fees', { facts: { njkb: 1 }, at: '2023-05-10' });
    expect(missing.json()).toMatchObject({ code: 'FACTS_INVALID', details: { issues: [{ code: 'FACT_REQUIRED', path: '/vehicleType' }] } });
    // a second car before 5 January 2025 without its engine size: the progressive rate cannot be decided
    const noCc = await evaluate('samsat-fees', { facts: { vehicleType: 'minibus', njkb: 200000000, ownershipOrder: 2 }, at: '2024-06-01' });
    expect(noCc.statusCode).toBe(400);
    expect(noCc.json()).toMatchObject({ code: 'FACTS_INVALID', details: { issues: [{ code: 'FACT_REQUIRED', path: '/engineCc' }] } });
    const both = await evaluate('samsat-fees', { facts: { ...sedan, dueDate: '2024-03-10', monthsLate: 3 }, at: '2025-06-01' });
    expect(both.statusCode).toBe(400);
    expect(both.json()).toMatchObject({ code: 'FACTS_INVALID', details: { issues: [{ path: '/monthsLate' }] } });
    const noPeriod = await evaluate('samsat-fees', { facts: sedan, at: '2018-01-01' });
    expect(noPeriod.statusCode).toBe(422);
    expect(noPeriod.json().code).toBe('NO_PERIOD_IN_FORCE');
  });

  it('refuses to save a draft with an unknown operator, giving the code and path; nothing is published', async () => {
    const doc = clone(loadRuleSet('bphtb-fees'));
    (doc.versions[0].rules[0].conditions as { all: Array<{ operator: string }> }).all[0].operator = 'sama-dengan';
    const res = await saveDraft('bphtb-fees', doc);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'RULESET_INVALID', details: { errors: [{ code: 'UNKNOWN_OPERATOR', path: '/versions/0/rules/0/conditions/all/0/operator' }] } });
    expect((await evaluate('bphtb-fees', { facts: {} })).statusCode).toBe(404);
  });

  it('refuses to publish a tariff whose own tests fail, listing them, and keeps evaluating the published one', async () => {
    const draft = await t.app.inject({ method: 'GET', url: '/api/rulesets/samsat-fees/draft', headers: manager });
    const doc = clone(loadRuleSet('samsat-fees'));
    doc.versions[0].constants = { ...doc.versions[0].constants, tarifPkb: '1.8%' };
    expect((await saveDraft('samsat-fees', doc, draft.headers.etag as string)).statusCode).toBe(200);
    const res = await publish('samsat-fees');
    expect(res.statusCode).toBe(400);
    const errors = res.json().details.errors as Array<{ code: string; path: string; message: string }>;
    expect(errors.every((e) => e.code === 'TEST_FAILED')).toBe(true);
    expect(errors[0]).toMatchObject({ path: '/tests/0' });
    expect(errors[0].message).toContain('fee PKB: expected 2756250, got 2835000');
    const still = await evaluate('samsat-fees', { facts: sedan, at: '2023-05-10' });
    expect(still.json()).toMatchObject({ ruleSet: { publication: 1 }, fees: [{ code: 'PKB', amount: '2756250' }, { code: 'SWDKLLJ' }, { code: 'BBNKB' }] });
  });

  it('runs a draft\'s tests for managers only, on the saved draft or on a document not yet saved', async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/rulesets/samsat-fees/test', payload: {} });
    expect(anonymous.statusCode).toBe(401);
    const applicant = await t.app.inject({ method: 'POST', url: '/api/rulesets/samsat-fees/test', headers: bearer(await loginAs(t.app, 'pemohon1')), payload: {} });
    expect(applicant.statusCode).toBe(403);

    const saved = await t.app.inject({ method: 'POST', url: '/api/rulesets/samsat-fees/test', headers: manager, payload: {} });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ ok: false, failed: expect.any(Number) });
    expect(saved.json().failed).toBeGreaterThan(0);

    const unsaved = await t.app.inject({ method: 'POST', url: '/api/rulesets/samsat-fees/test', headers: manager, payload: { document: loadRuleSet('samsat-fees') } });
    expect(unsaved.json()).toMatchObject({ ok: true, failed: 0, issues: [] });
    expect(unsaved.json().outcomes[0]).toMatchObject({ name: expect.stringContaining('2023'), passed: true, fees: [{ code: 'PKB', amount: '2756250' }, { code: 'SWDKLLJ', amount: '143000' }, { code: 'BBNKB', amount: '18750000' }] });
  });

  it('a new tariff publication is used by the next evaluation, on this server and another, while an earlier result keeps its figures', async () => {
    const otherServer = new RuleSetService(t.database.db);
    const before = await otherServer.evaluate('samsat-fees', sedan, '2023-05-10');
    const stored = JSON.parse(JSON.stringify(before)); // what a running instance keeps in its variables
    expect(stored.ruleSet.publication).toBe(1);

    // A manager corrects the 2019 tariff (and its tests) and publishes.
    const draft = await t.app.inject({ method: 'GET', url: '/api/rulesets/samsat-fees/draft', headers: manager });
    const doc = clone(loadRuleSet('samsat-fees'));
    doc.versions[0].constants = { ...doc.versions[0].constants, tarifPkb: '1.8%' };
    doc.tests = [{ name: 'Sedan 2023 dengan tarif koreksi', at: '2023-05-10', facts: sedan, expect: { fees: { PKB: '2835000', BBNKB: '18750000', SWDKLLJ: '143000' } } }, doc.tests![1]];
    expect((await saveDraft('samsat-fees', doc, draft.headers.etag as string)).statusCode).toBe(200);
    const pub = await publish('samsat-fees');
    expect(pub.statusCode).toBe(201);
    expect(pub.json().version).toBe(2);

    const after = await evaluate('samsat-fees', { facts: sedan, at: '2023-05-10' });
    expect(after.json()).toMatchObject({ ruleSet: { publication: 2 }, fees: [{ code: 'PKB', amount: '2835000' }, { code: 'SWDKLLJ' }, { code: 'BBNKB', amount: '18750000' }] });
    expect(ruleSetService(t.database.db).cachedPublication('samsat-fees')).toBe(2);
    // the other server's cache held publication 1; one indexed check makes it see 2
    expect(otherServer.cachedPublication('samsat-fees')).toBe(1);
    expect((await otherServer.evaluate('samsat-fees', sedan, '2023-05-10')).fees[0].amount).toBe('2835000');
    // the earlier answer is plain data and still says what was computed then
    expect(stored).toEqual(before);
    expect(stored.fees[0]).toEqual({
      code: 'PKB',
      label: 'Pajak Kendaraan Bermotor',
      amount: '2756250',
      legalBasis: expect.stringContaining('Perda Provinsi Banten No. 1 Tahun 2011 sebagaimana diubah dengan Perda No. 4 Tahun 2019'),
      period: { effectiveFrom: '2019-03-01', effectiveTo: '2025-01-04', label: 'Perda Banten 1/2011 jo. Perda 4/2019' },
    });
  });
});

describe('the public fee calculator is rate limited', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ users: false });
    await t.database.db
      .insertInto('documents')
      .values({ kind: 'ruleset', key: 'kaloran-reklame', name: 'Reklame', agency: null, created_by: 'test' })
      .execute();
    const content = JSON.stringify(loadRuleSet('kaloran-reklame'));
    await t.database.db
      .insertInto('publications')
      .values({ kind: 'ruleset', key: 'kaloran-reklame', n: 1, content, sha256: 'x', note: '', effective_from: '2020-01-01', published_by: 'test', published_at: new Date() })
      .execute();
  });
  afterAll(async () => t?.close());

  it('answers 429 after 120 evaluations a minute from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 121; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/rulesets/kaloran-reklame/evaluate', payload: { facts: { lengthMeters: 4 } } });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 120).every((s) => s === 200)).toBe(true);
    expect(statuses[120]).toBe(429);
  });
});
