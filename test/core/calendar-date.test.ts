import { describe, expect, it } from 'vitest';
import { addMonths, addYears, daysInMonth, dueDatesOwed, isCalendarDate, jakartaDate, monthsLate, yearsOwed } from '../../core/calendar-date.js';
import { tanggal as tanggalIndonesia } from '../../core/indonesian-date.js';

describe('calendar dates (Asia/Jakarta civil dates, YYYY-MM-DD)', () => {
  it('knows leap years and month lengths', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2025, 4)).toBe(30);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2024-13-01')).toBe(false);
  });

  it('adds months clamped to the end of a shorter month', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-03-31', 1)).toBe('2024-04-30');
    expect(addMonths('2024-12-15', 1)).toBe('2025-01-15');
    expect(addMonths('2025-01-15', -1)).toBe('2024-12-15');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2024-01-31', 25)).toBe('2026-02-28');
  });

  it('29 February a year later is 28 February', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('months late: 0 until the due date, then every part of a month counts whole', () => {
    expect(monthsLate('2024-05-10', '2024-05-01')).toBe(0);
    expect(monthsLate('2024-05-10', '2024-05-10')).toBe(0);
    expect(monthsLate('2024-05-10', '2024-05-11')).toBe(1);
    expect(monthsLate('2024-05-10', '2024-06-10')).toBe(1);
    expect(monthsLate('2024-05-10', '2024-06-11')).toBe(2);
    expect(monthsLate('2023-05-10', '2025-03-01')).toBe(22);
  });

  it('months late around month ends and leap days', () => {
    // 31 Jan + 1 month = 29 Feb (2024): paying on 29 Feb is 1 month late, on 1 Mar 2.
    expect(monthsLate('2024-01-31', '2024-02-29')).toBe(1);
    expect(monthsLate('2024-01-31', '2024-03-01')).toBe(2);
    expect(monthsLate('2023-01-31', '2023-02-28')).toBe(1);
    expect(monthsLate('2023-01-31', '2023-03-01')).toBe(2);
    // 29 Feb + 1 month = 29 Mar
    expect(monthsLate('2024-02-29', '2024-03-29')).toBe(1);
    expect(monthsLate('2024-02-29', '2024-03-30')).toBe(2);
    // 30 Apr + 1 = 30 May; 31 May is a second month
    expect(monthsLate('2024-04-30', '2024-05-31')).toBe(2);
    // across a year end
    expect(monthsLate('2024-12-31', '2025-01-01')).toBe(1);
  });

  it('agrees with the definition (least n with due + n months ≥ at) over many dates', () => {
    const start = new Date(Date.UTC(2023, 0, 1));
    for (let i = 0; i < 900; i += 7) {
      const due = new Date(start.getTime() + i * 86400000).toISOString().slice(0, 10);
      for (let j = 1; j < 800; j += 13) {
        const at = new Date(start.getTime() + (i + j) * 86400000).toISOString().slice(0, 10);
        let n = 1;
        while (addMonths(due, n) < at) n++;
        expect(monthsLate(due, at), `${due} → ${at}`).toBe(n);
      }
    }
  });

  it('tax years owed: the first year always, then every anniversary on or before the date', () => {
    expect(dueDatesOwed('2024-06-01', '2024-03-01')).toEqual(['2024-06-01']);
    expect(dueDatesOwed('2023-06-01', '2025-06-01')).toEqual(['2023-06-01', '2024-06-01', '2025-06-01']);
    expect(dueDatesOwed('2023-06-01', '2025-05-31')).toEqual(['2023-06-01', '2024-06-01']);
    expect(dueDatesOwed('2024-02-29', '2026-03-01')).toEqual(['2024-02-29', '2025-02-28', '2026-02-28']);
    expect(yearsOwed('2024-02-29', '2026-03-01')).toBe(3);
    expect(yearsOwed('2023-06-01', '2025-05-31')).toBe(2);
    expect(yearsOwed('2024-06-01', '2024-03-01')).toBe(1);
  });
});

describe('dates in Indonesian (official documents)', () => {
  it('writes the month in words and leaves anything else as given', () => {
    expect(tanggalIndonesia('2025-01-05')).toBe('5 Januari 2025');
    expect(tanggalIndonesia('2026-12-31')).toBe('31 Desember 2026');
    expect(tanggalIndonesia('2025-02-30')).toBe('2025-02-30');
  });
});

// The offices' civil date: an application registered at 23:30 WIB is dated that day, not the UTC one.
describe('the civil date in Jakarta', () => {
  it('turns at midnight WIB (17:00 UTC), the same as the time-zone database says', () => {
    const format = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' });
    const moments = ['2026-12-31T16:59:59.999Z', '2026-12-31T17:00:00.000Z', '2024-02-28T17:00:00Z', '2024-02-29T16:59:00Z', '2025-06-30T23:59:59Z', '2026-01-01T00:00:00Z'];
    expect(moments.map((m) => jakartaDate(new Date(m)))).toEqual(['2026-12-31', '2027-01-01', '2024-02-29', '2024-02-29', '2025-07-01', '2026-01-01']);
    // Every hour of a leap year, against the time-zone database
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 3600_000) expect(jakartaDate(new Date(t))).toBe(format.format(new Date(t)));
  });
});
