import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('runtime_instances')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('process_key', 'text', (c) => c.notNull())
    .addColumn('process_name', 'text', (c) => c.notNull())
    .addColumn('publication', 'integer', (c) => c.notNull())
    .addColumn('office', 'text', (c) => c.notNull())
    .addColumn('business_key', 'text')
    .addColumn('applicant_user_id', 'text')
    .addColumn('applicant', 'jsonb')
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running','completed','cancelled','failed')`))
    .addColumn('variables', 'jsonb', (c) => c.notNull())
    .addColumn('tokens', 'jsonb', (c) => c.notNull())
    .addColumn('parent_instance_id', 'text')
    .addColumn('parent_token_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addColumn('outcome', 'text')
    .execute();
  await db.schema.createIndex('runtime_instances_process').on('runtime_instances').columns(['process_key', 'status', 'created_at']).execute();
  await db.schema.createIndex('runtime_instances_office').on('runtime_instances').columns(['office', 'status', 'created_at']).execute();
  await db.schema.createIndex('runtime_instances_business_key').on('runtime_instances').column('business_key').execute();
  await db.schema.createIndex('runtime_instances_applicant').on('runtime_instances').columns(['applicant_user_id', 'created_at']).execute();
  await db.schema.createIndex('runtime_instances_parent').on('runtime_instances').column('parent_instance_id').execute();

  await db.schema
    .createTable('runtime_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('token_id', 'text', (c) => c.notNull())
    .addColumn('process_key', 'text', (c) => c.notNull())
    .addColumn('process_name', 'text', (c) => c.notNull())
    .addColumn('publication', 'integer', (c) => c.notNull())
    .addColumn('element_id', 'text', (c) => c.notNull())
    .addColumn('element_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('office', 'text', (c) => c.notNull())
    .addColumn('assignee', 'text')
    .addColumn('on_behalf', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('business_key', 'text')
    .addColumn('due_at', 'timestamptz')
    .addColumn('claimed_by', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open','completed','cancelled')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('completed_at', 'timestamptz')
    .addColumn('completed_by', 'text')
    .addColumn('form', 'text')
    .addColumn('documents', 'jsonb', (c) => c.notNull())
    .addColumn('instruction', 'text')
    .addColumn('item', 'jsonb')
    .execute();
  // The worklist: one ordered index range per (office, role) the user holds, open tasks only,
  // so the inbox reads the first page without sorting however many tasks are open.
  await sql`create index runtime_tasks_worklist on runtime_tasks (office, role, due_at, id) where status = 'open' and assignee is null`.execute(db);
  await sql`create index runtime_tasks_assignee on runtime_tasks (assignee, due_at, id) where status = 'open' and assignee is not null`.execute(db);
  await sql`create index runtime_tasks_claimed on runtime_tasks (claimed_by, due_at, id) where status = 'open' and claimed_by is not null`.execute(db);
  await db.schema.createIndex('runtime_tasks_instance').on('runtime_tasks').column('instance_id').execute();

  await db.schema
    .createTable('runtime_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('token_id', 'text', (c) => c.notNull())
    .addColumn('element_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('last_error', 'text')
    .execute();
  await sql`create index runtime_jobs_due on runtime_jobs (due_at) where status = 'pending'`.execute(db);
  await db.schema.createIndex('runtime_jobs_token').on('runtime_jobs').column('token_id').execute();

  await db.schema
    .createTable('runtime_subscriptions')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('token_id', 'text', (c) => c.notNull())
    .addColumn('element_id', 'text', (c) => c.notNull())
    .addColumn('message_name', 'text', (c) => c.notNull())
    .addColumn('correlation_key', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('runtime_subscriptions_message').on('runtime_subscriptions').columns(['message_name', 'correlation_key']).execute();
  await db.schema.createIndex('runtime_subscriptions_token').on('runtime_subscriptions').column('token_id').execute();

  await db.schema
    .createTable('runtime_history')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('element_id', 'text', (c) => c.notNull())
    .addColumn('element_name', 'text', (c) => c.notNull())
    .addColumn('element_kind', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('actor', 'text')
    .addColumn('on_behalf', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz')
    .addColumn('sla_ms', 'bigint')
    .addColumn('task_id', 'text')
    .addColumn('details', 'jsonb')
    .execute();
  await db.schema.createIndex('runtime_history_instance').on('runtime_history').columns(['instance_id', 'id']).execute();
  // Task history is append-only, like the audit log, but per instance: no global chain to queue on.
  await sql`create trigger runtime_history_append_only before update or delete on runtime_history
    for each row execute function sop_refuse_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['runtime_history', 'runtime_subscriptions', 'runtime_jobs', 'runtime_tasks', 'runtime_instances']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
