import { sql, type Kysely } from 'kysely';

/**
 * The SOP's number in its source's order (issue 23: services listed as SOP 01, 02 … 09, not
 * alphabetically): the model's `sop:sopNumber`, kept beside the name and agency the store already
 * reads from each saved model. Filled for the models saved before from their latest content.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('documents').addColumn('sop_number', 'text').execute();
  await sql`
    update documents d set sop_number = substring(coalesce(
      (select content from drafts r where r.kind = d.kind and r.key = d.key),
      (select content from publications p where p.kind = d.kind and p.key = d.key order by n desc limit 1)
    ) from 'sop:sopNumber="([^"]+)"')
    where d.kind = 'process'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('documents').dropColumn('sop_number').execute();
}
