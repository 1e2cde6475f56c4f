import { sql, type Kysely } from 'kysely';

/**
 * NOTIFY serializes commits: PostgreSQL takes one database-wide lock for every committing
 * transaction that notified and holds it through the WAL flush, so with the per-statement NOTIFY
 * of 0003 every runtime step that touched a task committed one at a time (measured: most backends
 * waiting on `Lock:object` under load, throughput capped by the fsync rate).
 *
 * A transaction may now say it notifies after its commit instead (`set_config('sop.notify_after_commit',
 * 'on', true)`, done by the runtime store's write); the runtime service then sends one coalesced
 * `pg_notify('sop_workspace', '')` outside the step's transaction, which writes no WAL and so
 * holds the lock only for an instant. Every other writer of `workspace_changes` keeps the
 * notification at commit, unchanged. Listeners see the same thing: a wake-up after the change
 * is committed (the log stays the truth; the hub's poll is still the safety net).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function workspace_notify() returns trigger language plpgsql as $$
    begin
      if current_setting('sop.notify_after_commit', true) = 'on' then
        return null;
      end if;
      perform pg_notify('sop_workspace', '');
      return null;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function workspace_notify() returns trigger language plpgsql as $$
    begin
      perform pg_notify('sop_workspace', '');
      return null;
    end $$`.execute(db);
}
