import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Database } from '../../server/db/index.js';
import { todayInJakarta } from '../../server/services/offices/dates.js';
import { drainJobs, runOneTimerStart, startInstance } from '../../server/services/runtime/runtime.js';
import { seedCatalog } from '../../server/services/offices/seed.js';
import { createUser } from '../../server/services/accounts/accounts.js';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/db.js';
import { chain, end, model, start, userTask } from './support/bpmn.js';
import { publishProcess } from './support/publish.js';

const SERANG = 'samsat-serang';
const CILEGON = 'samsat-cilegon';
const HOUR = 3600_000;
const DAY = 24 * HOUR;

type TimerKind = 'timeDate' | 'timeCycle' | 'timeDuration';

/** A SOP begun by a timer start event: the korektor checks something, then it ends. */
function timerSop(key: string, kind: TimerKind, value: string, office: string | null, startId = 'mulai'): string {
  const officeAttr = office === null ? '' : ` sop:office="${office}"`;
  return model(
    key,
    `<bpmn:startEvent id="${startId}" name="Jadwal pemeriksaan"${officeAttr}><bpmn:timerEventDefinition><bpmn:${kind}>${value}</bpmn:${kind}></bpmn:timerEventDefinition></bpmn:startEvent>${userTask('periksa', 'sop:duration="P1D"')}${end()}${chain(startId, 'periksa', 'end')}`,
    { lanes: { korektor: [startId, 'periksa', 'end'] } },
  );
}

async function instancesOf(db: Kysely<Database>, key: string) {
  return db.selectFrom('runtime_instances').select(['id', 'office', 'publication', 'started_by', 'status']).where('process_key', '=', key).orderBy('office').execute();
}

async function scheduleOf(db: Kysely<Database>, key: string) {
  return db.selectFrom('runtime_timer_starts').selectAll().where('process_key', '=', key).orderBy('publication').execute();
}

/** A YYYY-MM-DD date `days` after today in Asia/Jakarta. */
function jakartaDay(days: number): string {
  return todayInJakarta(new Date(Date.now() + days * DAY));
}

