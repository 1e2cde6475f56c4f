import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Database } from '../../server/db/index.js';
import { createUser, type SessionUser } from '../../server/services/accounts/accounts.js';
import { completeTask, correlateMessage, drainJobs, startInstance } from '../../server/services/runtime/runtime.js';
import { seedCatalog } from '../../server/services/offices/seed.js';
import { createTestDatabase, databaseKinds } from '../helpers/db.js';
import { chain, end, model, start } from './support/bpmn.js';
import { publishProcess } from './support/publish.js';

/**
 * The new constructs keep their state as plain rows and JSON: a standard loop's counter and an
 * escalation's second path survive a restart and run the same on both databases.
 */
const OFFICE = 'samsat-serang';
const task = (id: string, inner = '') => `<bpmn:userTask id="${id}" name="Tugas ${id}" sop:duration="PT10M">${inner}</bpmn:userTask>`;
const loopModel = model(
  'uji-ulang',
  `${start()}${task('koreksi', '<bpmn:standardLoopCharacteristics loopMaximum="5"><bpmn:loopCondition xsi:type="bpmn:tFormalExpression">masihSalah</bpmn:loopCondition></bpmn:standardLoopCharacteristics>')}${task('serah')}${end()}${chain('start', 'koreksi', 'serah', 'end')}`,
  { lanes: { korektor: ['start', 'koreksi', 'serah', 'end'] }, attrs: 'sop:starterRoles="korektor"' },
);
const escalationModel = model(
  'uji-eskalasi',
  `${start()}<bpmn:subProcess id="sub"><bpmn:startEvent id="s2" /><bpmn:intermediateThrowEvent id="lapor"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:intermediateThrowEvent>${task('kerja')}${end('e2')}${chain('s2', 'lapor', 'kerja', 'e2')}</bpmn:subProcess>
  <bpmn:boundaryEvent id="naik" attachedToRef="sub" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:boundaryEvent>${task('atasan')}${end()}${end('e3')}${chain('start', 'sub', 'end')}${chain('naik', 'atasan', 'e3')}`,
  { lanes: { korektor: ['start', 'sub', 'kerja', 'atasan', 'end', 'e3'] }, attrs: 'sop:starterRoles="korektor"', extra: '<bpmn:escalation id="esc" escalationCode="LEWAT" />' },
);

/**
 * Event sub-processes and conditional events: a reminder after an hour (timer, non-interrupting), a
 * priority path when `prioritas` becomes true (condition, non-interrupting) and a cancellation by
 * message (interrupting), all armed while the application runs; a complex join of two reviews.
 */
const esp = (id: string, def: string, taskId: string, interrupting: boolean) =>
  `<bpmn:subProcess id="${id}" triggeredByEvent="true"><bpmn:startEvent id="${id}_s" isInterrupting="${interrupting}">${def}</bpmn:startEvent>${task(taskId)}${end(`${id}_e`)}${chain(`${id}_s`, taskId, `${id}_e`)}</bpmn:subProcess>`;
const eventModel = model(
  'uji-acara',
  `${start()}${task('kerja')}${task('serah')}${end()}${chain('start', 'kerja', 'serah', 'end')}
  ${esp('ingat', '<bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>', 'ingatkan', false)}
  ${esp('cepat', '<bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">prioritas</bpmn:condition></bpmn:conditionalEventDefinition>', 'percepat', false)}
  ${esp('batal', '<bpmn:messageEventDefinition messageRef="m_batal" />', 'tangani', true)}`,
  {
    lanes: { korektor: ['start', 'kerja', 'serah', 'end', 'ingatkan', 'percepat', 'tangani'] },
    attrs: 'sop:starterRoles="korektor"',
    extra: '<bpmn:message id="m_batal" name="batal-permohonan" sop:senders="korektor" />',
  },
);
const HOUR = 3_600_000;

const officer = (db: Kysely<Database>): Promise<SessionUser> =>
  createUser(db, { username: `korektor-${Math.random().toString(36).slice(2, 8)}`, password: 'Rahasia-Kantor-2026', roles: [{ role: 'korektor', office: OFFICE }] }, 'test');
const openTask = async (db: Kysely<Database>, instanceId: string, element: string) =>
  (await db.selectFrom('runtime_tasks').select('id').where('instance_id', '=', instanceId).where('element_id', '=', element).where('status', '=', 'open').executeTakeFirstOrThrow()).id;
const completed = async (db: Kysely<Database>, instanceId: string, element: string) =>
  (await db.selectFrom('runtime_tasks').select('id').where('instance_id', '=', instanceId).where('element_id', '=', element).where('status', '=', 'completed').execute()).length;
