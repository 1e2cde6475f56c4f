/**
 * The registration number and tracking PIN of an application (issue 21). At every start, in the
 * start's transaction: the next number of the office and year from the numbering service (kind
 * `pendaftaran`, gap-free: a start that rolls back gives its number back), a random 6-digit PIN
 * stored only as a hash, and the in-app notice `application-registered` to an applicant with an
 * account (number and PIN; the notification work fans it out to email/WhatsApp). The caller's
 * business key (a nomor polisi, an NOP) stays as it is; where there is none, a message may name
 * the application by its registration number as by its id (the system-issued key).
 */
import { createHash, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { DEFAULT_REGISTRATION_FORMAT, normalRegistrationNumber, REGISTRATION_KIND } from '../../../core/numbering.js';
import type { Database } from '../../db/index.js';
import { allocateDocumentNumber, allocationInStatement } from '../offices/numbering.js';
import type { StepCompanion } from '../runtime/runtime-step-statement.js';
import { notify } from '../notifications/notifications.js';

// A PIN is 6 random digits the server chose, not a secret a person reuses elsewhere, and what it
// opens (the application's status page) is data the database holds in clear beside its hash: a
// thief of the database learns nothing by reversing a PIN that the rows do not already show. So a
// slow hash buys nothing offline, and online the tracking rate limit guards the 10^6 PINs. A salted
// SHA-256 then; the scrypt it replaces (N 2048, ~3–5 ms of CPU at every start, a sixth of a real
// SOP's server CPU per step) is still verified for PINs issued before.
const derive = (pin: string, salt: Buffer, n: number): Promise<Buffer> =>
  new Promise((resolve, reject) => scrypt(pin, salt, 32, { N: n, r: 8, p: 1 }, (e, k) => (e ? reject(e) : resolve(k))));
const sha = (pin: string, salt: Buffer): Buffer => createHash('sha256').update(salt).update(pin).digest();

function hashPin(pin: string): string {
  const salt = randomBytes(16);
  return `sha256$${salt.toString('base64')}$${sha(pin, salt).toString('base64')}`;
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  let actual: Buffer;
  let key: string | undefined;
  if (parts[0] === 'sha256' && parts.length === 3) {
    key = parts[2];
    actual = sha(pin, Buffer.from(parts[1]!, 'base64'));
  } else if (parts[0] === 'scrypt' && parts.length === 4 && Number(parts[1]) <= 1 << 15) {
    key = parts[3];
    actual = await derive(pin, Buffer.from(parts[2]!, 'base64'), Number(parts[1]));
  } else return false;
  const expected = Buffer.from(key!, 'base64');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let dummy: Promise<string> | undefined;
/** A real PIN hash of nothing: an unknown number costs the same as a wrong PIN. */
export const dummyPinHash = (): Promise<string> => (dummy ??= Promise.resolve(hashPin(String(randomInt(0, 1_000_000)).padStart(6, '0'))));

/** A fresh PIN and its hash, made before the start's transaction (the hash is CPU work). */
export async function newPin(): Promise<{ pin: string; hash: string }> {
  const pin = String(randomInt(0, 1_000_000)).padStart(6, '0');
  return { pin, hash: hashPin(pin) };
}

/** The next registration number of the office (inside the start's transaction). */
export async function allocateRegistrationNumber(trx: Kysely<Database>, office: string, at: Date): Promise<string> {
  return (await allocateDocumentNumber(trx, { office, kind: REGISTRATION_KIND, at, defaultFormat: DEFAULT_REGISTRATION_FORMAT })).number;
}

/**
 * The registration written by the start's own statement (a start without an applicant account to
 * tell, whose rows are all new: see runtime.ts startOffered): the office's next number and the
 * registration row, in `format`; the statement answers the number.
 */
export function registrationWithStart(r: { office: string; at: Date; format: string; pinHash: string }): StepCompanion {
  return (changes, value) => {
    const started = changes.instancesInserted.find((i) => i.parentInstanceId === null);
    if (!started) throw new Error('a registration goes with the start of an application');
    const { cte, number } = allocationInStatement({ office: r.office, kind: REGISTRATION_KIND, at: r.at, format: r.format }, 'registration_counter', value);
    return {
      ctes: [
        cte,
        `registration as (insert into registrations (instance_id, number, office, pin_hash) ` +
          `select ${value(started.id)}, ${number}, ${value(r.office)}, ${value(r.pinHash)} from registration_counter returning number)`,
      ],
      answer: '(select number from registration)',
    };
  };
}

/** Records the registration of a started application and tells its applicant (same transaction). */
export async function recordRegistration(
  trx: Kysely<Database>,
  r: { instanceId: string; office: string; number: string; pin: string; pinHash: string; applicantUserId: string | null; processName: string },
): Promise<void> {
  await trx.insertInto('registrations').values({ instance_id: r.instanceId, number: r.number, office: r.office, pin_hash: r.pinHash }).execute();
  if (r.applicantUserId) {
    await notify(trx, {
      userId: r.applicantUserId,
      instanceId: r.instanceId,
      office: r.office,
      kind: 'application-registered',
      data: { pin: r.pin, number: r.number },
      message: `Permohonan ${r.processName} terdaftar dengan nomor ${r.number}. PIN pelacakan: ${r.pin}. Lacak status di /lacak tanpa masuk akun.`,
      link: `/lacak?nomor=${encodeURIComponent(r.number)}`,
    });
  }
}

/** Registration numbers of some applications (older applications have none). */
export async function registrationNumbers(db: Kysely<Database>, instanceIds: string[]): Promise<Map<string, string>> {
  if (instanceIds.length === 0) return new Map();
  const rows = await db.selectFrom('registrations').select(['instance_id', 'number']).where('instance_id', 'in', instanceIds).execute();
  return new Map(rows.map((r) => [r.instance_id, r.number]));
}

/**
 * The id of the application a registration number names, when it has no business key of its own
 * (its messages correlate on its id), among the applications of `offices` ('all': an admin);
 * else undefined. A registration number is printed on receipts and counts up per office, so it
 * is no secret: unlike the id (a random UUID, the system-issued key) it names an application only
 * to senders of its own office, and two offices whose formats make the same number never mix.
 */
export async function applicationOfRegistrationNumber(db: Kysely<Database>, key: string, offices: 'all' | readonly string[]): Promise<string | undefined> {
  if (offices !== 'all' && offices.length === 0) return undefined;
  let q = db
    .selectFrom('registrations as r')
    .innerJoin('runtime_instances as i', 'i.id', 'r.instance_id')
    .select('r.instance_id')
    .where(sql<boolean>`lower(r.number) = ${normalRegistrationNumber(key)}`)
    .where('i.business_key', 'is', null);
  if (offices !== 'all') q = q.where('r.office', 'in', offices);
  const rows = await q.limit(2).execute();
  // The same number in two offices the sender works in: ambiguous, named by neither.
  return rows.length === 1 ? rows[0]!.instance_id : undefined;
}
