import type { Kysely } from 'kysely';
import { EVENT_KEYS, eventFields, isNotificationEvent, LANGUAGES, NOTIFICATION_EVENTS, templateProblems, type Audience, type Language, type NotificationEvent, type Template } from '../../../core/notification-events.js';
import type { Database } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../platform/audit.js';
import { serviceSettings, type ServiceSettings } from './notification-notices.js';

/* ---------- templates (admin) ---------- */

export interface EventTemplates {
  event: NotificationEvent;
  audience: Audience;
  fields: string[];
  templates: Record<Language, Template & { custom: boolean; default: Template }>;
}

export async function listTemplates(db: Kysely<Database>): Promise<EventTemplates[]> {
  const rows = await db.selectFrom('notification_templates').select(['event', 'language', 'subject', 'body']).execute();
  const custom = new Map(rows.map((r) => [`${r.event}/${r.language}`, r]));
  return EVENT_KEYS.map((event) => {
    const spec = NOTIFICATION_EVENTS[event];
    const templates = Object.fromEntries(
      LANGUAGES.map((language) => {
        const c = custom.get(`${event}/${language}`);
        const d = spec.templates[language];
        return [language, { subject: c?.subject ?? d.subject, body: c?.body ?? d.body, custom: c !== undefined, default: d }];
      }),
    ) as EventTemplates['templates'];
    return { event, audience: spec.audience, fields: eventFields(event), templates };
  });
}

function eventOf(event: string): NotificationEvent {
  if (!isNotificationEvent(event)) throw new AppError('EVENT_NOT_FOUND', `Peristiwa notifikasi tidak dikenal: ${event}`, { event, known: EVENT_KEYS });
  return event;
}

/** An admin's template for one event and language; refused (nothing stored) when it names fields the event lacks. */
export async function saveTemplate(db: Kysely<Database>, actor: string, event: string, language: Language, t: Template): Promise<void> {
  const key = eventOf(event);
  const problems = templateProblems(key, t);
  if (problems.length > 0) throw new AppError('TEMPLATE_INVALID', 'Templat tidak valid', { errors: problems, fields: eventFields(key) });
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('notification_templates')
      .values({ event: key, language, subject: t.subject, body: t.body, updated_by: actor })
      .onConflict((oc) => oc.columns(['event', 'language']).doUpdateSet({ subject: t.subject, body: t.body, updated_by: actor, updated_at: new Date() }))
      .execute();
    await appendAudit(trx, { actor, action: 'notification.template', subject: `notification:${key}/${language}`, details: { subject: t.subject } });
  });
}

/** Back to the catalogue's default. */
export async function resetTemplate(db: Kysely<Database>, actor: string, event: string, language: Language): Promise<void> {
  const key = eventOf(event);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('notification_templates').where('event', '=', key).where('language', '=', language).execute();
    await appendAudit(trx, { actor, action: 'notification.template-reset', subject: `notification:${key}/${language}` });
  });
}

/* ---------- the account's channels ---------- */

export interface ChannelSettings {
  email: { address: string | null; enabled: boolean };
  whatsapp: { address: string | null; enabled: boolean };
  language: Language;
}

export async function channelSettings(db: Kysely<Database>, userId: string): Promise<ChannelSettings> {
  const r = await db
    .selectFrom('users as u')
    .leftJoin('notification_preferences as p', 'p.user_id', 'u.id')
    .select(['u.email', 'u.phone', 'p.email as wants_email', 'p.whatsapp as wants_whatsapp', 'p.language'])
    .where('u.id', '=', userId)
    .executeTakeFirstOrThrow();
  return {
    email: { address: r.email, enabled: r.email !== null && r.wants_email !== false },
    whatsapp: { address: r.phone, enabled: r.phone !== null && r.wants_whatsapp !== false },
    language: r.language === 'en' ? 'en' : 'id',
  };
}

export async function saveChannelSettings(db: Kysely<Database>, userId: string, input: { email: boolean; whatsapp: boolean; language: Language }): Promise<ChannelSettings> {
  await db
    .insertInto('notification_preferences')
    .values({ user_id: userId, email: input.email, whatsapp: input.whatsapp, language: input.language })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ email: input.email, whatsapp: input.whatsapp, language: input.language, updated_at: new Date() }))
    .execute();
  return channelSettings(db, userId);
}

/* ---------- per service: payment due days, permit validity and reminder ---------- */

export interface ServiceSettingsInput {
  paymentDueDays: number | null;
  validMonths: number | null;
  remindDaysBefore: number | null;
}

export async function readServiceSettings(db: Kysely<Database>, processKey: string): Promise<ServiceSettings & { processKey: string }> {
  return { processKey, ...(await serviceSettings(db, processKey)) };
}

export async function saveServiceSettings(db: Kysely<Database>, actor: string, processKey: string, input: ServiceSettingsInput): Promise<ServiceSettings & { processKey: string }> {
  const known = await db.selectFrom('publications').select('key').where('kind', '=', 'process').where('key', '=', processKey).executeTakeFirst();
  const draft = known ?? (await db.selectFrom('drafts').select('key').where('kind', '=', 'process').where('key', '=', processKey).executeTakeFirst());
  if (!draft) throw new AppError('PROCESS_NOT_FOUND', `Proses tidak ditemukan: ${processKey}`, { processKey });
  if (input.remindDaysBefore !== null && input.validMonths === null) {
    throw new AppError('VALIDATION_FAILED', 'Pengingat membutuhkan masa berlaku izin', { errors: [{ path: '/remindDaysBefore', message: 'isi validMonths juga' }] });
  }
  const values = { payment_due_days: input.paymentDueDays, valid_months: input.validMonths, remind_days_before: input.remindDaysBefore, updated_by: actor };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('service_notification_settings')
      .values({ process_key: processKey, ...values })
      .onConflict((oc) => oc.column('process_key').doUpdateSet({ ...values, updated_at: new Date() }))
      .execute();
    await appendAudit(trx, { actor, action: 'service.notification-settings', subject: `process:${processKey}`, details: { ...input } });
  });
  return readServiceSettings(db, processKey);
}
