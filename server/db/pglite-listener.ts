import type { PGlite } from '@electric-sql/pglite';
import type { ChannelListener, ChannelSubscriber } from './listener.js';

/**
 * The embedded database's notifications, heard in this process through PGlite's own LISTEN: the
 * same statement triggers as on PostgreSQL (sessions, grants, publications, calendars, the inboxes'
 * change log) reach the same subscribers, so the caches that trust what they heard work here too.
 * There is no connection to lose: a subscriber is up from its LISTEN to its unsubscribe. And the
 * data folder is held by this one process (data-lock.ts), so no write can happen unheard.
 */
export class PGliteListener implements ChannelListener {
  #closed = false;
  readonly #stops = new Set<() => Promise<void>>();

  constructor(private readonly pglite: PGlite) {}

  get up(): boolean {
    return !this.#closed;
  }

  /** Nothing to connect: PGlite is in this process. */
  async start(): Promise<void> {}

  async listen(channel: string, sub: ChannelSubscriber): Promise<() => void> {
    const unlisten = await this.pglite.listen(channel, (payload) => sub.notify(payload));
    const stop = async () => {
      this.#stops.delete(stop);
      sub.state?.(false);
      // A closed PGlite has nothing left to stop listening to.
      if (!this.pglite.closed) await unlisten().catch(() => undefined);
    };
    this.#stops.add(stop);
    sub.state?.(true);
    return () => void stop();
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#stops].map((stop) => stop()));
  }
}
