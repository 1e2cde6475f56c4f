import { sql, type Kysely } from 'kysely';

/**
 * Servers keep the sessions they resolved (services/accounts/session-cache.ts). Whatever can make a kept
 * session wrong — a session revoked or deleted, a user changed, disabled or deleted, a grant
 * added, changed or removed — now notifies `sop_auth` when it commits, whoever wrote it (a server,
 * the CLI, an operator in psql), and every server empties its cache on the notification.
 * A new session (log-in) does not notify: nobody has it cached yet. These writes are rare, so the
 * commit lock NOTIFY takes (see 0004) costs nothing measurable.
 */
const TRIGGERS = [
  ['sessions', 'update or delete'],
  ['users', 'update or delete'],
  ['user_roles', 'insert or update or delete'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function auth_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('sop_auth', '');
      return null;
    end $$`.execute(db);
  for (const [table, events] of TRIGGERS) {
    await sql.raw(`create trigger ${table}_auth_changed after ${events} on ${table} for each statement execute function auth_changed()`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [table] of TRIGGERS) await sql.raw(`drop trigger if exists ${table}_auth_changed on ${table}`).execute(db);
  await sql`drop function if exists auth_changed()`.execute(db);
}
