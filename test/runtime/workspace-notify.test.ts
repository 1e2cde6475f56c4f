import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createUser } from '../../server/services/accounts/accounts.js';
import { completeTask, startInstance } from '../../server/services/runtime/runtime.js';
import { seedCatalog } from '../../server/services/offices/seed.js';
import { createTestDatabase } from '../helpers/db.js';
import { chain, end, model, start, userTask } from './support/bpmn.js';
import { publishProcess } from './support/publish.js';

const OFFICE = 'samsat-serang';

// The runtime's steps send the workspace NOTIFY after their commit (migration 0004), so that
// steps do not commit one at a time behind PostgreSQL's notify lock. A listener must still be
// woken for every step, and only once the change it is told about can be read.
describe.runIf(process.env.TEST_DATABASE_URL)('workspace wake-ups after runtime steps (postgres)', () => {
  it('an officer listening for inbox changes is woken after a task completes, and the new task is already readable', async () => {
    const database = await createTestDatabase('postgres');
    const listener = new pg.Client({ connectionString: database.url });
    try {
      await seedCatalog(database.db);
      const user = await createUser(database.db, { username: 'korektor-notify', password: 'rahasia-uji-123', roles: [{ role: 'korektor', office: OFFICE }] }, 'test');
      await publishProcess(database.db, 'uji-notify', model('uji-notify', `${start()}${userTask('a')}${userTask('b')}${end()}${chain('start', 'a', 'b', 'end')}`, { lanes: { korektor: ['start', 'a', 'b', 'end'] } }));
      const inst = await startInstance(database.db, user, 'uji-notify', { office: OFFICE });
      // Let the start's own wake-up (sent a few ms after its commit) pass before listening.
      await new Promise((r) => setTimeout(r, 100));

      await listener.connect();
      await listener.query('LISTEN sop_workspace');
      const seen: string[] = [];
      const woken = new Promise<void>((resolve, reject) =>
        listener.on('notification', (n) => {
          if (n.channel !== 'sop_workspace') return;
          // Read on the listener's own connection when woken: the step is committed by now.
          listener.query<{ ref: string }>(`select ref from workspace_changes where kind = 'task' order by seq`).then(({ rows }) => {
            seen.push(...rows.map((r) => r.ref));
            resolve();
          }, reject);
        }),
      );
      const done = await completeTask(database.db, user, inst.tasks[0].id, {});
      await woken;
      expect(seen).toContain(inst.tasks[0].id);
      expect(seen).toContain(done.nextTasks[0].id);
    } finally {
      await listener.end();
      await database.close();
    }
  });
});
