import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/services/accounts/accounts.js';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { chain, end, model, start, userTask } from '../runtime/support/bpmn.js';
import { publishProcess } from '../runtime/support/publish.js';

const SOP = model('uji-delegasi', `${start()}${userTask('periksa', 'sop:duration="PT1H"')}${end()}${chain('start', 'periksa', 'end')}`, {
  lanes: { 'petugas-loket': ['start', 'periksa', 'end'] },
  attrs: 'sop:starterRoles="petugas-loket"',
});
const OFFICE = 'kecamatan-kaloran';
const PASSWORD = 'Rahasia-Kantor-2026';
const USERS = [
  { username: 'loket.cuti', roles: [{ role: 'petugas-loket', office: OFFICE }] },
  // the colleague: the same role, in another office
  { username: 'loket.depok', roles: [{ role: 'petugas-loket', office: 'bapenda-depok' }] },
  { username: 'tim.kaloran', roles: [{ role: 'tim-teknis', office: OFFICE }] },
  { username: 'kepala.kaloran', roles: [{ role: 'manager', office: OFFICE }] },
];
const jakartaDay = (offsetDays: number) => new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe.each(databaseKinds)('delegation of a post while an officer is on leave (%s)', (kind) => {
  let t: TestApp;
  const as: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await createTestApp({ kind, users: false });
    for (const u of USERS) await createUser(t.database.db, { ...u, password: PASSWORD }, 'test');
    for (const u of USERS) as[u.username] = bearer(await loginAs(t.app, u.username, PASSWORD));
    await publishProcess(t.database.db, 'uji-delegasi', SOP);
  });
  afterAll(async () => t?.close());

  const inbox = async (u: string, tab: 'mine' | 'available') =>
    ((await t.app.inject({ method: 'GET', url: `/api/inbox?tab=${tab}`, headers: as[u] })).json() as { tasks: Array<{ id: string }> }).tasks.map((x) => x.id);
  async function newTask(): Promise<string> {
    const started = await t.app.inject({ method: 'POST', url: '/api/processes/uji-delegasi/instances', headers: as['loket.cuti'], payload: { office: OFFICE, variables: {} } });
    expect(started.statusCode).toBe(201);
    return (await t.database.db.selectFrom('runtime_tasks').select('id').where('instance_id', '=', started.json().id).executeTakeFirstOrThrow()).id;
  }

  it('only a colleague with the same role, only by the officer or a supervisor of the office, with sane dates', async () => {
    const post = { role: 'petugas-loket', office: OFFICE, startsOn: jakartaDay(0), endsOn: jakartaDay(2) };
    const toOtherRole = await t.app.inject({ method: 'POST', url: '/api/delegations', headers: as['loket.cuti'], payload: { ...post, to: 'tim.kaloran' } });
    expect(toOtherRole.statusCode).toBe(400);
    expect(toOtherRole.json().code).toBe('DELEGATION_INVALID');
    const byStranger = await t.app.inject({ method: 'POST', url: '/api/delegations', headers: as['tim.kaloran'], payload: { ...post, from: 'loket.cuti', to: 'loket.depok' } });
    expect(byStranger.statusCode).toBe(403);
    const backwards = await t.app.inject({ method: 'POST', url: '/api/delegations', headers: as['loket.cuti'], payload: { ...post, startsOn: jakartaDay(3), to: 'loket.depok' } });
    expect(backwards.statusCode).toBe(400);
  });

  it('moves the post’s tasks to the colleague’s inbox, records "atas nama", and gives them back after the end date', async () => {
    const queued = await newTask();
    const taken = await newTask();
    expect((await t.app.inject({ method: 'POST', url: `/api/tasks/${taken}/claim`, headers: as['loket.cuti'] })).statusCode).toBe(200);
    expect(await inbox('loket.depok', 'available')).not.toContain(queued);
    expect(await inbox('loket.depok', 'mine')).not.toContain(taken);

    // The office's supervisor sets it on the officer's behalf.
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/delegations',
      headers: as['kepala.kaloran'],
      payload: { role: 'petugas-loket', office: OFFICE, from: 'loket.cuti', to: 'loket.depok', startsOn: jakartaDay(0), endsOn: jakartaDay(2), reason: 'cuti tahunan' },
    });
    expect(created.statusCode).toBe(201);
    const delegation = created.json();
    expect(delegation).toMatchObject({ from: 'loket.cuti', to: 'loket.depok', createdBy: 'kepala.kaloran' });

    expect(await inbox('loket.depok', 'available')).toContain(queued);
    expect(await inbox('loket.depok', 'mine')).toContain(taken);
    const done = await t.app.inject({ method: 'POST', url: `/api/tasks/${taken}/complete`, headers: as['loket.depok'], payload: { variables: {} } });
    expect(done.statusCode).toBe(200);
    const history = (await t.app.inject({ method: 'GET', url: `/api/instances/${done.json().instance.id}/history`, headers: as['kepala.kaloran'] })).json().items;
    expect(history.find((h: { event: string; elementId: string }) => h.elementId === 'periksa' && h.event === 'completed').details).toEqual({ atasNama: 'loket.cuti' });

    // Everyone concerned sees it; the audit log has it.
    for (const u of ['loket.cuti', 'loket.depok', 'kepala.kaloran']) {
      const list = (await t.app.inject({ method: 'GET', url: '/api/delegations', headers: as[u] })).json() as Array<{ id: number }>;
      expect(list.map((d) => d.id)).toContain(delegation.id);
    }
    expect(((await t.app.inject({ method: 'GET', url: '/api/delegations', headers: as['tim.kaloran'] })).json() as unknown[]).length).toBe(0);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'actor']).where('action', '=', 'delegation.create').execute();
    expect(audit).toEqual([{ action: 'delegation.create', actor: 'kepala.kaloran' }]);

    // The leave is over (its last day moved into the past, as the calendar would): the task is back.
    await t.database.db.updateTable('delegations').set({ starts_on: jakartaDay(-5), ends_on: jakartaDay(-1) }).where('id', '=', delegation.id).execute();
    // (on PostgreSQL another server's kept session hears of it by NOTIFY, within milliseconds)
    await expect.poll(() => inbox('loket.depok', 'available')).not.toContain(queued);
    expect(await inbox('loket.cuti', 'available')).toContain(queued);
    const late = await t.app.inject({ method: 'POST', url: `/api/tasks/${queued}/complete`, headers: as['loket.depok'], payload: { variables: {} } });
    expect(late.statusCode).toBe(404);

    const removed = await t.app.inject({ method: 'DELETE', url: `/api/delegations/${delegation.id}`, headers: as['loket.cuti'] });
    expect(removed.statusCode).toBe(204);
  });
});
