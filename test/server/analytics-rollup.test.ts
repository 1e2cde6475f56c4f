import { describe, expect, it } from 'vitest';
import { addSeconds, bucketOf, bucketRange, histogramCount, histogramMax, mergePacked, packHistogram, percentiles, splitPeriod, type Histogram } from '../../server/services/cockpit/analytics-rollup.js';

/** Nearest-rank percentile over the sorted values: what the histogram stands in for. */
function exact(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

describe('the cockpit’s time histograms', () => {
  it('keeps every second below 128 s and cuts each power of two above into 64 buckets that hold their values', () => {
    for (const v of [0, 1, 59, 127]) expect(bucketRange(bucketOf(v))).toEqual({ from: v, width: 1 });
    let previous = -1;
    for (let v = 0; v < 3_000_000; v += v < 1000 ? 1 : 997) {
      const b = bucketOf(v);
      const { from, width } = bucketRange(b);
      expect(v >= from && v < from + width).toBe(true);
      if (v >= 128) expect(width / from).toBeLessThanOrEqual(1 / 64);
      expect(b).toBeGreaterThanOrEqual(previous);
      previous = b;
    }
    // A week of working seconds and the largest int still have a bucket.
    expect(bucketRange(bucketOf(2 ** 31 - 1)).from + bucketRange(bucketOf(2 ** 31 - 1)).width).toBe(2 ** 31);
  });

  it('answers p50 and p90 within 0.8 % of the exact ones, and exactly below two minutes', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (const scale of [100, 900, 28_800, 400_000]) {
      const xs = Array.from({ length: 5_000 }, () => Math.floor(random() * random() * scale));
      const h: Histogram = new Map();
      for (const x of xs) addSeconds(h, x);
      expect(histogramCount(h)).toBe(5_000);
      const [p50, p90] = percentiles(h, [50, 90]);
      for (const [got, p] of [[p50, 50], [p90, 90]] as const) {
        const want = exact(xs, p);
        if (want < 128) expect(got).toBe(want);
        else expect(Math.abs(got! - want) / want).toBeLessThanOrEqual(1 / 128);
      }
      expect(histogramMax(h)).toBeGreaterThanOrEqual(Math.max(...xs));
    }
    expect(percentiles(new Map(), [50])).toEqual([null]);
  });

  it('stores a histogram as [bucket, count, …] and merges stored ones by adding', () => {
    const a: Histogram = new Map();
    for (const x of [5, 5, 900, 3600]) addSeconds(a, x);
    const packed = packHistogram(a);
    expect(packed.slice(0, 2)).toEqual([5, 2]);
    const b: Histogram = new Map();
    mergePacked(b, packed);
    mergePacked(b, packed.map(String));
    expect(histogramCount(b)).toBe(8);
    expect(b.get(5)).toBe(4);
  });

  it('splits a period into its whole months and the days at its edges', () => {
    expect(splitPeriod('2025-12-06', '2026-12-06')).toEqual({
      months: ['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01', '2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01'],
      days: [['2025-12-06', '2025-12-31'], ['2026-12-01', '2026-12-06']],
    });
    expect(splitPeriod('2024-02-01', '2024-02-29')).toEqual({ months: ['2024-02-01'], days: [] });
    expect(splitPeriod('2026-11-07', '2026-12-06')).toEqual({ months: [], days: [['2026-11-07', '2026-11-30'], ['2026-12-01', '2026-12-06']] });
    expect(splitPeriod('2026-03-10', '2026-03-10')).toEqual({ months: [], days: [['2026-03-10', '2026-03-10']] });
  });
});
