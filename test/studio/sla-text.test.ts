import { describe, expect, it } from 'vitest';
import { readSlaText, slaText } from '../../studio/modeler/iso-duration.js';

describe('the SLA in words (properties panel)', () => {
  it('reads minutes, hours and working days as an administrator writes them, into ISO 8601', () => {
    expect(readSlaText('15 menit')).toBe('PT15M');
    expect(readSlaText('2 jam')).toBe('PT2H');
    expect(readSlaText('3 hari kerja')).toBe('P3D');
    expect(readSlaText('1 hari kerja 4 jam')).toBe('P1DT4H');
    expect(readSlaText('1 jam dan 30 menit')).toBe('PT1H30M');
    expect(readSlaText('2 hours')).toBe('PT2H');
    expect(readSlaText('PT10M')).toBe('PT10M');
  });

  it('refuses what is not all number-and-unit, instead of dropping the rest', () => {
    expect(readSlaText('lima menit')).toBeUndefined();
    expect(readSlaText('1 jam 3')).toBeUndefined();
    expect(readSlaText('segera')).toBeUndefined();
    expect(readSlaText('3 hari kerja kira-kira')).toBeUndefined();
  });

  it('shows the stored ISO value in words, and reads those words back to the same value', () => {
    for (const iso of ['PT15M', 'PT2H', 'P3D', 'P1DT4H', 'PT1H30M']) expect(readSlaText(slaText(iso)!)).toBe(iso);
    expect(slaText('PT90M')).toBe('1 jam 30 menit');
    expect(slaText('P1DT4H')).toBe('1 hari kerja 4 jam');
    expect(slaText('bukan')).toBeUndefined();
  });

  it('reads every ISO duration the runtime runs (one grammar, core/duration.ts): a week is 5 working days', () => {
    expect(readSlaText('P1W')).toBe('P1W');
    expect(slaText('P1W')).toBe('5 hari kerja');
    expect(readSlaText('PT1,5H')).toBe('PT1,5H');
    expect(slaText('PT1,5H')).toBe('1 jam 30 menit');
  });
});
