import { sql, type Kysely } from 'kysely';

/**
 * The managers' cockpit (issue 18).
 * - office_calendars: an office's working hours and holidays, keyed by office key (no row = the
 *   default calendar of its agency, core/office-calendars.ts). A change notifies `sop_calendar`
 *   so every server reloads its in-memory calendars.
 * - runtime_tasks.escalated_at: set once by the escalation job (services/workspace/escalation.ts); the
 *   partial index holds only open tasks not yet escalated, so the job's scan stays small.
 * - delegations: an officer's post (role × office) handed to a colleague for a date range.
 * - analytics_*: the cockpit's summaries, exact per day (Asia/Jakarta) and per step, written by a
 *   job that reads the task history once, in order (analytics_cursor), never per request.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('office_calendars')
    .addColumn('office', 'text', (c) => c.primaryKey())
    .addColumn('week', 'jsonb', (c) => c.notNull())
    .addColumn('holidays', 'jsonb', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`
    create or replace function calendar_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('sop_calendar', '');
      return null;
    end $$`.execute(db);
  await sql`create trigger office_calendars_changed after insert or update or delete on office_calendars for each statement execute function calendar_changed()`.execute(db);

  await sql`alter table runtime_tasks add column escalated_at timestamptz`.execute(db);
  await sql`create index runtime_tasks_to_escalate on runtime_tasks (due_at) where status = 'open' and escalated_at is null and due_at is not null and role <> 'pemohon'`.execute(db);

  await db.schema
    .createTable('delegations')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('office', 'text', (c) => c.notNull())
    .addColumn('from_user', 'text', (c) => c.notNull())
    .addColumn('to_user', 'text', (c) => c.notNull())
    // dates in Asia/Jakarta, both included
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index delegations_to_user on delegations (to_user, ends_on)`.execute(db);
  await sql`create index delegations_post on delegations (office, role, ends_on)`.execute(db);
  // A delegation is a grant in the delegate's session: kept sessions are forgotten on a change (0007).
  // Open applications by process and office (backlog, open counts) without a scan of finished ones.
  await sql`create index runtime_instances_running on runtime_instances (process_key, office, created_at) where status = 'running'`.execute(db);
  // Open tasks by process and step (heatmap's late-now counts, a step's slowest open cases): the
  // bench measured a scan of all tasks here (≈ 0.7 s at 1M completed tasks) without it.
  await sql`create index runtime_tasks_open_by_step on runtime_tasks (process_key, element_id, office, created_at) where status = 'open'`.execute(db);
  await sql`create table analytics_cursor (id int primary key, last_history_id bigint not null, updated_at timestamptz not null default now())`.execute(db);
  await sql`insert into analytics_cursor (id, last_history_id) values (1, 0)`.execute(db);
  // One row per day × process × publication × office × element: step completions, how many after
  // their due time, and every time in step in working seconds (exact percentiles over any period).
  await sql`create table analytics_steps (
    day date not null, process_key text not null, publication int not null, office text not null, element_id text not null,
    n int not null, breached int not null, seconds int[] not null,
    primary key (process_key, office, day, publication, element_id))`.execute(db);
  await sql`create table analytics_flows (
    day date not null, process_key text not null, publication int not null, office text not null, flow_id text not null, n int not null,
    primary key (process_key, office, day, publication, flow_id))`.execute(db);
  await sql`create table analytics_officers (
    day date not null, process_key text not null, office text not null, role text not null, actor text not null, n int not null, seconds bigint not null,
    primary key (process_key, office, day, role, actor))`.execute(db);
  // Applications started and completed per day; completed ones with their cycle time (working
  // seconds) and whether it was within the SOP's total Waktu.
  await sql`create table analytics_instances (
    day date not null, process_key text not null, publication int not null, office text not null,
    started int not null, completed int not null, on_time int not null, seconds int[] not null,
    primary key (process_key, office, day, publication))`.execute(db);
  await sql`create trigger delegations_auth_changed after insert or update or delete on delegations for each statement execute function auth_changed()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['analytics_instances', 'analytics_officers', 'analytics_flows', 'analytics_steps', 'analytics_cursor']) await db.schema.dropTable(t).ifExists().execute();
  await sql`drop index if exists runtime_instances_running`.execute(db);
  await sql`drop index if exists runtime_tasks_open_by_step`.execute(db);
  await db.schema.dropTable('delegations').ifExists().execute();
  await sql`drop index if exists runtime_tasks_to_escalate`.execute(db);
  await sql`alter table runtime_tasks drop column if exists escalated_at`.execute(db);
  await sql`drop trigger if exists office_calendars_changed on office_calendars`.execute(db);
  await sql`drop function if exists calendar_changed()`.execute(db);
  await db.schema.dropTable('office_calendars').ifExists().execute();
}
