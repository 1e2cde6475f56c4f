import { sql, type Kysely } from 'kysely';

/**
 * Housekeeping that one server does for all (issue 16, finding 8): the clean-up of unattached
 * uploads, expired sessions and old log-in failures. One row per kind of clean-up, taken with
 * FOR UPDATE SKIP LOCKED when due, so of several servers one runs it and the others skip.
 * The indexes let the clean-up find what is old without reading the rest.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('maintenance_jobs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_run_at', 'timestamptz')
    .addColumn('last_result', 'text')
    .execute();
  await sql`insert into maintenance_jobs (name, due_at) values ('purge', now())`.execute(db);
  await sql`create index uploads_unattached on uploads (created_at) where instance_id is null`.execute(db);
  await sql`create index sessions_expires_at on sessions (expires_at)`.execute(db);
  await sql`create index login_failures_at on login_failures (at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists uploads_unattached`.execute(db);
  await sql`drop index if exists sessions_expires_at`.execute(db);
  await sql`drop index if exists login_failures_at`.execute(db);
  await db.schema.dropTable('maintenance_jobs').ifExists().execute();
}
