import { describe, expect, it } from 'vitest';
import { todayInJakarta } from '../../server/services/offices/dates.js';

// The offices' civil date: an application registered at 23:30 WIB is dated that day, not the UTC one.
describe("today's date in Jakarta", () => {
  it('turns at midnight WIB (17:00 UTC), the same as the time-zone database says', () => {
    const format = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' });
    const moments = ['2026-12-31T16:59:59.999Z', '2026-12-31T17:00:00.000Z', '2024-02-28T17:00:00Z', '2024-02-29T16:59:00Z', '2025-06-30T23:59:59Z', '2026-01-01T00:00:00Z'];
    expect(moments.map((m) => todayInJakarta(new Date(m)))).toEqual(['2026-12-31', '2027-01-01', '2024-02-29', '2024-02-29', '2025-07-01', '2026-01-01']);
    // Every hour of a leap year, against the time-zone database
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 3600_000) expect(todayInJakarta(new Date(t))).toBe(format.format(new Date(t)));
  });
});
