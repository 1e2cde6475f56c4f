import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** An admin's override of a catalogue template (core/notification-events.ts holds the defaults). */
export interface NotificationTemplatesTable {
  event: string;
  language: string;
  subject: string;
  body: string;
  updated_by: string;
  updated_at: Generated<Date>;
}

/** The channels an account chose (no row: every channel it has an address for, in Indonesian). */
export interface NotificationPreferencesTable {
  user_id: string;
  email: Generated<boolean>;
  whatsapp: Generated<boolean>;
  language: Generated<string>;
  updated_at: Generated<Date>;
}

/** One message on one channel, written in the transaction that raised it (migration 0020). */
export interface NotificationOutboxTable {
  id: Generated<number>;
  event: string;
  channel: string;
  /** an email address, or the national phone form 08… */
  recipient: string;
  user_id: string | null;
  instance_id: string | null;
  office: string | null;
  subject: string;
  body: string;
  /** pending | sent | failed */
  status: Generated<string>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  created_at: Generated<Date>;
  sent_at: Timestamp | null;
  last_error: string | null;
}

export interface NotificationDeliveriesTable {
  id: Generated<number>;
  outbox_id: number;
  attempt: number;
  at: Generated<Date>;
  /** sent | failed (a failed attempt that will be retried is `failed` too; the outbox row says whether it gave up) */
  outcome: string;
  reason: string | null;
  provider_ref: string | null;
}

export interface ServiceNotificationSettingsTable {
  process_key: string;
  payment_due_days: number | null;
  valid_months: number | null;
  remind_days_before: number | null;
  updated_by: string;
  updated_at: Generated<Date>;
}

export interface PermitsTable {
  instance_id: string;
  process_key: string;
  office: string;
  user_id: string | null;
  contact: unknown;
  number: string;
  issued_on: string;
  expires_on: string;
  remind_on: string | null;
  reminded_at: Timestamp | null;
}

export interface PasswordResetCodesTable {
  id: Generated<number>;
  user_id: string;
  channel: string;
  code_hash: string;
  ip: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  failed_attempts: Generated<number>;
}

export interface NotifyTables {
  notification_templates: NotificationTemplatesTable;
  notification_preferences: NotificationPreferencesTable;
  notification_outbox: NotificationOutboxTable;
  notification_deliveries: NotificationDeliveriesTable;
  service_notification_settings: ServiceNotificationSettingsTable;
  permits: PermitsTable;
  password_reset_codes: PasswordResetCodesTable;
}
