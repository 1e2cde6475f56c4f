import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** An uploaded document, stored in the database (10 MB at most, type sniffed from the bytes). */
export interface UploadsTable {
  id: string;
  owner_id: string;
  /** null until the upload is attached to an application */
  instance_id: string | null;
  /** requirement document code (e.g. `ktp`, `akta-pendirian`) */
  document: string | null;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  created_at: Generated<Date>;
  /** sent by an officer to the application's applicant (migration 0033) */
  for_applicant: Generated<boolean>;
  /** the title the officer gave a document sent to the applicant */
  title: string | null;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: string;
  instance_id: string | null;
  kind: string;
  message: string;
  link: string | null;
  created_at: Generated<Date>;
  read_at: Timestamp | null;
}

/** Append-only change log read by the server-sent events hub (tasks via trigger, notifications). */
export interface WorkspaceChangesTable {
  seq: Generated<number>;
  office: string | null;
  user_id: string | null;
  kind: string;
  ref: string | null;
  at: Generated<Date>;
}

/** Housekeeping schedules (migration 0010): one row per clean-up, taken by one server when due. */
export interface MaintenanceJobsTable {
  name: string;
  due_at: Date;
  last_run_at: Date | null;
  last_result: string | null;
}

// Workspace tables (uploads, notifications): owned by the workspace.
export interface WorkspaceTables {
  uploads: UploadsTable;
  maintenance_jobs: MaintenanceJobsTable;
  notifications: NotificationsTable;
  workspace_changes: WorkspaceChangesTable;
}
