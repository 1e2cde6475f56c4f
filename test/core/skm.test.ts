import { describe, expect, it } from 'vitest';
import { computeIkm, ikmCategory, ikmOfResponses, SKM_ITEMS, validAnswers } from '../../core/skm.js';

describe('SKM (Permenpan-RB 14/2017): IKM against a hand-computed example', () => {
  // Four respondents, nine items each (U1–U9).
  const responses = [
    [4, 3, 3, 4, 3, 4, 4, 2, 3],
    [3, 3, 2, 3, 3, 3, 4, 3, 3],
    [4, 4, 4, 4, 4, 4, 4, 4, 4],
    [2, 2, 1, 3, 2, 3, 3, 2, 2],
  ];

  it('NRR per item, weighted 0.111, summed, × 25, category', () => {
    const r = ikmOfResponses(responses)!;
    // By hand: item sums 13 12 10 14 12 14 15 11 12 → NRR 3.25 3.00 2.50 3.50 3.00 3.50 3.75 2.75 3.00 (Σ 28.25).
    expect(r.items.map((i) => i.sum)).toEqual([13, 12, 10, 14, 12, 14, 15, 11, 12]);
    expect(r.items.map((i) => i.nrr)).toEqual([3.25, 3, 2.5, 3.5, 3, 3.5, 3.75, 2.75, 3]);
    // NRR tertimbang: 3.25 × 0.111 = 0.36075 → 0.361; 2.5 × 0.111 = 0.2775 → 0.278; 3.75 × 0.111 = 0.41625 → 0.416 (half up: 0.41625 is 416.25 thousandths).
    expect(r.items[0].weighted).toBe(0.361);
    expect(r.items[2].weighted).toBe(0.278);
    expect(r.items[6].weighted).toBe(0.416);
    // IKM = 28.25 × 0.111 = 3.13575 → 3.136; the unit's = 3.13575 × 25 = 78.39375 → 78.39: B (baik).
    expect(r.ikm).toBe(3.136);
    expect(r.unitIkm).toBe(78.39);
    expect(r.category).toBe('B');
    expect(r.respondents).toBe(4);
    expect(computeIkm(r.items.map((i) => i.sum), 4)).toEqual(r);
  });

  it('the best possible answer is 99.90 (0.111 × 9 × 4 × 25), A; the worst 24.98, D; no respondents: no IKM', () => {
    expect(ikmOfResponses([Array(9).fill(4)])).toMatchObject({ unitIkm: 99.9, category: 'A' });
    expect(ikmOfResponses([Array(9).fill(1)])).toMatchObject({ unitIkm: 24.98, category: 'D' });
    expect(computeIkm(Array(9).fill(0), 0)).toBeNull();
  });

  it('the regulation’s intervals: 25.00–64.99 D, 65.00–76.60 C, 76.61–88.30 B, 88.31–100.00 A', () => {
    expect([64.99, 65, 76.6, 76.61, 88.3, 88.31, 100].map(ikmCategory)).toEqual(['D', 'C', 'C', 'B', 'B', 'A', 'A']);
  });

  it('answers are nine integers 1–4', () => {
    expect(SKM_ITEMS).toHaveLength(9);
    expect(validAnswers([1, 2, 3, 4, 1, 2, 3, 4, 1])).toBe(true);
    expect(validAnswers([1, 2, 3, 4, 1, 2, 3, 4])).toBe(false);
    expect(validAnswers([1, 2, 3, 4, 1, 2, 3, 4, 5])).toBe(false);
    expect(validAnswers([1, 2, 3, 4, 1, 2, 3, 4, 1.5])).toBe(false);
  });
});
