/**
 * Eligibility over HTTP, on both databases: a Kaloran IMB outside the kecamatan's remit
 * (more than 100 m², more than one storey) is answered with the reasons in the asker's language
 * and no fee, and an application with such facts cannot be started (400 NOT_ELIGIBLE).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish, saveDraft } from '../../server/services/store/store.js';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { loadRuleSet, RULES_DIR } from './helpers.js';

const house = { buildingClass: 'permanen', activityType: 'hunian' };

describe.each(databaseKinds)('eligibility over HTTP (%s)', (kind) => {
  let t: TestApp;
  let loket: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp({ kind });
    const db = t.database.db;
    for (const key of ['kaloran-imb', 'kaloran-imb-persyaratan']) {
      await saveDraft(db, { kind: 'ruleset', key, content: JSON.stringify(loadRuleSet(key)), actor: 'test' });
      await publish(db, { kind: 'ruleset', key, effectiveFrom: '2020-01-01', note: 'uji', actor: 'test' });
    }
    const xml = readFileSync(path.join(RULES_DIR, '../processes/kaloran-imb.bpmn'), 'utf8');
    await saveDraft(db, { kind: 'process', key: 'kaloran-imb', content: xml, actor: 'test' });
    await publish(db, { kind: 'process', key: 'kaloran-imb', effectiveFrom: '2020-01-01', note: 'uji', actor: 'test' });
    loket = bearer(await loginAs(t.app, 'petugas-loket.kecamatan-kaloran'));
  });
  afterAll(async () => t?.close());

  const evaluate = (key: string, payload: object, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url: `/api/rulesets/${key}/evaluate`, payload, headers });

  it('a 120 m² house: not eligible, the reason in Indonesian with its source line and where to go instead, no fee', async () => {
    const res = await evaluate('kaloran-imb', { facts: { ...house, buildingArea: 120 }, at: '2025-03-01' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ eligible: false, fees: [], documents: [], total: '0' });
    expect(body.reasons).toEqual([
      {
        code: 'IMB-LUAS-LEBIH-100',
        message: 'IMB di kecamatan hanya untuk rumah tinggal dengan luas bangunan paling luas 100 m²',
        legalBasis: expect.stringContaining('baris 32–33'),
        redirect: 'Ajukan Persetujuan Bangunan Gedung (PBG, pengganti IMB) ke DPMPTSP Kabupaten Temanggung',
      },
    ]);
  });

  it('the reasons follow Accept-Language, or `lang` in the body', async () => {
    const en = await evaluate('kaloran-imb', { facts: { ...house, buildingArea: 80, floors: 2 } }, { 'accept-language': 'en-GB,en;q=0.9,id;q=0.5' });
    expect(en.json().reasons.map((r: { message: string }) => r.message)).toEqual(['The sub-district issues IMB only for single-storey houses']);
    const id = await evaluate('kaloran-imb', { facts: { ...house, buildingArea: 80, floors: 2 }, lang: 'id' }, { 'accept-language': 'en' });
    expect(id.json().reasons[0].message).toBe('IMB di kecamatan hanya untuk rumah tinggal tidak bertingkat');
    // the requirement set answers the same way (the apply page asks it)
    const req = await evaluate('kaloran-imb-persyaratan', { facts: { buildingArea: 101 } });
    expect(req.json()).toMatchObject({ eligible: false, documents: [], reasons: [{ code: 'IMB-LUAS-LEBIH-100' }] });
  });

  it('within the remit: eligible, no reasons, the fee as before; the new facts are optional', async () => {
    const res = await evaluate('kaloran-imb', { facts: { ...house, buildingArea: 100 }, at: '2025-03-01' });
    expect(res.json()).toMatchObject({ eligible: true, reasons: [], total: '1000000' });
  });

  it('bad facts still answer 400 with the JSON path', async () => {
    const res = await evaluate('kaloran-imb', { facts: { ...house, buildingArea: 90, floors: 'dua' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'FACTS_INVALID', details: { issues: [expect.objectContaining({ path: '/floors' })] } });
  });

  it('starting an IMB for a 150 m² house → 400 NOT_ELIGIBLE with details.reasons, nothing stored; a 90 m² one starts', async () => {
    const refused = await t.app.inject({ method: 'POST', url: '/api/processes/kaloran-imb/instances', headers: loket, payload: { office: 'kecamatan-kaloran', variables: { buildingArea: 150, floors: 1 } } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'NOT_ELIGIBLE', details: { reasons: [expect.objectContaining({ code: 'IMB-LUAS-LEBIH-100', legalBasis: expect.any(String) })] } });
    const count = await t.database.db.selectFrom('runtime_instances').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
    const ok = await t.app.inject({ method: 'POST', url: '/api/processes/kaloran-imb/instances', headers: loket, payload: { office: 'kecamatan-kaloran', variables: { buildingArea: 90, floors: 1 } } });
    expect(ok.statusCode).toBe(201);
  });

  it('the services catalog names the facts the remit is judged on, so the apply form asks for them', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/services?office=kecamatan-kaloran' });
    const imb = (res.json() as Array<{ key: string; requirementFacts: { eligibility: string[] }; feeFacts: Record<string, { eligibility: string[] }> }>).find((s) => s.key === 'kaloran-imb')!;
    expect(imb.requirementFacts.eligibility.sort()).toEqual(['buildingArea', 'floors']);
    expect(imb.feeFacts['kaloran-imb'].eligibility.sort()).toEqual(['buildingArea', 'floors']);
  });

  it('the OpenAPI document shows eligible and reasons on the evaluate answer', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const answer = doc.paths['/api/rulesets/{key}/evaluate'].post.responses['200'].content['application/json'].schema;
    expect(answer.required).toEqual(expect.arrayContaining(['eligible', 'reasons']));
    expect(answer.properties.reasons.items.properties).toHaveProperty('redirect');
  });
});
