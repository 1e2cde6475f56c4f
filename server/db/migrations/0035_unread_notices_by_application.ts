import { sql, type Kysely } from 'kysely';

/**
 * A step done resolves the notices that asked its person to act on that application (the step
 * statement's `update notifications … where user_id = … and instance_id = … and read_at is null`).
 * With only (user_id, id) to go by, that update read every notice the person ever had: a counter
 * officer who registers walk-ins collects one per application, so each of their steps grew
 * slower with every application of the year. The unread ones of one application are few.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index notifications_unread_by_application on notifications (user_id, instance_id) where read_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists notifications_unread_by_application`.execute(db);
}
