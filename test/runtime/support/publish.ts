import type { Kysely } from 'kysely';
import type { Database } from '../../../server/db/index.js';
import { publish, saveDraft } from '../../../server/services/store.js';

/** Publishes a model through the real store (draft → publish, with every validator). */
export async function publishProcess(db: Kysely<Database>, key: string, xml: string, effectiveFrom?: string): Promise<number> {
  const existing = await db.selectFrom('drafts').select('revision').where('kind', '=', 'process').where('key', '=', key).executeTakeFirst();
  await saveDraft(db, { kind: 'process', key, content: xml, actor: 'test', ...(existing ? { ifMatch: existing.revision } : {}) });
  const r = await publish(db, { kind: 'process', key, actor: 'test', ...(effectiveFrom ? { effectiveFrom } : {}) });
  return r.publication.n;
}
