import type { Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from '../db/index.js';
import type { SessionUser } from './accounts.js';

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
 * The cache is used only on PostgreSQL and only while its LISTEN connection is up (a notification
 * missed while it was down could leave a revoked session in it). On PGlite every request reads
 * its session: a write made there outside `changingSessions` (a test, a migration) has no
 * notification to tell the cache, and the embedded database is not the one to scale out.
 */
export const SESSION_CACHE_MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 10_000;
const RECONNECT_MS = 1_000;
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

const caches = new WeakMap<Kysely<Database>, SessionCache>();

/** The cache of one database (servers built on the same database in one process share it). */
export function sessionCache(db: Kysely<Database>): SessionCache {
  let c = caches.get(db);
  if (!c) {
    c = new SessionCache();
    caches.set(db, c);
  }
  return c;
}

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

/**
 * Keeps a PostgreSQL cache in step with the other servers: LISTEN on its own connection (the
 * pool's are not ours to hold), enabled only while listening, reconnecting after a drop.
 */
export class SessionInvalidationListener {
  readonly #cache: SessionCache;
  readonly #url: string;
  #client: pg.Client | undefined;
  #up = false;
  #retry: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(cache: SessionCache, url: string) {
    this.#cache = cache;
    this.#url = url;
  }

  async start(): Promise<void> {
    if (this.#closed || this.#client) return;
    const client = new pg.Client({ connectionString: this.#url });
    const lost = () => {
      if (this.#client !== client) return;
      this.#client = undefined;
      this.#down();
      void client.end().catch(() => undefined);
      this.#schedule();
    };
    client.on('notification', () => this.#cache.invalidate());
    client.on('error', lost);
    client.on('end', lost);
    this.#client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${AUTH_CHANNEL}`);
      if (this.#closed || this.#client !== client) return;
      this.#up = true;
      this.#cache.listening(true);
    } catch {
      lost();
    }
  }

  #down(): void {
    if (!this.#up) return;
    this.#up = false;
    this.#cache.listening(false);
  }

  #schedule(): void {
    if (this.#closed || this.#retry) return;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      void this.start();
    }, RECONNECT_MS);
    this.#retry.unref();
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retry) clearTimeout(this.#retry);
    this.#down();
    const c = this.#client;
    this.#client = undefined;
    await c?.end().catch(() => undefined);
  }
}
