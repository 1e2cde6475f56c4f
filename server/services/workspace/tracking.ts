/**
 * Public tracking (issue 21): `POST /api/public/track {number, pin}` without log-in. A wrong PIN
 * and an unknown number get the same answer (404 TRACKING_NOT_FOUND, same body, the same scrypt
 * cost); attempts are rows (tracking_attempts), so the limits hold across servers:
 * - per number: after TRACK_FAILURES_PER_NUMBER failed attempts in the window, further attempts
 *   on that number (right PIN or not) wait until the window has passed;
 * - per address: at most TRACK_ATTEMPTS_PER_ADDRESS attempts of any number in the window.
 * Over a limit: 429 RATE_LIMITED with Retry-After. The answer names nothing personal beyond the
 * applicant's first name.
 */
import { sql, type Kysely } from 'kysely';
import { normalRegistrationNumber } from '../../../core/numbering.js';
import { addWorkingMs } from '../../../core/working-time.js';
import type { Database } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { sopTotalMs } from '../cockpit/analytics.js';
import type { TrackingAnswer } from '../../../contracts/reach.js';
import { statusOf } from './applications.js';
import { calendarCache } from '../offices/calendars.js';
import { todayInJakarta } from '../offices/dates.js';
import { dummyPinHash, verifyPin } from './registration-number.js';
import { processModel } from '../publications/services-catalog.js';

const TRACK_WINDOW_MS = 15 * 60_000;
const TRACK_FAILURES_PER_NUMBER = 5;
const TRACK_ATTEMPTS_PER_ADDRESS = 30;

export type { TrackingAnswer };

const notFound = () => new AppError('TRACKING_NOT_FOUND', 'Nomor pendaftaran atau PIN tidak cocok', {});

/** Counts the attempt (before checking it) and refuses it when a limit is reached. */
async function throttle(db: Kysely<Database>, number: string, address: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - TRACK_WINDOW_MS);
  const [row] = await db.insertInto('tracking_attempts').values({ number, address, ok: false, at: now }).returning('id').execute();
  const { rows } = await sql<{ fails: number; first_fail: Date | null; by_address: number; first_address: Date | null }>`
    select
      (select count(*) from tracking_attempts where number = ${number} and not ok and at > ${since} and id <> ${row.id})::int as fails,
      (select min(at) from tracking_attempts where number = ${number} and not ok and at > ${since} and id <> ${row.id}) as first_fail,
      (select count(*) from tracking_attempts where address = ${address} and at > ${since})::int as by_address,
      (select min(at) from tracking_attempts where address = ${address} and at > ${since}) as first_address`.execute(db);
  const c = rows[0];
  const wait = (first: Date | null) => Math.max(1, Math.ceil((new Date(first ?? now).getTime() + TRACK_WINDOW_MS - now.getTime()) / 1000));
  if (Number(c.fails) >= TRACK_FAILURES_PER_NUMBER) {
    throw new AppError('RATE_LIMITED', 'Terlalu banyak percobaan untuk nomor ini. Coba lagi nanti.', { retryAfterSeconds: wait(c.first_fail) });
  }
  if (Number(c.by_address) > TRACK_ATTEMPTS_PER_ADDRESS) {
    throw new AppError('RATE_LIMITED', 'Terlalu banyak percobaan dari alamat ini. Coba lagi nanti.', { retryAfterSeconds: wait(c.first_address) });
  }
  return Number(row.id);
}

/** The application behind a number and PIN, or TRACKING_NOT_FOUND; counted against the limits. */
export async function verifiedApplication(db: Kysely<Database>, input: { number: string; pin: string; address: string; now?: Date }): Promise<string> {
  const number = normalRegistrationNumber(input.number);
  const attempt = await throttle(db, number, input.address, input.now ?? new Date());
  const reg = await db.selectFrom('registrations').select(['instance_id', 'pin_hash']).where(sql<boolean>`lower(number) = ${number}`).executeTakeFirst();
  // An unknown number costs the same hash as a wrong PIN.
  const ok = await verifyPin(input.pin, reg?.pin_hash ?? (await dummyPinHash()));
  if (!reg || !ok) throw notFound();
  await db.updateTable('tracking_attempts').set({ ok: true }).where('id', '=', attempt).execute();
  return reg.instance_id;
}

export async function trackApplication(db: Kysely<Database>, input: { number: string; pin: string; address: string; now?: Date }): Promise<TrackingAnswer> {
  const instanceId = await verifiedApplication(db, input);
  const inst = await db.selectFrom('runtime_instances').selectAll().where('id', '=', instanceId).executeTakeFirstOrThrow();
  const reg = await db.selectFrom('registrations').select('number').where('instance_id', '=', instanceId).executeTakeFirstOrThrow();
  // Applicant-lane steps carry their assignee (the applicant, or the officer of a walk-in).
  const status = await statusOf(db, inst, { mine: (assignee) => assignee !== null, full: false });
  const [office, user] = await Promise.all([
    db.selectFrom('offices').select('name').where('key', '=', inst.office).executeTakeFirst(),
    inst.applicant_user_id ? db.selectFrom('users').select('name').where('id', '=', inst.applicant_user_id).executeTakeFirst() : undefined,
  ]);
  const walkIn = (typeof inst.applicant === 'string' ? JSON.parse(inst.applicant) : inst.applicant) as { name?: string } | null;
  const fullName = user?.name ?? walkIn?.name ?? '';
  await calendarCache(db).ready();
  const cal = calendarCache(db).get(inst.office);
  const model = await processModel(db, inst.process_key, inst.publication);
  const total = sopTotalMs(model, cal);
  const dayMs = (() => {
    const d = cal.days.find((x) => x !== null);
    return d ? (d[1] - d[0]) * 60_000 : 8 * 3_600_000;
  })();
  const createdAt = new Date(inst.created_at);
  return {
    number: reg.number,
    service: inst.process_name,
    office: office?.name ?? inst.office,
    firstName: fullName.trim().split(/\s+/)[0] || null,
    status: inst.status,
    submittedAt: createdAt.toISOString(),
    endedAt: status.endedAt,
    currentSteps: status.currentSteps,
    stepsDone: status.timeline.filter((e) => e.event === 'completed').map((e) => ({ step: e.step, at: e.at })),
    // Notes stay in (what to fix); steps are the applicant's own.
    applicantActions: status.expected,
    expectedCompletion: total > 0 ? { date: todayInJakarta(addWorkingMs(cal, createdAt, total)), workingDays: Math.max(1, Math.ceil(total / dayMs)) } : null,
  };
}

/** Attempts older than a day say nothing any limit needs: removed by the reach job (routes/reach.ts). */
export async function forgetOldAttempts(db: Kysely<Database>, now = new Date()): Promise<number> {
  const r = await db.deleteFrom('tracking_attempts').where('at', '<', new Date(now.getTime() - 86_400_000)).executeTakeFirst();
  return Number(r.numDeletedRows);
}
