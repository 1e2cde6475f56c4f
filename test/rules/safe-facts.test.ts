import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { chain, end, model, start } from '../runtime/support/bpmn.js';
import { publishProcess } from '../runtime/support/publish.js';
import { CONTENT_VALIDATORS } from '../../server/services/store/validators.js';
import { miniFeeSet } from './helpers.js';

/**
 * Issue 16, findings 3 and 11: a manager's fact pattern "^(a+)+$" held the server for 4.9 s on
 * 31 characters of an anonymous evaluate; facts of 1e309 gave "Rp Infinity" and 1e308 a
 * 313-digit total.
 */
describe.each(databaseKinds)('fact schemas that cannot hurt the server (%s)', (kind) => {
  let t: TestApp;
  let manager: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp({ kind });
    manager = bearer(await loginAs(t.app, 'manager'));
  });
  afterAll(async () => t?.close());

  async function saveAndPublish(key: string, doc: unknown) {
    const draft = await t.app.inject({ method: 'PUT', url: `/api/rulesets/${key}/draft`, headers: manager, payload: { ...(doc as object), key } });
    if (draft.statusCode !== 201) return draft;
    return t.app.inject({ method: 'POST', url: `/api/rulesets/${key}/publish`, headers: manager, payload: { effectiveFrom: '2020-01-01' } });
  }
  const evaluate = (key: string, body: string) =>
    t.app.inject({ method: 'POST', url: `/api/rulesets/${key}/evaluate`, headers: { 'content-type': 'application/json' }, payload: body });

  it('the ReDoS pattern is published but runs in linear time: a long anonymous evaluate is answered', async () => {
    const doc = miniFeeSet();
    doc.facts.properties.category = { type: 'string', title: 'Kategori', pattern: '^(a+)+$' };
    expect((await saveAndPublish('uji-redos', doc)).statusCode).toBe(201);
    const attack = await evaluate('uji-redos', JSON.stringify({ facts: { amount: 1000, category: `${'a'.repeat(20_000)}!` }, at: '2024-06-01' }));
    expect(attack.statusCode).toBe(400);
    expect(attack.json()).toMatchObject({ code: 'FACTS_INVALID', details: { issues: [{ path: '/category' }] } });
    const fine = await evaluate('uji-redos', JSON.stringify({ facts: { amount: 1000, category: 'aaaa' }, at: '2024-06-01' }));
    expect(fine.statusCode).toBe(200);
  });

  it('a pattern the linear-time engine cannot run is refused at draft with 400 PATTERN_REFUSED', async () => {
    const doc = miniFeeSet();
    doc.facts.properties.category = { type: 'string', title: 'Kategori', pattern: '^(a+)\\1$' };
    const res = await saveAndPublish('uji-backref', doc);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'PATTERN_REFUSED', details: { errors: [{ code: 'PATTERN_REFUSED', path: '/facts/properties/category/pattern' }] } });
  });

  it('a keyword outside the allowed subset is refused with its path', async () => {
    const doc = miniFeeSet() as unknown as { facts: Record<string, unknown> };
    doc.facts.patternProperties = { '^x': { type: 'string' } };
    const res = await saveAndPublish('uji-keyword', doc);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'RULESET_INVALID', details: { errors: [{ code: 'SCHEMA_KEYWORD', path: '/facts/patternProperties' }] } });
  });

  it('1e309 and 1e308 are refused as facts (400 FACTS_INVALID), never "Infinity" or a 313-digit total', async () => {
    expect((await saveAndPublish('mini-fees', miniFeeSet())).statusCode).toBe(201);
    for (const amount of ['1e309', '1e308', '-1e309']) {
      const res = await evaluate('mini-fees', `{"facts":{"amount":${amount}},"at":"2024-06-01"}`);
      expect(res.statusCode, amount).toBe(400);
      expect(res.json()).toMatchObject({ code: 'FACTS_INVALID', details: { issues: [{ path: '/amount' }] } });
      expect(res.body).not.toContain('Infinity');
    }
    // a fact without a declared maximum gets the default range too (divisor declares none)
    const undeclared = await evaluate('mini-fees', '{"facts":{"amount":1000,"divisor":1e300},"at":"2024-06-01"}');
    expect(undeclared.statusCode).toBe(400);
    const ok = await evaluate('mini-fees', '{"facts":{"amount":1000},"at":"2024-06-01"}');
    expect(ok.json()).toMatchObject({ total: '100' });
  });

  it('a form schema is held to the same subset: a pattern RE2 cannot run refuses the publication', async () => {
    const form = JSON.stringify({ schema: { type: 'object', properties: { nomor: { type: 'string', pattern: '^(a)\\1$' } } } }).replace(/"/g, '&quot;');
    const xml = model(
      'uji-formulir',
      `${start()}<bpmn:userTask id="isi" name="Isi" sop:duration="P1D" sop:form="${form}" />${end()}${chain('start', 'isi', 'end')}`,
      { lanes: { korektor: ['start', 'isi', 'end'] }, attrs: 'sop:starterRoles="korektor"' },
    );
    await expect(publishProcess(t.database.db, 'uji-formulir', xml, undefined, CONTENT_VALIDATORS)).rejects.toMatchObject({ code: 'PATTERN_REFUSED' });
  });
});
