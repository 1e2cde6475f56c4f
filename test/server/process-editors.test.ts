/**
 * Attack (assessment round 2): a manager of one office rewrites another agency's SOP. The studio's
 * write routes asked only for the role `manager`, in any office; the demo gives a camat and every
 * kepala UPT such a grant for their own office (the cockpit), so the camat of Kaloran could put a
 * new Samsat SOP in force, approve a colleague's submission of it (the four-eyes rule) and move
 * Samsat's running applications onto it. (Dampak over their own office, submitting and sending
 * back stay theirs: nothing is put in force by them.) Changing what every office runs is now for admins and
 * managers of every office (core/access.ts mayEditProcesses); an office's manager reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/services/accounts/accounts.js';
import { submitForApproval } from '../../server/services/store/approvals.js';
import { saveDraft } from '../../server/services/store/store.js';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { chain, end, model, start, userTask } from '../runtime/support/bpmn.js';
import { publishProcess } from '../runtime/support/publish.js';

const KEY = 'uji-samsat-editor';
const sop = (step: string) =>
  model(KEY, `${start()}${userTask(step, 'sop:duration="PT1H"')}${end()}${chain('start', step, 'end')}`, { lanes: { kasir: ['start', step, 'end'] }, attrs: 'sop:starterRoles="kasir"' }).replace(
    'id="defs_',
    'sop:agency="samsat-banten" id="defs_',
  );

describe.each(databaseKinds)("an office's manager does not change what every office runs (%s)", (kind) => {
  let t: TestApp;
  const as: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await createTestApp({ kind, users: false });
    const accounts = [
      { username: 'camat.kaloran', roles: [{ role: 'manager', office: 'kecamatan-kaloran' }] },
      { username: 'manager', roles: [{ role: 'manager', office: null }] },
    ];
    await Promise.all(accounts.map((a) => createUser(t.database.db, { ...a, password: t.password }, 'test')));
    for (const a of accounts) as[a.username] = bearer(await loginAs(t.app, a.username));
    await publishProcess(t.database.db, KEY, sop('bayar'));
  }, 120_000);
  afterAll(async () => t?.close());

  const call = (user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: as[user], ...(payload ? { payload } : {}) });

  it('the camat may read the SOP but not publish it, approve it, migrate its applications or edit its service standard', async () => {
    const current = await t.database.db.selectFrom('drafts').select('revision').where('kind', '=', 'process').where('key', '=', KEY).executeTakeFirstOrThrow();
    await saveDraft(t.database.db, { kind: 'process', key: KEY, content: sop('bayar-tunai'), actor: 'penyusun', ifMatch: Number(current.revision) });
    expect((await call('camat.kaloran', 'GET', `/api/processes/${KEY}/draft`)).statusCode).toBe(200);
    const approval = (await submitForApproval(t.database.db, { kind: 'process', key: KEY, actor: 'penyusun' })).id;
    for (const [method, url, body] of [
      ['POST', `/api/processes/${KEY}/publish`, { note: 'ganti' }],
      ['POST', `/api/processes/${KEY}/approvals/${approval}/approve`, undefined],
      ['POST', `/api/processes/${KEY}/migrations`, { from: 1, to: 1, dryRun: true }],
      ['PUT', `/api/service-standards/${KEY}`, { texts: { jumlahPelaksana: '1 orang' } }],
    ] as const) {
      const res = await call('camat.kaloran', method, url, body);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    const versions = (await call('manager', 'GET', `/api/processes/${KEY}/versions`)).json() as unknown[];
    expect(versions).toHaveLength(1);
    // the process administrator (a manager of every office) approves: published
    const approved = await call('manager', 'POST', `/api/processes/${KEY}/approvals/${approval}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
  });
});
