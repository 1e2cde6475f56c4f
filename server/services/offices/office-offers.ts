import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { AppError } from '../../errors.js';

// SERVICE_NOT_OFFERED is the offices work's code (issue 16, finding 7); registered here too so
// that this check answers with it before that work lands, without a second entry in errors.ts.

/**
 * The one question "does this office exist and offer this process?", asked before the system
 * creates an application there on its own (a message start, a signal start): an office is a row
 * of `offices` and offers the processes its list names (the Kantor screen; finding 7), the same
 * list a person's start is checked against (runtime-instances.ts startInstance), and only
 * processes of its own agency (a process without one is any agency's).
 */
export async function assertOfficeOffers(db: Kysely<Database>, office: string, processKey: string): Promise<void> {
  if (!(await officeOffers(db, office, processKey))) throw new AppError('SERVICE_NOT_OFFERED', `Layanan "${processKey}" tidak tersedia di kantor "${office}"`, { office, processKey });
}

/** Whether `office` offers `processKey`; UNKNOWN_OFFICE when there is no such office. */
export async function officeOffers(db: Kysely<Database>, office: string, processKey: string): Promise<boolean> {
  const row = await offering(db, office);
  if (!row) throw new AppError('UNKNOWN_OFFICE', `Kantor "${office}" tidak dikenal`, { office });
  if (!row.processes.includes(processKey)) return false;
  // and never another agency's SOP, whatever the list says
  const doc = await db.selectFrom('documents').select('agency').where('kind', '=', 'process').where('key', '=', processKey).executeTakeFirst();
  return !(doc?.agency && row.agency && doc.agency !== row.agency);
}

/** The process keys `office` offers (the Kantor screen's list); undefined when there is no such office. */
export async function officeOfferings(db: Kysely<Database>, office: string): Promise<string[] | undefined> {
  return (await offering(db, office))?.processes;
}

async function offering(db: Kysely<Database>, office: string): Promise<{ agency: string | null; processes: string[] } | undefined> {
  const r = await db.selectFrom('offices').select(['agency', 'processes']).where('key', '=', office).executeTakeFirst();
  if (!r) return undefined;
  const listed = typeof r.processes === 'string' ? (JSON.parse(r.processes) as string[] | null) : r.processes;
  return { agency: r.agency, processes: listed ?? [] };
}
