/**
 * "New from SOP table" on the server: an .xlsx in the Permenpan layout (merged "Pelaksana" and
 * "Mutu Baku" headers) read into cells the studio's reader understands; the roles catalogue with
 * the agencies of each post; a new role for a performer the catalogue lacks; and the draft
 * requirement set the import makes accepted by the workspace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { initialChoices } from '../../studio/features/import/role-mapping.js';
import { importSopTable, performersOf } from '../../studio/features/import/sop-import.js';
import { parseSopGrid, parseSopTable } from '../../studio/features/import/sop-table.js';
import { IMPORT_TEXTS } from '../studio/fixtures.js';
import { PERMENPAN_TSV, permenpanXlsx } from '../fixtures/import/xlsx.js';

const TSV = PERMENPAN_TSV;

let t: TestApp;
let admin: Record<string, string>;
let manager: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  admin = bearer(await loginAs(t.app, 'admin'));
  manager = bearer(await loginAs(t.app, 'manager'));
});
afterAll(async () => t?.close());

describe('SOP table import (server)', () => {
  it('reads an .xlsx with merged Permenpan headers into the same steps as the pasted table', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/import/sop-table', headers: admin, payload: { data: (await permenpanXlsx()).toString('base64') } });
    expect(res.statusCode, res.body).toBe(200);
    const fromXlsx = parseSopGrid(res.json().rows as string[][]);
    const pasted = parseSopTable(TSV);
    expect(fromXlsx.warnings).toEqual([]);
    expect(fromXlsx.layout).toBe('permenpan-two-rows');
    expect(fromXlsx.performers).toEqual(['Pemohon', 'Petugas Loket', 'Kepala Seksi', 'Sekretaris Camat', 'Camat']);
    expect(fromXlsx.rows).toEqual(pasted.rows);
    expect(fromXlsx.rows.map((r) => r.no)).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('refuses a file that is not a spreadsheet, and lets only admins send one', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/import/sop-table', headers: admin, payload: { data: Buffer.from('No,Kegiatan\n1,x').toString('base64') } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('TABLE_UNREADABLE');
    const notAdmin = await t.app.inject({ method: 'POST', url: '/api/import/sop-table', headers: manager, payload: { data: (await permenpanXlsx()).toString('base64') } });
    expect(notAdmin.statusCode).toBe(403);
  });

  it('lists each role with the agencies that have it', async () => {
    const roles = (await t.app.inject({ method: 'GET', url: '/api/roles', headers: manager })).json() as Array<{ key: string; agencies: string[] }>;
    expect(roles.find((r) => r.key === 'korektor')!.agencies).toEqual(['samsat-banten']);
    expect(roles.find((r) => r.key === 'camat')!.agencies).toContain('kecamatan-kaloran');
    expect(roles.find((r) => r.key === 'admin')!.agencies).toEqual([]);
  });

  it('creates the role an admin maps a new performer to, once, in the audit chain', async () => {
    const body = { key: 'sekretaris-camat', name: 'Sekretaris Camat', agencies: ['kecamatan-kaloran'] };
    expect((await t.app.inject({ method: 'POST', url: '/api/admin/roles', headers: manager, payload: body })).statusCode).toBe(403);
    const res = await t.app.inject({ method: 'POST', url: '/api/admin/roles', headers: admin, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ ...body, kind: 'officer' });
    const again = await t.app.inject({ method: 'POST', url: '/api/admin/roles', headers: admin, payload: body });
    expect([again.statusCode, again.json().code]).toEqual([409, 'ROLE_EXISTS']);
    const unknown = await t.app.inject({ method: 'POST', url: '/api/admin/roles', headers: admin, payload: { key: 'lurah', name: 'Lurah', agencies: ['kelurahan-entah'] } });
    expect([unknown.statusCode, unknown.json().code]).toEqual([400, 'UNKNOWN_AGENCY']);
    expect((await t.app.inject({ method: 'GET', url: '/api/roles', headers: admin })).json()).toContainEqual({ ...body, kind: 'officer' });
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'subject', 'actor']).where('action', '=', 'role.create').execute();
    expect(audit).toEqual([{ action: 'role.create', subject: 'role:sekretaris-camat', actor: 'admin' }]);
    // a grant of the new post is accepted at once
    const grant = await t.app.inject({ method: 'POST', url: '/api/admin/users', headers: admin, payload: { username: 'sekcam.kaloran', password: 'sekretaris-kaloran-2026', roles: [{ role: 'sekretaris-camat', office: 'kecamatan-kaloran' }] } });
    expect(grant.statusCode, grant.body).toBe(201);
  });

  it('stores the import\'s draft requirement set and model as workspace drafts that pass the checks', async () => {
    const parsed = parseSopTable(TSV);
    const roles = (await t.app.inject({ method: 'GET', url: '/api/roles', headers: admin })).json() as Array<{ key: string; name: string }>;
    const { xml, ruleSet } = importSopTable(parsed.rows, {
      key: 'izin-impor',
      name: 'Izin impor',
      agency: 'kecamatan-kaloran',
      roles: initialChoices(performersOf(parsed.rows, parsed.performers), roles),
      performers: parsed.performers,
      requirements: ['Formulir permohonan', 'Fotokopi KTP'],
      effectiveFrom: '2026-01-01',
      texts: IMPORT_TEXTS,
    });
    const rs = await t.app.inject({ method: 'PUT', url: `/api/rulesets/${ruleSet!.key}/draft`, headers: { ...admin, 'content-type': 'application/json' }, payload: JSON.stringify(ruleSet) });
    expect(rs.statusCode, rs.body).toBeLessThan(300);
    const tests = await t.app.inject({ method: 'POST', url: `/api/rulesets/${ruleSet!.key}/test`, headers: admin, payload: {} });
    expect(tests.statusCode, tests.body).toBe(200);
    expect(JSON.stringify(tests.json())).not.toMatch(/"passed":false/);
    const model = await t.app.inject({ method: 'PUT', url: '/api/processes/izin-impor/draft', headers: { ...admin, 'content-type': 'application/xml' }, payload: xml });
    expect(model.statusCode, model.body).toBeLessThan(300);
  });
});
