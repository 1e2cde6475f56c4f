import pg from 'pg';

/**
 * The server's one LISTEN connection to PostgreSQL, shared by everything that waits for a
 * notification — the session cache (`sop_auth`), the inbox stream (`sop_workspace`) — since a
 * pooled connection cannot be held for it. It reconnects a second after a drop. While it is down a
 * notification can be missed, so each subscriber hears of the connection's state: the session cache
 * stops answering from memory, the inbox stream falls back on its poll and re-reads once it is back.
 */
export interface ChannelSubscriber {
  notify(payload: string): void;
  /** true once the connection listens on the channel (again); false when it dropped */
  state?(up: boolean): void;
}

/**
 * Where the server hears the database's notifications: PostgreSQL's LISTEN connection
 * (DatabaseListener), or the embedded PGlite's own LISTEN (pglite-listener.ts). Subscribers
 * (session cache, publication cache, inbox stream) need not know which.
 */
export interface ChannelListener {
  readonly up: boolean;
  /** Starts listening (a failure to connect is retried in the background, never thrown). */
  start(): Promise<void>;
  /** Subscribes to `channel`; the returned function unsubscribes. */
  listen(channel: string, sub: ChannelSubscriber): Promise<() => void>;
  close(): Promise<void>;
}

/** Shown in pg_stat_activity, so an operator can tell this connection from the pool's. */
export const LISTENER_APPLICATION_NAME = 'sop-studio-listen';
const RECONNECT_MS = 1_000;
const CHANNEL = /^[a-z_][a-z0-9_]*$/;

export class DatabaseListener implements ChannelListener {
  readonly #url: string;
  readonly #channels = new Map<string, Set<ChannelSubscriber>>();
  #client: pg.Client | undefined;
  /** the connection listens on every channel of #channels */
  #up = false;
  #retry: NodeJS.Timeout | undefined;
  #closed = false;
  /**
   * The connection's statements, one after another: pg deprecates a query sent while another
   * runs on the same client (two subscribers LISTENing at once, an UNLISTEN during a LISTEN).
   */
  #queue: Promise<unknown> = Promise.resolve();

  #run(client: pg.Client, statement: string): Promise<unknown> {
    const next = this.#queue.then(() => client.query(statement));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  constructor(url: string) {
    this.#url = url;
  }

  get up(): boolean {
    return this.#up;
  }

  /** Connects (a failure is retried in the background, never thrown). */
  async start(): Promise<void> {
    if (this.#closed || this.#client) return;
    const client = new pg.Client({ connectionString: this.#url, application_name: LISTENER_APPLICATION_NAME });
    const lost = () => {
      if (this.#client !== client) return;
      this.#client = undefined;
      this.#setUp(false);
      void client.end().catch(() => undefined);
      this.#schedule();
    };
    client.on('notification', (m) => {
      for (const sub of this.#channels.get(m.channel) ?? []) sub.notify(m.payload ?? '');
    });
    client.on('error', lost);
    client.on('end', lost);
    this.#client = client;
    try {
      await client.connect();
      // A channel subscribed while this ran is LISTENed too before anyone is told it is up.
      const listened = new Set<string>();
      for (let missing = [...this.#channels.keys()]; missing.length > 0; missing = [...this.#channels.keys()].filter((c) => !listened.has(c))) {
        for (const channel of missing) {
          await this.#run(client, `LISTEN ${channel}`);
          listened.add(channel);
        }
      }
      if (this.#closed || this.#client !== client) return;
      this.#setUp(true);
    } catch {
      lost();
    }
  }

  /** Subscribes to `channel`; the returned function unsubscribes. */
  async listen(channel: string, sub: ChannelSubscriber): Promise<() => void> {
    if (!CHANNEL.test(channel)) throw new Error(`not a channel name: ${channel}`);
    let subs = this.#channels.get(channel);
    const fresh = !subs;
    if (!subs) {
      subs = new Set();
      this.#channels.set(channel, subs);
    }
    subs.add(sub);
    const client = this.#client;
    if (fresh && this.#up && client) {
      try {
        await this.#run(client, `LISTEN ${channel}`);
      } catch {
        // The connection dropped meanwhile: `lost` reconnects and LISTENs on every channel.
      }
    }
    if (this.#up && this.#client === client) this.#tell(sub, true);
    return () => {
      if (!subs.delete(sub)) return;
      this.#tell(sub, false);
      // Nobody left on the channel: stop receiving its notifications (a later listen() LISTENs
      // again, queued after this on the same connection).
      if (subs.size > 0 || this.#channels.get(channel) !== subs) return;
      this.#channels.delete(channel);
      const current = this.#client;
      if (this.#up && current) this.#run(current, `UNLISTEN ${channel}`).catch(() => undefined);
    };
  }

  /** What each subscriber was last told: it hears of every change of state once, in order. */
  readonly #told = new Map<ChannelSubscriber, boolean>();

  #tell(sub: ChannelSubscriber, up: boolean): void {
    if ((this.#told.get(sub) ?? false) === up) return;
    if (up) this.#told.set(sub, true);
    else this.#told.delete(sub);
    sub.state?.(up);
  }

  #setUp(up: boolean): void {
    if (this.#up === up) return;
    this.#up = up;
    for (const subs of this.#channels.values()) for (const sub of subs) this.#tell(sub, up);
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
    this.#setUp(false);
    const c = this.#client;
    this.#client = undefined;
    await c?.end().catch(() => undefined);
  }
}