const status = async (db: Kysely<Database>, id: string) => (await db.selectFrom('runtime_instances').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

describe.each(databaseKinds)('standard loop and escalation on %s', (kind) => {
  it('a loop repeats while its condition holds; a non-interrupting escalation runs beside the sub-process', async () => {
    const t = await createTestDatabase(kind);
    try {
      await seedCatalog(t.db);
      const user = await officer(t.db);
      await publishProcess(t.db, 'uji-ulang', loopModel);
      await publishProcess(t.db, 'uji-eskalasi', escalationModel);
      const loop = await startInstance(t.db, user, 'uji-ulang', { office: OFFICE });
      await completeTask(t.db, user, await openTask(t.db, loop.id, 'koreksi'), { masihSalah: true });
      await completeTask(t.db, user, await openTask(t.db, loop.id, 'koreksi'), { masihSalah: false });
      await completeTask(t.db, user, await openTask(t.db, loop.id, 'serah'), {});
      expect(await status(t.db, loop.id)).toBe('completed');
      expect(await completed(t.db, loop.id, 'koreksi')).toBe(2);

      const esc = await startInstance(t.db, user, 'uji-eskalasi', { office: OFFICE });
      expect([...esc.activeElements].sort()).toEqual(['atasan', 'kerja', 'sub']);
      await completeTask(t.db, user, await openTask(t.db, esc.id, 'kerja'), {});
      await completeTask(t.db, user, await openTask(t.db, esc.id, 'atasan'), {});
      expect(await status(t.db, esc.id)).toBe('completed');
    } finally {
      await t.close();
    }
  });
});

const openCount = async (db: Kysely<Database>, instanceId: string) =>
  (await db.selectFrom('runtime_tasks').select('element_id').where('instance_id', '=', instanceId).where('status', '=', 'open').execute()).map((r) => r.element_id).sort();
const waiting = async (db: Kysely<Database>, instanceId: string) => ({
  jobs: (await db.selectFrom('runtime_jobs').select('id').where('instance_id', '=', instanceId).execute()).length,
  subscriptions: (await db.selectFrom('runtime_subscriptions').select('element_id').where('instance_id', '=', instanceId).execute()).length,
});

/** Up to the priority path: the reminder fired once, the condition became true. */
async function eventsFirstHalf(db: Kysely<Database>, user: SessionUser, businessKey: string) {
  const inst = await startInstance(db, user, 'uji-acara', { office: OFFICE, businessKey });
  // Only the step: the event sub-processes wait (their starts are not where the application stands).
  expect(inst.activeElements).toEqual(['kerja']);
  expect(await waiting(db, inst.id)).toEqual({ jobs: 1, subscriptions: 1 });
  await drainJobs(db, new Date(Date.now() + HOUR + 60_000));
  expect(await openCount(db, inst.id)).toEqual(['ingatkan', 'kerja']);
  await completeTask(db, user, await openTask(db, inst.id, 'kerja'), { prioritas: true });
  expect(await openCount(db, inst.id)).toEqual(['ingatkan', 'percepat', 'serah']);
  return inst.id;
}

/** The cancellation interrupts everything; its own step ends the application. */
async function eventsSecondHalf(db: Kysely<Database>, user: SessionUser, id: string, businessKey: string, interrupted = ['ingatkan', 'percepat', 'serah']) {
  await correlateMessage(db, user, { name: 'batal-permohonan', correlationKey: businessKey });
  expect(await openCount(db, id)).toEqual(['tangani']);
  await completeTask(db, user, await openTask(db, id, 'tangani'), {});
  expect(await status(db, id)).toBe('completed');
  expect(await waiting(db, id)).toEqual({ jobs: 0, subscriptions: 0 });
  const cancelled = await db.selectFrom('runtime_tasks').select('element_id').where('instance_id', '=', id).where('status', '=', 'cancelled').execute();
  expect(cancelled.map((r) => r.element_id).sort()).toEqual(interrupted);
  expect(await completed(db, id, 'kerja')).toBe(1);
  expect(await completed(db, id, 'tangani')).toBe(1);
}

describe.each(databaseKinds)('event sub-processes and conditional events on %s', (kind) => {
  it('timer, condition and message event sub-processes: rows and instance JSON only', async () => {
    const t = await createTestDatabase(kind);
    try {
      await seedCatalog(t.db);
      const user = await officer(t.db);
      await publishProcess(t.db, 'uji-acara', eventModel);
      const id = await eventsFirstHalf(t.db, user, `ACARA-${kind}`);
      await eventsSecondHalf(t.db, user, id, `ACARA-${kind}`);
    } finally {
      await t.close();
    }
  });
});

describe('event sub-processes survive a restart (file-backed PGlite)', () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the waiting message start, the timer and the condition’s memory are where they were', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sop-esp-'));
    let opened = await openDatabase({ dataDir: dir });
    await migrateToLatest(opened.db);
    await seedCatalog(opened.db);
    const user = await officer(opened.db);
    await publishProcess(opened.db, 'uji-acara', eventModel);
    const id = await eventsFirstHalf(opened.db, user, 'ACARA-RESTART');
    await opened.close();

    opened = await openDatabase({ dataDir: dir });
    // prioritas is still true after the restart: no second priority path.
    await completeTask(opened.db, user, await openTask(opened.db, id, 'percepat'), {});
    expect(await openCount(opened.db, id)).toEqual(['ingatkan', 'serah']);
    await eventsSecondHalf(opened.db, user, id, 'ACARA-RESTART', ['ingatkan', 'serah']);
    await opened.close();
  });
});

describe('a standard loop survives a restart (file-backed PGlite)', () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the pass counter and the open pass are where they were', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sop-loop-'));
    let opened = await openDatabase({ dataDir: dir });
    await migrateToLatest(opened.db);
    await seedCatalog(opened.db);
    const user = await officer(opened.db);
    await publishProcess(opened.db, 'uji-ulang', loopModel);
    const inst = await startInstance(opened.db, user, 'uji-ulang', { office: OFFICE });
    await completeTask(opened.db, user, await openTask(opened.db, inst.id, 'koreksi'), { masihSalah: true });
    await opened.close();

    opened = await openDatabase({ dataDir: dir });
    await completeTask(opened.db, user, await openTask(opened.db, inst.id, 'koreksi'), { masihSalah: true });
    await completeTask(opened.db, user, await openTask(opened.db, inst.id, 'koreksi'), { masihSalah: false });
    await completeTask(opened.db, user, await openTask(opened.db, inst.id, 'serah'), {});
    expect(await status(opened.db, inst.id)).toBe('completed');
    expect(await completed(opened.db, inst.id, 'koreksi')).toBe(3);
    await opened.close();
  });
});
