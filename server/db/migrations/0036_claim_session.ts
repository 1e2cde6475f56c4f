import { sql, type Kysely } from 'kysely';

/**
 * Which sign-in took a task (a digest of its session, never the token): offices where the
 * counter desks share one account per post need "taken" to mean taken at that desk. Without it a
 * second desk's claim of a task the same account held succeeded, and two clerks worked the same
 * application until one of them was refused at the end. Null for claims made before, and for the
 * steps a completion hands straight to its officer ("the next step is yours").
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table runtime_tasks add column claimed_session text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table runtime_tasks drop column if exists claimed_session`.execute(db);
}
