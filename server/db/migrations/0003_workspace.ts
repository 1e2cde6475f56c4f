import { sql, type Kysely } from 'kysely';

/**
 * Workspace tables: uploaded documents (stored in the database so several servers share
 * them), in-app notifications, and the change log the inbox's server-sent events read.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('instance_id', 'text')
    .addColumn('document', 'text')
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('uploads_instance').on('uploads').columns(['instance_id', 'document', 'created_at']).execute();
  await db.schema.createIndex('uploads_owner').on('uploads').columns(['owner_id', 'created_at']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('instance_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'id']).execute();

  // Append-only: a sequence never takes a row lock, so task writes of one office do not queue
  // behind a shared counter row. Old rows are pruned by the events hub.
  await db.schema
    .createTable('workspace_changes')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('office', 'text')
    .addColumn('user_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // One NOTIFY per statement (not per row): listeners re-read the log from their last seq.
  await sql`
    create or replace function workspace_notify() returns trigger language plpgsql as $$
    begin
      perform pg_notify('sop_workspace', '');
      return null;
    end $$`.execute(db);
  await sql`create trigger workspace_changes_notify after insert on workspace_changes for each statement execute function workspace_notify()`.execute(db);

  await installTaskChangeTrigger(db);
}

/**
 * Every insert of a runtime task and every change of its status or claim appends one change row (and, on PostgreSQL, the
 * statement notifies listeners once). Fields are read through to_jsonb so the trigger keeps
 * working whatever extra columns the runtime's table grows. Idempotent: safe to call again.
 */
export async function installTaskChangeTrigger(db: Kysely<any>): Promise<boolean> {
  const exists = await sql<{ t: string | null }>`select to_regclass('runtime_tasks')::text as t`.execute(db);
  if (!exists.rows[0]?.t) return false;
  await sql`
    create or replace function workspace_task_changed() returns trigger language plpgsql as $$
    declare j jsonb := to_jsonb(new);
    begin
      insert into workspace_changes (office, user_id, kind, ref)
      values (j->>'office', j->>'assignee', 'task', j->>'id');
      -- A new step for one person (the applicant's lane): an in-app notification they keep.
      if tg_op = 'INSERT' and j->>'assignee' is not null and exists (select 1 from users u where u.id = j->>'assignee') then
        insert into notifications (user_id, instance_id, kind, message, link)
        values (j->>'assignee', j->>'instance_id', 'action-needed', 'Tindakan Anda diperlukan: ' || coalesce(j->>'element_name', ''), '/portal/applications/' || (j->>'instance_id'));
        insert into workspace_changes (office, user_id, kind, ref) values (null, j->>'assignee', 'notification', j->>'instance_id');
      end if;
      return null;
    end $$`.execute(db);
  await sql`create or replace trigger workspace_task_changed after insert or update of status, claimed_by on runtime_tasks for each row execute function workspace_task_changed()`.execute(db);
  return true;
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists workspace_changes_notify on workspace_changes`.execute(db);
  const exists = await sql<{ t: string | null }>`select to_regclass('runtime_tasks')::text as t`.execute(db);
  if (exists.rows[0]?.t) await sql`drop trigger if exists workspace_task_changed on runtime_tasks`.execute(db);
  await sql`drop function if exists workspace_task_changed()`.execute(db);
  await sql`drop function if exists workspace_notify()`.execute(db);
  await db.schema.dropTable('workspace_changes').execute();
  await db.schema.dropTable('notifications').execute();
  await db.schema.dropTable('uploads').execute();
}
