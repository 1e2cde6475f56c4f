import { describe, expect, it } from 'vitest';
import { isNormalPhone, looksLikePhone, normalizePhone, toInternational } from '../../core/phone.js';

describe('phone numbers: one normal form (08…)', () => {
  it.each([
    ['0812 3456 7890', '081234567890'],
    ['+62 812-3456-7890', '081234567890'],
    ['62812.3456.7890', '081234567890'],
    ['(0812) 3456 7890', '081234567890'],
    ['812 3456 7890', '081234567890'],
    ['021 555 1234', '0215551234'],
  ])('%s → %s', (typed, normal) => {
    expect(normalizePhone(typed)).toBe(normal);
    expect(isNormalPhone(normalizePhone(typed))).toBe(true);
  });

  it('tells a typed phone number from a username or an email', () => {
    expect(looksLikePhone('+62 812-3456-7890')).toBe(true);
    expect(looksLikePhone('0812 3456 7890')).toBe(true);
    expect(looksLikePhone('pemohon1')).toBe(false);
    expect(looksLikePhone('siti@contoh.id')).toBe(false);
    expect(looksLikePhone('12345')).toBe(false);
  });

  it('gives providers the international form', () => {
    expect(toInternational('0812 3456 7890')).toBe('6281234567890');
    expect(toInternational('+62 812 3456 7890')).toBe('6281234567890');
  });
});
