import { sql, type Kysely } from 'kysely';

/**
 * Reaching the applicant (issue 21): registration numbers and tracking PINs, the public tracking
 * page's rate limit, the satisfaction survey (SKM, Permenpan-RB 14/2017), the post that receives
 * an office's complaints and the payment due days of each service.
 * - registrations: one row per application started (the registration number from the numbering
 *   service, kind `pendaftaran`, and the tracking PIN's hash). Applications started before this
 *   migration have none and keep working.
 * - tracking_attempts: every POST /api/public/track, per number and per address (rows, so the
 *   limit holds across servers); old rows are removed by the purge.
 * - skm_invitations / skm_responses: one invitation per ended application (token stored hashed,
 *   single use), one response per invitation.
 * (the fee's days to pay live in service_notification_settings, migration 0020)
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table registrations (
    instance_id text primary key references runtime_instances (id) on delete cascade,
    number text not null unique,
    office text not null,
    pin_hash text not null,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index registrations_number_prefix on registrations (lower(number) text_pattern_ops)`.execute(db);
  await sql`create table tracking_attempts (
    id bigserial primary key,
    number text not null,
    address text not null,
    ok boolean not null,
    at timestamptz not null default now()
  )`.execute(db);
  await sql`create index tracking_attempts_number on tracking_attempts (number, at)`.execute(db);
  await sql`create index tracking_attempts_address on tracking_attempts (address, at)`.execute(db);
  await sql`create table skm_invitations (
    id bigserial primary key,
    instance_id text not null unique references runtime_instances (id) on delete cascade,
    process_key text not null,
    process_name text not null,
    office text not null,
    token_hash text not null unique,
    created_at timestamptz not null default now(),
    used_at timestamptz
  )`.execute(db);
  await sql`create table skm_responses (
    id bigserial primary key,
    invitation_id bigint not null unique references skm_invitations (id),
    process_key text not null,
    office text not null,
    answered_at timestamptz not null default now(),
    answers smallint[] not null check (array_length(answers, 1) = 9 and 1 <= all (answers) and 4 >= all (answers)),
    comment text
  )`.execute(db);
  await sql`create index skm_responses_scope on skm_responses (office, process_key, answered_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table skm_responses`.execute(db);
  await sql`drop table skm_invitations`.execute(db);
  await sql`drop table tracking_attempts`.execute(db);
  await sql`drop table registrations`.execute(db);
}
