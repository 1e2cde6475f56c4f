import type { ColumnType, Generated } from 'kysely';

// Regulation change (migration 0024): impact and migration runs, their per-application items,
// and publications waiting for a second person's approval. Owned by server/services/store/change-jobs.ts
// and server/services/store/approvals.ts.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface ChangeJobsTable {
  id: string;
  /** ruleset-impact | process-impact | migration */
  kind: string;
  doc_key: string;
  params: Json<Record<string, unknown>>;
  /** queued | running | done | failed */
  status: string;
  progress: Generated<number>;
  total: number | null;
  result: Json<Record<string, unknown>> | null;
  error: string | null;
  attempts: Generated<number>;
  lease_until: Timestamp | null;
  created_by: string;
  created_at: Generated<Date>;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface ChangeJobItemsTable {
  job_id: string;
  instance_id: string;
  status: string;
  reason: string | null;
  /** numeric as text: |new − old| of an impact item */
  magnitude: string | null;
  data: Json<Record<string, unknown>> | null;
}

export interface PublicationApprovalsTable {
  id: string;
  kind: string;
  key: string;
  /** pending | approved | rejected */
  status: string;
  draft_revision: number;
  draft_sha256: string;
  effective_from: string;
  note: string;
  legal_basis: Json<Record<string, string> | null> | null;
  submitted_by: string;
  submitted_at: Generated<Date>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  comment: string | null;
  publication: number | null;
}

export interface RegchangeTables {
  change_jobs: ChangeJobsTable;
  change_job_items: ChangeJobItemsTable;
  publication_approvals: PublicationApprovalsTable;
}