describe.each(databaseKinds)('timer start events (%s)', (kind) => {
  let t: TestApp;
  let db: Kysely<Database>;
  const as: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await createTestApp({ kind });
    db = t.database.db;
    for (const u of ['manager', `korektor.${SERANG}`, `korektor.${CILEGON}`]) as[u] = bearer(await loginAs(t.app, u));
  });
  afterAll(async () => t?.close());

  const available = async (user: string) =>
    (await t.app.inject({ method: 'GET', url: '/api/tasks?scope=available&limit=200', headers: as[user] })).json().items as Array<{ instanceId: string; elementId: string; office: string; role: string }>;

  it('a timeDate start fires once at its time and not before, started by the system', async () => {
    const at = new Date(Date.now() + 2 * DAY);
    await publishProcess(db, 'uji-tanggal', timerSop('uji-tanggal', 'timeDate', at.toISOString(), SERANG));
    expect((await scheduleOf(db, 'uji-tanggal')).map((r) => r.due_at.getTime())).toEqual([at.getTime()]);

    await drainJobs(db, new Date(at.getTime() - 60_000));
    expect(await instancesOf(db, 'uji-tanggal')).toEqual([]);

    await drainJobs(db, at);
    const [inst] = await instancesOf(db, 'uji-tanggal');
    expect(inst).toMatchObject({ office: SERANG, publication: 1, started_by: 'system', status: 'running' });
    const history = await db.selectFrom('runtime_history').select(['element_id', 'actor']).where('instance_id', '=', inst.id).execute();
    expect(history).toEqual([{ element_id: 'mulai', actor: 'system' }]);

    await drainJobs(db, new Date(at.getTime() + 30 * DAY));
    expect(await instancesOf(db, 'uji-tanggal')).toHaveLength(1);
    expect(await scheduleOf(db, 'uji-tanggal')).toEqual([]);
  });

  it('a cycle R3/PT1H fires three times, an hour apart, and stops', async () => {
    await publishProcess(db, 'uji-siklus', timerSop('uji-siklus', 'timeCycle', 'R3/PT1H', SERANG));
    const [row] = await scheduleOf(db, 'uji-siklus');
    const pub = await db.selectFrom('publications').select('published_at').where('kind', '=', 'process').where('key', '=', 'uji-siklus').executeTakeFirstOrThrow();
    // counted from when the publication took effect (published today, effective today)
    expect(row).toMatchObject({ publication: 1, element_id: 'mulai', remaining: 3 });
    expect(row.due_at.getTime()).toBe(pub.published_at.getTime() + HOUR);
    const first = row.due_at.getTime();

    await drainJobs(db, new Date(first - 1));
    const started: number[] = [(await instancesOf(db, 'uji-siklus')).length];
    for (let i = 0; i < 6; i++) {
      await drainJobs(db, new Date(first + i * HOUR));
      started.push((await instancesOf(db, 'uji-siklus')).length);
    }
    expect(started).toEqual([0, 1, 2, 3, 3, 3, 3]);
    expect(await scheduleOf(db, 'uji-siklus')).toEqual([]);
  });

  it('occurrences missed while no server ran are not replayed: the latest due one fires once', async () => {
    await publishProcess(db, 'uji-susulan', timerSop('uji-susulan', 'timeCycle', 'R5/PT1H', SERANG));
    const first = (await scheduleOf(db, 'uji-susulan'))[0].due_at.getTime();
    await drainJobs(db, new Date(first + 2 * HOUR + 60_000));
    expect(await instancesOf(db, 'uji-susulan')).toHaveLength(1);
    // the three occurrences up to the third hour count as done; two are left, the next an hour later
    expect(await scheduleOf(db, 'uji-susulan')).toMatchObject([{ remaining: 2, due_at: new Date(first + 3 * HOUR) }]);
  });

  it('an office list starts one instance per office each time, each task in that office’s role queue', async () => {
    await publishProcess(db, 'uji-kantor', timerSop('uji-kantor', 'timeDuration', 'PT30M', `${SERANG}, ${CILEGON}`));
    const due = (await scheduleOf(db, 'uji-kantor'))[0].due_at;
    await drainJobs(db, due);
    const insts = await instancesOf(db, 'uji-kantor');
    expect(insts.map((i) => i.office)).toEqual([CILEGON, SERANG]);
    const serang = (await available(`korektor.${SERANG}`)).filter((x) => insts.some((i) => i.id === x.instanceId));
    const cilegon = (await available(`korektor.${CILEGON}`)).filter((x) => insts.some((i) => i.id === x.instanceId));
    expect(serang).toMatchObject([{ elementId: 'periksa', office: SERANG, role: 'korektor', instanceId: insts.find((i) => i.office === SERANG)!.id }]);
    expect(cilegon).toMatchObject([{ elementId: 'periksa', office: CILEGON, role: 'korektor', instanceId: insts.find((i) => i.office === CILEGON)!.id }]);
  });

  it('a timer start without sop:office, with an unknown office or an ill-formed timer is refused at publish, naming the element', async () => {
    const refused = async (key: string, xml: string) => {
      const put = await t.app.inject({ method: 'PUT', url: `/api/processes/${key}/draft`, payload: xml, headers: { ...as.manager, 'content-type': 'application/xml' } });
      expect(put.statusCode).toBe(201);
      const res = await t.app.inject({ method: 'POST', url: `/api/processes/${key}/publish`, payload: {}, headers: as.manager });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('MODEL_INVALID');
      return res.json().details.errors as Array<{ code: string; element?: string; message: string }>;
    };
    const noOffice = await refused('uji-tanpa-kantor', timerSop('uji-tanpa-kantor', 'timeCycle', 'R/P1D', null));
    expect(noOffice).toContainEqual({ code: 'TIMER_START_OFFICE_MISSING', element: 'mulai', message: expect.stringContaining('"Jadwal pemeriksaan"') });
    expect(noOffice.find((e) => e.code === 'TIMER_START_OFFICE_MISSING')!.message).toContain('sop:office');

    const unknown = await refused('uji-kantor-fiktif', timerSop('uji-kantor-fiktif', 'timeCycle', 'R/P1D', `${SERANG},kantor-fiktif`));
    expect(unknown).toContainEqual({ code: 'TIMER_START_OFFICE_UNKNOWN', element: 'mulai', message: expect.stringContaining('kantor-fiktif') });

    const expression = await refused('uji-kantor-ekspresi', timerSop('uji-kantor-ekspresi', 'timeCycle', 'R/P1D', '${opd}'));
    expect(expression.map((e) => [e.code, e.element])).toContainEqual(['TIMER_START_OFFICE_INVALID', 'mulai']);

    const badTimer = await refused('uji-timer-rusak', timerSop('uji-timer-rusak', 'timeCycle', 'R3/besok', SERANG));
    expect(badTimer.map((e) => [e.code, e.element])).toContainEqual(['TIMER_INVALID', 'mulai']);

    const rows = await db.selectFrom('runtime_timer_starts').select('process_key').where('process_key', 'in', ['uji-tanpa-kantor', 'uji-kantor-fiktif', 'uji-kantor-ekspresi', 'uji-timer-rusak']).execute();
    expect(rows).toEqual([]);
  });

  it('a new publication replaces the old one’s schedule: the old timer no longer fires', async () => {
    const d1 = new Date(Date.now() + 3 * DAY);
    const d2 = new Date(d1.getTime() + HOUR);
    await publishProcess(db, 'uji-ganti', timerSop('uji-ganti', 'timeDate', d1.toISOString(), SERANG));
    await publishProcess(db, 'uji-ganti', timerSop('uji-ganti', 'timeDate', d2.toISOString(), SERANG, 'mulai-baru'));
    expect((await scheduleOf(db, 'uji-ganti')).map((r) => [r.publication, r.element_id])).toEqual([
      [1, 'mulai'],
      [2, 'mulai-baru'],
    ]);
    await drainJobs(db, d1); // taken, found superseded at its due time, dropped
    expect(await instancesOf(db, 'uji-ganti')).toEqual([]);
    expect((await scheduleOf(db, 'uji-ganti')).map((r) => r.publication)).toEqual([2]);
    await drainJobs(db, d2);
    expect((await instancesOf(db, 'uji-ganti')).map((i) => i.publication)).toEqual([2]);
    expect(await scheduleOf(db, 'uji-ganti')).toEqual([]);
  });

  it('an occurrence before the publication takes effect is skipped; the next one in force fires', async () => {
    // effective the day after tomorrow; the cycle starts tomorrow at 08:00 (Jakarta)
    const startDay = jakartaDay(1);
    const first = new Date(`${startDay}T08:00:00+07:00`);
    await publishProcess(db, 'uji-berlaku', timerSop('uji-berlaku', 'timeCycle', `R2/${startDay}T08:00:00+07:00/P1D`, SERANG), jakartaDay(2));
    expect(await scheduleOf(db, 'uji-berlaku')).toMatchObject([{ due_at: first, remaining: 2 }]);
    await drainJobs(db, first);
    expect(await instancesOf(db, 'uji-berlaku')).toEqual([]);
    expect(await scheduleOf(db, 'uji-berlaku')).toMatchObject([{ due_at: new Date(first.getTime() + DAY), remaining: 1 }]);
    await drainJobs(db, new Date(first.getTime() + DAY));
    expect(await instancesOf(db, 'uji-berlaku')).toMatchObject([{ publication: 1, office: SERANG }]);
  });

  it('an officer start of a SOP with both a counter start and a timer start begins at the counter start only', async () => {
    const xml = model(
      'uji-dua-awal',
      `${start('loket')}<bpmn:startEvent id="mulai" name="Jadwal" sop:office="${SERANG}"><bpmn:timerEventDefinition><bpmn:timeCycle>R/P7D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>${userTask('periksa', 'sop:duration="P1D"')}${end()}${chain('loket', 'periksa', 'end')}${chain('mulai', 'periksa')}`,
      { lanes: { korektor: ['loket', 'mulai', 'periksa', 'end'] }, attrs: 'sop:starterRoles="korektor"' },
    );
    await publishProcess(db, 'uji-dua-awal', xml);
    const officer = await createUser(db, { username: 'korektor-dua-awal', password: 'rahasia-uji-123', roles: [{ role: 'korektor', office: SERANG }] }, 'test');
    const inst = await startInstance(db, officer, 'uji-dua-awal', { office: SERANG });
    expect(inst.activeElements).toEqual(['periksa']);
    expect(inst.tasks).toHaveLength(1);
    const history = await db.selectFrom('runtime_history').select('element_id').where('instance_id', '=', inst.id).execute();
    expect(history.map((h) => h.element_id)).toEqual(['loket']);
  });
});

