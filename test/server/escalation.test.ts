import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/services/accounts/accounts.js';
import { refreshAnalytics } from '../../server/services/cockpit/analytics.js';
import { escalateOverdue } from '../../server/services/workspace/escalation.js';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { chain, end, start, userTask } from '../runtime/support/bpmn.js';
import { publishProcess } from '../runtime/support/publish.js';

// The loket checks the file in 2 working hours; the lane is supervised by the kasi of the office.
const SOP = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:sop="https://sop-studio.id/schema/bpmn/sop/1.0" id="defs_uji" targetNamespace="https://sop-studio.id/test">
<bpmn:process id="uji-eskalasi" name="Uji eskalasi" isExecutable="true" sop:starterRoles="petugas-loket">
<bpmn:laneSet id="ls"><bpmn:lane id="lane_loket" name="Loket" sop:role="petugas-loket" sop:supervisorRole="kasi"><bpmn:flowNodeRef>start</bpmn:flowNodeRef><bpmn:flowNodeRef>periksa</bpmn:flowNodeRef><bpmn:flowNodeRef>end</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
${start()}${userTask('periksa', 'sop:duration="PT2H"')}${end()}${chain('start', 'periksa', 'end')}
</bpmn:process>
</bpmn:definitions>`;
// Where the model escalates by itself: the field check (a sub-process) raises LEWAT-WAKTU as it
// starts, caught by a non-interrupting escalation boundary on it.
const BPMN_ESCALATION = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:sop="https://sop-studio.id/schema/bpmn/sop/1.0" id="defs_uji2" targetNamespace="https://sop-studio.id/test">
<bpmn:escalation id="esc" escalationCode="LEWAT-WAKTU" />
<bpmn:process id="uji-eskalasi-model" name="Uji eskalasi model" isExecutable="true" sop:starterRoles="petugas-loket">
<bpmn:laneSet id="ls2"><bpmn:lane id="lane_loket2" name="Loket" sop:role="petugas-loket" sop:supervisorRole="kasi">${['start', 'cek', 'end', 'naik', 'e3', 's2', 'lapor', 'kerja', 'e2'].map((id) => `<bpmn:flowNodeRef>${id}</bpmn:flowNodeRef>`).join('')}</bpmn:lane></bpmn:laneSet>
${start()}<bpmn:subProcess id="cek" name="Cek lapangan"><bpmn:startEvent id="s2" /><bpmn:intermediateThrowEvent id="lapor"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:intermediateThrowEvent>${userTask('kerja', 'sop:duration="PT1H"')}${end('e2')}${chain('s2', 'lapor', 'kerja', 'e2')}</bpmn:subProcess>
<bpmn:boundaryEvent id="naik" attachedToRef="cek" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:boundaryEvent>
${end()}${end('e3')}${chain('start', 'cek', 'end')}${chain('naik', 'e3')}
</bpmn:process>
</bpmn:definitions>`;
const OFFICE = 'kecamatan-kaloran';
const PASSWORD = 'Rahasia-Kantor-2026';
const USERS = [
  { username: 'loket.satu', roles: [{ role: 'petugas-loket', office: OFFICE }] },
  { username: 'loket.dua', roles: [{ role: 'petugas-loket', office: OFFICE }] },
  { username: 'kasi.kaloran', roles: [{ role: 'kasi', office: OFFICE }] },
  { username: 'kasi.lain', roles: [{ role: 'kasi', office: 'bapenda-depok' }] },
  { username: 'tim.kaloran', roles: [{ role: 'tim-teknis', office: OFFICE }] },
  { username: 'kepala.kaloran', roles: [{ role: 'manager', office: OFFICE }] },
  { username: 'kepala.depok', roles: [{ role: 'manager', office: 'bapenda-depok' }] },
];

