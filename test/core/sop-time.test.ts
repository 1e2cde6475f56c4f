import { describe, expect, it } from 'vitest';
import { addSopTime, sopTimeMinutes, sopTimeOf, sopTimeText, ZERO_TIME } from '../../core/sop-time.js';
import { parseDuration } from '../../core/duration.js';

describe('SOP time in working-time conventions', () => {
  const t = (iso: string) => sopTimeOf(parseDuration(iso));
  it('keeps working days and working minutes apart and words them', () => {
    expect(t('P1D')).toEqual({ days: 1, minutes: 0 });
    expect(t('PT1H30M')).toEqual({ days: 0, minutes: 90 });
    expect(t('P1W')).toEqual({ days: 5, minutes: 0 });
    expect(sopTimeText(addSopTime(t('P1D'), addSopTime(t('PT4H'), t('PT35M'))))).toBe('1 hari kerja 4 jam 35 menit');
    expect(sopTimeText(ZERO_TIME)).toBe('-');
    expect(sopTimeText(sopTimeOf(undefined))).toBe('-');
  });
  it('compares with an 8-hour working day', () => {
    expect(sopTimeMinutes(t('P1D'))).toBe(480);
    expect(sopTimeMinutes(t('PT9H'))).toBeGreaterThan(sopTimeMinutes(t('P1D')));
  });
});
