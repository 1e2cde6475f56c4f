import { describe, expect, it } from 'vitest';
import { createUser } from '../../server/services/accounts/accounts.js';
import { completeTask, startInstance, runtimeContext } from '../../server/services/runtime/runtime.js';
import { seedCatalog } from '../../server/services/offices/seed.js';
import { createTestDatabase, databaseKinds } from '../helpers/db.js';
import { chain, end, model, userTask } from './support/bpmn.js';
import { publishProcess } from './support/publish.js';

const OFFICE = 'samsat-serang';
// The start's form declares the list the officer enters: a list no form bounds is refused past
// 100 items (runtime/inputs.ts), a declared one is checked against its own maxItems.
const START_FORM = JSON.stringify({ schema: { type: 'object', properties: { daftar: { type: 'array', maxItems: 5000, items: { type: 'string', maxLength: 50 } } } } }).replace(/"/g, '&quot;');

/**
 * Issue 16, finding 9: a multi-instance activity over a list of thousands of items made one step
 * with more parameters than PostgreSQL's protocol can number (65,535), and the step failed with
 * a 500 — forever, since every retry was the same step.
 */
describe.each(databaseKinds)('a multi-instance activity over thousands of items (%s)', (kind) => {
  it('opens one task per item and the next completion goes on as usual', async () => {
    const database = await createTestDatabase(kind);
    try {
      await seedCatalog(database.db);
      const user = await createUser(database.db, { username: 'korektor-banyak', password: 'Rahasia-Kantor-2026', roles: [{ role: 'korektor', office: OFFICE }] }, 'test');
      const xml = model(
        'uji-banyak',
        `<bpmn:startEvent id="start" sop:form="${START_FORM}" /><bpmn:userTask id="periksa" name="Periksa"><bpmn:multiInstanceLoopCharacteristics sop:collection="daftar" sop:elementVariable="butir" /></bpmn:userTask>${userTask('selesai')}${end()}${chain('start', 'periksa', 'selesai', 'end')}`,
        { lanes: { korektor: ['start', 'periksa', 'selesai', 'end'] }, attrs: 'sop:starterRoles="korektor"' },
      );
      await publishProcess(database.db, 'uji-banyak', xml);
      const items = Array.from({ length: 3_000 }, (_, i) => `butir-${i}`);
      const inst = await startInstance(database.db, user, 'uji-banyak', { office: OFFICE, variables: { daftar: items } }, { runtime: runtimeContext(kind) });
      const open = await database.db.selectFrom('runtime_tasks').select(['id', 'item']).where('instance_id', '=', inst.id).where('status', '=', 'open').execute();
      expect(open).toHaveLength(3_000);
      const done = await completeTask(database.db, user, open[0].id, {}, { runtime: runtimeContext(kind) });
      expect(done).toBeDefined();
      const left = await database.db.selectFrom('runtime_tasks').select('id').where('instance_id', '=', inst.id).where('status', '=', 'open').execute();
      expect(left).toHaveLength(2_999);
    } finally {
      await database.close();
    }
  }, 120_000);
});
