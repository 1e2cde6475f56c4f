import { describe, expect, it } from 'vitest';
import { DEFAULT_NUMBER_FORMAT, DEFAULT_RECEIPT_FORMAT, DEFAULT_REGISTRATION_FORMAT, defaultFormatOf, formatNumber, formatProblems, RECEIPT_KIND, REGISTRATION_KIND } from '../../core/numbering.js';

const parts = { seq: 7, year: 2026, month: 3, office: 'kecamatan-kaloran', kind: 'izin' };

describe('document number formats', () => {
  it('fills every token: the IMB number of Kecamatan Kaloran', () => {
    expect(formatNumber('503/{seq}/IMB/{office}/{year}', parts)).toBe('503/7/IMB/kecamatan-kaloran/2026');
    expect(formatNumber('{kind}-{year}{month}-{seq:5}', parts)).toBe('izin-202603-00007');
    expect(formatNumber(DEFAULT_NUMBER_FORMAT, { ...parts, seq: 12345 })).toBe('12345/izin/kecamatan-kaloran/2026');
  });

  it('pads but never cuts a number longer than its width', () => {
    expect(formatNumber('{seq:3}', { ...parts, seq: 12345 })).toBe('12345');
  });

  it('accepts the documented tokens and refuses typos, lone braces and formats without a running number', () => {
    expect(formatProblems('503/{seq:4}/IMB/{office}/{month}/{year}/{kind}')).toEqual([]);
    expect(formatProblems('503/{sequence}/{year}').map((p) => p.token)).toContain('{sequence}');
    expect(formatProblems('503/{seq}/{year}/{')).toHaveLength(1);
    expect(formatProblems('IZIN/{year}')[0].message).toMatch(/seq/);
    expect(formatProblems('{seq:0}')).not.toEqual([]);
    expect(formatProblems('')).not.toEqual([]);
  });

  it('refuses a format whose numbers would repeat: without the year (counters start again each January), and a registration number without the office', () => {
    expect(formatProblems('503/{seq:4}/IMB').map((p) => p.message)).toEqual([expect.stringMatching(/\{year\}/)]);
    expect(formatProblems('REG/{year}/{seq:6}', REGISTRATION_KIND).map((p) => p.message)).toEqual([expect.stringMatching(/\{office\}/)]);
    expect(formatProblems('REG/{year}/{seq:6}', 'izin')).toEqual([]);
    expect(formatProblems(DEFAULT_REGISTRATION_FORMAT, REGISTRATION_KIND)).toEqual([]);
  });

  it("a kasir's receipt has its own kind and default format until the office sets one (issue 23)", () => {
    expect(defaultFormatOf(RECEIPT_KIND)).toBe(DEFAULT_RECEIPT_FORMAT);
    expect(formatNumber(defaultFormatOf('kwitansi'), { ...parts, seq: 42, office: 'samsat-serang', kind: 'kwitansi' })).toBe('KW/000042/samsat-serang/2026');
    expect(formatProblems(DEFAULT_RECEIPT_FORMAT)).toEqual([]);
    expect(defaultFormatOf('izin')).toBe(DEFAULT_NUMBER_FORMAT);
  });
});
