/**
 * The cockpit's rollups (issue 18): times as histograms, and a period as whole months plus the
 * days at its edges. Pure functions; `analytics.ts` stores and reads them.
 *
 * A time in step (working seconds) goes into a log-linear bucket, as HdrHistogram does: below
 * 128 s every second is its own bucket (exact); above, each power of two is cut into 64 equal
 * buckets, so a bucket is at most 1/64 (1.6 %) of its values wide and a percentile read from it
 * (the bucket's middle) is within 0.8 % of the exact one — 7 s at 15 minutes, under the minute the
 * studio shows. Month rows hold such histograms, so a 12-month percentile merges a few hundred
 * short arrays instead of sorting every time in step of the year.
 *
 * How exact the percentiles are (issue 18 allows summary tables "if they are exact per day and per
 * step"):
 * - The day rows (`analytics_steps.seconds`, `analytics_instances.seconds`, migration 0014) hold
 *   every time, so per day and per step nothing is lost. Counts, breaches, on-time rates and
 *   throughput are exact over any period. Only p50/p90 (steps and cycle times) are read through a
 *   histogram: months from the month rows (migration 0023), the edge days' exact times added to it.
 * - The rank is exact: nearest rank ⌈p/100 · n⌉ over all n times of the period, as over the sorted
 *   times. What is reported is the middle of the bucket that holds the exact value x. With
 *   e = ⌊log2 x⌋ ≥ 7 the bucket is w = 2^(e−6) s wide, so the answer is off by at most ⌈(w−1)/2⌉ ≤
 *   2^(e−7) ≤ x/128 (0.78 %); below 128 s it is exact. In working time: ≤ 4 s for times of 8.5–17
 *   minutes, ≤ 32 s for 1.1–2.3 hours, ≤ 128 s for a working day (8 h = 28,800 s, in
 *   16,384–32,767 s) — never a whole minute below an hour, and the studio shows minutes.
 * - Why not exact over any period: an exact order statistic of a union of days needs the times
 *   themselves — no summary smaller than the data merges exactly (a summary that could answer every
 *   rank exactly determines the whole multiset). A period's times are the day rows' arrays: for a
 *   year of five offices that is the ~1M times of the benchmark, read and selected per request,
 *   which is what the old per-request SQL did (1,315 ms for the heatmap, 295 ms for the cycle time,
 *   against the 200 ms p95 budget); a month row with one-second buckets is no smaller when times
 *   rarely repeat to the second. Exact-when-small (a period whose month rows count few times read
 *   from the day rows instead) would be possible, but then the same screen would be exact for a
 *   month and approximate for a year; one rule, stated here and in server/README, was kept.
 */

/** Buckets below this are one second wide. */
const LINEAR = 128;
const SUB_BITS = 6; // 64 sub-buckets per power of two

/** The bucket of a time in working seconds (negative counts as 0). */
export function bucketOf(seconds: number): number {
  const v = Math.max(0, Math.floor(seconds));
  if (v < LINEAR) return v;
  const e = 31 - Math.clz32(v); // floor(log2 v), ≥ 7
  const shift = e - SUB_BITS;
  return LINEAR + (e - 7) * (1 << SUB_BITS) + ((v >>> shift) - (1 << SUB_BITS));
}

/** The seconds a bucket covers: [from, from + width). */
export function bucketRange(bucket: number): { from: number; width: number } {
  if (bucket < LINEAR) return { from: bucket, width: 1 };
  const i = bucket - LINEAR;
  const e = 7 + Math.floor(i / (1 << SUB_BITS));
  const shift = e - SUB_BITS;
  return { from: ((1 << SUB_BITS) + (i % (1 << SUB_BITS))) << shift, width: 1 << shift };
}

/** The value a bucket stands for in a percentile: its middle (exact below 128 s). */
export function bucketValue(bucket: number): number {
  const { from, width } = bucketRange(bucket);
  return from + Math.floor((width - 1) / 2);
}

/** bucket → count */
export type Histogram = Map<number, number>;

export function addSeconds(h: Histogram, seconds: number, count = 1): void {
  const b = bucketOf(seconds);
  h.set(b, (h.get(b) ?? 0) + count);
}

/** Stored form: `[bucket, count, bucket, count, …]` by bucket (an int[] column). */
export function packHistogram(h: Histogram): number[] {
  return [...h.entries()].sort((a, b) => a[0] - b[0]).flat();
}

/** Adds a stored histogram into `into`. */
export function mergePacked(into: Histogram, packed: ReadonlyArray<number | string>): void {
  for (let i = 0; i + 1 < packed.length; i += 2) {
    const b = Number(packed[i]);
    into.set(b, (into.get(b) ?? 0) + Number(packed[i + 1]));
  }
}

/**
 * An int[] column read as text (`col::text`, "{1,2,3}"): node-postgres's own array parser goes
 * character by character and was the largest cost of a year's heatmap; a split is ≈ 5× faster.
 */
export function parseIntArray(text: string | null): number[] {
  if (!text || text.length <= 2) return [];
  return text.slice(1, -1).split(',').map(Number);
}

export function histogramCount(h: Histogram): number {
  let n = 0;
  for (const c of h.values()) n += c;
  return n;
}

/**
 * The p-th percentiles (nearest rank, as over the sorted times: the value at rank ⌈p/100 · n⌉) of
 * a histogram, each as its bucket's value; null when empty.
 */
export function percentiles(h: Histogram, ps: number[]): Array<number | null> {
  const n = histogramCount(h);
  if (n === 0) return ps.map(() => null);
  const sorted = [...h.entries()].sort((a, b) => a[0] - b[0]);
  return ps.map((p) => {
    const rank = Math.max(1, Math.min(n, Math.ceil((p / 100) * n)));
    let seen = 0;
    for (const [b, c] of sorted) {
      seen += c;
      if (seen >= rank) return bucketValue(b);
    }
    return bucketValue(sorted[sorted.length - 1][0]);
  });
}

/** The slowest time a histogram holds (its top bucket's last second); 0 when empty. */
export function histogramMax(h: Histogram): number {
  let top = -1;
  for (const [b, c] of h) if (c > 0 && b > top) top = b;
  if (top < 0) return 0;
  const { from, width } = bucketRange(top);
  return from + width - 1;
}

const DAY_MS = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The first day of a day's month. */
export const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

/**
 * A period of days (both included) as the whole months inside it and the day ranges left at its
 * edges: what month rows answer, and what is left for the day rows.
 */
export function splitPeriod(from: string, to: string): { months: string[]; days: Array<[string, string]> } {
  const months: string[] = [];
  const days: Array<[string, string]> = [];
  for (let first = monthOf(from); first <= to; first = monthOf(addDays(first, 40))) {
    const last = addDays(monthOf(addDays(first, 40)), -1);
    if (first >= from && last <= to) months.push(first);
    else days.push([first < from ? from : first, last > to ? to : last]);
  }
  return { months, days };
}
