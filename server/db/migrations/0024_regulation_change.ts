import { sql, type Kysely } from 'kysely';

/**
 * Regulation change (issue 19): the background runs of "Dampak" (impact of a rule-set or process
 * draft) and of migrations of running applications, with one row per application they looked at,
 * and the two-person approval of a publication.
 * - change_jobs: one run; taken by one server with FOR UPDATE SKIP LOCKED and held by a lease
 *   (`lease_until`) that the runner extends after every batch, so a run whose server died is taken
 *   over by another (or the same after a restart) once the lease has passed, and resumes after the
 *   applications it already recorded.
 * - change_job_items: per application the outcome (impact: changed/unchanged/failed with old and new
 *   totals; migration: ok/blocked/moved/failed with the reason). `magnitude` orders the largest
 *   changes first.
 * - publication_approvals: a publication waiting for a second person (submitted → approved, i.e.
 *   published, or rejected with a comment). documents.requires_approval is the per-SOP setting.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('change_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('doc_key', 'text', (c) => c.notNull())
    .addColumn('params', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer')
    .addColumn('result', 'jsonb')
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_until', 'timestamptz')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await sql`create index change_jobs_waiting on change_jobs (created_at) where status in ('queued', 'running')`.execute(db);
  await db.schema
    .createTable('change_job_items')
    .addColumn('job_id', 'text', (c) => c.notNull().references('change_jobs.id').onDelete('cascade'))
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('magnitude', 'numeric')
    .addColumn('data', 'jsonb')
    .addPrimaryKeyConstraint('change_job_items_pk', ['job_id', 'instance_id'])
    .execute();
  await db.schema
    .createTable('publication_approvals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('draft_revision', 'integer', (c) => c.notNull())
    .addColumn('draft_sha256', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'jsonb')
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('comment', 'text')
    .addColumn('publication', 'integer')
    .execute();
  await sql`create unique index publication_approvals_one_pending on publication_approvals (kind, key) where status = 'pending'`.execute(db);
  await sql`alter table documents add column requires_approval boolean not null default false`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table documents drop column requires_approval`.execute(db);
  await db.schema.dropTable('publication_approvals').ifExists().execute();
  await db.schema.dropTable('change_job_items').ifExists().execute();
  await db.schema.dropTable('change_jobs').ifExists().execute();
}
