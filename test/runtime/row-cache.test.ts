import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InstanceState, TaskRow } from '../../runtime/store.js';
import { openDatabase, type OpenedDatabase } from '../../server/db/index.js';
import { createUser, type SessionUser } from '../../server/services/accounts/accounts.js';
import { cancelInstance, claimTask, completeTask, engineFor, startInstance, runtimeContext } from '../../server/services/runtime/runtime.js';
import { RuntimeRowCache } from '../../server/services/runtime/runtime-row-cache.js';
import { KyselyRuntimeStore, OptimisticStepAbandoned, optimisticWrite } from '../../server/services/runtime/runtime-store.js';
import { seedCatalog } from '../../server/services/offices/seed.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/db.js';
import { chain, end, flow, model, start, userTask } from './support/bpmn.js';
import { publishProcess } from './support/publish.js';

/**
 * A server remembers the rows its last optimistic step wrote (server/services/runtime/runtime-row-cache.ts), so
 * the officer who goes straight on to the next step is served without reading the task again.
 * The write stays guarded by the versions remembered: when another server (or a claim, a cancel)
 * moved the instance meanwhile, the remembered rows are refused and the step is decided on fresh
 * ones. "Two servers" here are two connection pools on one PostgreSQL database, each with its own cache.
 */
const OFFICE = 'samsat-serang';

const instance = (over: Partial<InstanceState> = {}): InstanceState => ({
  id: 'inst-1',
  processKey: 'uji',
  processName: 'Uji',
  publication: 1,
  office: OFFICE,
  businessKey: null,
  applicantUserId: null,
  applicant: null,
  startedBy: 'u1',
  status: 'running',
  variables: { lengkap: true, biaya: '150000' },
  tokens: [{ id: 'tok-2', element: 'periksa', scope: null, via: 'f1', enteredAt: '2026-11-23T01:00:00.000Z', data: { taskId: 'task-2' } }],
  parentInstanceId: null,
  parentTokenId: null,
  createdAt: new Date('2026-11-23T01:00:00.000Z'),
  endedAt: null,
  outcome: null,
  ...over,
});

const task = (id: string, over: Partial<TaskRow> = {}): TaskRow => ({
  id,
  instanceId: 'inst-1',
  tokenId: 'tok-2',
  processKey: 'uji',
  processName: 'Uji',
  publication: 1,
  elementId: 'periksa',
  elementName: 'Periksa berkas',
  role: 'korektor',
  office: OFFICE,
  assignee: null,
  onBehalf: false,
  businessKey: null,
  dueAt: new Date('2026-11-23T01:05:00.000Z'),
  claimedBy: null,
  status: 'open',
  createdAt: new Date('2026-11-23T01:00:00.000Z'),
  completedAt: null,
  completedBy: null,
  form: null,
  documents: ['ktp'],
  instruction: null,
  item: null,
  ...over,
});

