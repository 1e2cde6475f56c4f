import { describe, expect, it } from 'vitest';
import { DEFAULT_WEEK, INDONESIAN_HOLIDAYS_2026_2027, SAMSAT_WEEK, defaultCalendar } from '../../core/office-calendars.js';
import {
  addWorkingDuration,
  calendarProblems,
  compileCalendar,
  isWorkingDay,
  nextOpening,
  workingMsBetween,
} from '../../core/working-time.js';
import type { Duration } from '../../core/duration.js';

// Times are written in Asia/Jakarta. 2026-12-07 is a Monday; 2026-12-24/25 are cuti bersama and Natal.
const at = (local: string) => new Date(`${local}+07:00`);
const jkt = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
const dur = (p: Partial<Duration>): Duration => ({ years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0, ...p });

const kantor = compileCalendar({ week: DEFAULT_WEEK, holidays: INDONESIAN_HOLIDAYS_2026_2027 });
const samsat = compileCalendar({ week: SAMSAT_WEEK, holidays: INDONESIAN_HOLIDAYS_2026_2027 });

describe('PTnM / PTnH count only opening minutes', () => {
  it('15 minutes inside opening hours is 15 minutes later', () => {
    expect(jkt(addWorkingDuration(kantor, at('2026-12-07T10:00:00'), dur({ minutes: 15 })))).toBe('2026-12-07 10:15');
  });

  it('ending exactly at closing is due at closing, not the next morning', () => {
    expect(jkt(addWorkingDuration(kantor, at('2026-12-07T15:00:00'), dur({ hours: 1 })))).toBe('2026-12-07 16:00');
  });

  it('2 hours asked at 15:00 continue at 08:00 the next working day', () => {
    expect(jkt(addWorkingDuration(kantor, at('2026-12-07T15:00:00'), dur({ hours: 2 })))).toBe('2026-12-08 09:00');
  });

  it('Friday afternoon carries over the weekend to Monday', () => {
    expect(jkt(addWorkingDuration(kantor, at('2026-12-11T15:30:00'), dur({ hours: 1 })))).toBe('2026-12-14 08:30');
  });

  it('Samsat works Saturday morning until 12:00', () => {
    expect(jkt(addWorkingDuration(samsat, at('2026-12-11T14:30:00'), dur({ hours: 1 })))).toBe('2026-12-12 08:30');
    expect(jkt(addWorkingDuration(samsat, at('2026-12-12T11:30:00'), dur({ hours: 1 })))).toBe('2026-12-14 08:30');
  });

  it('work arriving before opening counts from the opening', () => {
    expect(jkt(addWorkingDuration(kantor, at('2026-12-07T06:10:00'), dur({ minutes: 30 })))).toBe('2026-12-07 08:30');
  });

  it('work arriving after closing counts from the next opening', () => {
    expect(jkt(addWorkingDuration(kantor, at('2026-12-07T19:00:00'), dur({ minutes: 30 })))).toBe('2026-12-08 08:30');
  });

  it('work arriving on a Sunday counts from Monday 08:00', () => {
    expect(jkt(addWorkingDuration(kantor, at('2026-12-06T10:00:00'), dur({ minutes: 5 })))).toBe('2026-12-07 08:05');
  });

  it('skips Christmas Eve cuti bersama and Christmas Day', () => {
    // Wed 23 Dec 15:00 + 2 h: 1 h on Wednesday, Thu 24 (cuti bersama) and Fri 25 (Natal) closed, weekend, Monday 28.
    expect(jkt(addWorkingDuration(kantor, at('2026-12-23T15:00:00'), dur({ hours: 2 })))).toBe('2026-12-28 09:00');
  });

  it('skips the Idul Fitri 2026 week with its cuti bersama', () => {
    // Thu 19 Mar Nyepi, Fri 20 and Mon 23 / Tue 24 cuti bersama: Wed 18 Mar (also cuti bersama) is closed too.
    expect(jkt(addWorkingDuration(kantor, at('2026-03-17T15:30:00'), dur({ hours: 1 })))).toBe('2026-03-25 08:30');
  });

  it('seconds count too', () => {
    expect(jkt(addWorkingDuration(kantor, at('2026-12-07T15:59:30'), dur({ seconds: 90 })))).toBe('2026-12-08 08:01');
  });

  it('a zero duration started outside hours is the next opening', () => {
    expect(jkt(addWorkingDuration(kantor, at('2026-12-05T10:00:00'), dur({})))).toBe('2026-12-07 08:00');
  });
});

