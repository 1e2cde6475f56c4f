import { describe, expect, it } from 'vitest';
import { tanggal, tanggalJam } from '../../core/indonesian-date.js';
import { maskName, maskNik } from '../../core/masking.js';

describe('what documents and the public page write', () => {
  it('masks names word by word and NIKs but their first and last four digits', () => {
    expect(maskName('Budi Santoso')).toBe('Bu** Sa*****');
    expect(maskName('  Ni  Luh Ayu ')).toBe('N* Lu* Ay*');
    expect(maskName('A')).toBe('A*');
    expect(maskNik('3323010101900003')).toBe('3323********0003');
    expect(maskNik('1234')).toBe('****');
  });
  it('writes dates in Indonesian, in Asia/Jakarta', () => {
    expect(tanggal('2031-12-31')).toBe('31 Desember 2031');
    // 17:30 UTC on 31 December is already 1 January in Jakarta
    expect(tanggal(new Date('2025-12-31T17:30:00Z'))).toBe('1 Januari 2026');
    expect(tanggalJam(new Date('2026-08-17T02:05:00Z'))).toBe('17 Agustus 2026 pukul 09.05 WIB');
  });
});
