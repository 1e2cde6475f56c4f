import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/services/accounts/accounts.js';
import { refreshAnalytics } from '../../server/services/cockpit/analytics.js';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { end, eq, flow, model, start, userTask } from '../runtime/support/bpmn.js';
import { publishProcess } from '../runtime/support/publish.js';

// The loket checks the file (1 h): complete → approval; "tidak lengkap" → returned.
const SOP = model(
  'uji-kinerja',
  `${start()}${userTask('periksa', 'sop:duration="PT1H"')}<bpmn:exclusiveGateway id="gw" name="Berkas lengkap?" />${userTask('setujui', 'sop:duration="PT30M"')}${end()}${end('kembali')}
   ${flow('f1', 'start', 'periksa')}${flow('f2', 'periksa', 'gw')}${flow('f_lengkap', 'gw', 'setujui', eq('berkasLengkap', true), 'lengkap')}${flow('f_tidak', 'gw', 'kembali', eq('berkasLengkap', false), 'tidak lengkap')}${flow('f3', 'setujui', 'end')}`,
  { lanes: { 'petugas-loket': ['start', 'periksa', 'gw', 'setujui', 'end', 'kembali'] }, attrs: 'sop:starterRoles="petugas-loket"' },
);
const OFFICE = 'kecamatan-kaloran';
const PASSWORD = 'Rahasia-Kantor-2026';
const USERS = [
  { username: 'loket.kaloran', roles: [{ role: 'petugas-loket', office: OFFICE }] },
  { username: 'kepala.kaloran', roles: [{ role: 'manager', office: OFFICE }] },
  { username: 'kepala.depok', roles: [{ role: 'manager', office: 'bapenda-depok' }] },
  { username: 'admin.uji', roles: [{ role: 'admin', office: null }] },
];
const Q = `process=uji-kinerja&office=${OFFICE}`;

