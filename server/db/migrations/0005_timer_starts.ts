import { sql, type Kysely } from 'kysely';

/**
 * The schedule of process-level timer start events: one row per (process, publication, timer
 * start event), written in the publishing transaction and taken by the job workers with FOR
 * UPDATE SKIP LOCKED. The row is the only state, so a restart or another server picks it up.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('runtime_timer_starts')
    .addColumn('process_key', 'text', (c) => c.notNull())
    .addColumn('publication', 'integer', (c) => c.notNull())
    .addColumn('element_id', 'text', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    // occurrences left including the one due; null = a cycle without an end (R/…)
    .addColumn('remaining', 'integer')
    .addColumn('last_error', 'text')
    .addPrimaryKeyConstraint('runtime_timer_starts_pk', ['process_key', 'publication', 'element_id'])
    .execute();
  await sql`create index runtime_timer_starts_due on runtime_timer_starts (due_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('runtime_timer_starts').ifExists().execute();
}
