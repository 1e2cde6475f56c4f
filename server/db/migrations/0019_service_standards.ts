import { sql, type Kysely } from 'kysely';

/**
 * The service standard (Standar Pelayanan, Permenpan-RB 15/2014, issue 20): what the published
 * models and rule sets cannot say — the management components (dasar hukum, sarana, kompetensi
 * pelaksana, pengawasan internal, jumlah pelaksana, jaminan pelayanan, jaminan keamanan,
 * evaluasi kinerja) and the maklumat pelayanan — as editable text per service (process key).
 * No row = nothing written yet (the page shows "-" for those components).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('service_standards')
    .addColumn('process_key', 'text', (c) => c.primaryKey())
    .addColumn('components', 'jsonb', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('service_standards').execute();
}