describe('PnD is the same working-clock time on the n-th next working day', () => {
  it('Monday 10:00 + 1 day is Tuesday 10:00', () => {
    expect(jkt(addWorkingDuration(kantor, at('2026-12-07T10:00:00'), dur({ days: 1 })))).toBe('2026-12-08 10:00');
  });

  it('Friday 10:00 + 1 day is Monday 10:00 (weekend skipped)', () => {
    expect(jkt(addWorkingDuration(kantor, at('2026-12-11T10:00:00'), dur({ days: 1 })))).toBe('2026-12-14 10:00');
  });

  it('Wednesday 23 Dec + 1 day skips cuti bersama, Natal and the weekend', () => {
    expect(jkt(addWorkingDuration(kantor, at('2026-12-23T09:15:00'), dur({ days: 1 })))).toBe('2026-12-28 09:15');
  });

  it('started after closing: counts from the next opening, then one working day', () => {
    expect(jkt(addWorkingDuration(kantor, at('2026-12-07T18:00:00'), dur({ days: 1 })))).toBe('2026-12-09 08:00');
  });

  it('Samsat: Friday 14:00 + 1 day lands on Saturday, clamped to its 12:00 closing', () => {
    expect(jkt(addWorkingDuration(samsat, at('2026-12-11T14:00:00'), dur({ days: 1 })))).toBe('2026-12-12 12:00');
  });

  it('P3D across a weekend', () => {
    expect(jkt(addWorkingDuration(kantor, at('2026-12-09T11:00:00'), dur({ days: 3 })))).toBe('2026-12-14 11:00');
  });

  it('P1DT2H adds the hours as working time after the day', () => {
    expect(jkt(addWorkingDuration(kantor, at('2026-12-07T15:00:00'), dur({ days: 1, hours: 2 })))).toBe('2026-12-09 09:00');
  });

  it('half a day is half of that day’s opening hours', () => {
    expect(jkt(addWorkingDuration(kantor, at('2026-12-07T08:00:00'), dur({ days: 0.5 })))).toBe('2026-12-07 12:00');
  });
});

describe('working time between two instants (SLA, analytics)', () => {
  it('inside one day it is the wall-clock difference', () => {
    expect(workingMsBetween(kantor, at('2026-12-07T09:00:00'), at('2026-12-07T11:30:00'))).toBe(150 * 60_000);
  });

  it('overnight counts only the opening hours', () => {
    expect(workingMsBetween(kantor, at('2026-12-07T15:00:00'), at('2026-12-08T09:00:00'))).toBe(2 * 3_600_000);
  });

  it('a weekend and holidays count nothing', () => {
    expect(workingMsBetween(kantor, at('2026-12-23T15:00:00'), at('2026-12-28T09:00:00'))).toBe(2 * 3_600_000);
    expect(workingMsBetween(kantor, at('2026-12-05T09:00:00'), at('2026-12-06T15:00:00'))).toBe(0);
  });

  it('is the inverse of adding working time', () => {
    const from = at('2026-12-10T13:20:00');
    for (const minutes of [1, 59, 160, 480, 481, 2000, 5000]) {
      const due = addWorkingDuration(kantor, from, dur({ minutes }));
      expect(workingMsBetween(kantor, from, due)).toBe(minutes * 60_000);
    }
  });

  it('is 0 when the end is not after the start', () => {
    expect(workingMsBetween(kantor, at('2026-12-08T09:00:00'), at('2026-12-07T09:00:00'))).toBe(0);
  });
});

describe('calendars', () => {
  it('opening and working days', () => {
    expect(isWorkingDay(kantor, at('2026-12-25T10:00:00'))).toBe(false);
    expect(isWorkingDay(samsat, at('2026-12-12T10:00:00'))).toBe(true);
    expect(isWorkingDay(kantor, at('2026-12-12T10:00:00'))).toBe(false);
    expect(jkt(nextOpening(kantor, at('2026-12-07T16:00:00')))).toBe('2026-12-08 08:00');
    expect(jkt(nextOpening(kantor, at('2026-12-07T15:59:00')))).toBe('2026-12-07 15:59');
  });

  it('an office calendar with no working day, bad hours or a doubled holiday is refused', () => {
    expect(calendarProblems({ week: [null, null, null, null, null, null, null], holidays: [] })).toHaveLength(1);
    expect(calendarProblems({ week: [null, { open: '16:00', close: '08:00' }, null, null, null, null, null], holidays: [] })).toHaveLength(1);
    expect(calendarProblems({ week: DEFAULT_WEEK, holidays: [{ date: '2026-13-01', name: 'x', kind: 'libur-lokal', assumption: false }] })).toHaveLength(1);
    const twice = { date: '2026-12-01', name: 'Hari jadi', kind: 'libur-lokal' as const, assumption: false };
    expect(calendarProblems({ week: DEFAULT_WEEK, holidays: [twice, twice] })).toHaveLength(1);
    expect(() => compileCalendar({ week: DEFAULT_WEEK.slice(0, 5), holidays: [] })).toThrow();
  });

  it('Samsat offices start with Samsat hours, other offices with the default, both with the holidays', () => {
    expect(defaultCalendar('samsat-banten').week[6]).toEqual({ open: '08:00', close: '12:00' });
    expect(defaultCalendar('kecamatan-kaloran').week[6]).toBeNull();
    expect(defaultCalendar(null).holidays.every((h) => h.assumption)).toBe(true);
    expect(calendarProblems(defaultCalendar(null))).toEqual([]);
  });
});
