import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { systemResults } from '../../runtime/inputs.js';
import { migrateToLatest, openDatabase } from '../../server/db/index.js';
import { seedCatalog } from '../../server/services/offices/seed.js';
import { createUser, type SessionUser } from '../../server/services/accounts/accounts.js';
import { completeTask, drainJobs, runOneJob, startInstance, runtimeContext } from '../../server/services/runtime/runtime.js';
import { createTestDatabase, databaseKinds } from '../helpers/db.js';
import { chain, end, model, start, userTask } from './support/bpmn.js';
import { publishProcess } from './support/publish.js';

const OFFICE = 'samsat-serang';
const timerModel = model(
  'uji-timer',
  `${start()}<bpmn:intermediateCatchEvent id="tunggu"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent><bpmn:serviceTask id="terbit" sop:handler="issue-document" />${userTask('serah')}${end()}${chain('start', 'tunggu', 'terbit', 'serah', 'end')}`,
  { lanes: { korektor: ['start', 'tunggu', 'serah', 'terbit', 'end'] }, attrs: 'sop:starterRoles="korektor"' },
);

async function officer(db: Parameters<typeof createUser>[0]): Promise<SessionUser> {
  return createUser(db, { username: `korektor-${Math.random().toString(36).slice(2, 8)}`, password: 'rahasia-uji-123', roles: [{ role: 'korektor', office: OFFICE }] }, 'test');
}

describe('timers survive a restart of the server (file-backed PGlite)', () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a timer armed before the restart fires after it, exactly once', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sop-rt-'));
    let opened = await openDatabase({ dataDir: dir });
    await migrateToLatest(opened.db);
    await seedCatalog(opened.db);
    const user = await officer(opened.db);
    await publishProcess(opened.db, 'uji-timer', timerModel);
    const inst = await startInstance(opened.db, user, 'uji-timer', { office: OFFICE });
    expect(inst.activeElements).toEqual(['tunggu']);
    expect(await drainJobs(opened.db)).toBe(0);
    await opened.close();

    opened = await openDatabase({ dataDir: dir });
    const later = new Date(Date.now() + 3600_000 + 1000);
    expect(await drainJobs(opened.db, later)).toBe(2); // the timer, then the service task it reached
    expect(await drainJobs(opened.db, later)).toBe(0);
    const row = await opened.db.selectFrom('runtime_instances').select(['tokens', 'variables']).where('id', '=', inst.id).executeTakeFirstOrThrow();
    expect((row.tokens as Array<{ element: string }>).map((t) => t.element)).toEqual(['serah']);
    expect(systemResults(row.variables)).toHaveProperty('documentNumber');
    const history = await opened.db.selectFrom('runtime_history').select('element_id').where('instance_id', '=', inst.id).execute();
    expect(history.filter((h) => h.element_id === 'tunggu')).toHaveLength(1);
    await opened.close();
  });
});

describe.each(databaseKinds)('jobs and races on %s', (kind) => {
  it('50 concurrent completions of one task (as the HTTP route sends them): exactly one wins, the others get TASK_ALREADY_COMPLETED, one history row', async () => {
    const database = await createTestDatabase(kind, { poolSize: 20 });
    try {
      await seedCatalog(database.db);
      const user = await officer(database.db);
      await publishProcess(database.db, 'uji-race', model('uji-race', `${start()}${userTask('a')}${userTask('b')}${end()}${chain('start', 'a', 'b', 'end')}`, { lanes: { korektor: ['a', 'b'] } }));
      const inst = await startInstance(database.db, user, 'uji-race', { office: OFFICE });
      const taskId = inst.tasks[0].id;
      const results = await Promise.allSettled(Array.from({ length: 50 }, () => completeTask(database.db, user, taskId, {}, { runtime: runtimeContext(kind) })));
      const ok = results.filter((r) => r.status === 'fulfilled');
      const codes = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as { code?: string }).code);
      expect(ok).toHaveLength(1);
      expect(codes).toEqual(Array(49).fill('TASK_ALREADY_COMPLETED'));
      const history = await database.db.selectFrom('runtime_history').select('id').where('task_id', '=', taskId).execute();
      expect(history).toHaveLength(1);
      const open = await database.db.selectFrom('runtime_tasks').select('element_id').where('instance_id', '=', inst.id).where('status', '=', 'open').execute();
      expect(open.map((o) => o.element_id)).toEqual(['b']);
    } finally {
      await database.close();
    }
  });

  it('concurrent workers take each due job at most once (FOR UPDATE SKIP LOCKED)', async () => {
    const database = await createTestDatabase(kind, { poolSize: 10 });
    try {
      await seedCatalog(database.db);
      const user = await officer(database.db);
      await publishProcess(database.db, 'uji-timer', timerModel);
      const ids: string[] = [];
      for (let i = 0; i < 30; i++) ids.push((await startInstance(database.db, user, 'uji-timer', { office: OFFICE })).id);
      const later = new Date(Date.now() + 2 * 3600_000);
      const worker = async () => {
        let n = 0;
        while (await runOneJob(database.db, later)) n++;
        return n;
      };
      const counts = await Promise.all([worker(), worker(), worker(), worker()]);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(60);
      const rows = await database.db.selectFrom('runtime_history').select(['instance_id', 'element_id']).where('element_id', 'in', ['tunggu', 'terbit']).execute();
      expect(rows).toHaveLength(60);
      const open = await database.db.selectFrom('runtime_tasks').select('instance_id').where('status', '=', 'open').execute();
      expect(open.map((o) => o.instance_id).sort()).toEqual([...ids].sort());
    } finally {
      await database.close();
    }
  });
});
