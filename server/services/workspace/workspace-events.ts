import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import type { ChannelListener } from '../../db/listener.js';

/**
 * Server-sent events for the workspace. The truth is the `workspace_changes` log in the
 * database (the statements that change tasks append to it, see migration 0008; notifications by
 * the service), so every server sees every change whichever server made it. PostgreSQL wakes the
 * hub with LISTEN/NOTIFY; PGlite (one process) is polled: one indexed range read per interval, only
 * while someone listens.
 */
export interface WorkspaceChange {
  seq: number;
  office: string | null;
  userId: string | null;
  kind: string;
  ref: string | null;
}

export interface Subscriber {
  userId: string;
  offices: Set<string>;
  send(change: WorkspaceChange): void;
}

export const WORKSPACE_CHANNEL = 'sop_workspace';

export interface EventsHubOptions {
  /** the server's listener (server/db/listener.ts), woken by `sop_workspace` */
  listener?: ChannelListener;
  pollMs?: number;
  /** how long change rows are kept before pruning */
  keepMs?: number;
}

/** How far below the highest delivered seq a late-committing change is still picked up. */
const LATE_COMMIT_WINDOW = 200;

export class WorkspaceEventsHub {
  readonly #db: Kysely<Database>;
  readonly #subs = new Set<Subscriber>();
  readonly #pollMs: number;
  readonly #keepMs: number;
  readonly #listener: ChannelListener | undefined;
  #last = -1;
  /** the highest seq when the hub started: older changes are history, not news */
  #startedAt = 0;
  /** seqs delivered within the late-commit window */
  readonly #delivered = new Set<number>();
  #timer: NodeJS.Timeout | undefined;
  #unlisten: (() => void) | undefined;
  #reading: Promise<void> | undefined;
  #again = false;
  #lastPrune = 0;
  #closed = false;

  constructor(db: Kysely<Database>, opts: EventsHubOptions = {}) {
    this.#db = db;
    this.#listener = opts.listener;
    // With LISTEN (PostgreSQL's connection, or PGlite's own) the poll is only a safety net for a
    // dropped connection.
    this.#pollMs = opts.pollMs ?? (this.#listener ? 5000 : 500);
    this.#keepMs = opts.keepMs ?? 10 * 60_000;
  }

  get subscriberCount(): number {
    return this.#subs.size;
  }

  async subscribe(sub: Subscriber): Promise<() => void> {
    this.#subs.add(sub);
    if (this.#subs.size === 1) await this.#start();
    return () => {
      this.#subs.delete(sub);
      if (this.#subs.size === 0) void this.#stop();
    };
  }

  async #start(): Promise<void> {
    if (this.#last < 0) {
      const row = await this.#db.selectFrom('workspace_changes').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
      this.#last = Number(row?.m ?? 0);
      this.#startedAt = this.#last;
    }
    if (this.#listener && !this.#unlisten) {
      // Back after a drop: whatever was missed meanwhile is read at once rather than at the next poll.
      this.#unlisten = await this.#listener.listen(WORKSPACE_CHANNEL, {
        notify: () => this.wake(),
        state: (up) => {
          if (up) this.wake();
        },
      });
    }
    if (!this.#timer) {
      this.#timer = setInterval(() => this.wake(), this.#pollMs);
      this.#timer.unref();
    }
  }

  async #stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    const unlisten = this.#unlisten;
    this.#unlisten = undefined;
    unlisten?.();
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#subs.clear();
    await this.#stop();
    await this.#reading?.catch(() => undefined);
  }

  /** Reads new changes now (coalesced: at most one read in flight, one queued). */
  wake(): void {
    if (this.#closed) return;
    if (this.#reading) {
      this.#again = true;
      return;
    }
    this.#reading = this.#read()
      .catch(() => undefined)
      .finally(() => {
        this.#reading = undefined;
        if (this.#again) {
          this.#again = false;
          this.wake();
        }
      });
  }

  async #read(): Promise<void> {
    // Sequence numbers are taken before commit, so a change with a lower seq can become visible
    // after a higher one. Reading a window below the highest seq seen, and remembering what was
    // delivered, catches such late commits without sending anything twice.
    for (;;) {
      const from = Math.max(0, this.#last - LATE_COMMIT_WINDOW);
      const rows = await this.#db
        .selectFrom('workspace_changes')
        .select(['seq', 'office', 'user_id', 'kind', 'ref'])
        .where('seq', '>', from)
        .orderBy('seq')
        .limit(500 + LATE_COMMIT_WINDOW)
        .execute();
      let fresh = 0;
      for (const r of rows) {
        const seq = Number(r.seq);
        if (seq <= this.#last && (this.#delivered.has(seq) || this.#startedAt >= seq)) continue;
        this.#delivered.add(seq);
        fresh++;
        if (seq > this.#last) this.#last = seq;
        const change: WorkspaceChange = { seq, office: r.office, userId: r.user_id, kind: r.kind, ref: r.ref };
        for (const s of this.#subs) {
          if ((change.office && s.offices.has(change.office)) || (change.userId && change.userId === s.userId)) s.send(change);
        }
      }
      for (const seq of this.#delivered) if (seq <= this.#last - LATE_COMMIT_WINDOW) this.#delivered.delete(seq);
      if (fresh === 0 || rows.length < 500 + LATE_COMMIT_WINDOW) break;
    }
    if (Date.now() - this.#lastPrune > 60_000) {
      this.#lastPrune = Date.now();
      await this.#db.deleteFrom('workspace_changes').where('at', '<', new Date(Date.now() - this.#keepMs)).execute();
    }
  }
}
