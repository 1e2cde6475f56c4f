import { describe, expect, it } from 'vitest';
import { conditionWords } from '../../core/condition-words.js';

const facts = {
  dikuasakan: { title: 'Pengurusan dikuasakan kepada orang lain' },
  buildingArea: { title: 'Luas bangunan (m²)' },
  jenisPemohon: { title: 'Jenis pemohon', oneOf: [{ const: 'badan-hukum', title: 'Badan hukum' }, { const: 'perorangan', title: 'Perorangan' }] },
};

describe('conditions in plain words', () => {
  it('names facts by their titles and operators in Indonesian', () => {
    expect(conditionWords({ all: [{ fact: 'dikuasakan', operator: 'equal', value: true }] }, facts)).toBe('pengurusan dikuasakan kepada orang lain');
    expect(conditionWords({ all: [{ fact: 'dikuasakan', operator: 'equal', value: false }] }, facts)).toBe('tidak pengurusan dikuasakan kepada orang lain');
    expect(conditionWords({ all: [{ fact: 'buildingArea', operator: 'greaterThan', value: 1500 }] }, facts)).toBe('luas bangunan (m²) lebih dari 1.500');
    expect(conditionWords({ any: [{ fact: 'jenisPemohon', operator: 'equal', value: 'badan-hukum' }, { fact: 'buildingArea', operator: 'lessThanInclusive', value: 100 }] }, facts)).toBe(
      'jenis pemohon adalah Badan hukum atau luas bangunan (m²) paling banyak 100',
    );
    expect(conditionWords({ not: { fact: 'x', operator: 'in', value: ['a', 'b'] } })).toBe('bukan (x salah satu dari a, b)');
  });
  it('no condition: no words', () => {
    expect(conditionWords(undefined)).toBeUndefined();
    expect(conditionWords({ all: [] })).toBeUndefined();
  });
});
