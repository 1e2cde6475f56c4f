import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { createUser } from '../../server/services/accounts/accounts.js';
import { seedCatalog } from '../../server/services/offices/seed.js';
import { bearer, loginAs, TEST_PASSWORD } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { chain, end, model, start, userTask } from '../runtime/support/bpmn.js';
import { publishProcess } from '../runtime/support/publish.js';

const OFFICE = 'kecamatan-kaloran';
// A service task first: the start queues its job, which only a worker runs.
const xml = model(
  'uji-layanan',
  `${start()}<bpmn:serviceTask id="catat" name="Catat" sop:handler="noop" />${userTask('periksa', 'sop:duration="PT15M"')}${end()}${chain('start', 'catat', 'periksa', 'end')}`,
  { lanes: { 'petugas-loket': ['start', 'catat', 'periksa', 'end'] }, attrs: 'sop:starterRoles="petugas-loket"' },
);

describe('two apps built in one process', () => {
  let database: TestDatabase | undefined;
  const apps: FastifyInstance[] = [];
  const poll = process.env.RUNTIME_POLL_MS;
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    await database?.close();
    if (poll === undefined) delete process.env.RUNTIME_POLL_MS;
    else process.env.RUNTIME_POLL_MS = poll;
  });

  it("each has its own job worker, woken by its own steps: closing one leaves the other's working", { timeout: 180_000 }, async () => {
    database = await createTestDatabase('pglite');
    await seedCatalog(database.db);
    await createUser(database.db, { username: 'loket-uji', password: TEST_PASSWORD, roles: [{ role: 'petugas-loket', office: OFFICE }] }, 'test');
    await publishProcess(database.db, 'uji-layanan', xml);
    // The workers poll every ten minutes: a job runs within the test only when a step wakes the worker.
    process.env.RUNTIME_POLL_MS = '600000';
    for (let i = 0; i < 2; i++) {
      const app = await buildApp({ db: database.db, dbKind: database.kind, notifications: {}, workers: true });
      apps.push(app);
      await app.ready();
    }
    const [first, second] = apps;
    expect(first.runtime).not.toBe(second.runtime);
    await first.close();
    apps.splice(apps.indexOf(first), 1);

    const headers = bearer(await loginAs(second, 'loket-uji'));
    const started = await second.inject({ method: 'POST', url: '/api/processes/uji-layanan/instances', headers, payload: { office: OFFICE } });
    expect(started.statusCode).toBe(201);
    expect(started.json().activeElements).toEqual(['catat']);
    const id = started.json().id as string;
    const deadline = Date.now() + 10_000;
    let active: string[] = [];
    while (Date.now() < deadline) {
      active = (await second.inject({ method: 'GET', url: `/api/instances/${id}`, headers })).json().activeElements as string[];
      if (active.includes('periksa')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(active).toEqual(['periksa']);
  });
});
