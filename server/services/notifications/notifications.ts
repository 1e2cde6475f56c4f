import type { Kysely } from 'kysely';
import { UNNUMBERED } from '../../../core/numbering.js';
import { CHANNELS, isNotificationEvent, NOTIFICATION_EVENTS, renderTemplate, type Channel, type EventData, type Language, type NotificationEvent, type Template } from '../../../core/notification-events.js';
import { isNormalPhone, normalizePhone } from '../../../core/phone.js';
import type { Database } from '../../db/index.js';

export interface Notification {
  id: number;
  instanceId: string | null;
  kind: string;
  message: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

/** Someone without an account (a walk-in applicant): reached on their channels only. */
export interface Contact {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  /** default Indonesian */
  language?: Language;
}

export interface NewNotification {
  /** the account: an in-app notification, and the channels it chose */
  userId?: string | null;
  /** no account (a walk-in applicant): the addresses given at the counter */
  contact?: Contact | null;
  instanceId?: string | null;
  /** the office the message is about (its WhatsApp provider, when it has its own) */
  office?: string | null;
  /** a catalogue event (core/notification-events.ts), or another in-app kind (`info`, `action-needed`) */
  kind: string;
  /** required for a kind outside the catalogue; a catalogue event's is its rendered subject */
  message?: string;
  /** a path of the studio (`/portal/applications/…`); messages carry it as an absolute link */
  link?: string | null;
  /** the event's values (core/notification-events.ts eventFields) */
  data?: EventData;
}

/** Where the studio is reached from outside (links in emails and WhatsApp messages): PUBLIC_URL. */
function publicUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, '');
}

/** The template in force: the admin's override, else the catalogue's default. */
async function templateFor(db: Kysely<Database>, event: NotificationEvent, language: Language): Promise<Template> {
  const row = await db.selectFrom('notification_templates').select(['subject', 'body']).where('event', '=', event).where('language', '=', language).executeTakeFirst();
  return row ?? NOTIFICATION_EVENTS[event].templates[language];
}

interface Recipient {
  name: string;
  language: Language;
  addresses: Partial<Record<Channel, string>>;
}

async function accountRecipient(db: Kysely<Database>, userId: string): Promise<Recipient | undefined> {
  const u = await db
    .selectFrom('users as u')
    .leftJoin('notification_preferences as p', 'p.user_id', 'u.id')
    .select(['u.name', 'u.email', 'u.phone', 'u.disabled', 'p.email as wants_email', 'p.whatsapp as wants_whatsapp', 'p.language'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!u) return undefined;
  const addresses: Partial<Record<Channel, string>> = {};
  // No preference row: every channel the account has an address for.
  if (!u.disabled && u.email && u.wants_email !== false) addresses.email = u.email;
  if (!u.disabled && u.phone && u.wants_whatsapp !== false) addresses.whatsapp = u.phone;
  return { name: u.name, language: u.language === 'en' ? 'en' : 'id', addresses };
}

function contactRecipient(c: Contact): Recipient {
  const addresses: Partial<Record<Channel, string>> = {};
  const email = c.email?.trim().toLowerCase();
  if (email && /^[^\s@]+@[^\s@]+$/.test(email)) addresses.email = email;
  const phone = c.phone ? normalizePhone(c.phone) : undefined;
  if (phone && isNormalPhone(phone)) addresses.whatsapp = phone;
  return { name: c.name?.trim() || '', language: c.language ?? 'id', addresses };
}

/** The common values a caller did not give: the application's service and number, the office's name. */
async function applicationValues(db: Kysely<Database>, n: NewNotification): Promise<EventData> {
  const out: EventData = {};
  const has = (k: string) => n.data?.[k] !== undefined && n.data?.[k] !== null;
  if (n.instanceId && (!has('service') || !has('number'))) {
    const i = await db
      .selectFrom('runtime_instances as i')
      .leftJoin('registrations as r', 'r.instance_id', 'i.id')
      .select(['i.process_name', 'i.business_key', 'r.number'])
      .where('i.id', '=', n.instanceId)
      .executeTakeFirst();
    // the registration number (issue 21), else the business key, never the id
    if (i) Object.assign(out, { service: i.process_name, number: i.number ?? i.business_key ?? UNNUMBERED });
  }
  if (n.office && !has('office')) out.office = (await db.selectFrom('offices').select('name').where('key', '=', n.office).executeTakeFirst())?.name ?? n.office;
  return out;
}

/**
 * Raises a notification inside the CALLER's transaction (pass it as `db`): the in-app row (for an
 * account) and its entry in the events hub's change log, and, for a catalogue event, one outbox
 * row per channel the recipient chose, rendered from the template in force in the recipient's
 * language. So the message exists exactly when what it tells of committed; the outbox sender
 * (notification-outbox.ts) delivers it later. Nothing is sent from here.
 */
export async function notify(db: Kysely<Database>, n: NewNotification): Promise<void> {
  const event = isNotificationEvent(n.kind) ? n.kind : undefined;
  if (!event && !n.message) throw new Error(`notify: kind "${n.kind}" is not a catalogue event and has no message`);
  const recipient = n.userId ? await accountRecipient(db, n.userId) : n.contact ? contactRecipient(n.contact) : undefined;
  if (!recipient) return;
  let message = n.message;
  if (event) {
    const template = await templateFor(db, event, recipient.language);
    const data: EventData = { name: recipient.name, ...(await applicationValues(db, n)), ...n.data, link: n.link ? `${publicUrl()}${n.link}` : (n.data?.link ?? publicUrl()) };
    const rendered = renderTemplate(template, data);
    message ??= rendered.subject;
    const rows = CHANNELS.filter((c) => recipient.addresses[c]).map((channel) => ({
      event,
      channel,
      recipient: recipient.addresses[channel] as string,
      user_id: n.userId ?? null,
      instance_id: n.instanceId ?? null,
      office: n.office ?? null,
      subject: rendered.subject,
      body: rendered.body,
    }));
    if (rows.length > 0) await db.insertInto('notification_outbox').values(rows).execute();
  }
  if (n.userId) {
    await db
      .insertInto('notifications')
      .values({ user_id: n.userId, instance_id: n.instanceId ?? null, kind: n.kind, message: message as string, link: n.link ?? null })
      .execute();
    await db.insertInto('workspace_changes').values({ office: null, user_id: n.userId, kind: 'notification', ref: n.instanceId ?? null }).execute();
  }
}

export async function listNotifications(db: Kysely<Database>, userId: string, opts: { unreadOnly?: boolean; limit?: number } = {}): Promise<Notification[]> {
  let q = db
    .selectFrom('notifications')
    .select(['id', 'instance_id', 'kind', 'message', 'link', 'created_at', 'read_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(opts.limit ?? 50);
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: Number(r.id),
    instanceId: r.instance_id,
    kind: r.kind,
    message: r.message,
    link: r.link,
    createdAt: new Date(r.created_at).toISOString(),
    readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
  }));
}

export async function markRead(db: Kysely<Database>, userId: string, ids: number[] | 'all'): Promise<number> {
  let q = db.updateTable('notifications').set({ read_at: new Date() }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ids !== 'all') {
    if (ids.length === 0) return 0;
    q = q.where('id', 'in', ids);
  }
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}
