import { sql, type Kysely } from 'kysely';

/**
 * Documents an officer sends to the applicant (issue 23): an upload of the application addressed
 * to its applicant (the scan of a signed letter, a corrected form, a result made outside the
 * system), with the title the officer gave it. Every earlier upload is the applicant's or the
 * counter's and keeps `for_applicant` false.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table uploads add column for_applicant boolean not null default false`.execute(db);
  await sql`alter table uploads add column title text`.execute(db);
  await sql`create index uploads_for_applicant on uploads (instance_id) where for_applicant`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists uploads_for_applicant`.execute(db);
  await sql`alter table uploads drop column if exists title`.execute(db);
  await sql`alter table uploads drop column if exists for_applicant`.execute(db);
}
