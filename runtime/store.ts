import type { Variables } from './conditions.js';
import type { RuleEvaluator } from './rules-port.js';

/**
 * The persistence PORT. The engine is handed a store already bound to one transaction; it
 * reads through the methods below and hands every change of the step to `write` in one
 * batch, so an implementation can write a step as a few multi-row statements.
 * Implementations: server/services/runtime/runtime-store.ts (kysely: PostgreSQL and PGlite),
 * test/runtime/support/memory-store.ts (tests).
 */

/** A token waiting at a flow node. A token gets a new id at every node it arrives at, so a
 * stale timer or message for an earlier visit (a loop) can never fire on a later one. */
export interface Token {
  id: string;
  element: string;
  /** the token that owns its scope (embedded sub-process, multi-instance body); null at process level */
  scope: string | null;
  /** the sequence flow it arrived by (joins count arrivals per incoming flow) */
  via: string | null;
  enteredAt: string;
  /** variables local to this token and its scope (multi-instance element variable, loopCounter) */
  locals?: Variables;
  /** behaviour state: task id, child instance, multi-instance counters, event-gateway trigger */
  data?: TokenData;
}

export interface TokenData {
  taskId?: string;
  childInstanceId?: string;
  /** this token is one inner instance (iteration) of a multi-instance or standard-loop activity */
  miChild?: boolean;
  /** standard loop: iterations started so far */
  loop?: { counter: number };
  mi?: { items: unknown[]; next: number; completed: number; active: number; results: unknown[] };
  /** arrived through an event-based gateway whose event already happened */
  triggered?: { variables: Variables };
  /** has timers or subscriptions to drop when it leaves */
  armed?: boolean;
  /** timer cycles left for a non-interrupting cycle boundary (by boundary id) */
  cycles?: Record<string, number>;
  /** the waiting start event of an event sub-process (does not keep its scope alive) */
  listener?: boolean;
  /** conditional events: whether each condition held when last evaluated (by event id) */
  held?: Record<string, boolean>;
  /** complex gateway fired, waiting for its reset: arrivals absorbed since */
  complex?: { absorbed: number };
}

export type InstanceStatus = 'running' | 'completed' | 'cancelled' | 'failed';

export interface WalkInApplicant {
  name: string;
  nik?: string;
  phone?: string;
  email?: string;
}

export interface InstanceState {
  id: string;
  processKey: string;
  processName: string;
  publication: number;
  office: string;
  businessKey: string | null;
  /** the applicant's user account; null for a walk-in applicant */
  applicantUserId: string | null;
  applicant: WalkInApplicant | null;
  startedBy: string;
  status: InstanceStatus;
  variables: Variables;
  tokens: Token[];
  parentInstanceId: string | null;
  parentTokenId: string | null;
  createdAt: Date;
  endedAt: Date | null;
  /** why it ended abnormally (cancel reason, uncaught error) */
  outcome: string | null;
}

export type TaskStatus = 'open' | 'completed' | 'cancelled';

/** What the inbox needs, on one row (see the worklist index in 0002_runtime.ts). */
export interface TaskRow {
  id: string;
  instanceId: string;
  tokenId: string;
  processKey: string;
  processName: string;
  publication: number;
  elementId: string;
  elementName: string;
  role: string;
  office: string;
  /** applicant-lane tasks: the one user who may do it (the applicant, or the starting officer for a walk-in) */
  assignee: string | null;
  onBehalf: boolean;
  businessKey: string | null;
  dueAt: Date | null;
  claimedBy: string | null;
  status: TaskStatus;
  createdAt: Date;
  completedAt: Date | null;
  completedBy: string | null;
  form: string | null;
  documents: string[];
  instruction: string | null;
  /** multi-instance: the element this inner instance is for (e.g. the OPD) */
  item: unknown;
}

export type JobKind = 'timer' | 'service';

export interface JobRow {
  id: string;
  instanceId: string;
  tokenId: string;
  /** the element whose behaviour runs when it fires (the boundary/catch event, or the service task) */
  elementId: string;
  kind: JobKind;
  dueAt: Date;
  attempts: number;
}

export interface SubscriptionRow {
  instanceId: string;
  tokenId: string;
  elementId: string;
  messageName: string;
  correlationKey: string;
}