describe.each(databaseKinds)('escalation of late tasks and the supervisor’s actions (%s)', (kind) => {
  let t: TestApp;
  const as: Record<string, Record<string, string>> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ kind, users: false });
    for (const u of USERS) ids[u.username] = (await createUser(t.database.db, { ...u, password: PASSWORD }, 'test')).id;
    for (const u of USERS) as[u.username] = bearer(await loginAs(t.app, u.username, PASSWORD));
    await publishProcess(t.database.db, 'uji-eskalasi', SOP);
    await publishProcess(t.database.db, 'uji-eskalasi-model', BPMN_ESCALATION);
  });
  afterAll(async () => t?.close());

  /** A fresh application whose check step is already an hour past its due time (set by hand). */
  async function lateTask(): Promise<string> {
    const started = await t.app.inject({ method: 'POST', url: '/api/processes/uji-eskalasi/instances', headers: as['loket.satu'], payload: { office: OFFICE, variables: {} } });
    expect(started.statusCode).toBe(201);
    const task = await t.database.db.selectFrom('runtime_tasks').select('id').where('instance_id', '=', started.json().id).executeTakeFirstOrThrow();
    await t.database.db.updateTable('runtime_tasks').set({ due_at: new Date(Date.now() - 3_600_000) }).where('id', '=', task.id).execute();
    return task.id;
  }

  it('an overdue task is escalated exactly once, even with two workers racing, and the supervisors are told', async () => {
    const taskId = await lateTask();
    const onTime = await t.app.inject({ method: 'POST', url: '/api/processes/uji-eskalasi/instances', headers: as['loket.satu'], payload: { office: OFFICE, variables: {} } });
    const [a, b] = await Promise.all([escalateOverdue(t.database.db), escalateOverdue(t.database.db)]);
    expect(a + b).toBe(1);
    expect(await escalateOverdue(t.database.db)).toBe(0);

    const task = await t.database.db.selectFrom('runtime_tasks').select(['instance_id', 'escalated_at']).where('id', '=', taskId).executeTakeFirstOrThrow();
    expect(task.escalated_at).not.toBeNull();
    const history = await t.app.inject({ method: 'GET', url: `/api/instances/${task.instance_id}/history`, headers: as['kepala.kaloran'] });
    const escalated = history.json().items.filter((h: { event: string }) => h.event === 'escalated');
    expect(escalated).toHaveLength(1);
    expect(escalated[0]).toMatchObject({ elementId: 'periksa', actor: 'system', taskId, details: { supervisorRole: 'kasi', office: OFFICE } });

    // The kasi of the office and the office's manager hear of it; the kasi elsewhere, the
    // other office's manager and the officers do not.
    const escalations = async (u: string): Promise<Array<{ kind: string; message: string }>> =>
      ((await t.app.inject({ method: 'GET', url: '/api/notifications', headers: as[u] })).json() as Array<{ kind: string; message: string }>).filter((n) => n.kind === 'escalation');
    expect(await escalations('kasi.kaloran')).toHaveLength(1);
    expect(await escalations('kepala.kaloran')).toHaveLength(1);
    expect(await escalations('kasi.lain')).toHaveLength(0);
    expect(await escalations('kepala.depok')).toHaveLength(0);
    expect(await escalations('loket.dua')).toHaveLength(0);
    expect((await escalations('kasi.kaloran'))[0].message).toContain('terlambat');
    // The task that is not late is left alone.
    const other = await t.database.db.selectFrom('runtime_tasks').select('escalated_at').where('instance_id', '=', onTime.json().id).executeTakeFirstOrThrow();
    expect(other.escalated_at).toBeNull();
  });

  it('the kasi reassigns a task to another loket officer of the office, who then has it and completes it', async () => {
    const taskId = await lateTask();
    const byOfficer = await t.app.inject({ method: 'POST', url: `/api/tasks/${taskId}/reassign`, headers: as['tim.kaloran'], payload: { username: 'loket.dua' } });
    expect(byOfficer.statusCode).toBe(404);
    const byOtherManager = await t.app.inject({ method: 'POST', url: `/api/tasks/${taskId}/reassign`, headers: as['kepala.depok'], payload: { username: 'loket.dua' } });
    expect(byOtherManager.statusCode).toBe(404);
    const toWrongPost = await t.app.inject({ method: 'POST', url: `/api/tasks/${taskId}/reassign`, headers: as['kasi.kaloran'], payload: { username: 'tim.kaloran' } });
    expect(toWrongPost.statusCode).toBe(400);
    expect(toWrongPost.json().code).toBe('REASSIGN_TARGET_INVALID');

    const moved = await t.app.inject({ method: 'POST', url: `/api/tasks/${taskId}/reassign`, headers: as['kasi.kaloran'], payload: { username: 'loket.dua' } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ id: taskId, claimedBy: ids['loket.dua'] });
    const mine = await t.app.inject({ method: 'GET', url: '/api/tasks?scope=mine', headers: as['loket.dua'] });
    expect(mine.json().items.map((x: { id: string }) => x.id)).toContain(taskId);
    // The officer it was given to is told (the catalogue's task-assigned event), with a link to it.
    const told = ((await t.app.inject({ method: 'GET', url: '/api/notifications', headers: as['loket.dua'] })).json() as Array<{ kind: string; message: string; link: string }>).filter((n) => n.kind === 'task-assigned');
    expect(told).toEqual([expect.objectContaining({ message: 'Tugas untuk Anda: Tugas periksa', link: `/inbox/tasks/${taskId}` })]);
    const notYours = await t.app.inject({ method: 'POST', url: `/api/tasks/${taskId}/complete`, headers: as['loket.satu'], payload: { variables: {} } });
    expect(notYours.statusCode).toBe(409);
    const done = await t.app.inject({ method: 'POST', url: `/api/tasks/${taskId}/complete`, headers: as['loket.dua'], payload: { variables: {} } });
    expect(done.statusCode).toBe(200);
    const again = await t.app.inject({ method: 'POST', url: `/api/tasks/${taskId}/reassign`, headers: as['kasi.kaloran'], payload: { username: 'loket.satu' } });
    expect(again.statusCode).toBe(409);
  });

  it('the office manager takes a task and completes it; history says who reassigned and who took', async () => {
    const taskId = await lateTask();
    const taken = await t.app.inject({ method: 'POST', url: `/api/tasks/${taskId}/take`, headers: as['kepala.kaloran'] });
    expect(taken.statusCode).toBe(200);
    expect(taken.json().claimedBy).toBe(ids['kepala.kaloran']);
    const done = await t.app.inject({ method: 'POST', url: `/api/tasks/${taskId}/complete`, headers: as['kepala.kaloran'], payload: { variables: {} } });
    expect(done.statusCode).toBe(200);
    const instanceId = done.json().instance.id;
    const history = (await t.app.inject({ method: 'GET', url: `/api/instances/${instanceId}/history`, headers: as['kepala.kaloran'] })).json().items;
    expect(history.map((h: { event: string }) => h.event)).toEqual(expect.arrayContaining(['taken', 'completed']));
    expect(history.find((h: { event: string }) => h.event === 'taken').details).toMatchObject({ by: 'kepala.kaloran', to: ids['kepala.kaloran'] });
  });

  it('an escalation the model throws and catches on a sub-process is the escalation: the supervisors are told once, the history says so', async () => {
    const escalations = async (u: string): Promise<Array<{ kind: string; message: string }>> =>
      ((await t.app.inject({ method: 'GET', url: '/api/notifications', headers: as[u] })).json() as Array<{ kind: string; message: string }>).filter((n) => n.kind === 'escalation');
    const before = { kasi: (await escalations('kasi.kaloran')).length, manager: (await escalations('kepala.kaloran')).length, other: (await escalations('kasi.lain')).length };
    const started = await t.app.inject({ method: 'POST', url: '/api/processes/uji-eskalasi-model/instances', headers: as['loket.satu'], payload: { office: OFFICE, variables: {}, businessKey: 'CEK-7' } });
    expect(started.statusCode).toBe(201);
    const instanceId = started.json().id as string;
    // The job reads the history (as a minute later: rows younger than a few seconds wait), twice.
    while ((await refreshAnalytics(t.database.db, new Date(Date.now() + 60_000))) > 0);
    while ((await refreshAnalytics(t.database.db, new Date(Date.now() + 60_000))) > 0);

    const history = (await t.app.inject({ method: 'GET', url: `/api/instances/${instanceId}/history`, headers: as['kepala.kaloran'] })).json().items;
    const escalated = history.filter((h: { event: string }) => h.event === 'escalated');
    expect(escalated).toHaveLength(1);
    expect(escalated[0]).toMatchObject({ elementId: 'cek', actor: 'system', details: { source: 'boundary', boundary: 'naik', escalationCode: 'LEWAT-WAKTU', supervisorRole: 'kasi', office: OFFICE, notified: 2 } });
    const kasi = await escalations('kasi.kaloran');
    expect(kasi).toHaveLength(before.kasi + 1);
    // the catalogue's escalation event (core/notification-events.ts), naming the step and the application's number
    expect(kasi.map((n) => n.message)).toContainEqual(expect.stringMatching(/^Tugas terlambat: Cek lapangan \((kecamatan-kaloran-\d{4}-\d{6}|CEK-7)\)$/));
    expect(await escalations('kepala.kaloran')).toHaveLength(before.manager + 1);
    expect(await escalations('kasi.lain')).toHaveLength(before.other);
    // A rebuild of the summaries from the start of the history (as migration 0023 does) does not
    // tell anyone again about catches from before it.
    await sql`update analytics_cursor set last_history_id = 0, escalate_after = (select max(id) from runtime_history)`.execute(t.database.db);
    while ((await refreshAnalytics(t.database.db, new Date(Date.now() + 60_000))) > 0);
    expect(await escalations('kasi.kaloran')).toHaveLength(before.kasi + 1);
    // The work inside goes on: the check's task is open for the loket.
    expect((await t.database.db.selectFrom('runtime_tasks').select('element_id').where('instance_id', '=', instanceId).where('status', '=', 'open').execute()).map((r) => r.element_id)).toEqual(['kerja']);
  });
});
