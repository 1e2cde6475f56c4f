import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/index.js';
import { canonicalJson, sha256 } from '../store/hash.js';

export interface AuditEntry {
  actor: string;
  action: string;
  subject: string;
  beforeHash?: string | null;
  afterHash?: string | null;
  details?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);
// One advisory lock key serialises appends across every server on the same PostgreSQL,
// so two writers can never both chain onto the same previous row.
export const AUDIT_LOCK = 7_346_001;

/** A row's hash over its predecessor's: exported for the tests that forge a whole chain. */
export function rowHash(prev: string, at: string, e: Required<Omit<AuditEntry, 'details'>> & { details: string }): string {
  return sha256(canonicalJson({ prev, at, actor: e.actor, action: e.action, subject: e.subject, before: e.beforeHash, after: e.afterHash, details: e.details }));
}

/** Appends one entry to the hash chain, inside the caller's transaction. */
export async function appendAudit(trx: Transaction<Database> | Kysely<Database>, entry: AuditEntry): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select(['hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const prev = last?.hash ?? GENESIS;
  const at = new Date();
  const normalised = {
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    beforeHash: entry.beforeHash ?? null,
    afterHash: entry.afterHash ?? null,
    details: canonicalJson(entry.details ?? {}),
  };
  const hash = rowHash(prev, at.toISOString(), normalised);
  await trx
    .insertInto('audit_log')
    .values({
      at,
      actor: normalised.actor,
      action: normalised.action,
      subject: normalised.subject,
      before_hash: normalised.beforeHash,
      after_hash: normalised.afterHash,
      details: normalised.details,
      prev_hash: prev,
      hash,
    })
    .execute();
}

/** Appends in its own transaction (for events that are not part of another write). */
export async function recordAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db.transaction().execute((trx) => appendAudit(trx, entry));
}

export interface AuditVerification {
  ok: boolean;
  rows: number;
  /** first row whose link or hash does not match */
  brokenAt?: number;
  reason?: string;
}

export async function verifyAuditChain(db: Kysely<Database>): Promise<AuditVerification> {
  let prev = GENESIS;
  let rows = 0;
  let after = 0;
  for (;;) {
    const page = await db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(1000).execute();
    if (page.length === 0) return { ok: true, rows };
    for (const r of page) {
      rows++;
      if (r.prev_hash !== prev) return { ok: false, rows, brokenAt: r.seq, reason: 'previous-hash link does not match' };
      const expected = rowHash(prev, new Date(r.at).toISOString(), {
        actor: r.actor,
        action: r.action,
        subject: r.subject,
        beforeHash: r.before_hash,
        afterHash: r.after_hash,
        details: r.details,
      });
      if (expected !== r.hash) return { ok: false, rows, brokenAt: r.seq, reason: 'row content does not match its hash' };
      prev = r.hash;
      after = r.seq;
    }
  }
}
