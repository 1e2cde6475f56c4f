import { describe, expect, it } from 'vitest';
import { addDuration, durationMs, parseDuration } from '../../core/duration.js';

describe('the SOP\'s "Waktu" as ISO 8601 durations (one grammar for runtime, studio and documents)', () => {
  it('reads minutes, hours, days, weeks, months and years, with decimal commas', () => {
    expect(parseDuration('PT5M')).toMatchObject({ minutes: 5, hours: 0, days: 0 });
    expect(parseDuration('P1DT4H')).toMatchObject({ days: 1, hours: 4 });
    expect(parseDuration('P1W')).toMatchObject({ weeks: 1 });
    expect(parseDuration('P1Y2M')).toMatchObject({ years: 1, months: 2 });
    expect(parseDuration('PT1,5H')).toMatchObject({ hours: 1.5 });
  });

  it('refuses what is not a duration: an empty P or T, words, a missing P', () => {
    for (const bad of ['P', 'PT', 'P1DT', '5 menit', 'T5M', 'PT5X', '']) expect(parseDuration(bad), bad).toBeUndefined();
  });

  it('adds calendar steps for days and exact time for hours; compares nominal lengths', () => {
    expect(addDuration(new Date('2026-01-31T01:00:00Z'), parseDuration('P1D')!).toISOString()).toBe('2026-02-01T01:00:00.000Z');
    expect(addDuration(new Date('2026-01-31T01:00:00Z'), parseDuration('PT90M')!).toISOString()).toBe('2026-01-31T02:30:00.000Z');
    expect(durationMs(parseDuration('P1W')!)).toBe(7 * 86_400_000);
  });
});
