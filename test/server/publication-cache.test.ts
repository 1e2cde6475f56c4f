import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { openDatabase, type OpenedDatabase } from '../../server/db/index.js';
import type { SessionUser } from '../../server/services/accounts/accounts.js';
import { PublicationCache, publicationCache } from '../../server/services/runtime/publication-cache.js';
import { startInstance, runtimeContext } from '../../server/services/runtime/runtime.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { chain, end, model, start, userTask } from '../runtime/support/bpmn.js';
import { publishProcess } from '../runtime/support/publish.js';

describe('the publication cache of one server', () => {
  it('keeps what it read only while its listener is up, and nothing read before an invalidation', async () => {
    const c = new PublicationCache();
    let reads = 0;
    const read = async () => ++reads;
    expect(await c.inForce('process', 'uji', '2026-12-05', read)).toBe(1);
    expect(await c.inForce('process', 'uji', '2026-12-05', read)).toBe(2); // not listening: every lookup reads
    c.listening(true);
    expect(await c.inForce('process', 'uji', '2026-12-05', read)).toBe(3);
    expect(await c.inForce('process', 'uji', '2026-12-05', read)).toBe(3);
    // another day (an effectiveFrom may take over at midnight) and another kind are their own entries
    expect(await c.inForce('process', 'uji', '2026-12-06', read)).toBe(4);
    expect(await c.inForce('ruleset', 'uji', '2026-12-05', read)).toBe(5);
    // a lookup under way when a publication arrives does not keep its answer
    const slow = c.inForce('process', 'lain', '2026-12-05', async () => {
      c.invalidate();
      return 9;
    });
    expect(await slow).toBe(9);
    expect(await c.inForce('process', 'lain', '2026-12-05', read)).toBe(6);
    c.listening(false);
    expect(await c.inForce('process', 'lain', '2026-12-05', read)).toBe(7);
  });
});

const OFFICE = 'samsat-serang';
// Each version differs in the step's time (what a manager corrects).
const korektorModel = (duration: string) =>
  model('uji-terbit', `${start()}${userTask('periksa', `sop:duration="${duration}"`)}${end()}${chain('start', 'periksa', 'end')}`, { lanes: { korektor: ['start', 'periksa', 'end'] }, attrs: 'sop:starterRoles="korektor"' });

describe.runIf(process.env.TEST_DATABASE_URL)('two servers on one PostgreSQL keep which publication is in force and forget it together', () => {
  let t: TestApp;
  let other: OpenedDatabase;
  let b: FastifyInstance;
  const korektor: SessionUser = { id: 'korektor-uji', username: 'korektor-uji', name: 'Korektor', roles: [{ role: 'korektor', office: OFFICE }] };
  beforeAll(async () => {
    t = await createTestApp({ kind: 'postgres' });
    other = await openDatabase({ url: t.database.url });
    b = await buildApp({ db: other.db, dbKind: 'postgres', databaseUrl: other.url });
    await b.ready();
  });
  afterAll(async () => {
    await b?.close();
    await other?.close();
    await t?.close();
  });

  it('a publication made on one server is used by the other as soon as the notification arrives, and at once by the one that published', async () => {
    await publishProcess(t.database.db, 'uji-terbit', korektorModel('PT5M'));
    const onB = () => startInstance(other.db, korektor, 'uji-terbit', { office: OFFICE }, { runtime: runtimeContext('postgres') });
    expect((await onB()).publication).toBe(1);
    expect(publicationCache(other.db).enabled).toBe(true);
    expect((await onB()).publication).toBe(1);

    await publishProcess(t.database.db, 'uji-terbit', korektorModel('PT10M'));
    const deadline = Date.now() + 5_000;
    let seen = (await onB()).publication;
    while (seen !== 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
      seen = (await onB()).publication;
    }
    expect(seen).toBe(2);

    // The publishing server itself: no wait for its own notification.
    await publishProcess(other.db, 'uji-terbit', korektorModel('PT15M'));
    expect((await onB()).publication).toBe(3);
  });
});
