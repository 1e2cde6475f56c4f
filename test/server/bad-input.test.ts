import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { chain, end, model, start, userTask } from '../runtime/support/bpmn.js';
import { publishProcess } from '../runtime/support/publish.js';

/**
 * Issue 16, finding 9: input a statement or a parser met first answered 500. Each kind is now a
 * 4xx with the error shape {code, message, details?}, on both databases, and nothing is stored.
 */
describe.each(databaseKinds)('bad input gets a 4xx, never a 500 (%s)', (kind) => {
  let t: TestApp;
  let officer: Record<string, string>;
  let manager: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp({ kind });
    officer = bearer(await loginAs(t.app, 'korektor.samsat-serang'));
    manager = bearer(await loginAs(t.app, 'manager'));
    await publishProcess(
      t.database.db,
      'uji-masukan',
      model('uji-masukan', `${start()}${userTask('periksa', 'sop:duration="P1D"')}${end()}${chain('start', 'periksa', 'end')}`, { lanes: { korektor: ['start', 'periksa', 'end'] }, attrs: 'sop:starterRoles="korektor"' }),
    );
  });
  afterAll(async () => t?.close());

  const json = (method: 'POST' | 'PUT', url: string, body: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { 'content-type': 'application/json', ...headers }, payload: body });
  const shaped = (res: { statusCode: number; json(): unknown }, status: number, code: string) => {
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ code, message: expect.any(String) });
  };

  it('NUL bytes and lone surrogates in log-in, registration, business key, variables and query', async () => {
    for (const text of ['"a\\u0000b"', '"a\\ud800b"', '"\\udc00"']) {
      shaped(await json('POST', '/api/auth/login', `{"username":${text},"password":"Rahasia-Kantor-2026"}`), 400, 'INPUT_INVALID');
      shaped(await json('POST', '/api/auth/register', `{"name":${text},"email":"warga@contoh.id","password":"Rahasia-Kantor-2026"}`), 400, 'INPUT_INVALID');
      shaped(await json('POST', '/api/processes/uji-masukan/instances', `{"office":"samsat-serang","businessKey":${text},"variables":{}}`, officer), 400, 'INPUT_INVALID');
      shaped(await json('POST', '/api/processes/uji-masukan/instances', `{"office":"samsat-serang","variables":{"catatan":${text}}}`, officer), 400, 'INPUT_INVALID');
      shaped(await json('POST', '/api/processes/uji-masukan/instances', `{"office":"samsat-serang","variables":{${text}:1}}`, officer), 400, 'INPUT_INVALID');
    }
    shaped(await t.app.inject({ method: 'GET', url: '/api/auth/me?x=a%00b', headers: officer }), 400, 'INPUT_INVALID');
    expect(await t.database.db.selectFrom('users').select('id').where('email', '=', 'warga@contoh.id').execute()).toEqual([]);
    expect(await t.database.db.selectFrom('runtime_instances').select('id').where('process_key', '=', 'uji-masukan').execute()).toEqual([]);
  });

  it('JSON nested thousands deep, and BPMN XML nested thousands deep', async () => {
    const deep = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
    shaped(await json('POST', '/api/processes/uji-masukan/instances', `{"office":"samsat-serang","variables":{"x":${deep}}}`, officer), 400, 'INPUT_INVALID');
    shaped(await json('POST', '/api/auth/login', `[${'['.repeat(5_000)}${']'.repeat(5_000)}]`), 400, 'INPUT_INVALID');
    const xml = `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">${'<a>'.repeat(20_000)}${'</a>'.repeat(20_000)}</bpmn:definitions>`;
    const res = await t.app.inject({ method: 'PUT', url: '/api/processes/uji-dalam/draft', headers: { ...manager, 'content-type': 'application/xml' }, payload: xml });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });

  it('malformed and gzip multipart bodies', async () => {
    const upload = (headers: Record<string, string>, payload: string | Buffer) =>
      t.app.inject({ method: 'POST', url: '/api/uploads?document=ktp', headers: { ...officer, ...headers }, payload });
    shaped(await upload({ 'content-type': 'multipart/form-data; boundary=xyz', 'content-encoding': 'gzip' }, Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0])), 415, 'UNSUPPORTED_MEDIA_TYPE');
    const cut = '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 terpotong';
    shaped(await upload({ 'content-type': 'multipart/form-data; boundary=xyz' }, cut), 400, 'UPLOAD_INVALID');
    shaped(await upload({ 'content-type': 'multipart/form-data' }, 'tanpa batas'), 400, 'UPLOAD_INVALID');
    expect(await t.database.db.selectFrom('uploads').select('id').execute()).toEqual([]);
  });

  it('two registrations of the same account at the same moment: one 201, the other 409 USER_EXISTS', async () => {
    const register = () => json('POST', '/api/auth/register', '{"name":"Kembar","email":"kembar@contoh.id","password":"Rahasia-Kantor-2026"}');
    const answers = await Promise.all(Array.from({ length: 6 }, register));
    const statuses = answers.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    for (const r of answers.filter((a) => a.statusCode === 409)) expect(r.json().code).toBe('USER_EXISTS');
  });
});
