import { sql, type Kysely } from 'kysely';

/**
 * A change to an office (its services, number formats, agency) tells every server, as a calendar
 * change does: they keep the offices with the calendars (services/offices/calendars.ts) and forget them on
 * `sop_calendar` (0014's function).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create trigger offices_changed after insert or update or delete on offices for each statement execute function calendar_changed()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists offices_changed on offices`.execute(db);
}
