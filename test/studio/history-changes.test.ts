import { describe, expect, it } from 'vitest';
import { describeChanges } from '../../studio/features/workspace/history-changes.js';
import { translate, type Language } from '../../studio/i18n/index.js';

const tr = (lang: Language) => (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate(lang, k, p);

describe("the officer's history: what an officer changed of the applicant's data", () => {
  const fields = {
    lengthMeters: { label: 'Panjang reklame (meter)', type: 'number' },
    jenisReklame: { label: 'Jenis reklame', type: 'string', options: { permanen: 'Permanen (billboard)' } },
    dikuasakan: { label: 'Dikuasakan', type: 'boolean' },
  };

  it('names each field by its label and shows the values as people read them, never the variable name', () => {
    const text = describeChanges({ lengthMeters: { before: 2, after: 1234.5 }, jenisReklame: { before: 'non-permanen', after: 'permanen' }, dikuasakan: { before: false, after: true } }, fields, tr('id'), 'id');
    expect(text).toEqual(['Panjang reklame (meter) 2 → 1.234,5', 'Jenis reklame non-permanen → Permanen (billboard)', 'Dikuasakan Tidak → Ya']);
    expect(text.join(' ')).not.toMatch(/lengthMeters|jenisReklame|dikuasakan/);
  });

  it('in English, numbers and yes/no follow the language', () => {
    expect(describeChanges({ lengthMeters: { before: 2, after: 1234.5 }, dikuasakan: { before: true, after: false } }, fields, tr('en'), 'en')).toEqual(['Panjang reklame (meter) 2 → 1,234.5', 'Dikuasakan Yes → No']);
  });
});
