import { describe, expect, it } from 'vitest';
import { formatRupiah, rupiahSen, senToRupiah, terbilang, terbilangRupiah, wholeRupiah } from '../../core/money.js';

describe('rupiah as written on a nota', () => {
  it.each([
    ['1250000', 'Rp 1.250.000'],
    ['0', 'Rp 0'],
    ['999', 'Rp 999'],
    ['1000', 'Rp 1.000'],
    ['-100000', '-Rp 100.000'],
    ['1234.5', 'Rp 1.235'],
    ['1234.49', 'Rp 1.234'],
    ['123456789012345678901234', 'Rp 123.456.789.012.345.678.901.234'],
  ])('%s → %s', (amount, shown) => {
    expect(formatRupiah(amount)).toBe(shown);
  });

  it('groups without the prefix where the column says Rp', () => {
    expect(formatRupiah('2500000', { prefix: false })).toBe('2.500.000');
  });

  it('refuses what is not a decimal amount rather than printing NaN or Infinity', () => {
    expect(() => wholeRupiah('Infinity')).toThrow(RangeError);
    expect(() => wholeRupiah('1e309')).toThrow(RangeError);
    expect(() => wholeRupiah('')).toThrow(RangeError);
  });
});

describe('terbilang: the amount in words', () => {
  it.each([
    [0n, 'nol'],
    [1n, 'satu'],
    [10n, 'sepuluh'],
    [11n, 'sebelas'],
    [12n, 'dua belas'],
    [19n, 'sembilan belas'],
    [20n, 'dua puluh'],
    [21n, 'dua puluh satu'],
    [100n, 'seratus'],
    [101n, 'seratus satu'],
    [111n, 'seratus sebelas'],
    [250n, 'dua ratus lima puluh'],
    [1000n, 'seribu'],
    [1001n, 'seribu satu'],
    [1100n, 'seribu seratus'],
    [2000n, 'dua ribu'],
    [11000n, 'sebelas ribu'],
    [100000n, 'seratus ribu'],
    [101000n, 'seratus satu ribu'],
    [1000000n, 'satu juta'],
    [1001000n, 'satu juta seribu'],
    [1250000n, 'satu juta dua ratus lima puluh ribu'],
    [35000n, 'tiga puluh lima ribu'],
    [1000000000n, 'satu miliar'],
    [2000000000000n, 'dua triliun'],
    [-5000n, 'minus lima ribu'],
  ])('%s → %s', (n, words) => {
    expect(terbilang(n)).toBe(words);
  });

  it('spells a nota total with "rupiah"', () => {
    expect(terbilangRupiah('3425000')).toBe('tiga juta empat ratus dua puluh lima ribu rupiah');
  });
});

describe('the amount a kasir types (issue 23): decimal rupiah, never a float', () => {
  it('reads whole rupiah and sen, and writes the change back the same way', () => {
    expect(rupiahSen('150000')).toBe(15000000n);
    expect(rupiahSen('150000.5')).toBe(15000050n);
    expect(senToRupiah(rupiahSen('150000.50')! - 10000000n)).toBe('50000.50');
    expect(senToRupiah(0n)).toBe('0');
  });

  it('refuses what is not such an amount: thousands dots, exponents, signs, three decimals', () => {
    for (const bad of ['150.000', '1e5', '-1', '1.234', '', ' 100']) expect(rupiahSen(bad), bad).toBeUndefined();
  });
});
