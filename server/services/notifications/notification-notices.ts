import { paymentDue } from '../workspace/payment-due.js';
import type { Kysely } from 'kysely';
import { addDays, addMonths } from '../../../core/calendar-date.js';
import { formatRupiah } from '../../../core/money.js';
import { UNNUMBERED } from '../../../core/numbering.js';
import { isNotificationEvent, type EventData } from '../../../core/notification-events.js';
import { APPLICANT_MESSAGE } from '../../../runtime/inputs.js';
import type { InstanceState, RaisedNotice } from '../../../runtime/store.js';
import type { Database } from '../../db/index.js';
import { todayInJakarta } from '../offices/dates.js';
import { notify, type Contact } from './notifications.js';
import { feeNotas } from '../../../runtime/fee-notas.js';

/** Days to pay after the nota when the service configures none (service_notification_settings). */
const DEFAULT_PAYMENT_DUE_DAYS = 7;

export interface ServiceSettings {
  paymentDueDays: number;
  validMonths: number | null;
  remindDaysBefore: number | null;
}

export async function serviceSettings(db: Kysely<Database>, processKey: string): Promise<ServiceSettings> {
  const r = await db.selectFrom('service_notification_settings').selectAll().where('process_key', '=', processKey).executeTakeFirst();
  return { paymentDueDays: r?.payment_due_days ?? DEFAULT_PAYMENT_DUE_DAYS, validMonths: r?.valid_months ?? null, remindDaysBefore: r?.remind_days_before ?? null };
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/**
 * The number an applicant knows the application by: its registration number (registration-number.ts,
 * every application started since issue 21), else its business key, else "(belum bernomor)": never an id.
 */
export async function applicationNumber(db: Kysely<Database>, inst: Pick<InstanceState, 'businessKey' | 'id'>): Promise<string> {
  const r = await db.selectFrom('registrations').select('number').where('instance_id', '=', inst.id).executeTakeFirst();
  return r?.number ?? inst.businessKey ?? UNNUMBERED;
}

/** The values of an event about this application, read from what the runtime already knows. */
async function eventData(db: Kysely<Database>, kind: string, inst: InstanceState, settings: () => Promise<ServiceSettings>, today: string): Promise<EventData> {
  const office = await db.selectFrom('offices').select('name').where('key', '=', inst.office).executeTakeFirst();
  const v = inst.variables;
  const data: EventData = { service: inst.processName, number: await applicationNumber(db, inst), office: office?.name ?? inst.office };
  if (kind === 'berkas-tidak-lengkap') {
    const missing = Array.isArray(v.dokumenKurang) ? v.dokumenKurang.filter((d): d is string => typeof d === 'string') : [];
    // what the officer wrote for the applicant; never the internal note (`catatan`)
    data.note = [text(v[APPLICANT_MESSAGE]), missing.length > 0 ? `(${missing.join(', ')})` : undefined].filter(Boolean).join(' ');
  }
  if (kind === 'complaint-answered') data.answer = text(v.jawaban) ?? '-';
  if (kind === 'rejected') data.reason = text(v.alasanPenolakan) ?? text(v[APPLICANT_MESSAGE]);
  if (kind === 'fee-to-pay') {
    // The latest nota of the application (a later fee step replaces an earlier one's amount).
    const nota = feeNotas(v).at(-1) as (ReturnType<typeof feeNotas>[number] & { dueDate?: unknown }) | undefined;
    if (nota) data.amount = formatRupiah(nota.total, { prefix: false });
    // the due date the nota shows (payment-due.ts), else the default days from today
    data.dueDate = text(nota?.dueDate) ?? (await paymentDue(db, inst.id))?.dueDate ?? addDays(today, (await settings()).paymentDueDays);
  }
  return data;
}

/**
 * Writes the notification events a runtime step raised (sop:notify), in the step's transaction:
 * to the applicant's account (in-app and their channels), or to a walk-in applicant's phone and
 * email given at the counter. `ready-to-collect` of a service with a validity period also records
 * the permit whose expiry is reminded (notification-jobs.ts).
 */
export async function raiseNotices(db: Kysely<Database>, notices: RaisedNotice[], instances: ReadonlyMap<string, InstanceState>, now: Date = new Date()): Promise<void> {
  const today = todayInJakarta(now);
  for (const n of notices) {
    const inst = instances.get(n.instanceId);
    if (!inst) continue;
    const recipient = inst.applicantUserId ? { userId: inst.applicantUserId } : inst.applicant ? { contact: inst.applicant } : undefined;
    if (!recipient) continue;
    let cached: ServiceSettings | undefined;
    const settings = async () => (cached ??= await serviceSettings(db, inst.processKey));
    const link = inst.applicantUserId ? `/portal/applications/${inst.id}` : '/lacak';
    if (!isNotificationEvent(n.kind)) {
      if (inst.applicantUserId) await notify(db, { userId: inst.applicantUserId, instanceId: inst.id, kind: n.kind, message: n.message ?? n.elementName, link });
      continue;
    }
    await notify(db, { ...recipient, instanceId: inst.id, office: inst.office, kind: n.kind, link, data: await eventData(db, n.kind, inst, settings, today) });
    if (n.kind === 'ready-to-collect') {
      const s = await settings();
      if (s.validMonths) {
        const expires = addMonths(today, s.validMonths);
        const sys = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>).documentNumber : undefined);
        await db
          .insertInto('permits')
          .values({
            instance_id: inst.id,
            process_key: inst.processKey,
            office: inst.office,
            user_id: inst.applicantUserId,
            contact: inst.applicantUserId ? null : JSON.stringify(inst.applicant),
            number: text(sys(inst.variables.sys)) ?? (await applicationNumber(db, inst)),
            issued_on: today,
            expires_on: expires,
            remind_on: s.remindDaysBefore ? addDays(expires, -s.remindDaysBefore) : null,
          })
          .onConflict((oc) => oc.column('instance_id').doNothing())
          .execute();
      }
    }
  }
}

/**
 * "Izin terbit" (issue 23): the applicant is told when a signing step issued their permit, in that
 * step's transaction (`db`), with the permit's title and number; a walk-in on the contacts given at
 * the counter. Only on a signing step, so the runtime's ordinary steps pay nothing for it.
 */
export async function raisePermitIssued(db: Kysely<Database>, instanceId: string, permit: { title: string; documentNumber: string }): Promise<void> {
  const inst = await db.selectFrom('runtime_instances').select(['applicant_user_id', 'applicant', 'office']).where('id', '=', instanceId).executeTakeFirst();
  if (!inst) return;
  const contact = typeof inst.applicant === 'string' ? (JSON.parse(inst.applicant) as Contact | null) : (inst.applicant as Contact | null);
  const recipient = inst.applicant_user_id ? { userId: inst.applicant_user_id } : contact ? { contact } : undefined;
  if (!recipient) return;
  const link = inst.applicant_user_id ? `/portal/applications/${instanceId}` : '/lacak';
  await notify(db, { ...recipient, instanceId, office: inst.office, kind: 'permit-issued', link, data: permit });
}
