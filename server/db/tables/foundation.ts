import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Offices are data (0009): later per-office settings are further columns here. */
export interface OfficesTable {
  key: string;
  name: string;
  agency: string;
  created_at: Generated<Date>;
  address: Generated<string>;
  /** {phone?, email?, website?} */
  contacts: ColumnType<Record<string, string>, string | undefined, string>;
  logo: Buffer | null;
  logo_type: string | null;
  /** document kind → number format (core/numbering.ts) */
  numbering: ColumnType<Record<string, string>, string | undefined, string>;
  /** process keys offered here; null until the seed derives them */
  processes: ColumnType<string[] | null, string | null | undefined, string | null>;
  revision: Generated<number>;
  updated_at: Generated<Date>;
  updated_by: Generated<string>;
}

/** The numbering service's counters (0009). */
export interface DocumentCountersTable {
  office: string;
  kind: string;
  year: number;
  last: number;
}

export interface RolesTable {
  key: string;
  name: string;
  /** admin | manager | officer | applicant */
  kind: string;
  /** the agencies that have this post (migration 0026); [] = none in particular */
  agencies: ColumnType<string[], string | undefined, string>;
}

export interface UsersTable {
  id: string;
  username: string;
  name: string;
  email: string | null;
  phone: string | null;
  password_hash: string;
  disabled: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** an official's signing identity (0018) */
  full_name: ColumnType<string | null, string | null | undefined, string | null>;
  nip: ColumnType<string | null, string | null | undefined, string | null>;
  jabatan: ColumnType<string | null, string | null | undefined, string | null>;
  nik: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface UserRolesTable {
  user_id: string;
  role: string;
  /** null for roles that are not bound to one office (admin, manager, pemohon) */
  office: string | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  username: string;
  ip: string;
  at: Generated<Date>;
}

export interface DocumentsTable {
  kind: string;
  key: string;
  name: string;
  agency: string | null;
  /** the model's `sop:sopNumber` (migration 0034): the order services are listed in */
  sop_number: string | null;
  created_at: Generated<Date>;
  created_by: string;
  /** a publication needs a second person's approval (migration 0024), set by an admin */
  requires_approval: Generated<boolean>;
}

export interface DraftsTable {
  kind: string;
  key: string;
  content: string;
  sha256: string;
  revision: number;
  /** draft | perlu-verifikasi */
  status: string;
  updated_by: string;
  updated_at: Generated<Date>;
}

export interface PublicationsTable {
  kind: string;
  key: string;
  n: number;
  content: string;
  sha256: string;
  note: string;
  effective_from: string;
  published_by: string;
  published_at: Generated<Date>;
  // the legal basis of the change (migration 0017), each optional
  legal_regulation: string | null;
  legal_article: string | null;
  legal_date: string | null;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: Date;
  actor: string;
  action: string;
  subject: string;
  before_hash: string | null;
  after_hash: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface FoundationTables {
  offices: OfficesTable;
  document_counters: DocumentCountersTable;
  roles: RolesTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  documents: DocumentsTable;
  drafts: DraftsTable;
  publications: PublicationsTable;
  audit_log: AuditLogTable;
}
