import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../server/db/index.js';
import { createUser, type SessionUser } from '../../server/services/accounts/accounts.js';
import { sendSignal, startInstance } from '../../server/services/runtime/runtime.js';
import { seedCatalog } from '../../server/services/offices/seed.js';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { chain, end, model, start, userTask } from './support/bpmn.js';
import { publishProcess } from './support/publish.js';

const SERANG = 'samsat-serang';
const CILEGON = 'samsat-cilegon';

/** Payment at the cashier, interrupted when the kasi announces that the bank's system is down. */
const kasirModel = model(
  'uji-sinyal',
  `${start()}${userTask('bayar', 'sop:duration="PT10M"')}<bpmn:boundaryEvent id="gangguan" attachedToRef="bayar"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:boundaryEvent>${userTask('tunai', 'sop:duration="PT10M"')}${end()}${end('e2')}
  ${chain('start', 'bayar', 'end')}${chain('gangguan', 'tunai', 'e2')}`,
  { lanes: { kasir: ['start', 'bayar', 'tunai', 'end', 'e2'] }, attrs: 'sop:starterRoles="kasir"', extra: '<bpmn:signal id="sig" name="bank-down" sop:senders="kasi" />' },
);

describe.each(databaseKinds)('POST /api/signals (%s)', (kind) => {
  let t: TestApp;
  const as: Record<string, Record<string, string>> = {};
  beforeAll(async () => {
    t = await createTestApp({ kind });
    await publishProcess(t.database.db, 'uji-sinyal', kasirModel);
    for (const u of [`kasir.${SERANG}`, `kasir.${CILEGON}`, `kasi.${SERANG}`]) as[u] = bearer(await loginAs(t.app, u));
  });
  afterAll(async () => t?.close());

  const startAt = async (office: string) =>
    (await t.app.inject({ method: 'POST', url: '/api/processes/uji-sinyal/instances', headers: as[`kasir.${office}`], payload: { office, variables: {} } })).json() as { id: string };
  const tokens = async (id: string) =>
    ((await t.database.db.selectFrom('runtime_instances').select('tokens').where('id', '=', id).executeTakeFirstOrThrow()).tokens as Array<{ element: string }>).map((x) => x.element);

  it('the declared sender broadcasts to the waiting applications of their office only', async () => {
    const serang = await startAt(SERANG);
    const cilegon = await startAt(CILEGON);
    const sent = await t.app.inject({ method: 'POST', url: '/api/signals', headers: as[`kasi.${SERANG}`], payload: { name: 'bank-down', office: SERANG, variables: { sejak: '10:00' } } });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toEqual({ instanceIds: [serang.id], started: [] });
    expect(await tokens(serang.id)).toEqual(['tunai']);
    expect(await tokens(cilegon.id)).toEqual(['bayar']);
    const bayar = await t.database.db.selectFrom('runtime_tasks').select('status').where('instance_id', '=', serang.id).where('element_id', '=', 'bayar').executeTakeFirstOrThrow();
    expect(bayar.status).toBe('cancelled');
  });

  it('is refused to a role the model does not name, and for another office', async () => {
    const byKasir = await t.app.inject({ method: 'POST', url: '/api/signals', headers: as[`kasir.${SERANG}`], payload: { name: 'bank-down', office: SERANG } });
    expect(byKasir.statusCode).toBe(403);
    const elsewhere = await t.app.inject({ method: 'POST', url: '/api/signals', headers: as[`kasi.${SERANG}`], payload: { name: 'bank-down', office: CILEGON } });
    expect(elsewhere.statusCode).toBe(403);
    const unknown = await t.app.inject({ method: 'POST', url: '/api/signals', headers: as[`kasi.${SERANG}`], payload: { name: 'tidak-ada', office: SERANG } });
    expect(unknown.json()).toMatchObject({ code: 'SIGNAL_NOT_DECLARED' });
  });
});

describe('a signal subscription survives a restart (file-backed PGlite)', () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('an application waiting before the restart is reached by a signal sent after it', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sop-sig-'));
    let opened = await openDatabase({ dataDir: dir });
    await migrateToLatest(opened.db);
    await seedCatalog(opened.db);
    const user = (role: string): Promise<SessionUser> =>
      createUser(opened.db, { username: `${role}-${Math.random().toString(36).slice(2, 8)}`, password: 'Rahasia-Kantor-2026', roles: [{ role, office: SERANG }] }, 'test');
    const kasir = await user('kasir');
    const kasi = await user('kasi');
    await publishProcess(opened.db, 'uji-sinyal', kasirModel);
    const inst = await startInstance(opened.db, kasir, 'uji-sinyal', { office: SERANG });
    expect(inst.activeElements).toEqual(['bayar']);
    await opened.close();

    opened = await openDatabase({ dataDir: dir });
    expect(await sendSignal(opened.db, kasi, { name: 'bank-down', office: SERANG, variables: {} })).toEqual({ instanceIds: [inst.id], started: [] });
    const row = await opened.db.selectFrom('runtime_instances').select('tokens').where('id', '=', inst.id).executeTakeFirstOrThrow();
    expect((row.tokens as Array<{ element: string }>).map((x) => x.element)).toEqual(['tunai']);
    await opened.close();
  });
});
