import { sql, type Kysely } from 'kysely';

/**
 * The inbox's change rows (and the applicant's "action needed" notification) are written by the
 * statements that change tasks — the runtime's step statement (services/runtime/runtime-step-statement.ts)
 * and a claim or unclaim — instead of by a per-row PL/pgSQL trigger on runtime_tasks. The trigger
 * ran twice per completion and was about a seventh of PostgreSQL's CPU on the completion path
 * (perf, 2026-11-23); the rows written are the same.
 *
 * The statement trigger that NOTIFYs listeners stays, now with a WHEN condition, so a step that
 * sends its NOTIFY after its commit (0004) does not enter PL/pgSQL at all.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists workspace_task_changed on runtime_tasks`.execute(db);
  await sql`drop function if exists workspace_task_changed()`.execute(db);
  await sql`drop trigger if exists workspace_changes_notify on workspace_changes`.execute(db);
  await sql`
    create or replace function workspace_notify() returns trigger language plpgsql as $$
    begin
      perform pg_notify('sop_workspace', '');
      return null;
    end $$`.execute(db);
  await sql`
    create trigger workspace_changes_notify after insert on workspace_changes for each statement
    when (current_setting('sop.notify_after_commit', true) is distinct from 'on')
    execute function workspace_notify()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists workspace_changes_notify on workspace_changes`.execute(db);
  await sql`
    create or replace function workspace_notify() returns trigger language plpgsql as $$
    begin
      if current_setting('sop.notify_after_commit', true) = 'on' then
        return null;
      end if;
      perform pg_notify('sop_workspace', '');
      return null;
    end $$`.execute(db);
  await sql`create trigger workspace_changes_notify after insert on workspace_changes for each statement execute function workspace_notify()`.execute(db);
  await sql`
    create or replace function workspace_task_changed() returns trigger language plpgsql as $$
    begin
      insert into workspace_changes (office, user_id, kind, ref) values (new.office, new.assignee, 'task', new.id);
      if tg_op = 'INSERT' and new.assignee is not null and exists (select 1 from users u where u.id = new.assignee) then
        insert into notifications (user_id, instance_id, kind, message, link)
        values (new.assignee, new.instance_id, 'action-needed', 'Tindakan Anda diperlukan: ' || coalesce(new.element_name, ''), '/portal/applications/' || new.instance_id);
        insert into workspace_changes (office, user_id, kind, ref) values (null, new.assignee, 'notification', new.instance_id);
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger workspace_task_changed after insert or update of status, claimed_by on runtime_tasks for each row execute function workspace_task_changed()`.execute(db);
}