export interface HistoryRow {
  instanceId: string;
  elementId: string;
  elementName: string;
  elementKind: string;
  /** completed | cancelled | interrupted | started | failed */
  event: string;
  actor: string | null;
  onBehalf: boolean;
  startedAt: Date;
  endedAt: Date;
  dueAt: Date | null;
  slaMs: number | null;
  taskId: string | null;
  details: Variables | null;
}

export interface TaskClose {
  id: string;
  status: Exclude<TaskStatus, 'open'>;
  at: Date;
  by: string | null;
  onBehalf: boolean;
}

/**
 * A notification event the step raised (`sop:notify` on the element reached or the flow taken, or
 * the `notify` handler): the server's store renders and writes it in the step's transaction.
 */
export interface RaisedNotice {
  instanceId: string;
  /** a catalogue event (core/notification-events.ts), or `info` with a message */
  kind: string;
  elementId: string;
  elementName: string;
  message?: string;
}

export interface StepChanges {
  instancesInserted: InstanceState[];
  instancesUpdated: InstanceState[];
  tasksInserted: TaskRow[];
  tasksClosed: TaskClose[];
  jobsInserted: JobRow[];
  /** jobs of these tokens are stale: delete without waiting on a worker that holds one */
  jobsOfTokensDeleted: string[];
  subscriptionsInserted: SubscriptionRow[];
  subscriptionsOfTokensDeleted: string[];
  history: HistoryRow[];
  notices: RaisedNotice[];
}

export interface NumberIssuer {
  issue(office: string, kind: string, at: Date): Promise<string>;
  /**
   * A number the step's own write takes (optional): answered at once as a stand-in that only the
   * step's variables and history carry, replaced by the number as the step's statement writes
   * them and, once written, in the step's rows in memory. The counter is then taken by that one
   * statement, so it is locked only while the step commits, not across the step's round trips,
   * and the step needs no transaction of its own. Only for a value nothing outside those rows
   * sees before the write (a receipt number; not a document a handler makes). Undefined: use `issue`.
   */
  withStep?(office: string, kind: string, at: Date): string | undefined;
}

export interface PublicationRef {
  key: string;
  n: number;
}

export interface RuntimeStore {
  /**
   * Rule sets evaluated on the store's own transaction, when the store offers that (the server's
   * does: the step then sees its own snapshot, and PGlite's single connection is not asked for a
   * second one while the step holds it). Otherwise the engine's `rules` option is used.
   */
  readonly rules?: RuleEvaluator;
  /**
   * The numbering service on the step's own transaction (the server's store offers it): the next
   * gap-free number of that office, document kind and year, given back if the step rolls back.
   */
  readonly numbers?: NumberIssuer;
  /** Reads and locks the instance row (SELECT … FOR UPDATE) until the transaction ends. */
  lockInstance(id: string): Promise<InstanceState | undefined>;
  getTask(id: string): Promise<TaskRow | undefined>;
  /**
   * Optional fast path of a task completion: locks the task's instance (as `lockInstance`) and
   * returns the task as it is once that lock is held, in one round trip. Without it the engine
   * reads the task, locks its instance, and reads the task again.
   */
  lockTaskInstance?(taskId: string): Promise<{ task: TaskRow; instance: InstanceState } | undefined>;
  /** The publication a new instance runs: the highest n whose effectiveFrom ≤ `at` (Asia/Jakarta date). */
  currentPublication(key: string, at: Date): Promise<PublicationRef | undefined>;
  /** Every process's current publication (message start events). */
  currentPublications(at: Date): Promise<PublicationRef[]>;
  publicationXml(key: string, n: number): Promise<string>;
  findSubscriptions(messageName: string, correlationKey: string): Promise<SubscriptionRow[]>;
  write(changes: StepChanges): Promise<void>;
}

export function emptyChanges(): StepChanges {
  return {
    instancesInserted: [],
    instancesUpdated: [],
    tasksInserted: [],
    tasksClosed: [],
    jobsInserted: [],
    jobsOfTokensDeleted: [],
    subscriptionsInserted: [],
    subscriptionsOfTokensDeleted: [],
    history: [],
    notices: [],
  };
}
