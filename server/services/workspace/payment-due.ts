/**
 * The fee's due date for payment (issue 21): configured per service as days after the nota
 * (`service_notification_settings.payment_due_days`, the one per-service setting the notifications'
 * fee message reads too; admin routes PUT /api/admin/services/:key/payment-due and
 * /api/admin/service-notification-settings/:key).
 * The nota's date is when the fee was computed (the business rule task's completion, or the
 * calling application's for a payment sub-process). A service without a setting shows no due
 * date. `paymentDue` is what the nota shows and what a fee notification carries.
 */
import type { Kysely } from 'kysely';
import { addDays } from '../../../core/calendar-date.js';
import { todayInJakarta } from '../offices/dates.js';
import type { Database } from '../../db/index.js';
import { AppError } from '../../errors.js';

export interface PaymentDue {
  /** the nota's date (Asia/Jakarta, YYYY-MM-DD) */
  notaDate: string;
  days: number;
  /** the last day to pay (Asia/Jakarta, YYYY-MM-DD) */
  dueDate: string;
}

export async function paymentDueDays(db: Kysely<Database>, processKey: string): Promise<number | null> {
  const row = await db.selectFrom('service_notification_settings').select('payment_due_days').where('process_key', '=', processKey).executeTakeFirst();
  return row?.payment_due_days == null ? null : Number(row.payment_due_days);
}

export async function setPaymentDueDays(db: Kysely<Database>, processKey: string, days: number, by: string): Promise<{ processKey: string; paymentDueDays: number }> {
  const known = await db.selectFrom('documents').select('key').where('kind', '=', 'process').where('key', '=', processKey).executeTakeFirst();
  if (!known) throw new AppError('PROCESS_NOT_FOUND', `Layanan "${processKey}" tidak dikenal`, { processKey });
  await db
    .insertInto('service_notification_settings')
    .values({ process_key: processKey, payment_due_days: days, updated_by: by })
    .onConflict((oc) => oc.column('process_key').doUpdateSet({ payment_due_days: days, updated_by: by, updated_at: new Date() }))
    .execute();
  return { processKey, paymentDueDays: days };
}

/** The due date of an application's fee, or null (no nota yet, or no setting for its service). */
export async function paymentDue(db: Kysely<Database>, instanceId: string): Promise<PaymentDue | null> {
  const inst = await db.selectFrom('runtime_instances').select(['process_key', 'parent_instance_id', 'created_at']).where('id', '=', instanceId).executeTakeFirst();
  if (!inst) return null;
  let days = await paymentDueDays(db, inst.process_key);
  // A payment sub-process (samsat-pembayaran) follows its caller's service unless it has its own.
  if (days === null && inst.parent_instance_id) {
    const parent = await db.selectFrom('runtime_instances').select('process_key').where('id', '=', inst.parent_instance_id).executeTakeFirst();
    if (parent) days = await paymentDueDays(db, parent.process_key);
  }
  if (days === null) return null;
  const ids = [instanceId, ...(inst.parent_instance_id ? [inst.parent_instance_id] : [])];
  const computed = await db
    .selectFrom('runtime_history')
    .select('ended_at')
    .where('instance_id', 'in', ids)
    .where('element_kind', '=', 'businessRuleTask')
    .where('event', '=', 'completed')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const notaDate = todayInJakarta(new Date(computed?.ended_at ?? inst.created_at));
  return { notaDate, days, dueDate: addDays(notaDate, days) };
}
