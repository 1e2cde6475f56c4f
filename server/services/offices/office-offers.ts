import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { AppError } from '../../errors.js';

// SERVICE_NOT_OFFERED is the offices work's code (issue 16, finding 7); registered here too so
// that this check answers with it before that work lands, without a second entry in errors.ts.

/**
 * The one question "does this office exist and offer this process?", asked before the system
 * creates an application there on its own (a message start). Today an office is a row of
 * `offices` (seeded from processes/offices.json) and it offers the processes of its agency (the
 * process document's `agency`; a process without one is offered everywhere). When offices carry
 * the list of processes they offer, only this function changes.
 */
export async function assertOfficeOffers(db: Kysely<Database>, office: string, processKey: string): Promise<void> {
  const row = await db.selectFrom('offices').select(['key', 'agency']).where('key', '=', office).executeTakeFirst();
  if (!row) throw new AppError('UNKNOWN_OFFICE', `Kantor "${office}" tidak dikenal`, { office });
  const doc = await db.selectFrom('documents').select('agency').where('kind', '=', 'process').where('key', '=', processKey).executeTakeFirst();
  if (doc?.agency && row.agency && doc.agency !== row.agency) {
    throw new AppError('SERVICE_NOT_OFFERED', `Layanan "${processKey}" tidak tersedia di kantor "${office}"`, { office, processKey });
  }
}
