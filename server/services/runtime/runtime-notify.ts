import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { preparedStatement } from '../../db/prepared.js';
import { WORKSPACE_CHANNEL } from '../workspace/workspace-events.js';

/**
 * Wakes the workspace's listeners (LISTEN sop_workspace) after a runtime step committed task
 * changes; see migration 0004 for why this is not done inside the step. Coalesced per database
 * handle: commits within GATHER_MS share one NOTIFY, and while one is in flight any number of
 * further commits cause exactly one more, sent after it — so every commit is followed
 * by a NOTIFY that starts after that commit.
 * Best effort like any NOTIFY: a failure is ignored (the hub also polls).
 */
const pending = new WeakMap<Kysely<Database>, { sending: boolean; again: boolean }>();
/**
 * The first commit of a burst waits this long before its NOTIFY is sent, so a busy server sends
 * at most ~40 a second instead of one per step (each is a round trip, i.e. CPU on both sides:
 * with 5 ms, one completion in seven still paid for one at 2,300 completions/s); a listener
 * learns of a change 25 ms later, well inside the inbox's own 150 ms debounce.
 */
const GATHER_MS = 25;
const NOTIFY = preparedStatement('sop_notify_workspace', `select pg_notify('${WORKSPACE_CHANNEL}', '')`);

export function notifyWorkspaceAfterCommit(db: Kysely<Database>): void {
  const state = pending.get(db);
  if (state) {
    // Not sent yet: it will start after this commit, so it covers it. In flight: one more.
    if (state.sending) state.again = true;
    return;
  }
  const mine = { sending: false, again: false };
  pending.set(db, mine);
  const send = (): void => {
    mine.sending = true;
    db.executeQuery(CompiledQuery.raw(NOTIFY, []))
      .catch(() => undefined)
      .finally(() => {
        if (mine.again) {
          mine.again = false;
          mine.sending = false;
          setTimeout(send, GATHER_MS).unref();
        } else pending.delete(db);
      });
  };
  setTimeout(send, GATHER_MS).unref();
}
