/**
 * How long a log-in attempt must wait, from the failures recorded in the database (so the
 * answer is the same on every server). Failures are counted per (username, address) and per
 * address, never per username alone: a lock per account would let anyone lock the real owner
 * out from anywhere (issue 16, finding 4). An address that has not failed is never slowed down.
 *
 * The first failures are free (typos); after that each further failure doubles the wait since
 * the last one, up to a ceiling. Nothing sleeps on the server: a throttled attempt is answered at
 * once with 429 and `Retry-After`, so an attacker cannot hold connections open either.
 */
export const PAIR_FREE_FAILURES = 5;
export const ADDRESS_FREE_FAILURES = 20;
/** Failures older than this are forgotten (and purged by the security job). */
export const LOGIN_FAILURE_WINDOW_MS = 60 * 60 * 1000;
export const MAX_LOGIN_WAIT_MS = 15 * 60 * 1000;
const FIRST_WAIT_MS = 1000;

export interface FailureCounts {
  /** failures of this username from this address in the window, and when the last one was */
  pair: { count: number; last: Date | null };
  /** failures from this address, any username */
  address: { count: number; last: Date | null };
}

function waitFor(count: number, free: number, last: Date | null, now: number): number {
  if (count < free || !last) return 0;
  const wait = Math.min(FIRST_WAIT_MS * 2 ** Math.min(count - free, 30), MAX_LOGIN_WAIT_MS);
  return Math.max(0, last.getTime() + wait - now);
}

/** Milliseconds this attempt must still wait; 0 lets it through. */
export function loginWaitMs(f: FailureCounts, now: number): number {
  return Math.max(waitFor(f.pair.count, PAIR_FREE_FAILURES, f.pair.last, now), waitFor(f.address.count, ADDRESS_FREE_FAILURES, f.address.last, now));
}
