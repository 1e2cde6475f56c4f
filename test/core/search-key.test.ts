import { describe, expect, it } from 'vitest';
import { matchesSearch, searchKey } from '../../core/search-key.js';

describe('searching an application by its number (issue 23)', () => {
  it('ignores case, spaces and punctuation, and finds a part anywhere in the number', () => {
    expect(searchKey(' a 9999-zz ')).toBe('A9999ZZ');
    for (const typed of ['a9999zz', 'A 9999 ZZ', '9999', '99 zz']) expect(matchesSearch('A 9999 ZZ', typed), typed).toBe(true);
    expect(matchesSearch('A 9999 ZZ', 'B9999')).toBe(false);
    // nothing typed but punctuation finds nothing (not everything)
    expect(matchesSearch('A 9999 ZZ', ' - ')).toBe(false);
  });
});
