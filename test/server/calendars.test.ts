import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WEEK } from '../../core/office-calendars.js';
import { addWorkingDuration, compileCalendar } from '../../core/working-time.js';
import { createUser } from '../../server/services/accounts/accounts.js';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { chain, end, model, start, userTask } from '../runtime/support/bpmn.js';
import { publishProcess } from '../runtime/support/publish.js';

// A korektor's step of 2 working hours, and a waiting step the SOP counts on the wall clock.
const SOP = model(
  'uji-kalender',
  `${start()}${userTask('koreksi', 'sop:duration="PT2H"')}${userTask('tunggu', 'sop:duration="PT2H" sop:calendar="calendar"')}${end()}${chain('start', 'koreksi', 'tunggu', 'end')}`,
  { lanes: { korektor: ['start', 'koreksi', 'tunggu', 'end'] }, attrs: 'sop:starterRoles="korektor"' },
);
const URL_SERANG = '/api/admin/offices/samsat-serang/calendar';
const PASSWORD = 'Rahasia-Kantor-2026';

describe.each(databaseKinds)('office working calendars (%s)', (kind) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let korektor: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp({ kind });
    admin = bearer(await loginAs(t.app, 'admin'));
    korektor = bearer(await loginAs(t.app, 'korektor.samsat-serang'));
    await publishProcess(t.database.db, 'uji-kalender', SOP);
    await createUser(t.database.db, { username: 'kepala.samsat-serang', password: PASSWORD, roles: [{ role: 'manager', office: 'samsat-serang' }] }, 'test');
  });
  afterAll(async () => t?.close());

  it('a Samsat office starts with Samsat hours (Saturday morning) and the 2026–2027 holidays marked as assumptions', async () => {
    const res = await t.app.inject({ method: 'GET', url: URL_SERANG, headers: admin });
    expect(res.statusCode).toBe(200);
    const cal = res.json();
    expect(cal).toMatchObject({ office: 'samsat-serang', custom: false });
    expect(cal.week[6]).toEqual({ open: '08:00', close: '12:00' });
    expect(cal.holidays).toContainEqual({ date: '2026-12-25', name: 'Hari Raya Natal', kind: 'libur-nasional', assumption: true });
  });

  it('the manager of the office may read it, a manager of another office and an officer may not, and only an admin changes it', async () => {
    const kepala = bearer(await loginAs(t.app, 'kepala.samsat-serang', PASSWORD));
    expect((await t.app.inject({ method: 'GET', url: URL_SERANG, headers: kepala })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/offices/samsat-cilegon/calendar', headers: kepala })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: URL_SERANG, headers: korektor })).statusCode).toBe(403);
    const put = await t.app.inject({ method: 'PUT', url: URL_SERANG, headers: kepala, payload: { week: DEFAULT_WEEK, holidays: [] } });
    expect(put.statusCode).toBe(403);
  });

  it('refuses a calendar without working days or with closing before opening, and stores nothing', async () => {
    const none = await t.app.inject({ method: 'PUT', url: URL_SERANG, headers: admin, payload: { week: [null, null, null, null, null, null, null], holidays: [] } });
    expect(none.statusCode).toBe(400);
    expect(none.json().code).toBe('CALENDAR_INVALID');
    const backwards = await t.app.inject({ method: 'PUT', url: URL_SERANG, headers: admin, payload: { week: [null, { open: '16:00', close: '08:00' }, null, null, null, null, null], holidays: [] } });
    expect(backwards.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: URL_SERANG, headers: admin })).json().custom).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/offices/tidak-ada/calendar', headers: admin })).statusCode).toBe(404);
  });

  it('a new calendar moves the due time of the office’s open tasks at once; wall-clock steps keep theirs', async () => {
    const started = await t.app.inject({ method: 'POST', url: '/api/processes/uji-kalender/instances', headers: korektor, payload: { office: 'samsat-serang', variables: {} } });
    expect(started.statusCode).toBe(201);
    const instanceId = started.json().id as string;
    const task = await t.database.db.selectFrom('runtime_tasks').selectAll().where('instance_id', '=', instanceId).executeTakeFirstOrThrow();
    // The office now works on Sundays only, 10:00–11:00, and takes Christmas off.
    const week = [{ open: '10:00', close: '11:00' }, null, null, null, null, null, null];
    const holidays = [{ date: '2026-12-27', name: 'Libur uji', kind: 'libur-lokal', assumption: false }];
    const put = await t.app.inject({ method: 'PUT', url: URL_SERANG, headers: admin, payload: { week, holidays } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ custom: true, updatedBy: 'admin', tasksUpdated: 1 });
    const after = await t.database.db.selectFrom('runtime_tasks').select('due_at').where('id', '=', task.id).executeTakeFirstOrThrow();
    const expected = addWorkingDuration(compileCalendar({ week, holidays: holidays as never }), new Date(task.created_at), { years: 0, months: 0, weeks: 0, days: 0, hours: 2, minutes: 0, seconds: 0 });
    expect(new Date(after.due_at!).toISOString()).toBe(expected.toISOString());
    // Sundays 10:00–11:00 Jakarta: two working hours span two Sundays.
    expect(new Date(after.due_at!).getUTCDay()).toBe(0);
    expect(new Date(after.due_at!).getTime() - new Date(task.created_at).getTime()).toBeGreaterThan(7 * 86_400_000);

    // The next task is created with the new calendar; the wall-clock step is 2 h of the clock.
    const done = await t.app.inject({ method: 'POST', url: `/api/tasks/${task.id}/complete`, headers: korektor, payload: { variables: {} } });
    expect(done.statusCode).toBe(200);
    const tunggu = await t.database.db.selectFrom('runtime_tasks').selectAll().where('instance_id', '=', instanceId).where('status', '=', 'open').executeTakeFirstOrThrow();
    expect(new Date(tunggu.due_at!).getTime() - new Date(tunggu.created_at).getTime()).toBe(2 * 3_600_000);
    const again = await t.app.inject({ method: 'PUT', url: URL_SERANG, headers: admin, payload: { week: DEFAULT_WEEK, holidays: [] } });
    expect(again.json().tasksUpdated).toBe(0);
  });

  it('the change is in the audit log', async () => {
    const rows = await t.database.db.selectFrom('audit_log').select(['action', 'subject', 'actor']).where('action', '=', 'office.calendar.update').execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]).toMatchObject({ subject: 'office:samsat-serang', actor: 'admin' });
  });
});