describe.each(databaseKinds)('analytics for managers (%s)', (kind) => {
  let t: TestApp;
  const as: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await createTestApp({ kind, users: false });
    for (const u of USERS) await createUser(t.database.db, { ...u, password: PASSWORD }, 'test');
    for (const u of USERS) as[u.username] = bearer(await loginAs(t.app, u.username, PASSWORD));
    await publishProcess(t.database.db, 'uji-kinerja', SOP);
    const loket = as['loket.kaloran'];
    for (const [i, lengkap] of [true, true, false].entries()) {
      const started = await t.app.inject({ method: 'POST', url: '/api/processes/uji-kinerja/instances', headers: loket, payload: { office: OFFICE, variables: {} } });
      const inst = started.json().id as string;
      const periksa = await t.database.db.selectFrom('runtime_tasks').select('id').where('instance_id', '=', inst).executeTakeFirstOrThrow();
      // The first one is handled late: its due time had passed (set by hand).
      if (i === 0) await t.database.db.updateTable('runtime_tasks').set({ due_at: new Date(Date.now() - 60_000) }).where('id', '=', periksa.id).execute();
      expect((await t.app.inject({ method: 'POST', url: `/api/tasks/${periksa.id}/complete`, headers: loket, payload: { variables: { berkasLengkap: lengkap } } })).statusCode).toBe(200);
      if (lengkap) {
        const setujui = await t.database.db.selectFrom('runtime_tasks').select('id').where('instance_id', '=', inst).where('status', '=', 'open').executeTakeFirstOrThrow();
        expect((await t.app.inject({ method: 'POST', url: `/api/tasks/${setujui.id}/complete`, headers: loket, payload: { variables: {} } })).statusCode).toBe(200);
      }
    }
    // One application still open at the check.
    await t.app.inject({ method: 'POST', url: '/api/processes/uji-kinerja/instances', headers: loket, payload: { office: OFFICE, variables: {} } });
    // The job, run as it would be a minute later (history younger than a few seconds waits).
    while ((await refreshAnalytics(t.database.db, new Date(Date.now() + 60_000))) > 0);
  });
  afterAll(async () => t?.close());

  it('the office manager sees started, completed, open, on-time rate and the rate of "tidak lengkap"', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/analytics/overview?${Q}`, headers: as['kepala.kaloran'] });
    expect(res.statusCode).toBe(200);
    const o = res.json();
    expect(o).toMatchObject({ started: 4, completed: 3, open: 1, publication: 1 });
    expect(o.cycleSeconds.p90).not.toBeNull();
    expect(o.sopTotalSeconds).toBe(90 * 60);
    expect(o.backlog.find((b: { bucket: string }) => b.bucket === '<1d').n).toBe(1);
    expect(o.throughput.reduce((a: number, w: { completed: number }) => a + w.completed, 0)).toBe(3);
    const gw = o.decisions.find((d: { elementId: string }) => d.elementId === 'gw');
    expect(gw.flows).toEqual([
      { flowId: 'f_lengkap', name: 'lengkap', n: 2, rate: 2 / 3 },
      { flowId: 'f_tidak', name: 'tidak lengkap', n: 1, rate: 1 / 3 },
    ]);
  });

  it('the heatmap colours the step that was late and counts every flow', async () => {
    const h = (await t.app.inject({ method: 'GET', url: `/api/analytics/heatmap?${Q}`, headers: as['kepala.kaloran'] })).json();
    const periksa = h.tasks.find((x: { elementId: string }) => x.elementId === 'periksa');
    expect(periksa).toMatchObject({ completed: 3, open: 1, slaSeconds: 3600 });
    expect(periksa.breachRate).toBeCloseTo(1 / 3);
    expect(h.tasks.find((x: { elementId: string }) => x.elementId === 'setujui')).toMatchObject({ completed: 2, breachRate: 0 });
    const flows = Object.fromEntries(h.flows.map((f: { flowId: string; n: number }) => [f.flowId, f.n]));
    expect(flows).toMatchObject({ f1: 4, f2: 3, f_lengkap: 2, f_tidak: 1, f3: 2 });
    const step = (await t.app.inject({ method: 'GET', url: `/api/analytics/steps/periksa?${Q}`, headers: as['kepala.kaloran'] })).json();
    expect(step.n).toBe(3);
    expect(step.slowestOpen).toHaveLength(1);
    const work = (await t.app.inject({ method: 'GET', url: `/api/analytics/workload?${Q}`, headers: as['kepala.kaloran'] })).json();
    expect(work.posts).toEqual([{ role: 'petugas-loket', office: OFFICE, open: 1, late: 0 }]);
    expect(work.officers).toEqual([expect.objectContaining({ officer: 'loket.kaloran', role: 'petugas-loket', completed: 5 })]);
  });

  it('a period of whole months (read from the month rollups) gives the figures its days give', async () => {
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const month = `from=${today.slice(0, 8)}01&to=${new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 0)).toISOString().slice(0, 10)}`;
    const day = `from=${today}&to=${today}`;
    const get = async (route: string, period: string) => (await t.app.inject({ method: 'GET', url: `/api/analytics/${route}?${Q}&${period}`, headers: as['kepala.kaloran'] })).json();
    const [heatMonth, heatDay] = [await get('heatmap', month), await get('heatmap', day)];
    expect(heatMonth.tasks).toEqual(heatDay.tasks);
    expect(heatMonth.tasks.find((x: { elementId: string }) => x.elementId === 'periksa')).toMatchObject({ completed: 3 });
    expect(heatMonth.tasks.find((x: { elementId: string }) => x.elementId === 'periksa').p90Seconds).not.toBeNull();
    const [overMonth, overDay] = [await get('overview', month), await get('overview', day)];
    expect(overMonth.cycleSeconds).toEqual(overDay.cycleSeconds);
    expect(overMonth).toMatchObject({ started: 4, completed: 3 });
    const [stepMonth, stepDay] = [await get('steps/periksa', month), await get('steps/periksa', day)];
    expect(stepMonth.n).toBe(3);
    expect({ ...stepMonth, filter: null }).toEqual({ ...stepDay, filter: null });
    // A period before anything happened has nothing in it.
    expect((await get('heatmap', 'from=2020-01-01&to=2020-12-31')).tasks.every((x: { completed: number }) => x.completed === 0)).toBe(true);
  });

  it('an officer gets 403; a manager sees only the offices of their grants', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/analytics/overview?${Q}`, headers: as['loket.kaloran'] })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/analytics/heatmap?${Q}`, headers: as['kepala.depok'] })).statusCode).toBe(403);
    const own = (await t.app.inject({ method: 'GET', url: '/api/analytics/overview?process=uji-kinerja', headers: as['kepala.depok'] })).json();
    expect(own).toMatchObject({ started: 0, completed: 0, open: 0 });
    const all = (await t.app.inject({ method: 'GET', url: '/api/analytics/overview?process=uji-kinerja', headers: as['admin.uji'] })).json();
    expect(all).toMatchObject({ started: 4, completed: 3 });
  });

  it('exports every table as CSV and XLSX with the period and filters in the file', async () => {
    const csv = await t.app.inject({ method: 'GET', url: `/api/analytics/heatmap?${Q}&from=2026-01-01&to=2027-12-31&format=csv`, headers: as['kepala.kaloran'] });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('kinerja-peta-panas-uji-kinerja-2026-01-01-2027-12-31.csv');
    expect(csv.body).toContain('from,2026-01-01');
    expect(csv.body).toContain(`offices,${OFFICE}`);
    expect(csv.body).toContain('Tugas periksa,periksa,3,1,0');
    const xlsx = await t.app.inject({ method: 'GET', url: `/api/analytics/overview?${Q}&format=xlsx`, headers: as['kepala.kaloran'] });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Filter', 'Ringkasan', 'Umur tunggakan', 'Throughput mingguan', 'Keputusan']);
    expect(wb.getWorksheet('Filter')!.getRow(2).values).toEqual([undefined, 'process', 'uji-kinerja']);
    expect(wb.getWorksheet('Ringkasan')!.getRow(2).getCell(1).value).toBe(4);
  });
});
