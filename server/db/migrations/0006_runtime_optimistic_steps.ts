import { sql, type Kysely } from 'kysely';

/**
 * The hot path of a task completion (see KyselyRuntimeStore `optimistic`):
 *
 * - runtime_step_conflict(): the guarded step statement calls it when the instance or task it
 *   read changed meanwhile; the error aborts that one statement, so nothing of the step stays,
 *   and the runtime runs the step again under locks. SQLSTATE SOPCF (STEP_CONFLICT_SQLSTATE).
 * - workspace_task_changed() reads the row's fields directly instead of through to_jsonb(new):
 *   the trigger runs twice per completion, and building a JSON document of the whole task
 *   (documents, item, instruction…) was most of its cost. Same rows written as before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function runtime_step_conflict() returns text language plpgsql as $$
    begin
      raise exception 'runtime step conflict: the instance or task changed since it was read' using errcode = 'SOPCF';
    end $$`.execute(db);
  await sql`
    create or replace function workspace_task_changed() returns trigger language plpgsql as $$
    begin
      insert into workspace_changes (office, user_id, kind, ref) values (new.office, new.assignee, 'task', new.id);
      -- A new step for one person (the applicant's lane): an in-app notification they keep.
      if tg_op = 'INSERT' and new.assignee is not null and exists (select 1 from users u where u.id = new.assignee) then
        insert into notifications (user_id, instance_id, kind, message, link)
        values (new.assignee, new.instance_id, 'action-needed', 'Tindakan Anda diperlukan: ' || coalesce(new.element_name, ''), '/portal/applications/' || new.instance_id);
        insert into workspace_changes (office, user_id, kind, ref) values (null, new.assignee, 'notification', new.instance_id);
      end if;
      return null;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function if exists runtime_step_conflict()`.execute(db);
  await sql`
    create or replace function workspace_task_changed() returns trigger language plpgsql as $$
    declare j jsonb := to_jsonb(new);
    begin
      insert into workspace_changes (office, user_id, kind, ref)
      values (j->>'office', j->>'assignee', 'task', j->>'id');
      if tg_op = 'INSERT' and j->>'assignee' is not null and exists (select 1 from users u where u.id = j->>'assignee') then
        insert into notifications (user_id, instance_id, kind, message, link)
        values (j->>'assignee', j->>'instance_id', 'action-needed', 'Tindakan Anda diperlukan: ' || coalesce(j->>'element_name', ''), '/portal/applications/' || (j->>'instance_id'));
        insert into workspace_changes (office, user_id, kind, ref) values (null, j->>'assignee', 'notification', j->>'instance_id');
      end if;
      return null;
    end $$`.execute(db);
}