describe('the row cache of one server', () => {
  const variablesJson = JSON.stringify(instance().variables);

  it('gives back the task and instance as written, with the version they were written at, and a fresh copy each time', () => {
    const cache = new RuntimeRowCache();
    cache.remember(instance(), variablesJson, [task('task-2')], ['task-1'], '4711');
    const first = cache.get('task-2')!;
    expect(first.instance).toEqual(instance());
    expect(first.task).toEqual(task('task-2'));
    expect(first.guard).toEqual({ instanceId: 'inst-1', instanceXmin: '4711', taskId: 'task-2', taskXmin: '4711' });
    // A step that changes what it was handed and then gives up leaves no trace for the next one.
    first.instance.variables.lengkap = false;
    first.instance.tokens.length = 0;
    first.task.documents = [];
    expect(cache.get('task-2')!.instance).toEqual(instance());
    expect(cache.get('task-2')!.task.documents).toEqual(['ktp']);
  });

  it('does not keep a task closed in the step that opened it, nor anything of an instance that ended', () => {
    const cache = new RuntimeRowCache();
    cache.remember(instance(), variablesJson, [task('task-2'), task('task-3')], ['task-3'], '10');
    expect(cache.get('task-2')).toBeDefined();
    expect(cache.get('task-3')).toBeUndefined();
    cache.remember(instance({ status: 'completed', endedAt: new Date() }), variablesJson, [task('task-4')], ['task-2'], '11');
    expect(cache.get('task-2')).toBeUndefined();
    expect(cache.get('task-4')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('a newer step of the instance replaces the older one: tasks of the older version are dropped', () => {
    const cache = new RuntimeRowCache();
    cache.remember(instance(), variablesJson, [task('task-2'), task('task-3')], ['task-1'], '10');
    cache.remember(instance(), variablesJson, [task('task-4')], ['task-2'], '12');
    // task-3 was written at 10, the instance is now at 12: the pair could never pass the guard.
    expect(cache.get('task-3')).toBeUndefined();
    expect(cache.get('task-4')!.guard.instanceXmin).toBe('12');
  });

  it('forgets an entry after 30 seconds, on request, and the oldest beyond 5,000 instances', () => {
    let now = 1_000_000;
    const cache = new RuntimeRowCache(() => now);
    cache.remember(instance(), variablesJson, [task('task-2')], [], '10');
    now += 30_001;
    expect(cache.get('task-2')).toBeUndefined();

    cache.remember(instance(), variablesJson, [task('task-2')], [], '10');
    cache.forgetTask('task-2');
    expect(cache.get('task-2')).toBeUndefined();

    for (let i = 0; i <= 5_000; i++) cache.remember(instance({ id: `inst-${i}` }), variablesJson, [task(`t-${i}`, { instanceId: `inst-${i}` })], [], '10');
    expect(cache.size).toBe(5_000);
    expect(cache.get('t-0')).toBeUndefined();
    expect(cache.get('t-5000')).toBeDefined();
  });
});

const postgresOnly = databaseKinds.filter((k) => k === 'postgres');

describe.runIf(postgresOnly.length > 0)('two servers on one PostgreSQL, each remembering what it wrote', () => {
  let database: TestDatabase;
  let other: OpenedDatabase;
  let korektor: SessionUser;
  let rekan: SessionUser;
  let admin: SessionUser;
  const serverA = () => database.db;
  const serverB = () => other.db;

  beforeEach(async () => {
    database = await createTestDatabase('postgres');
    other = await openDatabase({ url: database.url });
    await seedCatalog(database.db);
    const make = (username: string, role: string, office: string | null) =>
      createUser(database.db, { username, password: 'rahasia-uji-123', roles: [{ role, office }] }, 'test');
    korektor = await make('korektor-satu', 'korektor', OFFICE);
    rekan = await make('korektor-dua', 'korektor', OFFICE);
    admin = await make('admin-uji', 'admin', null);
    // terima → (periksa ∥ hitung) → setujui: completing "terima" opens both branches in one step.
    await publishProcess(
      database.db,
      'uji-cabang',
      model(
        'uji-cabang',
        `${start()}${userTask('terima')}<bpmn:parallelGateway id="bagi" />${userTask('periksa')}${userTask('hitung')}<bpmn:parallelGateway id="gabung" />${userTask('setujui')}${end()}` +
          `${chain('start', 'terima', 'bagi')}${flow('f1', 'bagi', 'periksa')}${flow('f2', 'bagi', 'hitung')}${flow('f3', 'periksa', 'gabung')}${flow('f4', 'hitung', 'gabung')}${chain('gabung', 'setujui', 'end')}`,
        { lanes: { korektor: ['start', 'terima', 'bagi', 'periksa', 'hitung', 'gabung', 'setujui', 'end'] }, attrs: 'sop:starterRoles="korektor"' },
      ),
    );
  });
  afterEach(async () => {
    await other.close();
    await database.close();
  });

  /** Server A completes "terima": it now remembers the instance and both branch tasks. */
  const openBranches = async () => {
    const inst = await startInstance(serverA(), korektor, 'uji-cabang', { office: OFFICE });
    const done = await completeTask(serverA(), korektor, inst.tasks[0].id, {}, { runtime: runtimeContext('postgres') });
    const id = (element: string) => done.nextTasks.find((t) => t.elementId === element)!.id;
    return { instanceId: inst.id, periksa: id('periksa'), hitung: id('hitung') };
  };

  const state = async (instanceId: string) => ({
    open: (await database.db.selectFrom('runtime_tasks').select('element_id').where('instance_id', '=', instanceId).where('status', '=', 'open').orderBy('element_id').execute()).map((t) => t.element_id),
    history: (await database.db.selectFrom('runtime_history').select('element_id').where('instance_id', '=', instanceId).where('event', '=', 'completed').where('task_id', 'is not', null).orderBy('id').execute()).map((h) => h.element_id),
  });

  it('the step written by one server is remembered at the version the database gave it', async () => {
    const cache = new RuntimeRowCache();
    const inst = await startInstance(serverA(), korektor, 'uji-cabang', { office: OFFICE });
    const store = new KyselyRuntimeStore(serverA(), { mode: optimisticWrite({ readCache: true }), cache });
    const done = await engineFor(serverA()).completeTask(store, { taskId: inst.tasks[0].id, actor: korektor.id, variables: { catatan: 'lengkap' } });
    const periksa = done.created.find((t) => t.elementId === 'periksa')!;
    const row = await database.db
      .selectFrom('runtime_instances')
      .select((eb) => [eb.ref('variables').as('variables'), eb.cast<string>(eb.ref('xmin' as never), 'text').as('xmin')])
      .where('id', '=', inst.id)
      .executeTakeFirstOrThrow();
    const remembered = cache.get(periksa.id)!;
    expect(remembered.guard.instanceXmin).toBe(row.xmin);
    expect(remembered.instance.variables).toEqual(row.variables);
    expect(remembered.task).toMatchObject({ id: periksa.id, elementId: 'periksa', status: 'open' });

    // The next completion starts from what was remembered and needs no read.
    const next = new KyselyRuntimeStore(serverA(), { mode: optimisticWrite({ readCache: true }), cache });
    await engineFor(serverA()).completeTask(next, { taskId: periksa.id, actor: korektor.id, variables: {} });
    expect(next.outcome.fromCache).toBe(true);
    expect(next.outcome.committed).toBe(true);
    expect((await state(inst.id)).history).toEqual(['terima', 'periksa']);
  });

  it('an application started in a transaction is remembered once it has committed, so its first step needs no read', async () => {
    const cache = new RuntimeRowCache();
    let store: KyselyRuntimeStore | undefined;
    const inst = await serverA()
      .transaction()
      .execute(async (trx) => {
        store = new KyselyRuntimeStore(trx, { cache });
        const started = await engineFor(serverA()).start(store, {
          processKey: 'uji-cabang', publication: 1, office: OFFICE, variables: { nomorPolisi: 'A 1234 BC' }, businessKey: null,
          applicantUserId: null, applicant: null, startedBy: korektor.id,
        });
        expect(cache.size).toBe(0);
        return started;
      });
    store!.rememberWritten();
    expect(cache.size).toBe(1);
    const terima = (await database.db.selectFrom('runtime_tasks').select('id').where('instance_id', '=', inst.id).executeTakeFirstOrThrow()).id;
    const xmin = await database.db
      .selectFrom('runtime_instances')
      .select((eb) => eb.cast<string>(eb.ref('xmin' as never), 'text').as('xmin'))
      .where('id', '=', inst.id)
      .executeTakeFirstOrThrow();
    expect(cache.get(terima)!.guard.instanceXmin).toBe(xmin.xmin);
    expect(cache.get(terima)!.instance.variables).toEqual({ nomorPolisi: 'A 1234 BC' });

    const first = new KyselyRuntimeStore(serverA(), { mode: optimisticWrite({ readCache: true }), cache });
    await engineFor(serverA()).completeTask(first, { taskId: terima, actor: korektor.id, variables: {} });
    expect(first.outcome.fromCache).toBe(true);
    expect(first.outcome.committed).toBe(true);
    expect((await state(inst.id)).open).toEqual(['hitung', 'periksa']);
  });

  it('when the other server completed the parallel branch, the rows remembered before are refused and nothing is written', async () => {
    const cache = new RuntimeRowCache();
    const inst = await startInstance(serverA(), korektor, 'uji-cabang', { office: OFFICE });
    const first = new KyselyRuntimeStore(serverA(), { mode: optimisticWrite({ readCache: true }), cache });
    const opened = (await engineFor(serverA()).completeTask(first, { taskId: inst.tasks[0].id, actor: korektor.id, variables: {} })).created;
    const id = (element: string) => opened.find((t) => t.elementId === element)!.id;
    await completeTask(serverB(), rekan, id('hitung'), {}, { runtime: runtimeContext('postgres') });
    const before = await state(inst.id);

    // What is remembered is one version behind: writing it would lose "hitung"'s arrival at the join.
    const attempt = new KyselyRuntimeStore(serverA(), { mode: optimisticWrite({ readCache: true }), cache });
    await expect(engineFor(serverA()).completeTask(attempt, { taskId: id('periksa'), actor: korektor.id, variables: {} })).rejects.toEqual(new OptimisticStepAbandoned('conflict'));
    expect(attempt.outcome.fromCache).toBe(true);
    expect(await state(inst.id)).toEqual(before);
  });

  it('when the other server completed the parallel branch, the completion is decided on fresh rows and the join opens "setujui" once', async () => {
    const { instanceId, periksa, hitung } = await openBranches();
    await completeTask(serverB(), rekan, hitung, {}, { runtime: runtimeContext('postgres') });
    const done = await completeTask(serverA(), korektor, periksa, {}, { runtime: runtimeContext('postgres') });
    expect(done.instance.activeElements).toEqual(['setujui']);
    expect(await state(instanceId)).toEqual({ open: ['setujui'], history: ['terima', 'hitung', 'periksa'] });
  });

  it('a task the admin cancelled on the other server is refused as no longer open, and nothing is written', async () => {
    const { instanceId, periksa } = await openBranches();
    await cancelInstance(serverB(), admin, instanceId, 'pemohon menarik berkas');
    await expect(completeTask(serverA(), korektor, periksa, {}, { runtime: runtimeContext('postgres') })).rejects.toMatchObject({ code: 'TASK_ALREADY_COMPLETED' });
    expect(await state(instanceId)).toEqual({ open: [], history: ['terima'] });
  });

  it('a task a colleague claimed on the other server is refused as claimed; the colleague completes it', async () => {
    const { instanceId, periksa } = await openBranches();
    await claimTask(serverB(), rekan, periksa);
    await expect(completeTask(serverA(), korektor, periksa, {}, { runtime: runtimeContext('postgres') })).rejects.toMatchObject({ code: 'TASK_NOT_CLAIMABLE' });
    const done = await completeTask(serverB(), rekan, periksa, {}, { runtime: runtimeContext('postgres') });
    expect(done.task.completedBy).toBe(rekan.id);
    expect((await state(instanceId)).history).toEqual(['terima', 'periksa']);
  });
});
