import { sql, type Kysely } from 'kysely';

/**
 * The cockpit's month rollups (issue 18, speed): per month × process × publication × office ×
 * element the step completions, breaches and a histogram of times in step
 * (services/cockpit/analytics-rollup.ts: `[bucket, count, …]`), and per month the applications started,
 * completed, on time and a histogram of cycle times. A period's figures read whole months from
 * here and only the days at its edges from the day rows (0014), so a year is a few hundred rows.
 * Written by the same job as the day rows, in the same transaction, never by the runtime's step.
 *
 * The day rows are emptied and the job's cursor set back to the start: the job rebuilds both
 * from the task history (which is kept whole), so the two levels always agree.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table analytics_steps_month (
    month date not null, process_key text not null, publication int not null, office text not null, element_id text not null,
    n int not null, breached int not null, hist int[] not null,
    primary key (process_key, office, month, publication, element_id))`.execute(db);
  await sql`create table analytics_instances_month (
    month date not null, process_key text not null, publication int not null, office text not null,
    started int not null, completed int not null, on_time int not null, hist int[] not null,
    primary key (process_key, office, month, publication))`.execute(db);
  // The days at a period's edges, over every office (the primary keys lead with the office).
  await sql`create index analytics_steps_by_day on analytics_steps (process_key, day)`.execute(db);
  await sql`create index analytics_instances_by_day on analytics_instances (process_key, day)`.execute(db);
  await sql`delete from analytics_steps`.execute(db);
  await sql`delete from analytics_flows`.execute(db);
  await sql`delete from analytics_officers`.execute(db);
  await sql`delete from analytics_instances`.execute(db);
  // The job also escalates what the model escalated (a caught escalation boundary): only catches
  // written from now on, not those it meets again while it rebuilds from the start of the history.
  await sql`alter table analytics_cursor add column escalate_after bigint not null default 0`.execute(db);
  await sql`update analytics_cursor set last_history_id = 0, escalate_after = coalesce((select max(id) from runtime_history), 0), updated_at = now()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table analytics_cursor drop column if exists escalate_after`.execute(db);
  await sql`drop index if exists analytics_instances_by_day`.execute(db);
  await sql`drop index if exists analytics_steps_by_day`.execute(db);
  await db.schema.dropTable('analytics_instances_month').ifExists().execute();
  await db.schema.dropTable('analytics_steps_month').ifExists().execute();
}
