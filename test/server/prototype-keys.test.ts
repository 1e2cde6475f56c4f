/**
 * Probe (assessment round 3): `__proto__` and `constructor.prototype` as JSON keys in process
 * variables (a start, a message), rule facts, and a rule set's own content. A body with such a key
 * is refused before any route runs (fastify's JSON parser: 400 with the error shape), nothing is
 * stored, and a rule set whose content carries one (parsed by the server itself) pollutes no
 * object's prototype. Kept as a regression: a custom JSON parser or a merge of variables with
 * assignment would reopen it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { chain, end, model, start, userTask } from '../runtime/support/bpmn.js';
import { publishProcess } from '../runtime/support/publish.js';

const POISON = [
  '{"__proto__":{"sys":{"documentNumber":"PALSU"},"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":{"__proto__":{"polluted":true}}}',
];

describe('prototype keys in JSON never reach an object’s prototype', () => {
  let t: TestApp;
  let officer: Record<string, string>;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    officer = bearer(await loginAs(t.app, 'korektor.samsat-serang'));
    admin = bearer(await loginAs(t.app, 'admin'));
    await publishProcess(
      t.database.db,
      'uji-proto',
      model('uji-proto', `${start()}${userTask('periksa', 'sop:duration="P1D"')}${end()}${chain('start', 'periksa', 'end')}`, { lanes: { korektor: ['start', 'periksa', 'end'] }, attrs: 'sop:starterRoles="korektor"' }),
    );
  });
  afterAll(async () => t?.close());

  const post = (url: string, body: string, headers: Record<string, string>) => t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: body });

  it('in a start’s variables, a message’s variables and rule facts: 400 with the error shape, nothing stored', async () => {
    for (const vars of POISON) {
      for (const [url, body] of [
        ['/api/processes/uji-proto/instances', `{"office":"samsat-serang","variables":${vars}}`],
        ['/api/messages', `{"name":"x","correlationKey":"y","variables":${vars}}`],
        ['/api/rulesets/kaloran-reklame/evaluate', `{"facts":${vars}}`],
      ] as const) {
        const res = await post(url, body, officer);
        expect(res.statusCode, `${url} ${vars}: ${res.body}`).toBe(400);
        expect(res.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      }
    }
    expect(await t.database.db.selectFrom('runtime_instances').select('id').where('process_key', '=', 'uji-proto').execute()).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a rule set draft: refused at the route; saved through the store (the seed, the CLI), its keys stay data', async () => {
    const content = JSON.stringify({
      key: 'uji-proto-rules',
      title: 'Uji',
      kind: 'fee',
      facts: { type: 'object', properties: { n: { type: 'number', minimum: 0, maximum: 10 } } },
      versions: [],
    }).replace('"facts":{', '"__proto__":{"polluted":true},"facts":{"__proto__":{"polluted":true},');
    const res = await t.app.inject({ method: 'PUT', url: '/api/rulesets/uji-proto-rules/draft', headers: { ...admin, 'content-type': 'application/json' }, payload: content });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    const { saveDraft } = await import('../../server/services/store/store.js');
    const { CONTENT_VALIDATORS } = await import('../../server/services/store/validators.js');
    await saveDraft(t.database.db, { kind: 'ruleset', key: 'uji-proto-rules', content, actor: 'test', validators: CONTENT_VALIDATORS }).catch(() => undefined);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });
});
