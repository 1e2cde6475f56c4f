import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { appendAudit, AUDIT_LOCK, verifyAuditChain } from './audit.js';
import { canonicalJson } from '../store/hash.js';

/**
 * Anchors the audit chain outside the database (issue 16, finding 10). The chain proves that
 * rows were not edited one by one, but whoever can write the database can delete its tail or
 * recompute every hash. So a server periodically writes a checkpoint — the latest row number and
 * its hash, signed with an HMAC key the database never sees — to a file in AUDIT_DIR, and an
 * operator can export one to a store of their own (`audit checkpoint export`). `audit verify`
 * then finds a missing tail (the checkpoint's row is gone) and a rewritten chain (its hash
 * differs).
 */
export const KEY_FILE = 'audit.key';
export const CHECKPOINT_FILE = 'checkpoints.jsonl';

export interface AnchorConfig {
  auditDir: string;
  auditKey: string | undefined;
}

export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
  mac: string;
}

/**
 * The key: AUDIT_KEY, else the key file in AUDIT_DIR. A server (create) makes the file on first
 * start, 32 random bytes readable by its owner only; the CLI never makes one, so a verify without
 * a key says so instead of checking against a key it just invented.
 */
export function auditKey(config: AnchorConfig, opts: { create: boolean }): Buffer | undefined {
  if (config.auditKey) return Buffer.from(config.auditKey, 'utf8');
  const file = path.join(config.auditDir, KEY_FILE);
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  if (!opts.create) return undefined;
  mkdirSync(config.auditDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  try {
    writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    // another server sharing AUDIT_DIR made it first: use theirs
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    throw e;
  }
  chmodSync(file, 0o600); // the mode above is filtered by the umask
  return key;
}

function mac(key: Buffer, seq: number, hash: string, at: string): string {
  return createHmac('sha256', key).update(canonicalJson({ seq, hash, at })).digest('hex');
}

/** The chain's head now, signed; seq 0 and the genesis hash for an empty log. */
export async function makeCheckpoint(db: Kysely<Database>, key: Buffer): Promise<Checkpoint> {
  const last = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const seq = last?.seq ?? 0;
  const hash = last?.hash ?? '0'.repeat(64);
  const at = new Date().toISOString();
  return { seq, hash, at, mac: mac(key, seq, hash, at) };
}

export function appendCheckpoint(auditDir: string, cp: Checkpoint, file = path.join(auditDir, CHECKPOINT_FILE)): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  appendFileSync(file, `${JSON.stringify(cp)}\n`, { mode: 0o600 });
}

export function readCheckpoints(file: string): Checkpoint[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Checkpoint);
}

export type AnchorProblem =
  | { kind: 'forged-checkpoint'; seq: number; at: string }
  | { kind: 'missing-tail'; seq: number; at: string; lastSeq: number }
  | { kind: 'rewritten'; seq: number; at: string };

export interface AnchoredVerification {
  chain: Awaited<ReturnType<typeof verifyAuditChain>>;
  /** false: no key, so the checkpoints could not be checked */
  keyed: boolean;
  checkpoints: number;
  problems: AnchorProblem[];
  ok: boolean;
}

/** The chain inside the database, and then the database against every checkpoint. */
export async function verifyAnchored(db: Kysely<Database>, checkpoints: Checkpoint[], key: Buffer | undefined): Promise<AnchoredVerification> {
  const chain = await verifyAuditChain(db);
  if (!key) return { chain, keyed: false, checkpoints: checkpoints.length, problems: [], ok: chain.ok };
  const problems: AnchorProblem[] = [];
  const lastSeq = (await db.selectFrom('audit_log').select(sql<number | null>`max(seq)`.as('m')).executeTakeFirst())?.m ?? 0;
  for (const cp of checkpoints) {
    const expected = Buffer.from(mac(key, cp.seq, cp.hash, cp.at), 'hex');
    const given = Buffer.from(String(cp.mac), 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      problems.push({ kind: 'forged-checkpoint', seq: cp.seq, at: cp.at });
      continue;
    }
    if (cp.seq === 0) continue;
    const row = await db.selectFrom('audit_log').select('hash').where('seq', '=', cp.seq).executeTakeFirst();
    if (!row) problems.push({ kind: 'missing-tail', seq: cp.seq, at: cp.at, lastSeq: Number(lastSeq) });
    else if (row.hash !== cp.hash) problems.push({ kind: 'rewritten', seq: cp.seq, at: cp.at });
  }
  return { chain, keyed: true, checkpoints: checkpoints.length, problems, ok: chain.ok && problems.length === 0 };
}

/**
 * One summary row for the log-in failures since the last summary: anonymous requests no longer
 * append audit rows of their own (whose subject they would choose), but a burst stays visible
 * in the chain. Serialised by the chain's lock, so two servers do not both summarise a window.
 */
export async function summariseLoginFailures(db: Kysely<Database>): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx);
    // The window is kept on the database's clock, at its precision (microseconds), as text: a
    // bound from this process, or one passed through a JS Date (whole milliseconds), would count
    // a failure stamped later in the same millisecond in the wrong window, or in two.
    const previous = await trx
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'auth.login-failures')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const since = previous ? (JSON.parse(previous.details) as { until: string }).until : '1970-01-01T00:00:00Z';
    const row = await trx
      .selectFrom('login_failures')
      .select([
        sql<string>`to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('until'),
        sql<number>`count(*)`.as('failures'),
        sql<number>`count(distinct ip)`.as('addresses'),
        sql<number>`count(distinct username)`.as('usernames'),
      ])
      .where('at', '>', sql<Date>`${since}::timestamptz`)
      .where('at', '<=', sql<Date>`now()`)
      .executeTakeFirstOrThrow();
    if (Number(row.failures) === 0) return false;
    await appendAudit(trx, {
      actor: 'system',
      action: 'auth.login-failures',
      subject: 'auth:login',
      details: { since, until: row.until, failures: Number(row.failures), addresses: Number(row.addresses), usernames: Number(row.usernames) },
    });
    return true;
  });
}

/** The server's periodic job: the failure summary, then a checkpoint of the head it left. */
export function startAuditJob(db: Kysely<Database>, config: AnchorConfig & { auditCheckpointMinutes: number }, onError: (e: unknown) => void): { stop(): void } {
  const key = auditKey(config, { create: true });
  const tick = async () => {
    try {
      await summariseLoginFailures(db);
      if (key) appendCheckpoint(config.auditDir, await makeCheckpoint(db, key));
    } catch (e) {
      onError(e);
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), config.auditCheckpointMinutes * 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
