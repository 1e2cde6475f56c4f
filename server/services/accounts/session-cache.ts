import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { perDatabase } from '../../db/per-database.js';
import type { SessionUser } from './session-user.js';

/**
 * Sessions already resolved, kept for the same token's next requests so that a request does not
 * pay a database round trip just to learn who sends it (a third of a task completion's queries).
 *
 * The database stays the truth; an entry is dropped
 * - when this process changes sessions, users or grants (`changingSessions`), before the change's
 *   response leaves: the next request on this server sees it exactly;
 * - when another process does: every such change notifies `sop_auth` (trigger, migration 0007),
 *   and each server's listener empties its cache when the notification arrives (milliseconds);
 * - when the session expires, and in any case after MAX_AGE_MS.
 * The cache is used only while the server's listener (server/db/listener.ts) is up: on PostgreSQL
 * its LISTEN connection (a notification missed while it was down could leave a revoked session
 * in it); on PGlite the embedded database's own LISTEN (db/pglite-listener.ts), which hears every
 * write there, since the same triggers fire and no other process can open the data folder.
 */
export const SESSION_CACHE_MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 10_000;
export const AUTH_CHANNEL = 'sop_auth';

interface Entry {
  user: SessionUser;
  /** session expiry, ms since epoch */
  expiresAt: number;
  cachedAt: number;
}

export class SessionCache {
  readonly #entries = new Map<string, Entry>();
  /** bumped by every invalidation: a lookup that began before one must not store what it read */
  #generation = 0;
  /** LISTEN connections up */
  #listening = 0;

  get enabled(): boolean {
    return this.#listening > 0;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** A listener came up (anything changed before is read fresh) or went down. */
  listening(up: boolean): void {
    this.#listening += up ? 1 : -1;
    this.invalidate();
  }

  get(tokenHash: string, now: number): SessionUser | undefined {
    if (!this.enabled) return undefined;
    const e = this.#entries.get(tokenHash);
    if (!e) return undefined;
    if (e.expiresAt <= now || now - e.cachedAt >= SESSION_CACHE_MAX_AGE_MS) {
      this.#entries.delete(tokenHash);
      return undefined;
    }
    return e.user;
  }

  /** Taken before reading the session from the database; hand it back to `store`. */
  generation(): number {
    return this.#generation;
  }

  store(generation: number, tokenHash: string, user: SessionUser, expiresAt: number, now: number): void {
    if (!this.enabled || generation !== this.#generation) return;
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(tokenHash, { user, expiresAt, cachedAt: now });
  }

  invalidate(): void {
    this.#generation++;
    this.#entries.clear();
  }
}

/** The cache of one database (servers built on the same database in one process share it). */
export const sessionCache = perDatabase(() => new SessionCache());

/**
 * Runs a write to sessions, users or grants; this process's cache forgets every session once it
 * is done (committed or not), so no request after it is answered from what it changed.
 */
export async function changingSessions<T>(db: Kysely<Database>, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } finally {
    sessionCache(db).invalidate();
  }
}
