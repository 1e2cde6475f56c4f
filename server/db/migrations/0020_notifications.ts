import { sql, type Kysely } from 'kysely';

/**
 * Reaching the applicant (issue 21): templates an admin overrides, each account's channels, the
 * transactional outbox and its delivery log, per-service notification settings (payment due days,
 * permit validity and reminder), the permits whose expiry is reminded, and password-reset codes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notification_templates')
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('notification_templates_pk', ['event', 'language'])
    .execute();

  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('email', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('whatsapp', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // One row per message and channel, written in the transaction that raised the event; the
  // sender takes due rows with FOR UPDATE SKIP LOCKED.
  await db.schema
    .createTable('notification_outbox')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('instance_id', 'text')
    .addColumn('office', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .execute();
  await sql`create index notification_outbox_due on notification_outbox (next_attempt_at) where status = 'pending'`.execute(db);
  await sql`create index notification_outbox_instance on notification_outbox (instance_id)`.execute(db);

  await db.schema
    .createTable('notification_deliveries')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('outbox_id', 'bigint', (c) => c.notNull().references('notification_outbox.id').onDelete('cascade'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('provider_ref', 'text')
    .execute();
  await db.schema.createIndex('notification_deliveries_outbox').on('notification_deliveries').columns(['outbox_id', 'id']).execute();

  await db.schema
    .createTable('service_notification_settings')
    .addColumn('process_key', 'text', (c) => c.primaryKey())
    .addColumn('payment_due_days', 'integer')
    .addColumn('valid_months', 'integer')
    .addColumn('remind_days_before', 'integer')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('permits')
    .addColumn('instance_id', 'text', (c) => c.primaryKey())
    .addColumn('process_key', 'text', (c) => c.notNull())
    .addColumn('office', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('contact', 'jsonb')
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'date', (c) => c.notNull())
    .addColumn('expires_on', 'date', (c) => c.notNull())
    .addColumn('remind_on', 'date')
    .addColumn('reminded_at', 'timestamptz')
    .execute();
  await sql`create index permits_remind on permits (remind_on) where reminded_at is null`.execute(db);

  await db.schema
    .createTable('password_reset_codes')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('password_reset_codes_user').on('password_reset_codes').columns(['user_id', 'created_at']).execute();
  await db.schema.createIndex('password_reset_codes_ip').on('password_reset_codes').columns(['ip', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['password_reset_codes', 'permits', 'service_notification_settings', 'notification_deliveries', 'notification_outbox', 'notification_preferences', 'notification_templates']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
