import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StepChanges } from '../../runtime/store.js';
import { openDatabase, type OpenedDatabase } from '../../server/db/index.js';
import { createUser } from '../../server/services/accounts/accounts.js';
import { claimTask, completeTask, engineFor, rowCacheFor, startInstance, takeNextTask, runtimeContext } from '../../server/services/runtime/runtime.js';
import { KyselyRuntimeStore, OptimisticStepAbandoned, optimisticWrite } from '../../server/services/runtime/runtime-store.js';
import { seedCatalog } from '../../server/services/offices/seed.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/db.js';
import { chain, end, model, start, userTask } from './support/bpmn.js';
import { publishProcess } from './support/publish.js';

/**
 * The fast paths of a hand-off between posts (issue 17): "Ambil tugas berikutnya" (take the next
 * task of a post's queue in one statement), a claim that keeps the server's row cache, the next
 * step claimed on completion, and a call activity's start and end written by the one guarded
 * statement. Where a race is possible, "two servers" are two connection pools on one PostgreSQL.
 */
const OFFICE = 'samsat-serang';
const PASSWORD = 'Rahasia-Kantor-2026';

/** The store of one optimistic attempt, with `between` run (on the other server) just before the step's write. */
class InterleavedStore extends KyselyRuntimeStore {
  constructor(
    db: ConstructorParameters<typeof KyselyRuntimeStore>[0],
    opts: ConstructorParameters<typeof KyselyRuntimeStore>[1],
    private readonly between: () => Promise<unknown>,
  ) {
    super(db, opts);
  }
  override async write(c: StepChanges): Promise<void> {
    await this.between();
    return super.write(c);
  }
}

