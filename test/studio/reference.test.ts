import { describe, expect, it } from 'vitest';
import { reference } from '../../studio/app/reference.js';
import { translate, type Language } from '../../studio/i18n/index.js';

const tr = (lang: Language) => (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate(lang, k, p);

describe('how a person refers to an application or a document', () => {
  it('by its first number, in the order the screen asks', () => {
    expect(reference(tr('id'), 'KLR-2026-000012', 'A 1234 BC')).toBe('KLR-2026-000012');
    expect(reference(tr('id'), null, 'A 1234 BC')).toBe('A 1234 BC');
    expect(reference(tr('id'), '  ', undefined, 'REK-1')).toBe('REK-1');
  });

  it('without any number: "(belum bernomor)", never an internal id', () => {
    expect(reference(tr('id'), null, undefined)).toBe('(belum bernomor)');
    expect(reference(tr('en'))).toBe('(not yet numbered)');
  });
});
