import { sql, type Kysely } from 'kysely';

/**
 * Offices become data (issue 16): address, contacts, logo, numbering formats per document kind and
 * the processes the office offers live on the office's row, edited by an admin; later settings
 * (calendar, letterhead, providers) are further columns of the same row. `processes` is null until
 * the catalogue seed derives it from the library (seed.ts), so an upgraded database keeps offering
 * what it offered before.
 *
 * document_counters: the numbering service's gap-free counters, one row per office × document kind
 * × year, advanced by `insert … on conflict do update … returning` inside the issuing step's
 * transaction (the row lock serializes concurrent issues; a rolled-back step gives its number back).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('offices')
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contacts', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('logo', 'bytea')
    .addColumn('logo_type', 'text')
    .addColumn('numbering', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('processes', 'jsonb')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'text', (c) => c.notNull().defaultTo('seed'))
    .execute();
  await db.schema
    .createTable('document_counters')
    .addColumn('office', 'text', (c) => c.notNull().references('offices.key'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_counters_pk', ['office', 'kind', 'year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('document_counters').ifExists().execute();
  for (const c of ['address', 'contacts', 'logo', 'logo_type', 'numbering', 'processes', 'revision', 'updated_at', 'updated_by']) {
    await db.schema.alterTable('offices').dropColumn(c).execute();
  }
}
