import { describe, expect, it } from 'vitest';
import { ADDRESS_FREE_FAILURES, loginWaitMs, MAX_LOGIN_WAIT_MS, PAIR_FREE_FAILURES } from '../../server/services/accounts/login-throttle.js';

const now = Date.parse('2026-12-05T08:00:00Z');
const ago = (ms: number) => new Date(now - ms);
const none = { count: 0, last: null };

describe('log-in throttle', () => {
  it('an address that has not failed never waits', () => {
    expect(loginWaitMs({ pair: none, address: none }, now)).toBe(0);
  });

  it('a few typos are free; after that each failure doubles the wait since the last one, up to a ceiling', () => {
    expect(loginWaitMs({ pair: { count: PAIR_FREE_FAILURES - 1, last: ago(0) }, address: { count: PAIR_FREE_FAILURES - 1, last: ago(0) } }, now)).toBe(0);
    const at = (count: number) => loginWaitMs({ pair: { count, last: ago(0) }, address: { count, last: ago(0) } }, now);
    expect(at(PAIR_FREE_FAILURES)).toBe(1000);
    expect(at(PAIR_FREE_FAILURES + 1)).toBe(2000);
    expect(at(PAIR_FREE_FAILURES + 3)).toBe(8000);
    expect(at(PAIR_FREE_FAILURES + 40)).toBe(MAX_LOGIN_WAIT_MS);
  });

  it('the wait runs from the last failure', () => {
    expect(loginWaitMs({ pair: { count: PAIR_FREE_FAILURES + 1, last: ago(1500) }, address: none }, now)).toBe(500);
    expect(loginWaitMs({ pair: { count: PAIR_FREE_FAILURES + 1, last: ago(5000) }, address: none }, now)).toBe(0);
  });

  it('an address guessing many usernames is slowed down as a whole', () => {
    expect(loginWaitMs({ pair: { count: 1, last: ago(0) }, address: { count: ADDRESS_FREE_FAILURES + 2, last: ago(0) } }, now)).toBe(4000);
  });
});
