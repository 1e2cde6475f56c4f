import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkspaceEventsHub, type WorkspaceChange } from '../../server/services/workspace/workspace-events.js';
import { channelListenerFor } from '../../server/db/index.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/db.js';

describe.each(databaseKinds)('inbox events (%s)', (kind) => {
  it('re-reading the late-commit window never sends a change twice, and changes from before the subscription are not news', async () => {
    const d = await createTestDatabase(kind);
    try {
      await sql`insert into workspace_changes (office, user_id, kind, ref) values ('kecamatan-kaloran', null, 'task', 'lama')`.execute(d.db);
      const hub = new WorkspaceEventsHub(d.db, { pollMs: 60_000 });
      const got: string[] = [];
      const unsubscribe = await hub.subscribe({ userId: 'u', offices: new Set(['kecamatan-kaloran']), send: (c) => got.push(c.ref ?? '') });
      for (const ref of ['satu', 'dua', 'tiga']) {
        await sql`insert into workspace_changes (office, user_id, kind, ref) values ('kecamatan-kaloran', null, 'task', ${ref})`.execute(d.db);
        hub.wake();
        await new Promise((r) => setTimeout(r, 100));
      }
      hub.wake();
      await new Promise((r) => setTimeout(r, 100));
      expect(got).toEqual(['satu', 'dua', 'tiga']);
      unsubscribe();
      await hub.close();
    } finally {
      await d.close();
    }
  });
});

// Two servers' transactions take change numbers in one order and commit in the other: the
// officer's inbox must still hear about both.
if (process.env.TEST_DATABASE_URL) {
  describe('inbox events on PostgreSQL', () => {
    let d: TestDatabase;
    beforeAll(async () => {
      d = await createTestDatabase('postgres', { poolSize: 4 });
    });
    afterAll(async () => d?.close());

    it('a change that commits after a later-numbered one is still delivered, once', async () => {
      const hub = new WorkspaceEventsHub(d.db, { pollMs: 60_000 });
      const got: WorkspaceChange[] = [];
      const unsubscribe = await hub.subscribe({ userId: 'u', offices: new Set(['kecamatan-kaloran']), send: (c) => got.push(c) });
      const settle = async () => {
        hub.wake();
        await new Promise((r) => setTimeout(r, 150));
      };

      let releaseSlow!: () => void;
      const slowMayCommit = new Promise<void>((r) => (releaseSlow = r));
      let slowInserted!: () => void;
      const slowHasSeq = new Promise<void>((r) => (slowInserted = r));
      const slow = d.db.transaction().execute(async (trx) => {
        await sql`insert into workspace_changes (office, user_id, kind, ref) values ('kecamatan-kaloran', null, 'task', 'lambat')`.execute(trx);
        slowInserted();
        await slowMayCommit;
      });
      await slowHasSeq;
      await sql`insert into workspace_changes (office, user_id, kind, ref) values ('kecamatan-kaloran', null, 'task', 'cepat')`.execute(d.db);
      await settle();
      expect(got.map((c) => c.ref)).toEqual(['cepat']);

      releaseSlow();
      await slow;
      await settle();
      await settle();
      expect(got.map((c) => c.ref)).toEqual(['cepat', 'lambat']);
      unsubscribe();
      await hub.close();
    });
  });
}

describe('inbox events on the embedded database', () => {
  it('a change reaches an open inbox as soon as it commits, through PGlite’s own LISTEN, not at the next poll', async () => {
    const d = await createTestDatabase('pglite');
    const listener = channelListenerFor(d.db, undefined)!;
    try {
      await listener.start();
      const hub = new WorkspaceEventsHub(d.db, { listener, pollMs: 60_000 });
      const got: string[] = [];
      const unsubscribe = await hub.subscribe({ userId: 'u', offices: new Set(['kecamatan-kaloran']), send: (c) => got.push(c.ref ?? '') });
      await sql`insert into workspace_changes (office, user_id, kind, ref) values ('kecamatan-kaloran', null, 'task', 'baru')`.execute(d.db);
      const deadline = Date.now() + 3_000;
      while (got.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(got).toEqual(['baru']);
      unsubscribe();
      await hub.close();
    } finally {
      await listener.close();
      await d.close();
    }
  });
});
