import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { simpleProcess } from '../fixtures/bpmn.js';

const XML = { 'content-type': 'application/xml' };
const SAMSAT_FEES = readFileSync(new URL('../../rules/samsat-fees.json', import.meta.url), 'utf8');

interface Entry {
  n: number;
  state: string;
  effectiveFrom: string;
  publishedBy: string;
  note: string;
  legalBasis: { regulation?: string; article?: string; date?: string } | null;
  summary: Array<{ kind: string; subject?: string; name?: string; period?: string; before?: string; after?: string }>;
}

describe.each(databaseKinds)('publication dates and change history (%s)', (kind) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let manager: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp({ kind });
    admin = bearer(await loginAs(t.app, 'admin'));
    manager = bearer(await loginAs(t.app, 'manager'));
  });
  afterAll(async () => t?.close());

  let revision = 0;
  async function putProcess(xml: string) {
    const headers = revision === 0 ? { ...XML, ...manager } : { ...XML, ...manager, 'if-match': `"${revision}"` };
    const res = await t.app.inject({ method: 'PUT', url: '/api/processes/uji-riwayat/draft', payload: xml, headers });
    expect(res.statusCode).toBeLessThan(300);
    revision = res.json().revision;
  }
  const publishProcess = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/processes/uji-riwayat/publish', headers: manager, payload });

  it('a publication records its legal basis and the one in force cannot be predated', async () => {
    await putProcess(simpleProcess('uji-riwayat'));
    const first = await publishProcess({
      effectiveFrom: '2025-01-05',
      note: 'SOP awal',
      legalBasis: { regulation: 'Perda Provinsi Banten No. 1 Tahun 2011', article: 'Pasal 7', date: '2011-03-01' },
    });
    expect(first.statusCode).toBe(201);
    expect(first.json().legalBasis).toEqual({ regulation: 'Perda Provinsi Banten No. 1 Tahun 2011', article: 'Pasal 7', date: '2011-03-01' });

    await putProcess(simpleProcess('uji-riwayat', { duration: 'PT7M', role: 'kasir' }));
    const early = await publishProcess({ effectiveFrom: '2024-12-01', note: 'salah tanggal' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'EFFECTIVE_DATE_BEFORE_CURRENT', details: { field: 'effectiveFrom', current: { n: 1, effectiveFrom: '2025-01-05' } } });
    const versions = await t.app.inject({ method: 'GET', url: '/api/processes/uji-riwayat/versions', headers: manager });
    expect(versions.json()).toHaveLength(1);

    // the same date as the one in force is allowed: the new publication takes over at once
    const second = await publishProcess({ effectiveFrom: '2025-01-05', note: 'Kasir mengoreksi, SLA 7 menit', legalBasis: { regulation: 'Pergub Banten No. 12 Tahun 2024', article: '' } });
    expect(second.statusCode).toBe(201);
    expect(second.json().legalBasis).toEqual({ regulation: 'Pergub Banten No. 12 Tahun 2024' });
  });

  it('the versions list marks the publication in force today and the scheduled one', async () => {
    await putProcess(simpleProcess('uji-riwayat', { duration: 'PT7M', role: 'kasir', name: 'Proses uji baru' }).replace('name="Koreksi nota"', 'name="Periksa nota"'));
    const scheduled = await publishProcess({ effectiveFrom: '2099-01-01', note: 'Berlaku tahun 2099' });
    expect(scheduled.statusCode).toBe(201);
    const versions = await t.app.inject({ method: 'GET', url: '/api/processes/uji-riwayat/versions', headers: manager });
    expect(versions.json().map((v: { n: number; state: string }) => [v.n, v.state])).toEqual([
      [3, 'scheduled'],
      [2, 'in-force'],
      [1, 'superseded'],
    ]);
    // a scheduled publication does not lift the bar: the date in force is still version 2's
    await putProcess(simpleProcess('uji-riwayat', { duration: 'PT9M' }));
    const early = await publishProcess({ effectiveFrom: '2024-06-01' });
    expect(early.json().code).toBe('EFFECTIVE_DATE_BEFORE_CURRENT');
  });

  it('the change history lists every publication with legal basis, author, note and what changed', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/processes/uji-riwayat/changelog', headers: manager });
    expect(res.statusCode).toBe(200);
    const log = res.json() as Entry[];
    expect(log.map((e) => [e.n, e.state, e.publishedBy])).toEqual([
      [3, 'scheduled', 'manager'],
      [2, 'in-force', 'manager'],
      [1, 'superseded', 'manager'],
    ]);
    expect(log[2]).toMatchObject({ note: 'SOP awal', effectiveFrom: '2025-01-05', legalBasis: { article: 'Pasal 7' }, summary: [{ kind: 'first-publication' }] });
    expect(log[1].summary).toEqual(
      expect.arrayContaining([
        { kind: 'step-role-changed', subject: 'koreksi', name: 'Koreksi nota', before: 'korektor', after: 'kasir' },
        { kind: 'step-duration-changed', subject: 'koreksi', name: 'Koreksi nota', before: 'PT3M', after: 'PT7M' },
        { kind: 'role-added', subject: 'kasir' },
        { kind: 'role-removed', subject: 'korektor' },
      ]),
    );
    expect(log[0].summary).toEqual([{ kind: 'step-renamed', subject: 'koreksi', before: 'Koreksi nota', after: 'Periksa nota' }]);
    const forAdmin = await t.app.inject({ method: 'GET', url: '/api/processes/uji-riwayat/changelog', headers: admin });
    expect(forAdmin.statusCode).toBe(200);
  });

  it('a rule set refuses a predated publication and its history names changed constants, periods and rules', async () => {
    const put = (doc: unknown, rev?: number) =>
      t.app.inject({ method: 'PUT', url: '/api/rulesets/samsat-fees/draft', headers: { ...manager, ...(rev ? { 'if-match': `"${rev}"` } : {}) }, payload: doc as Record<string, unknown> });
    const pub = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/rulesets/samsat-fees/publish', headers: manager, payload });
    const doc = JSON.parse(SAMSAT_FEES) as { versions: Array<Record<string, unknown> & { effectiveFrom: string; effectiveTo?: string; constants: Record<string, unknown> }> };
    expect((await put(doc)).statusCode).toBe(201);
    expect((await pub({ effectiveFrom: '2026-01-01', note: 'Tarif 2026' })).statusCode).toBe(201);

    // a new period from 2027 with a higher PKB tariff, and one rule of it dropped
    const last = doc.versions[doc.versions.length - 1];
    const next = structuredClone(last);
    last.effectiveTo = '2026-12-31';
    next.effectiveFrom = '2027-01-01';
    delete next.effectiveTo;
    next.constants = { ...next.constants, tarifPkb: '2%' };
    doc.versions.push(next);
    // every period needs a dated test case before it can be published
    (doc as unknown as { tests: unknown[] }).tests.push({ name: 'NJKB wajib diisi (2027)', at: '2027-02-01', facts: { vehicleType: 'sedan' }, expect: { error: 'FACTS_INVALID' } });
    expect((await put(doc, 1)).statusCode).toBe(200);
    const early = await pub({ effectiveFrom: '2025-12-31' });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('EFFECTIVE_DATE_BEFORE_CURRENT');
    const ok = await pub({ effectiveFrom: '2026-12-01', note: 'Tarif PKB 2027', legalBasis: { regulation: 'Perda Banten No. 9 Tahun 2026', article: 'Pasal 8 ayat (1)', date: '2026-11-20' } });
    expect(ok.statusCode).toBe(201);

    const res = await t.app.inject({ method: 'GET', url: '/api/rulesets/samsat-fees/changelog', headers: admin });
    expect(res.statusCode).toBe(200);
    const [newest, first] = res.json() as Entry[];
    expect(first.summary).toEqual([{ kind: 'first-publication' }]);
    expect(newest).toMatchObject({ n: 2, state: 'in-force', legalBasis: { regulation: 'Perda Banten No. 9 Tahun 2026', article: 'Pasal 8 ayat (1)', date: '2026-11-20' } });
    expect(newest.summary).toEqual(
      expect.arrayContaining([
        { kind: 'period-added', subject: '2027-01-01' },
        { kind: 'period-end-changed', subject: last.effectiveFrom, after: '2026-12-31' },
      ]),
    );
  });
  it('a submission for approval with a date before the one in force is refused at once, not later at the approver', async () => {
    expect((await t.app.inject({ method: 'PUT', url: '/api/processes/uji-riwayat/approval-setting', headers: admin, payload: { required: true } })).statusCode).toBe(200);
    const early = await publishProcess({ effectiveFrom: '2024-06-01', note: 'salah tanggal' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'EFFECTIVE_DATE_BEFORE_CURRENT', details: { field: 'effectiveFrom', current: { n: 2, effectiveFrom: '2025-01-05' } } });
    const explicit = await t.app.inject({ method: 'POST', url: '/api/processes/uji-riwayat/approvals', headers: manager, payload: { effectiveFrom: '2024-06-01' } });
    expect(explicit.json().code).toBe('EFFECTIVE_DATE_BEFORE_CURRENT');
    // nothing was submitted: the list is empty and a correct date goes through
    const list = await t.app.inject({ method: 'GET', url: '/api/processes/uji-riwayat/approvals', headers: manager });
    expect(list.json().approvals).toEqual([]);
    expect((await publishProcess({ effectiveFrom: '2025-01-05', note: 'tanggal benar' })).statusCode).toBe(202);
  });
});
