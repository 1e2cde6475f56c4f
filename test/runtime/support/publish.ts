import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../server/db/index.js';
import type { ContentValidators } from '../../../server/services/store/content-validation.js';
import { publish, saveDraft } from '../../../server/services/store/store.js';

/** Publishes a model through the real store (draft → publish; the content checks are the product paths' to pass, and test models leave out what they ask for, e.g. sop:duration). */
export async function publishProcess(db: Kysely<Database>, key: string, xml: string, effectiveFrom?: string, validators?: ContentValidators): Promise<number> {
  const existing = await db.selectFrom('drafts').select('revision').where('kind', '=', 'process').where('key', '=', key).executeTakeFirst();
  await saveDraft(db, { kind: 'process', key, content: xml, actor: 'test', validators, ...(existing ? { ifMatch: existing.revision } : {}) });
  const r = await publish(db, { kind: 'process', key, actor: 'test', validators, ...(effectiveFrom ? { effectiveFrom } : {}) });
  await offerEverywhere(db, key);
  return r.publication.n;
}

/** What an admin does in the Kantor screen for a new process: every office offers it (tests only). */
export async function offerEverywhere(db: Kysely<Database>, key: string): Promise<void> {
  await sql`update offices set processes = coalesce(processes, '[]'::jsonb) || to_jsonb(${key}::text) where not (coalesce(processes, '[]'::jsonb) @> to_jsonb(array[${key}::text]))`.execute(db);
}
