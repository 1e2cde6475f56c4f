import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, loginAs, TEST_PASSWORD, type TestApp } from '../helpers/app.js';
import { simpleProcess } from '../fixtures/bpmn.js';

/**
 * One table, every route, every kind of caller. "pass" means the request got past
 * authorization (any status other than 401/403); numbers are exact statuses.
 */
type Persona = 'anonymous' | 'pemohon' | 'officerOtherRole' | 'officerOtherOffice' | 'officer' | 'manager' | 'admin';
type Expect = 'pass' | 401 | 403;
interface Row {
  route: string; // "METHOD /openapi/{path}" as listed in the OpenAPI document
  request: { method: string; url: string; payload?: unknown; headers?: Record<string, string> };
  expect: Record<Persona, Expect>;
}

const PERSONAS: Record<Persona, string | null> = {
  anonymous: null,
  pemohon: 'pemohon1',
  // the fixture's work belongs to korektor at samsat-serang
  officer: 'korektor.samsat-serang',
  officerOtherRole: 'kasir.samsat-serang',
  officerOtherOffice: 'korektor.samsat-cilegon',
  manager: 'manager',
  admin: 'admin',
};

const PUBLIC: Record<Persona, Expect> = { anonymous: 'pass', pemohon: 'pass', officer: 'pass', officerOtherRole: 'pass', officerOtherOffice: 'pass', manager: 'pass', admin: 'pass' };
const SIGNED_IN: Record<Persona, Expect> = { ...PUBLIC, anonymous: 401 };
const EDITORS: Record<Persona, Expect> = { anonymous: 401, pemohon: 403, officer: 403, officerOtherRole: 403, officerOtherOffice: 403, manager: 'pass', admin: 'pass' };

const xml = { 'content-type': 'application/xml' };

function storeRows(base: string, key: string, draftBody: () => unknown, headers: Record<string, string> = {}): Row[] {
  const p = base.replace('/api/', '');
  return [
    { route: `GET /api/${p}`, request: { method: 'GET', url: base }, expect: SIGNED_IN },
    { route: `GET /api/${p}/{key}/draft`, request: { method: 'GET', url: `${base}/${key}/draft` }, expect: EDITORS },
    { route: `PUT /api/${p}/{key}/draft`, request: { method: 'PUT', url: `${base}/${key}-baru/draft`, payload: draftBody(), headers }, expect: EDITORS },
    { route: `POST /api/${p}/{key}/publish`, request: { method: 'POST', url: `${base}/${key}/publish`, payload: { note: 'uji' } }, expect: EDITORS },
    { route: `GET /api/${p}/{key}/versions`, request: { method: 'GET', url: `${base}/${key}/versions` }, expect: SIGNED_IN },
    { route: `GET /api/${p}/{key}/versions/{n}`, request: { method: 'GET', url: `${base}/${key}/versions/1` }, expect: SIGNED_IN },
  ];
}

const ROWS: Row[] = [
  { route: 'GET /api/health', request: { method: 'GET', url: '/api/health' }, expect: PUBLIC },
  { route: 'POST /api/auth/login', request: { method: 'POST', url: '/api/auth/login', payload: { username: 'manager', password: TEST_PASSWORD } }, expect: PUBLIC },
  { route: 'GET /api/auth/me', request: { method: 'GET', url: '/api/auth/me' }, expect: SIGNED_IN },
  { route: 'POST /api/auth/logout', request: { method: 'POST', url: '/api/auth/logout' }, expect: SIGNED_IN },
  { route: 'GET /api/offices', request: { method: 'GET', url: '/api/offices' }, expect: SIGNED_IN },
  { route: 'GET /api/roles', request: { method: 'GET', url: '/api/roles' }, expect: SIGNED_IN },
  ...storeRows('/api/processes', 'uji-otorisasi', () => simpleProcess('uji-otorisasi-baru'), xml),
  ...storeRows('/api/rulesets', 'uji-aturan', () => ({ key: 'uji-aturan-baru', kind: 'requirements', title: 'x' })),
];

function openapiRoutes(app: FastifyInstance): string[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
}

describe('authorization: every route against every kind of caller', () => {
  let t: TestApp;
  const tokens = new Map<Persona, string>();
  beforeAll(async () => {
    t = await createTestApp();
    const admin = bearer(await loginAs(t.app, 'admin'));
    await t.app.inject({ method: 'PUT', url: '/api/processes/uji-otorisasi/draft', payload: simpleProcess('uji-otorisasi'), headers: { ...admin, ...xml } });
    await t.app.inject({ method: 'POST', url: '/api/processes/uji-otorisasi/publish', payload: {}, headers: admin });
    await t.app.inject({ method: 'PUT', url: '/api/rulesets/uji-aturan/draft', payload: { key: 'uji-aturan', kind: 'requirements', title: 'Uji' }, headers: admin });
    for (const [persona, username] of Object.entries(PERSONAS) as Array<[Persona, string | null]>) {
      if (username) tokens.set(persona, await loginAs(t.app, username));
    }
  });
  afterAll(async () => t?.close());

  it('every route of the OpenAPI document has a row in the table', () => {
    const covered = new Set(ROWS.map((r) => r.route));
    const missing = openapiRoutes(t.app).filter((r) => !covered.has(r) && !r.startsWith('GET /docs'));
    expect(missing).toEqual([]);
  });

  for (const row of ROWS) {
    it(`${row.route}`, async () => {
      const got: Record<string, number | string> = {};
      const want: Record<string, number | string> = {};
      for (const persona of Object.keys(PERSONAS) as Persona[]) {
        // log-out would end the persona's session for the rows after it
        const token = row.route === 'POST /api/auth/logout' && persona !== 'anonymous' ? await loginAs(t.app, PERSONAS[persona]!) : tokens.get(persona);
        const res = await t.app.inject({
          method: row.request.method as 'GET',
          url: row.request.url,
          payload: row.request.payload as string,
          headers: { ...(row.request.headers ?? {}), ...(token ? bearer(token) : {}) },
        });
        const status = res.statusCode;
        got[persona] = status === 401 || status === 403 ? status : 'pass';
        want[persona] = row.expect[persona];
      }
      expect(got).toEqual(want);
    });
  }
});
