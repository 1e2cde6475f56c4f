import type { ColumnType, Generated } from 'kysely';

// Runtime tables: instances (tokens and variables as JSON on the row), tasks (the inbox),
// jobs (timers, asynchronous service tasks), message subscriptions, the per-instance
// task history, and the schedule of timer start events. Owned by the runtime (server/services/runtime/runtime-store.ts).

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface RuntimeInstancesTable {
  id: string;
  process_key: string;
  process_name: string;
  publication: number;
  office: string;
  business_key: string | null;
  applicant_user_id: string | null;
  applicant: Json<unknown> | null;
  started_by: string;
  status: string;
  variables: Json<Record<string, unknown>>;
  tokens: Json<unknown[]>;
  parent_instance_id: string | null;
  parent_token_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  ended_at: Timestamp | null;
  outcome: string | null;
}

export interface RuntimeTasksTable {
  id: string;
  instance_id: string;
  token_id: string;
  process_key: string;
  process_name: string;
  publication: number;
  element_id: string;
  element_name: string;
  role: string;
  office: string;
  assignee: string | null;
  on_behalf: boolean;
  business_key: string | null;
  due_at: Timestamp | null;
  claimed_by: string | null;
  /** the sign-in (claimSession) that claimed it; null when unknown (migration 0036) */
  claimed_session: string | null;
  status: string;
  created_at: Timestamp;
  completed_at: Timestamp | null;
  completed_by: string | null;
  form: string | null;
  documents: Json<string[]>;
  instruction: string | null;
  item: Json<unknown> | null;
  /** when the escalation job escalated it past its due time (once; migration 0014) */
  escalated_at: Timestamp | null;
}

export interface RuntimeJobsTable {
  id: string;
  instance_id: string;
  token_id: string;
  element_id: string;
  kind: string;
  due_at: Timestamp;
  attempts: number;
  /** pending | failed (gave up after the retry limit: an incident) */
  status: string;
  last_error: string | null;
}

export interface RuntimeSubscriptionsTable {
  id: Generated<number>;
  instance_id: string;
  token_id: string;
  element_id: string;
  message_name: string;
  correlation_key: string;
}

export interface RuntimeHistoryTable {
  id: Generated<number>;
  instance_id: string;
  element_id: string;
  element_name: string;
  element_kind: string;
  event: string;
  actor: string | null;
  on_behalf: boolean;
  started_at: Timestamp;
  ended_at: Timestamp;
  due_at: Timestamp | null;
  sla_ms: number | null;
  task_id: string | null;
  details: Json<Record<string, unknown>> | null;
}

/** Process-level timer start events: when each fires next (0005_timer_starts.ts). */
export interface RuntimeTimerStartsTable {
  process_key: string;
  publication: number;
  element_id: string;
  due_at: Timestamp;
  /** occurrences left including the one due; null = unbounded cycle */
  remaining: number | null;
  last_error: string | null;
}

export interface RuntimeTables {
  runtime_instances: RuntimeInstancesTable;
  runtime_tasks: RuntimeTasksTable;
  runtime_jobs: RuntimeJobsTable;
  runtime_subscriptions: RuntimeSubscriptionsTable;
  runtime_history: RuntimeHistoryTable;
  runtime_timer_starts: RuntimeTimerStartsTable;
}