describe.each(databaseKinds)('timer start events fired by several workers at once (%s)', (kind) => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  beforeAll(async () => {
    database = await createTestDatabase(kind, { poolSize: 10 });
    db = database.db;
    await seedCatalog(db);
  });
  afterAll(async () => database?.close());

  it('two drainers racing for one due timer start: one fires it, the other finds nothing', async () => {
    const at = new Date(Date.now() + DAY);
    await publishProcess(db, 'uji-sekali', timerSop('uji-sekali', 'timeDate', at.toISOString(), SERANG));
    const [a, b] = await Promise.all([runOneTimerStart(db, at), runOneTimerStart(db, at)]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect(await instancesOf(db, 'uji-sekali')).toHaveLength(1);
    expect(await scheduleOf(db, 'uji-sekali')).toEqual([]);
  });

  it('four concurrent drainers fire each due timer start exactly once', async () => {
    const keys = Array.from({ length: 6 }, (_, i) => `uji-balapan-${i}`);
    const at = new Date(Date.now() + 2 * DAY);
    for (const key of keys) await publishProcess(db, key, timerSop(key, 'timeDate', at.toISOString(), `${SERANG},${CILEGON}`));
    const counts = await Promise.all([drainJobs(db, at), drainJobs(db, at), drainJobs(db, at), drainJobs(db, at)]);
    expect(counts.reduce((x, y) => x + y, 0)).toBe(keys.length);
    for (const key of keys) expect((await instancesOf(db, key)).map((i) => i.office)).toEqual([CILEGON, SERANG]);
  });
});

describe('timer start schedules survive a restart (file-backed PGlite)', () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a timer start due while the server was down fires after the restart', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sop-ts-'));
    let opened = await openDatabase({ dataDir: dir });
    await migrateToLatest(opened.db);
    await seedCatalog(opened.db);
    await publishProcess(opened.db, 'uji-mulai-ulang', timerSop('uji-mulai-ulang', 'timeDuration', 'PT2H', SERANG));
    expect(await drainJobs(opened.db)).toBe(0);
    await opened.close();

    opened = await openDatabase({ dataDir: dir });
    expect(await drainJobs(opened.db, new Date(Date.now() + 3 * HOUR))).toBe(1);
    expect(await instancesOf(opened.db, 'uji-mulai-ulang')).toMatchObject([{ office: SERANG, started_by: 'system' }]);
    await opened.close();
  });
});
