import { sql, type Kysely } from 'kysely';

/**
 * A publication records the legal basis of its change (regulation, article, date), as an auditor
 * asks "on what basis did this tariff or flow change?". Optional: a correction of a typo has none.
 * Added columns, not an UPDATE: publications stay append-only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table publications add column legal_regulation text, add column legal_article text, add column legal_date date`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table publications drop column legal_regulation, drop column legal_article, drop column legal_date`.execute(db);
}
