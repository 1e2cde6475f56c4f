import { sql, type Kysely } from 'kysely';

/**
 * Servers keep which publication of a process or rule set is in force (services/runtime/publication-cache.ts),
 * so a step does not ask the database again at every start, call activity and fee step. Any change to
 * `publications` — a publish from any server, the CLI or psql — now notifies `sop_publications` when
 * it commits, and every server empties that cache on the notification. Publishing is rare, so the
 * commit lock NOTIFY takes (see 0004) costs nothing measurable.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function publications_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('sop_publications', '');
      return null;
    end $$`.execute(db);
  await sql`create trigger publications_changed after insert or update or delete on publications for each statement execute function publications_changed()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists publications_changed on publications`.execute(db);
  await sql`drop function if exists publications_changed()`.execute(db);
}
