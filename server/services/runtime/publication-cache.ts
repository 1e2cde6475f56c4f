import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { perDatabase } from '../../db/per-database.js';

export const PUBLICATIONS_CHANNEL = 'sop_publications';
const MAX_ENTRIES = 2_000;

/**
 * Which publication of a process or rule set is in force on a day (Asia/Jakarta), kept per server
 * so that an application's start, a call activity and a fee step do not each ask the database (a
 * round trip apiece on the step's path). The database stays the truth; the cache is emptied
 * - when this server publishes (`invalidate` after the publishing transaction commits), before the
 *   publish's response leaves;
 * - when any other writer does: the `sop_publications` notification (trigger, migration 0013) reaches
 *   every server's listener (server/db/listener.ts) within milliseconds;
 * and it is used only while that listener is up (on PGlite: the embedded database's own LISTEN);
 * with the listener cut off every lookup reads. A lookup that began before an invalidation does not store what it read.
 * Parsed models and compiled rule sets stay keyed by publication, which never changes.
 */
export class PublicationCache {
  readonly #entries = new Map<string, number | null>();
  #generation = 0;
  #listening = 0;

  get enabled(): boolean {
    return this.#listening > 0;
  }

  /** A listener came up (anything published before is read fresh) or went down. */
  listening(up: boolean): void {
    this.#listening += up ? 1 : -1;
    this.invalidate();
  }

  invalidate(): void {
    this.#generation++;
    this.#entries.clear();
  }

  /** The publication of `kind:key` in force on `day`, from the cache or from `read`. */
  async inForce(kind: 'process' | 'ruleset', key: string, day: string, read: () => Promise<number | undefined>): Promise<number | undefined> {
    if (!this.enabled) return read();
    const id = `${kind}\u0000${key}\u0000${day}`;
    const hit = this.#entries.get(id);
    if (hit !== undefined) return hit ?? undefined;
    const generation = this.#generation;
    const n = await read();
    if (this.enabled && generation === this.#generation) {
      if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
      this.#entries.set(id, n ?? null);
    }
    return n;
  }
}

/** One per database handle (publication numbers are only meaningful within one database). */
export const publicationCache = perDatabase(() => new PublicationCache());

/**
 * The publication in force on `day` (YYYY-MM-DD, Asia/Jakarta): the highest n whose effective
 * date has come. One indexed query; the cache above decides when it is needed.
 */
export async function readPublicationInForce(conn: Kysely<Database>, kind: 'process' | 'ruleset', key: string, day: string): Promise<number | undefined> {
  const r = await publicationInForceOn(conn, kind, key, day).select('n').executeTakeFirst();
  return r?.n;
}

/**
 * The one rule of which publication is in force on a day (Asia/Jakarta date): the newest whose
 * effective date has come. A query to select from (the number here, the whole row in the store).
 */
export function publicationInForceOn(conn: Kysely<Database>, kind: 'process' | 'ruleset', key: string, day: string) {
  return conn.selectFrom('publications').where('kind', '=', kind).where('key', '=', key).where('effective_from', '<=', day).orderBy('n', 'desc').limit(1);
}
