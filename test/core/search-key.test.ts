import { describe, expect, it } from 'vitest';
import { searchKey } from '../../core/search-key.js';

describe('searching an application by its number (issue 23)', () => {
  it('keeps upper-case letters and digits only, so any typing of a part is found inside the stored number', () => {
    expect(searchKey(' a 9999-zz ')).toBe('A9999ZZ');
    for (const typed of ['a9999zz', 'A 9999 ZZ', '9999', '99 zz']) expect(searchKey('A 9999 ZZ').includes(searchKey(typed)), typed).toBe(true);
    expect(searchKey('A 9999 ZZ').includes(searchKey('B9999'))).toBe(false);
    // nothing typed but punctuation leaves no key (the server then does not filter: search-sql.ts searchPattern is null)
    expect(searchKey(' - ')).toBe('');
  });
});
