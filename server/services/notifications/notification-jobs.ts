import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { todayInJakarta } from '../offices/dates.js';
import { applicationNumber } from './notification-notices.js';
import { notify, type Contact } from './notifications.js';

/**
 * Permit expiry reminders (issue 21): a permit of a service with a validity period (its row in
 * `permits`, written when the permit is ready to collect) is reminded `remind_days_before` days
 * before it expires. One permit per transaction, taken with FOR UPDATE SKIP LOCKED and marked
 * reminded in the same transaction as the notification it raises: of several servers exactly one
 * reminds it, once.
 */
async function remindOne(db: Kysely<Database>, now: Date = new Date()): Promise<boolean> {
  const today = todayInJakarta(now);
  return db.transaction().execute(async (trx) => {
    const p = await trx
      .selectFrom('permits')
      .selectAll()
      .where('reminded_at', 'is', null)
      .where('remind_on', '<=', today)
      .orderBy('remind_on')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!p) return false;
    const inst = await trx.selectFrom('runtime_instances').select(['id', 'process_name', 'business_key']).where('id', '=', p.instance_id).executeTakeFirst();
    const office = await trx.selectFrom('offices').select('name').where('key', '=', p.office).executeTakeFirst();
    const daysLeft = Math.max(0, Math.round((Date.parse(`${p.expires_on}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000));
    const contact = (typeof p.contact === 'string' ? JSON.parse(p.contact) : p.contact) as Contact | null;
    await notify(trx, {
      ...(p.user_id ? { userId: p.user_id } : { contact }),
      instanceId: p.instance_id,
      office: p.office,
      kind: 'permit-expiring',
      link: p.user_id ? `/portal/applications/${p.instance_id}` : '/lacak',
      data: {
        service: inst?.process_name ?? p.process_key,
        number: inst ? await applicationNumber(trx, { id: inst.id, businessKey: inst.business_key }) : p.number,
        office: office?.name ?? p.office,
        permitNumber: p.number,
        expiresOn: p.expires_on,
        daysLeft,
      },
    });
    await trx.updateTable('permits').set({ reminded_at: sql<Date>`now()` }).where('instance_id', '=', p.instance_id).execute();
    return true;
  });
}

/** Reminds every permit due at `now`; returns how many. */
export async function remindDue(db: Kysely<Database>, now: Date = new Date(), max = 1000): Promise<number> {
  let n = 0;
  while (n < max && (await remindOne(db, now))) n++;
  return n;
}
