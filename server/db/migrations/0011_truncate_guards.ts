import { sql, type Kysely } from 'kysely';

/**
 * Issue 16, finding 10: the row triggers of 0001 refuse UPDATE and DELETE on the audit log and
 * the publications, but TRUNCATE fires no row trigger, so `TRUNCATE audit_log` emptied the chain
 * and `audit verify` then called it intact. A statement-level trigger refuses TRUNCATE too.
 */
const TABLES = ['audit_log', 'publications'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    await sql.raw(`create trigger ${table}_no_truncate before truncate on ${table} for each statement execute function sop_refuse_change()`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await sql.raw(`drop trigger if exists ${table}_no_truncate on ${table}`).execute(db);
}
