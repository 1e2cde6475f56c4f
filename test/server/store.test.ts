import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../server/services/store/hash.js';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { simpleProcess } from '../fixtures/bpmn.js';

const XML = { 'content-type': 'application/xml' };

describe.each(databaseKinds)('process and rule-set store (%s)', (kind) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let manager: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp({ kind });
    admin = bearer(await loginAs(t.app, 'admin'));
    manager = bearer(await loginAs(t.app, 'manager'));
  });
  afterAll(async () => t?.close());

  const put = (key: string, body: string, headers: Record<string, string>) =>
    t.app.inject({ method: 'PUT', url: `/api/processes/${key}/draft`, payload: body, headers: { ...XML, ...headers } });

  async function countRows(key: string) {
    const drafts = await t.database.db.selectFrom('drafts').select('key').where('key', '=', key).execute();
    const pubs = await t.database.db.selectFrom('publications').select('key').where('key', '=', key).execute();
    return drafts.length + pubs.length;
  }

  it('an administrator saves a new draft, gets its revision as ETag, and reads it back', async () => {
    const xml = simpleProcess('uji-draf');
    const res = await put('uji-draf', xml, admin);
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.json()).toMatchObject({ key: 'uji-draf', revision: 1, status: 'draft', sha256: sha256(xml) });
    const got = await t.app.inject({ method: 'GET', url: '/api/processes/uji-draf/draft', headers: admin });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toContain('application/xml');
    expect(got.headers.etag).toBe('"1"');
    expect(got.body).toBe(xml);
  });

  it('updating an existing draft without If-Match is refused with 428', async () => {
    const res = await put('uji-draf', simpleProcess('uji-draf', { duration: 'PT4M' }), admin);
    expect(res.statusCode).toBe(428);
    expect(res.json().code).toBe('DRAFT_PRECONDITION_REQUIRED');
  });

  it('two editors cannot silently overwrite each other: the stale one gets 409 with who and when', async () => {
    const first = await put('uji-draf', simpleProcess('uji-draf', { duration: 'PT5M' }), { ...manager, 'if-match': '"1"' });
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    const stale = await put('uji-draf', simpleProcess('uji-draf', { duration: 'PT9M' }), { ...admin, 'if-match': '"1"' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'DRAFT_CONFLICT', details: { updatedBy: 'manager', revision: 2, updatedAt: expect.any(String) } });
    const got = await t.app.inject({ method: 'GET', url: '/api/processes/uji-draf/draft', headers: admin });
    expect(got.body).toContain('sop:duration="PT5M"');
  });

  it('publishing makes version n+1 with who, when, note, effectiveFrom and sha256', async () => {
    const draft = await t.app.inject({ method: 'GET', url: '/api/processes/uji-draf/draft', headers: admin });
    const res = await t.app.inject({ method: 'POST', url: '/api/processes/uji-draf/publish', headers: manager, payload: { effectiveFrom: '2025-01-05', note: 'SLA korektor 5 menit' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ key: 'uji-draf', version: 1, effectiveFrom: '2025-01-05', note: 'SLA korektor 5 menit', publishedBy: 'manager' });
    const v = await t.app.inject({ method: 'GET', url: '/api/processes/uji-draf/versions/1', headers: admin });
    expect(v.statusCode).toBe(200);
    expect(v.json()).toMatchObject({ n: 1, content: draft.body, sha256: sha256(draft.body), publishedBy: 'manager', effectiveFrom: '2025-01-05' });
    // publishing the same content again is refused: nothing changed
    const again = await t.app.inject({ method: 'POST', url: '/api/processes/uji-draf/publish', headers: manager, payload: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('NOTHING_TO_PUBLISH');
    // edit, publish version 2; version 1 stays as it was
    await put('uji-draf', simpleProcess('uji-draf', { duration: 'PT7M' }), { ...admin, 'if-match': '"2"' });
    const v2 = await t.app.inject({ method: 'POST', url: '/api/processes/uji-draf/publish', headers: admin, payload: { note: 'v2' } });
    expect(v2.json().version).toBe(2);
    const list = await t.app.inject({ method: 'GET', url: '/api/processes/uji-draf/versions', headers: admin });
    expect(list.json().map((x: { n: number }) => x.n)).toEqual([2, 1]);
    const again1 = await t.app.inject({ method: 'GET', url: '/api/processes/uji-draf/versions/1', headers: admin });
    expect(again1.json().content).toContain('PT5M');
  });

  it('the library lists key, name, latest version and draft status', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/processes', headers: admin });
    expect(res.statusCode).toBe(200);
    const row = res.json().find((r: { key: string }) => r.key === 'uji-draf');
    expect(row).toMatchObject({ key: 'uji-draf', name: 'Proses uji', agency: 'samsat-banten', status: 'published', latestVersion: 2, hasDraft: false });
  });

  it('published versions cannot be changed or deleted, not even with SQL', async () => {
    await expect(sql`update publications set note = 'diam-diam' where key = 'uji-draf'`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from publications where key = 'uji-draf'`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.database.db)).rejects.toThrow(/append-only/);
  });

  it('XML with a DOCTYPE or entity declaration (XXE) is refused and nothing is stored', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>` + simpleProcess('uji-xxe').replace(/^<\?xml[^>]*>/, '');
    const res = await put('uji-xxe', xxe, admin);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'XML_UNSAFE', message: expect.any(String) });
    expect(await countRows('uji-xxe')).toBe(0);
  });

  it('a document that is not BPMN, or has a non-BPMN root, is refused with 400', async () => {
    const notXml = await put('uji-bukan', 'ini bukan xml', admin);
    expect(notXml.statusCode).toBe(400);
    expect(notXml.json().code).toBe('XML_INVALID');
    const otherRoot = await put('uji-bukan', '<?xml version="1.0"?><html><body>halo</body></html>', admin);
    expect(otherRoot.statusCode).toBe(400);
    expect(otherRoot.json().code).toBe('NOT_BPMN');
    const processRoot = await put(
      'uji-bukan',
      '<bpmn:process xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="x"><bpmn:startEvent id="s"/></bpmn:process>',
      admin,
    );
    expect(processRoot.statusCode).toBe(400);
    expect(processRoot.json().code).toBe('NOT_BPMN');
    const broken = await put('uji-bukan', simpleProcess('uji-bukan').replace('</bpmn:process>', ''), admin);
    expect(broken.statusCode).toBe(400);
    expect(await countRows('uji-bukan')).toBe(0);
  });

  it('a body over 5 MB gets 413 with the same error shape', async () => {
    const huge = simpleProcess('uji-besar').replace('Proses uji', 'x'.repeat(5 * 1024 * 1024 + 10));
    const res = await put('uji-besar', huge, admin);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.any(String) });
    expect(await countRows('uji-besar')).toBe(0);
  });

  it('keys must match the key pattern', async () => {
    for (const bad of ['A', 'Uji-Besar', '-uji', 'uji_draf', 'a'.repeat(65)]) {
      const res = await put(bad, simpleProcess('x'), admin);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
  });

  it('a model marked perlu-verifikasi is kept as a draft and cannot be published until verified', async () => {
    const res = await put('uji-verifikasi', simpleProcess('uji-verifikasi', { status: 'perlu-verifikasi' }), admin);
    expect(res.json().status).toBe('perlu-verifikasi');
    const pub = await t.app.inject({ method: 'POST', url: '/api/processes/uji-verifikasi/publish', headers: admin, payload: {} });
    expect(pub.statusCode).toBe(400);
    expect(pub.json().details.errors[0].code).toBe('NEEDS_VERIFICATION');
    const list = await t.app.inject({ method: 'GET', url: '/api/processes', headers: admin });
    expect(list.json().find((r: { key: string }) => r.key === 'uji-verifikasi').status).toBe('perlu-verifikasi');
  });

  it('publishing is one transaction: a failure in the middle leaves no half version', async () => {
    await put('uji-atomik', simpleProcess('uji-atomik'), admin);
    // make the audit append (the last write of a publish) fail inside the database
    await sql`create function sop_test_fail() returns trigger language plpgsql as $$ begin raise exception 'gagal di tengah'; end $$`.execute(t.database.db);
    await sql`create trigger sop_test_fail before insert on audit_log for each row when (new.subject like 'process:uji-atomik%') execute function sop_test_fail()`.execute(t.database.db);
    try {
      const res = await t.app.inject({ method: 'POST', url: '/api/processes/uji-atomik/publish', headers: admin, payload: {} });
      expect(res.statusCode).toBe(500);
      expect(res.json().code).toBe('INTERNAL');
      const pubs = await t.database.db.selectFrom('publications').select('n').where('key', '=', 'uji-atomik').execute();
      expect(pubs).toHaveLength(0);
    } finally {
      await sql`drop trigger sop_test_fail on audit_log`.execute(t.database.db);
      await sql`drop function sop_test_fail()`.execute(t.database.db);
    }
    const ok = await t.app.inject({ method: 'POST', url: '/api/processes/uji-atomik/publish', headers: admin, payload: {} });
    expect(ok.json().version).toBe(1);
  });

  it('rule sets are stored as JSON documents that must have a key and a kind', async () => {
    const doc = { key: 'uji-tarif', title: 'Tarif uji', kind: 'fees', legalBasis: { regulation: 'Perda uji' }, facts: { type: 'object', properties: {} }, versions: [], tests: [] };
    const bad = await t.app.inject({ method: 'PUT', url: '/api/rulesets/uji-tarif/draft', headers: admin, payload: { title: 'tanpa kunci' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('RULESET_INVALID');
    const mismatch = await t.app.inject({ method: 'PUT', url: '/api/rulesets/uji-tarif/draft', headers: admin, payload: { ...doc, key: 'lain' } });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().details.errors[0].code).toBe('KEY_MISMATCH');
    expect(await countRows('uji-tarif')).toBe(0);
  });

  it('unknown fields in a publish body are refused', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/processes/uji-draf/publish', headers: admin, payload: { note: 'x', force: true } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });
});
