import { sql, type Kysely } from 'kysely';

/**
 * The agencies that have a role (issue 23): the office pickers offer a role only the offices of
 * those agencies, and a role created from an SOP table import names its agency. Empty = a role
 * bound to no agency (admin, manager, pemohon) or one whose agencies are not known yet: the seed
 * fills the catalogue's from processes/roles.json.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('roles').addColumn('agencies', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('roles').dropColumn('agencies').execute();
}
