import { describe, expect, it } from 'vitest';
import { inSopOrder } from '../../core/sop-order.js';

describe('SOP order', () => {
  it('numbered SOPs in natural order (9 before 10, 01 = 1, B.2 before B.10), then the unnumbered by name', () => {
    const names = inSopOrder([
      { name: 'Pengaduan', sopNumber: null },
      { name: 'SOP 10', sopNumber: '10' },
      { name: 'SOP 09', sopNumber: '09' },
      { name: 'B.10', sopNumber: 'B.10' },
      { name: 'B.2', sopNumber: 'B.2' },
      { name: 'Alfa tanpa nomor' },
      { name: 'SOP 01', sopNumber: '01' },
    ]).map((s) => s.name);
    expect(names).toEqual(['SOP 01', 'SOP 09', 'SOP 10', 'B.2', 'B.10', 'Alfa tanpa nomor', 'Pengaduan']);
  });
});
