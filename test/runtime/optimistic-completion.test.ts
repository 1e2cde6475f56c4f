import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StepChanges } from '../../runtime/store.js';
import { createUser, type SessionUser } from '../../server/services/accounts/accounts.js';
import { claimTask, completeTask, engineFor, startInstance, runtimeContext } from '../../server/services/runtime/runtime.js';
import { KyselyRuntimeStore, OptimisticStepAbandoned, optimisticWrite } from '../../server/services/runtime/runtime-store.js';
import { seedCatalog } from '../../server/services/offices/seed.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/db.js';
import { chain, end, flow, model, start, userTask } from './support/bpmn.js';
import { publishProcess } from './support/publish.js';

/**
 * On PostgreSQL a completion is first tried without a transaction of its own: unlocked reads,
 * then one statement guarded by the versions read (KyselyRuntimeStore `optimistic`). These tests
 * make another officer act between that read and that write, and check that the guarded write
 * leaves nothing behind and the completion is then decided under locks, as before.
 */
const OFFICE = 'samsat-serang';
// What the two officers enter: the steps' forms (runtime/inputs.ts accepts nothing else).
const form = (properties: Record<string, unknown>) => JSON.stringify({ schema: { type: 'object', properties } }).replace(/"/g, '&quot;');

/** The store of one optimistic attempt, with `between` run by another connection just before the step's write. */
class InterleavedStore extends KyselyRuntimeStore {
  constructor(
    db: ConstructorParameters<typeof KyselyRuntimeStore>[0],
    private readonly between: () => Promise<unknown>,
  ) {
    super(db, { mode: optimisticWrite() });
  }
  override async write(c: StepChanges): Promise<void> {
    await this.between();
    return super.write(c);
  }
}

const postgresOnly = databaseKinds.filter((k) => k === 'postgres');

describe.runIf(postgresOnly.length > 0)('optimistic task completion on PostgreSQL', () => {
  let database: TestDatabase;
  let korektor: SessionUser;
  let rekan: SessionUser;

  beforeEach(async () => {
    database = await createTestDatabase('postgres');
    await seedCatalog(database.db);
    const make = (username: string) => createUser(database.db, { username, password: 'rahasia-uji-123', roles: [{ role: 'korektor', office: OFFICE }] }, 'test');
    korektor = await make('korektor-satu');
    rekan = await make('korektor-dua');
    await publishProcess(
      database.db,
      'uji-cabang',
      model(
        'uji-cabang',
        `${start()}<bpmn:parallelGateway id="bagi" />${userTask('periksa', `sop:form="${form({ lengkap: { type: 'boolean' } })}"`)}${userTask('hitung', `sop:form="${form({ biaya: { type: 'string' } })}"`)}<bpmn:parallelGateway id="gabung" />${userTask('setujui')}${end()}` +
          `${chain('start', 'bagi')}${flow('f1', 'bagi', 'periksa')}${flow('f2', 'bagi', 'hitung')}${flow('f3', 'periksa', 'gabung')}${flow('f4', 'hitung', 'gabung')}${chain('gabung', 'setujui', 'end')}`,
        { lanes: { korektor: ['start', 'bagi', 'periksa', 'hitung', 'gabung', 'setujui', 'end'] }, attrs: 'sop:starterRoles="korektor"' },
      ),
    );
    await publishProcess(
      database.db,
      'uji-tunggu',
      model(
        'uji-tunggu',
        `${start()}${userTask('terima')}<bpmn:intermediateCatchEvent id="tunggu"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>${end()}${chain('start', 'terima', 'tunggu', 'end')}`,
        { lanes: { korektor: ['start', 'terima', 'tunggu', 'end'] }, attrs: 'sop:starterRoles="korektor"' },
      ),
    );
  });
  afterEach(async () => {
    await database.close();
  });

  const snapshot = async (instanceId: string) => ({
    instance: await database.db.selectFrom('runtime_instances').select(['tokens', 'variables', 'status']).where('id', '=', instanceId).executeTakeFirstOrThrow(),
    tasks: await database.db.selectFrom('runtime_tasks').select(['element_id', 'status', 'claimed_by']).where('instance_id', '=', instanceId).orderBy('element_id').execute(),
    history: await database.db.selectFrom('runtime_history').select(['element_id', 'event']).where('instance_id', '=', instanceId).orderBy('id').execute(),
  });

  it('a completion whose task another korektor claimed after it was read writes nothing, and under locks it is refused as claimed', async () => {
    const inst = await startInstance(database.db, korektor, 'uji-cabang', { office: OFFICE });
    const periksa = inst.tasks.find((t) => t.elementId === 'periksa')!;
    let before: Awaited<ReturnType<typeof snapshot>> | undefined;
    const attempt = engineFor(database.db).completeTask(
      new InterleavedStore(database.db, async () => {
        await claimTask(database.db, rekan, periksa.id);
        before = await snapshot(inst.id);
      }),
      { taskId: periksa.id, actor: korektor.id, variables: { lengkap: true } },
    );
    await expect(attempt).rejects.toEqual(new OptimisticStepAbandoned('conflict'));
    expect(await snapshot(inst.id)).toEqual(before);

    await expect(completeTask(database.db, korektor, periksa.id, { lengkap: true }, { runtime: runtimeContext('postgres') })).rejects.toMatchObject({ code: 'TASK_NOT_CLAIMABLE' });
    const done = await completeTask(database.db, rekan, periksa.id, { lengkap: true }, { runtime: runtimeContext('postgres') });
    expect(done.task.completedBy).toBe(rekan.id);
  });

  it('when the parallel branch completes between the read and the write, the lost write leaves nothing and the join still opens "setujui" once', async () => {
    const inst = await startInstance(database.db, korektor, 'uji-cabang', { office: OFFICE });
    const periksa = inst.tasks.find((t) => t.elementId === 'periksa')!;
    const hitung = inst.tasks.find((t) => t.elementId === 'hitung')!;
    let before: Awaited<ReturnType<typeof snapshot>> | undefined;
    const attempt = engineFor(database.db).completeTask(
      new InterleavedStore(database.db, async () => {
        await completeTask(database.db, rekan, hitung.id, {}, { runtime: runtimeContext('postgres') });
        before = await snapshot(inst.id);
      }),
      { taskId: periksa.id, actor: korektor.id, variables: {} },
    );
    await expect(attempt).rejects.toEqual(new OptimisticStepAbandoned('conflict'));
    expect(await snapshot(inst.id)).toEqual(before);

    const done = await completeTask(database.db, korektor, periksa.id, {}, { runtime: runtimeContext('postgres') });
    expect(done.instance.activeElements).toEqual(['setujui']);
    const after = await snapshot(inst.id);
    expect(after.tasks.filter((t) => t.status === 'open').map((t) => t.element_id)).toEqual(['setujui']);
    expect(after.history.filter((h) => h.element_id === 'periksa' || h.element_id === 'hitung').map((h) => h.element_id).sort()).toEqual(['hitung', 'periksa']);
  });

  it('a step that arms a timer is not covered by the guarded write: the attempt writes nothing and the completion goes through under locks', async () => {
    const inst = await startInstance(database.db, korektor, 'uji-tunggu', { office: OFFICE });
    const terima = inst.tasks[0];
    const before = await snapshot(inst.id);
    await expect(
      engineFor(database.db).completeTask(new KyselyRuntimeStore(database.db, { mode: optimisticWrite() }), { taskId: terima.id, actor: korektor.id, variables: {} }),
    ).rejects.toEqual(new OptimisticStepAbandoned('write-not-covered'));
    expect(await snapshot(inst.id)).toEqual(before);

    const done = await completeTask(database.db, korektor, terima.id, {}, { runtime: runtimeContext('postgres') });
    expect(done.instance.activeElements).toEqual(['tunggu']);
    const jobs = await database.db.selectFrom('runtime_jobs').select(['element_id', 'kind']).where('instance_id', '=', inst.id).execute();
    expect(jobs).toEqual([{ element_id: 'tunggu', kind: 'timer' }]);
  });

  it('an uncontended completion is written by the one guarded statement: the next task opens and the step is in the history', async () => {
    const inst = await startInstance(database.db, korektor, 'uji-cabang', { office: OFFICE });
    const hitung = inst.tasks.find((t) => t.elementId === 'hitung')!;
    const store = new KyselyRuntimeStore(database.db, { mode: optimisticWrite() });
    const r = await engineFor(database.db).completeTask(store, { taskId: hitung.id, actor: korektor.id, variables: { biaya: '150000' } });
    expect(store.outcome.committed).toBe(true);
    expect(r.task.status).toBe('completed');
    const after = await snapshot(inst.id);
    expect(after.tasks).toEqual([
      { element_id: 'hitung', status: 'completed', claimed_by: null },
      { element_id: 'periksa', status: 'open', claimed_by: null },
    ]);
    expect(after.history.at(-1)).toEqual({ element_id: 'hitung', event: 'completed' });
    expect(after.instance.variables).toMatchObject({ biaya: '150000' });
  });
});