async function setUp(database: TestDatabase) {
  await seedCatalog(database.db);
  const make = (username: string, role: string, office: string | null = OFFICE) => createUser(database.db, { username, password: PASSWORD, roles: [{ role, office }] }, 'test');
  const people = {
    korektor: await make('korektor-satu', 'korektor'),
    rekan: await make('korektor-dua', 'korektor'),
    kasir: await make('kasir-satu', 'kasir'),
    kasirLain: await make('kasir-lain', 'kasir', 'samsat-cilegon'),
  };
  // The payment SOP the korektor hands over to: the kasir receives the payment.
  await publishProcess(
    database.db,
    'uji-bayar',
    model('uji-bayar', `${start()}${userTask('terima_bayar')}${end()}${chain('start', 'terima_bayar', 'end')}`, { lanes: { kasir: ['start', 'terima_bayar', 'end'] }, attrs: 'sop:starterRoles="kasir"' }),
  );
  // koreksi → serah_kasir (the same korektor's next step) → the call to uji-bayar → end.
  // koreksi's 5 minutes run on the wall clock (sop:calendar="calendar"): in working time two
  // applications started outside office hours would both be due when the office opens, the same
  // moment. The start's form declares the nota the korektor enters (runtime/inputs.ts).
  const START_FORM = JSON.stringify({ schema: { type: 'object', properties: { nota: { type: 'object', properties: { total: { type: 'string' } } } } } }).replace(/"/g, '&quot;');
  await publishProcess(
    database.db,
    'uji-koreksi',
    model(
      'uji-koreksi',
      `<bpmn:startEvent id="start" sop:form="${START_FORM}" />${userTask('koreksi', 'sop:duration="PT5M" sop:calendar="calendar"')}${userTask('serah_kasir', 'sop:duration="PT2M"')}<bpmn:callActivity id="pembayaran" name="Pembayaran" calledElement="uji-bayar" />${end()}${chain('start', 'koreksi', 'serah_kasir', 'pembayaran', 'end')}`,
      { lanes: { korektor: ['start', 'koreksi', 'serah_kasir'], kasir: ['pembayaran', 'end'] }, attrs: 'sop:starterRoles="korektor"' },
    ),
  );
  return people;
}

describe.each(databaseKinds)('Ambil tugas berikutnya (%s)', (kind) => {
  let database: TestDatabase;
  let people: Awaited<ReturnType<typeof setUp>>;
  beforeEach(async () => {
    database = await createTestDatabase(kind);
    people = await setUp(database);
  });
  afterEach(async () => database.close());

  it("takes the first task of the post's Tersedia queue (by due time) and claims it; the next officer gets the next one, then none is left", async () => {
    const first = await startInstance(database.db, people.korektor, 'uji-koreksi', { office: OFFICE, businessKey: 'A 1 SRG' });
    const second = await startInstance(database.db, people.korektor, 'uji-koreksi', { office: OFFICE, businessKey: 'A 2 SRG' });
    // The queue's order is the stored due time (ties: the task id); the first started is due first.
    const due = await database.db.selectFrom('runtime_tasks').select(['id', 'due_at']).where('id', 'in', [first.tasks[0].id, second.tasks[0].id]).execute();
    const at = (id: string) => new Date(due.find((d) => d.id === id)!.due_at!).getTime();
    expect(at(first.tasks[0].id)).toBeLessThanOrEqual(at(second.tasks[0].id));
    const keyOf = new Map([[first.tasks[0].id, 'A 1 SRG'], [second.tasks[0].id, 'A 2 SRG']]);
    const [early, late] = [first, second].sort((x, y) => at(x.tasks[0].id) - at(y.tasks[0].id) || (x.tasks[0].id < y.tasks[0].id ? -1 : 1));
    const a = await takeNextTask(database.db, people.korektor, { role: 'korektor', office: OFFICE });
    const b = await takeNextTask(database.db, people.rekan, { role: 'korektor', office: OFFICE, processKey: 'uji-koreksi' });
    expect([a.task?.id, b.task?.id]).toEqual([early.tasks[0].id, late.tasks[0].id]);
    expect(a.task).toMatchObject({ businessKey: keyOf.get(early.tasks[0].id), claimedBy: people.korektor.id });
    expect(b.task).toMatchObject({ businessKey: keyOf.get(late.tasks[0].id), claimedBy: people.rekan.id });
    expect(await takeNextTask(database.db, people.korektor, { role: 'korektor', office: OFFICE })).toEqual({ task: null });
    // A task taken is the taker's: the colleague cannot complete it.
    await expect(completeTask(database.db, people.rekan, early.tasks[0].id, {}, { runtime: runtimeContext(kind) })).rejects.toMatchObject({ code: 'TASK_NOT_CLAIMABLE' });
  });

  it('only a holder of the post takes from its queue: another role, or the same role in another office, is refused', async () => {
    await startInstance(database.db, people.korektor, 'uji-koreksi', { office: OFFICE });
    await expect(takeNextTask(database.db, people.kasir, { role: 'korektor', office: OFFICE })).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    await expect(takeNextTask(database.db, people.kasirLain, { role: 'kasir', office: OFFICE })).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
  });

  it('two officers taking at the same moment never get the same task: of one task, one gets it and the other none', async () => {
    // On PostgreSQL the two take on two servers at once (SKIP LOCKED); PGlite has one connection.
    const other: OpenedDatabase | undefined = kind === 'postgres' ? await openDatabase({ url: database.url }) : undefined;
    try {
      for (let round = 0; round < 5; round++) {
        const inst = await startInstance(database.db, people.korektor, 'uji-koreksi', { office: OFFICE });
        const [a, b] = await Promise.all([
          takeNextTask(database.db, people.korektor, { role: 'korektor', office: OFFICE }),
          takeNextTask(other?.db ?? database.db, people.rekan, { role: 'korektor', office: OFFICE }),
        ]);
        const got = [a.task?.id, b.task?.id].filter((x) => x !== undefined);
        expect(got).toEqual([inst.tasks[0].id]);
      }
      // Many tasks, many takers: each task taken once.
      const many = await Promise.all(Array.from({ length: 8 }, (_, i) => startInstance(database.db, people.korektor, 'uji-koreksi', { office: OFFICE, businessKey: `B ${i}` })));
      const taken = await Promise.all(
        Array.from({ length: 10 }, (_, i) => takeNextTask(i % 2 === 0 || !other ? database.db : other.db, i % 2 === 0 ? people.korektor : people.rekan, { role: 'korektor', office: OFFICE })),
      );
      const ids = taken.map((t) => t.task?.id).filter((x): x is string => x !== undefined);
      expect(ids.sort()).toEqual(many.map((m) => m.tasks[0].id).sort());
    } finally {
      await other?.close();
    }
  });

  it('claimNext: the next step of the same officer is claimed for them as it opens, so a colleague taking the next task does not get it', async () => {
    const inst = await startInstance(database.db, people.korektor, 'uji-koreksi', { office: OFFICE });
    const done = await completeTask(database.db, people.korektor, inst.tasks[0].id, {}, { runtime: runtimeContext(kind), claimNext: true });
    expect(done.nextTasks.map((t) => t.elementId)).toEqual(['serah_kasir']);
    expect(await takeNextTask(database.db, people.rekan, { role: 'korektor', office: OFFICE })).toEqual({ task: null });
    const row = await database.db.selectFrom('runtime_tasks').select('claimed_by').where('id', '=', done.nextTasks[0].id).executeTakeFirstOrThrow();
    expect(row.claimed_by).toBe(people.korektor.id);
    // Without it the next step stays in the queue for anyone of the post, as before.
    const plain = await startInstance(database.db, people.korektor, 'uji-koreksi', { office: OFFICE });
    const next = await completeTask(database.db, people.korektor, plain.tasks[0].id, {}, { runtime: runtimeContext(kind) });
    expect((await takeNextTask(database.db, people.rekan, { role: 'korektor', office: OFFICE })).task?.id).toBe(next.nextTasks[0].id);
  });

  it('the call activity starts and ends on the fast path too: the kasir gets the payment, and paying ends both applications', async () => {
    const inst = await startInstance(database.db, people.korektor, 'uji-koreksi', { office: OFFICE, variables: { nota: { total: '3137400' } } });
    const koreksi = await completeTask(database.db, people.korektor, inst.tasks[0].id, {}, { runtime: runtimeContext(kind), claimNext: true });
    await completeTask(database.db, people.korektor, koreksi.nextTasks[0].id, {}, { runtime: runtimeContext(kind), claimNext: true });
    const taken = await takeNextTask(database.db, people.kasir, { role: 'kasir', office: OFFICE, processKey: 'uji-bayar' });
    expect(taken.task).toMatchObject({ elementId: 'terima_bayar', processKey: 'uji-bayar' });
    const paid = await completeTask(database.db, people.kasir, taken.task!.id, {}, { runtime: runtimeContext(kind) });
    expect(paid.instance.status).toBe('completed');
    const rows = await database.db.selectFrom('runtime_instances').select(['process_key', 'status', 'variables']).orderBy('process_key').execute();
    expect(rows.map((r) => [r.process_key, r.status])).toEqual([
      ['uji-bayar', 'completed'],
      ['uji-koreksi', 'completed'],
    ]);
    expect((rows[1].variables as { nota: unknown }).nota).toEqual({ total: '3137400' });
    expect(await database.db.selectFrom('runtime_tasks').select('id').where('status', '=', 'open').execute()).toEqual([]);
  });
});

const postgresOnly = databaseKinds.filter((k) => k === 'postgres');

describe.runIf(postgresOnly.length > 0)('fast hand-offs on two servers on one PostgreSQL', () => {
  let database: TestDatabase;
  let other: OpenedDatabase;
  let people: Awaited<ReturnType<typeof setUp>>;
  const serverA = () => database.db;
  const serverB = () => other.db;

  beforeEach(async () => {
    database = await createTestDatabase('postgres');
    other = await openDatabase({ url: database.url });
    people = await setUp(database);
  });
  afterEach(async () => {
    await other.close();
    await database.close();
  });

  const snapshot = async () => ({
    instances: await database.db.selectFrom('runtime_instances').select(['id', 'process_key', 'status', 'tokens']).orderBy('id').execute(),
    tasks: await database.db.selectFrom('runtime_tasks').select(['id', 'element_id', 'status', 'claimed_by']).orderBy('id').execute(),
    history: await database.db.selectFrom('runtime_history').select(['instance_id', 'element_id', 'event']).orderBy('id').execute(),
  });
  /** Another server moves the instance (as a step there would): its row gets a new version. */
  const touch = (id: string) => serverB().updateTable('runtime_instances').set({ updated_at: new Date() }).where('id', '=', id).execute();

  it('a claim keeps the task in the row cache at its new version: the claimer completes without a read', async () => {
    const inst = await startInstance(serverA(), people.korektor, 'uji-koreksi', { office: OFFICE });
    const koreksi = await completeTask(serverA(), people.korektor, inst.tasks[0].id, {}, { runtime: runtimeContext('postgres') });
    const serah = koreksi.nextTasks[0].id;
    await claimTask(serverA(), people.rekan, serah);
    const store = new KyselyRuntimeStore(serverA(), { mode: optimisticWrite({ readCache: true }), cache: rowCacheFor(serverA()) });
    await engineFor(serverA()).completeTask(store, { taskId: serah, actor: people.rekan.id, variables: {} });
    expect(store.outcome.fromCache).toBe(true);
    expect(store.outcome.committed).toBe(true);
  });

  it('a claim made on the other server after this one remembered the task is refused at the write and decided afresh: the claimer there keeps it', async () => {
    const inst = await startInstance(serverA(), people.korektor, 'uji-koreksi', { office: OFFICE });
    const koreksi = await completeTask(serverA(), people.korektor, inst.tasks[0].id, {}, { runtime: runtimeContext('postgres') });
    const serah = koreksi.nextTasks[0].id;
    // Server A claims for the korektor (its cache now holds the claimed row) …
    await claimTask(serverA(), people.korektor, serah);
    // … the korektor gives it back on server B, and the colleague takes it there.
    await serverB().updateTable('runtime_tasks').set({ claimed_by: null }).where('id', '=', serah).execute();
    expect((await takeNextTask(serverB(), people.rekan, { role: 'korektor', office: OFFICE })).task?.id).toBe(serah);
    await expect(completeTask(serverA(), people.korektor, serah, {}, { runtime: runtimeContext('postgres') })).rejects.toMatchObject({ code: 'TASK_NOT_CLAIMABLE' });
    const done = await completeTask(serverB(), people.rekan, serah, {}, { runtime: runtimeContext('postgres') });
    expect(done.task.completedBy).toBe(people.rekan.id);
  });

  it("the call activity's start is one guarded statement; when the parent moved meanwhile nothing is written (no child left behind) and the step is decided again", async () => {
    const inst = await startInstance(serverA(), people.korektor, 'uji-koreksi', { office: OFFICE });
    const koreksi = await completeTask(serverA(), people.korektor, inst.tasks[0].id, {}, { runtime: runtimeContext('postgres') });
    const serah = koreksi.nextTasks[0].id;
    let before: Awaited<ReturnType<typeof snapshot>> | undefined;
    const attempt = engineFor(serverA()).completeTask(
      new InterleavedStore(serverA(), { mode: optimisticWrite() }, async () => {
        await touch(inst.id);
        before = await snapshot();
      }),
      { taskId: serah, actor: people.korektor.id, variables: {} },
    );
    await expect(attempt).rejects.toEqual(new OptimisticStepAbandoned('conflict'));
    expect(await snapshot()).toEqual(before);

    const uncontended = new KyselyRuntimeStore(serverA(), { mode: optimisticWrite() });
    const r = await engineFor(serverA()).completeTask(uncontended, { taskId: serah, actor: people.korektor.id, variables: {} });
    expect(uncontended.outcome.committed).toBe(true);
    expect(r.created.map((t) => [t.processKey, t.elementId])).toEqual([['uji-bayar', 'terima_bayar']]);
    const children = await database.db.selectFrom('runtime_instances').select(['parent_instance_id', 'status']).where('process_key', '=', 'uji-bayar').execute();
    expect(children).toEqual([{ parent_instance_id: inst.id, status: 'running' }]);
  });

  it("the child's last step ends the parent in one statement guarded by both versions; when the parent moved on the other server, nothing is written and it ends once", async () => {
    const inst = await startInstance(serverA(), people.korektor, 'uji-koreksi', { office: OFFICE });
    const koreksi = await completeTask(serverA(), people.korektor, inst.tasks[0].id, {}, { runtime: runtimeContext('postgres') });
    await completeTask(serverA(), people.korektor, koreksi.nextTasks[0].id, {}, { runtime: runtimeContext('postgres') });
    const bayar = (await takeNextTask(serverA(), people.kasir, { role: 'kasir', office: OFFICE })).task!;
    let before: Awaited<ReturnType<typeof snapshot>> | undefined;
    const attempt = engineFor(serverA()).completeTask(
      new InterleavedStore(serverA(), { mode: optimisticWrite() }, async () => {
        await touch(inst.id);
        before = await snapshot();
      }),
      { taskId: bayar.id, actor: people.kasir.id, variables: {} },
    );
    await expect(attempt).rejects.toEqual(new OptimisticStepAbandoned('conflict'));
    expect(await snapshot()).toEqual(before);

    // Decided again (the service falls back to fresh rows, then to locks): both end, once.
    const paid = await completeTask(serverA(), people.kasir, bayar.id, {}, { runtime: runtimeContext('postgres') });
    expect(paid.instance.status).toBe('completed');
    const after = await snapshot();
    expect(after.instances.map((i) => i.status)).toEqual(['completed', 'completed']);
    expect(after.history.filter((h) => h.instance_id === inst.id && h.element_id === 'pembayaran' && h.event === 'completed')).toHaveLength(1);

    // Uncontended, the same step is the one guarded statement.
    const again = await startInstance(serverA(), people.korektor, 'uji-koreksi', { office: OFFICE });
    const k2 = await completeTask(serverA(), people.korektor, again.tasks[0].id, {}, { runtime: runtimeContext('postgres') });
    await completeTask(serverA(), people.korektor, k2.nextTasks[0].id, {}, { runtime: runtimeContext('postgres') });
    const b2 = (await takeNextTask(serverA(), people.kasir, { role: 'kasir', office: OFFICE })).task!;
    const store = new KyselyRuntimeStore(serverA(), { mode: optimisticWrite() });
    const r = await engineFor(serverA()).completeTask(store, { taskId: b2.id, actor: people.kasir.id, variables: {} });
    expect(store.outcome.committed).toBe(true);
    expect(r.instance.status).toBe('completed');
    expect((await database.db.selectFrom('runtime_instances').select('status').where('id', '=', again.id).executeTakeFirstOrThrow()).status).toBe('completed');
  });
});

