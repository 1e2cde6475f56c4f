import { sql, type Kysely } from 'kysely';

/**
 * The managers' cockpit (issue 18).
 * - office_calendars: an office's working hours and holidays, keyed by office key (no row = the
 *   default calendar of its agency, core/office-calendars.ts). A change notifies `sop_calendar`
 *   so every server reloads its in-memory calendars.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('office_calendars')
    .addColumn('office', 'text', (c) => c.primaryKey())
    .addColumn('week', 'jsonb', (c) => c.notNull())
    .addColumn('holidays', 'jsonb', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`
    create or replace function calendar_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('sop_calendar', '');
      return null;
    end $$`.execute(db);
  await sql`create trigger office_calendars_changed after insert or update or delete on office_calendars for each statement execute function calendar_changed()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists office_calendars_changed on office_calendars`.execute(db);
  await sql`drop function if exists calendar_changed()`.execute(db);
  await db.schema.dropTable('office_calendars').ifExists().execute();
}
