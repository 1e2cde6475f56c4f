import type { ColumnType, Generated } from 'kysely';

// Reaching the applicant (issue 21, migration 0021): registration numbers and tracking PINs,
// tracking attempts (rate limit), the satisfaction survey, per-service payment due days.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface RegistrationsTable {
  instance_id: string;
  number: string;
  office: string;
  /** scrypt of the 6-digit tracking PIN (services/workspace/registration-number.ts) */
  pin_hash: string;
  created_at: Generated<Date>;
}

export interface TrackingAttemptsTable {
  id: Generated<number>;
  number: string;
  address: string;
  ok: boolean;
  at: Generated<Date>;
}

export interface SkmInvitationsTable {
  id: Generated<number>;
  instance_id: string;
  process_key: string;
  process_name: string;
  office: string;
  token_hash: string;
  created_at: Generated<Date>;
  used_at: Timestamp | null;
}

export interface SkmResponsesTable {
  id: Generated<number>;
  invitation_id: number;
  process_key: string;
  office: string;
  answered_at: Generated<Date>;
  answers: ColumnType<number[], number[], number[]>;
  comment: string | null;
}

export interface ReachTables {
  registrations: RegistrationsTable;
  tracking_attempts: TrackingAttemptsTable;
  skm_invitations: SkmInvitationsTable;
  skm_responses: SkmResponsesTable;
}
