import { describe, expect, it } from 'vitest';
import { DEFAULT_WEEK, INDONESIAN_HOLIDAYS_2026_2027, SAMSAT_WEEK } from '../../core/office-calendars.js';
import { compileCalendar } from '../../core/working-time.js';
import { Harness } from './support/harness.js';
import { chain, end, model, start, userTask } from './support/bpmn.js';

// A task's due time is its SOP "Waktu" in the working time of the task's office.
const xml = model(
  'izin',
  `${start()}${userTask('periksa', 'sop:duration="PT2H"')}${userTask('tunggu', 'sop:duration="PT2H" sop:calendar="calendar"')}${userTask('setuju', 'sop:duration="P1D" sop:office="${opd}"')}${end()}
   ${chain('start', 'periksa', 'tunggu', 'setuju', 'end')}`,
  { lanes: { 'petugas-loket': ['periksa', 'tunggu'], kasi: ['setuju'] } },
);

const calendars = {
  'kantor-a': compileCalendar({ week: DEFAULT_WEEK, holidays: INDONESIAN_HOLIDAYS_2026_2027 }),
  'samsat-serang': compileCalendar({ week: SAMSAT_WEEK, holidays: INDONESIAN_HOLIDAYS_2026_2027 }),
} as Record<string, ReturnType<typeof compileCalendar>>;

const jkt = (d: Date | null) => (d ? new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : null);

describe('due time of user tasks in the office working time', () => {
  it('2 working hours asked on Wednesday 23 Dec 15:00 fall due Monday 28 Dec 09:00 (cuti bersama, Natal, weekend)', async () => {
    const h = new Harness({ workingTime: (office) => calendars[office] });
    h.clock = new Date('2026-12-23T15:00:00+07:00');
    h.publish('izin', xml);
    const inst = await h.start('izin', { opd: 'samsat-serang' });
    expect(jkt(h.task(inst.id, 'periksa').dueAt)).toBe('2026-12-28 09:00');
  });

  it('a task marked sop:calendar="calendar" counts the wall clock', async () => {
    const h = new Harness({ workingTime: (office) => calendars[office] });
    h.clock = new Date('2026-12-23T15:00:00+07:00');
    h.publish('izin', xml);
    const inst = await h.start('izin', { opd: 'samsat-serang' });
    await h.completeAt(inst.id, 'periksa');
    expect(jkt(h.task(inst.id, 'tunggu').dueAt)).toBe('2026-12-23 17:00');
  });

  it('a task sent to another office uses that office’s calendar (Samsat works Saturday morning)', async () => {
    const h = new Harness({ workingTime: (office) => calendars[office] });
    h.clock = new Date('2026-12-11T10:30:00+07:00');
    h.publish('izin', xml);
    const inst = await h.start('izin', { opd: 'samsat-serang' });
    await h.completeAt(inst.id, 'periksa');
    await h.completeAt(inst.id, 'tunggu');
    expect(jkt(h.task(inst.id, 'setuju').dueAt)).toBe('2026-12-12 10:30');
  });

  it('the history entry of a completed step keeps its working-time due time', async () => {
    const h = new Harness({ workingTime: (office) => calendars[office] });
    h.clock = new Date('2026-12-07T15:00:00+07:00');
    h.publish('izin', xml);
    const inst = await h.start('izin', { opd: 'kantor-a' });
    await h.completeAt(inst.id, 'periksa');
    const entry = h.store.history.find((e) => e.elementId === 'periksa');
    expect(jkt(entry!.dueAt)).toBe('2026-12-08 09:00');
  });

  it('without a calendar for the office the due time stays wall-clock', async () => {
    const h = new Harness({ workingTime: () => undefined });
    h.clock = new Date('2026-12-07T15:00:00+07:00');
    h.publish('izin', xml);
    const inst = await h.start('izin', { opd: 'kantor-a' });
    expect(jkt(h.task(inst.id, 'periksa').dueAt)).toBe('2026-12-07 17:00');
  });
});
