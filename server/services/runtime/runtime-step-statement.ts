import type { InstanceState, StepChanges, TaskClose, TaskRow } from '../../../runtime/store.js';
import type { RuntimeInstancesTable, RuntimeTasksTable } from '../../db/tables/runtime.js';
import { allocationInStatement } from '../offices/numbering.js';
import { literal } from './runtime-sql.js';

/**
 * The SQL of one runtime step: the whole step in ONE statement, each kind of change a
 * data-modifying CTE (multi-row where it can be). Every way a step is written uses it:
 *
 * - 'params': parameters sent apart ($n), inside a transaction the caller holds (PGlite, and the
 *   PostgreSQL steps that lock first);
 * - 'inline': constants written into the text (see runtime-sql.ts), so the statement can ride in
 *   one simple-protocol query together with its COMMIT;
 * - 'guarded': parameters, and the statement commits by itself: the instance and task the step
 *   read are updated only at the versions read (their xmin), else runtime_step_conflict()
 *   (migration 0006) raises and the statement leaves nothing.
 *
 * All CTEs see the same snapshot, so the change lists are first made independent of each other:
 * a task closed in the step that inserted it is inserted closed, and a task closed twice gets one
 * update. Deletions of jobs and subscriptions only ever target rows of earlier steps.
 * The text depends only on the step's shape (how many rows of each kind, whether the variables
 * changed), so the few shapes real models produce can each be a named statement.
 */
export type StepStatementMode = { kind: 'params' } | { kind: 'inline' } | { kind: 'guarded'; guard: StepGuard };

/** The versions an optimistic step read: its write applies only if none of those rows changed since. */
export interface StepGuard {
  instanceId: string;
  instanceXmin: string;
  taskId: string;
  taskXmin: string;
  /**
   * Other instances the step read (without a lock) and changes: a call activity's parent, when
   * the child's last step ends it. Each is updated only at the version read.
   */
  others?: Array<{ instanceId: string; xmin: string }>;
}

/** The version at which a guarded step may update `instanceId`, or undefined (not guarded). */
function guardedXmin(guard: StepGuard | undefined, instanceId: string): string | undefined {
  if (!guard) return undefined;
  if (guard.instanceId === instanceId) return guard.instanceXmin;
  return guard.others?.find((o) => o.instanceId === instanceId)?.xmin;
}

export interface StepStatementInput {
  changes: StepChanges;
  mode: StepStatementMode;
  now: Date;
  /** the variables JSON to write for an updated instance; undefined: unchanged, left as it is */
  variablesToWrite(instance: InstanceState): string | undefined;
  /** task changes leave the workspace NOTIFY to the caller, after the commit (migration 0004) */
  deferNotify: boolean;
  /** write the values into the text even in 'params' mode (see `tooManyParameters`) */
  inlineValues?: boolean;
  /** more rows the step writes in its statement (see StepCompanion) */
  companion?: StepCompanion;
  /** numbers the statement takes, standing in the step's JSON values as their tokens (see StepNumber) */
  numbers?: readonly StepNumber[];
}

/**
 * A document number the step's statement takes (NumberIssuer.withStep): its counter advances in
 * a CTE of the statement, and every JSON value the step writes (variables, history details) has
 * `token` replaced by the number. A number whose token no written value holds is not taken, so
 * the numbers stay gap-free. The statement answers the numbers it took (`issued_numbers`).
 */
export interface StepNumber {
  token: string;
  office: string;
  kind: string;
  at: Date;
  /** the office's format (core/numbering.ts); its pieces JSON-safe (numbering.ts numberIsJsonSafe) */
  format: string;
}

/**
 * Rows another part of the product writes with a step, in the step's own statement: an
 * application's registration (number and PIN) with its start, so the start stays one statement.
 * Given the step's changes and the statement's value function, it answers its CTEs (named by it,
 * never `w<n>`) and one SQL expression the statement returns as `companion`.
 */
export type StepCompanion = (changes: StepChanges, value: (v: unknown) => string) => { ctes: string[]; answer: string };

/**
 * PostgreSQL's protocol numbers a statement's parameters with 16 bits. A multi-instance activity
 * over thousands of items would exceed that and fail with a 500 (issue 16, finding 9); such a
 * rare, large step writes its values into the statement's text instead. Counted from the rows,
 * before the statement is built, with a margin for the few parameters that are not row values.
 */
const MAX_STATEMENT_PARAMS = 65_535;
export function tooManyParameters(c: StepChanges): boolean {
  const values =
    c.instancesInserted.length * 18 + c.instancesUpdated.length * 8 + c.tasksClosed.length * 5 + c.tasksInserted.length * 23 +
    c.jobsInserted.length * 9 + c.subscriptionsInserted.length * 5 + c.history.length * 13 + 16;
  return values > MAX_STATEMENT_PARAMS;
}

export interface StepStatement {
  text: string;
  params: unknown[];
  /** the step opened or closed tasks */
  tasksChanged: boolean;
  /** the statement takes numbers (StepNumber) and answers them as `issued_numbers` */
  takesNumbers: boolean;
}

const json = (v: unknown): string => JSON.stringify(v ?? null);

/**
 * True when the guarded form covers these changes: no job or subscription; every instance it
 * updates was read at a version (the task's instance, and the others it read, each of which it
 * must update), plus new instances (a call activity's child: a new row needs no version); the
 * task read is closed.
 */
export function guardCovers(c: StepChanges, guard: StepGuard | undefined): guard is StepGuard {
  if (!guard || c.jobsInserted.length > 0 || c.jobsOfTokensDeleted.length > 0) return false;
  if (c.subscriptionsInserted.length > 0 || c.subscriptionsOfTokensDeleted.length > 0) return false;
  const updated = new Set(c.instancesUpdated.map((i) => i.id));
  if (updated.size !== c.instancesUpdated.length || !updated.has(guard.instanceId)) return false;
  const read = [guard.instanceId, ...(guard.others ?? []).map((o) => o.instanceId)];
  if (updated.size !== read.length || read.some((id) => !updated.has(id))) return false;
  return c.tasksClosed.some((t) => t.id === guard.taskId);
}

function independentTaskChanges(c: StepChanges): { closes: Map<string, TaskClose>; inserted: TaskRow[] } {
  const closes = new Map<string, TaskClose>();
  for (const t of c.tasksClosed) {
    const prev = closes.get(t.id);
    closes.set(t.id, { ...t, onBehalf: t.onBehalf || (prev?.onBehalf ?? false) });
  }
  const inserted = c.tasksInserted.map((t) => {
    const close = closes.get(t.id);
    if (!close) return t;
    closes.delete(t.id);
    return { ...t, status: close.status, completedAt: close.at, completedBy: close.by, onBehalf: t.onBehalf || close.onBehalf };
  });
  return { closes, inserted };
}

/** Every column of an instance row, in one order: a step inserts them, the store reads them. */
export const INSTANCE_FIELDS = [
  'id', 'process_key', 'process_name', 'publication', 'office', 'business_key', 'applicant_user_id', 'applicant', 'started_by', 'status',
  'variables', 'tokens', 'parent_instance_id', 'parent_token_id', 'created_at', 'updated_at', 'ended_at', 'outcome',
] as const satisfies ReadonlyArray<keyof RuntimeInstancesTable>;
/** Every column of a task row, in one order: a step inserts them, the store reads them. */
export const TASK_FIELDS = [
  'id', 'instance_id', 'token_id', 'process_key', 'process_name', 'publication', 'element_id', 'element_name', 'role', 'office', 'assignee',
  'on_behalf', 'business_key', 'due_at', 'claimed_by', 'status', 'created_at', 'completed_at', 'completed_by', 'form', 'documents', 'instruction', 'item',
] as const satisfies ReadonlyArray<keyof RuntimeTasksTable>;
const quoted = (fields: readonly string[]) => fields.map((f) => `"${f}"`).join(', ');
const INSTANCE_COLUMNS = quoted(INSTANCE_FIELDS);
const TASK_COLUMNS = quoted(TASK_FIELDS);
const JOB_COLUMNS = '"id", "instance_id", "token_id", "element_id", "kind", "due_at", "attempts", "status", "last_error"';
const SUBSCRIPTION_COLUMNS = '"instance_id", "token_id", "element_id", "message_name", "correlation_key"';
/** What a task's row in the inboxes' change log is made of. */
const TASK_CHANGE_COLUMNS = '"id", "office", "assignee"';
const ACTION_NEEDED = 'Tindakan Anda diperlukan: ';
const APPLICATION_LINK = '/portal/applications/';
/** the officer's task page in the studio (routes.tsx `/inbox/tasks/:id`) */
const TASK_LINK = '/inbox/tasks/';
/** Notices that ask a person to act on an application: resolved (read) once their step there is done. */
const RESOLVED_BY_DONE = ['action-needed', 'berkas-tidak-lengkap', 'fee-to-pay'];
const HISTORY_COLUMNS =
  '"instance_id", "element_id", "element_name", "element_kind", "event", "actor", "on_behalf", "started_at", "ended_at", "due_at", "sla_ms", "task_id", "details"';
const NO_JSON: ReadonlySet<number> = new Set();
const NO_NUMBERS: readonly StepNumber[] = [];
/** The positions of the JSON documents a step number may stand in: an instance's variables, a history row's details. */
const INSTANCE_JSON: ReadonlySet<number> = new Set([INSTANCE_FIELDS.indexOf('variables')]);
const HISTORY_JSON: ReadonlySet<number> = new Set([HISTORY_COLUMNS.split(', ').indexOf('"details"')]);

/** The step's statement; undefined when the step changed nothing. */
export function stepStatement(input: StepStatementInput): StepStatement | undefined {
  const { changes: c, mode, now } = input;
  const params: unknown[] = [];
  const raw = (v: unknown): string => {
    // A timestamp goes as ISO 8601 text (every runtime timestamp column is timestamptz):
    // node-postgres' own Date formatting, local time with its offset, costs several times more.
    if (mode.kind !== 'inline' && !input.inlineValues) return `$${params.push(v instanceof Date ? v.toISOString() : v)}`;
    const t = literal(v);
    if (t === undefined) throw new Error('a value without a text form');
    return t;
  };
  // Numbers taken by this statement: a JSON value holding a number's token is written with the
  // number in its place (J); any other value holding one is a bug, refused before anything runs.
  const numberCtes: string[] = [];
  const numberAnswers: string[] = [];
  const taken = new Map<string, string>();
  const numberOf = (n: StepNumber): string => {
    let expr = taken.get(n.token);
    if (expr === undefined) {
      const name = `n${taken.size}`;
      const { cte: counter, number } = allocationInStatement(n, name, raw);
      numberCtes.push(counter);
      expr = `(select ${number} from ${name})`;
      taken.set(n.token, expr);
      numberAnswers.push(`${raw(n.token)}::text, ${expr}`);
    }
    return expr;
  };
  const numbers = input.numbers ?? NO_NUMBERS;
  const holding = (v: unknown): readonly StepNumber[] => (typeof v === 'string' ? numbers.filter((n) => v.includes(n.token)) : NO_NUMBERS);
  // Nearly every step takes no number: then a value is written as it is, with no look for stand-ins.
  const J =
    numbers.length === 0
      ? raw
      : (v: unknown): string => {
          const held = holding(v);
          if (held.length === 0) return raw(v);
          return `${held.reduce((text, n) => `replace(${text}, ${raw(n.token)}::text, ${numberOf(n)})`, `${raw(v)}::text`)}::jsonb`;
        };
  const L =
    numbers.length === 0
      ? raw
      : (v: unknown): string => {
          if (holding(v).length > 0) throw new Error('a step number stands in a value that is not a JSON document the step writes');
          return raw(v);
        };
  const rows = (values: unknown[][], json: ReadonlySet<number> = NO_JSON) =>
    values.map((r) => `(${r.map((v, i) => (json.has(i) ? J(v) : L(v))).join(', ')})`).join(', ');
  const guard = mode.kind === 'guarded' ? mode.guard : undefined;
  const guarded: string[] = [];
  const parts: string[] = [];
  const cte = (q: string) => parts.push(`w${parts.length} as (${q})`);
  const { closes, inserted } = independentTaskChanges(c);

  if (c.instancesInserted.length > 0) {
    const values = c.instancesInserted.map((i) => {
      const row: Record<(typeof INSTANCE_FIELDS)[number], unknown> = {
        id: i.id, process_key: i.processKey, process_name: i.processName, publication: i.publication, office: i.office, business_key: i.businessKey,
        applicant_user_id: i.applicantUserId, applicant: i.applicant ? json(i.applicant) : null, started_by: i.startedBy, status: i.status,
        variables: json(i.variables), tokens: json(i.tokens), parent_instance_id: i.parentInstanceId, parent_token_id: i.parentTokenId,
        created_at: i.createdAt, updated_at: now, ended_at: i.endedAt, outcome: i.outcome,
      };
      return INSTANCE_FIELDS.map((f) => row[f]);
    });
    cte(`insert into "runtime_instances" (${INSTANCE_COLUMNS}) values ${rows(values, INSTANCE_JSON)}`);
  }
  for (const i of c.instancesUpdated) {
    // An unchanged variables document is left alone: no re-parse of a large jsonb (and its
    // TOASTed value is kept as it is) when a step only moves tokens.
    const variables = input.variablesToWrite(i);
    const xmin = guardedXmin(guard, i.id);
    if (xmin !== undefined) guarded.push(`w${parts.length}`);
    cte(
      `update "runtime_instances" set "status" = ${L(i.status)}, ${variables === undefined ? '' : `"variables" = ${J(variables)}, `}"tokens" = ${L(json(i.tokens))}, ` +
        `"updated_at" = ${L(now)}, "ended_at" = ${L(i.endedAt)}, "outcome" = ${L(i.outcome)} where "id" = ${L(i.id)}` +
        (xmin !== undefined ? ` and xmin = ${L(xmin)}::xid returning 1` : ''),
    );
  }
  // Every task written is also a row of the inboxes' change log (workspace_changes, read by the
  // events hub): the CTEs that write tasks return what that row needs.
  const changeRows: string[] = [];
  const closeCtes: string[] = [];
  for (const t of closes.values()) {
    const isGuarded = guard?.taskId === t.id;
    if (isGuarded) guarded.push(`w${parts.length}`);
    changeRows.push(`select "office", "assignee", 'task', "id" from w${parts.length}`);
    closeCtes.push(`w${parts.length}`);
    cte(
      `update "runtime_tasks" set "status" = ${L(t.status)}, "completed_at" = ${L(t.at)}, "completed_by" = ${L(t.by)}${t.onBehalf ? ', "on_behalf" = true' : ''} where "id" = ${L(t.id)}` +
        (isGuarded ? ` and "status" = 'open' and xmin = ${L(guard.taskXmin)}::xid` : '') +
        ` returning ${TASK_CHANGE_COLUMNS}, "instance_id"`,
    );
  }
  if (inserted.length > 0) {
    const values = inserted.map((t) => {
      const row: Record<(typeof TASK_FIELDS)[number], unknown> = {
        id: t.id, instance_id: t.instanceId, token_id: t.tokenId, process_key: t.processKey, process_name: t.processName, publication: t.publication,
        element_id: t.elementId, element_name: t.elementName, role: t.role, office: t.office, assignee: t.assignee, on_behalf: t.onBehalf,
        business_key: t.businessKey, due_at: t.dueAt, claimed_by: t.claimedBy, status: t.status, created_at: t.createdAt,
        completed_at: t.completedAt, completed_by: t.completedBy, form: t.form, documents: json(t.documents), instruction: t.instruction,
        item: t.item === null || t.item === undefined ? null : json(t.item),
      };
      return TASK_FIELDS.map((f) => row[f]);
    });
    const insertedTasks = `w${parts.length}`;
    changeRows.push(`select "office", "assignee", 'task', "id" from ${insertedTasks}`);
    cte(`insert into "runtime_tasks" (${TASK_COLUMNS}) values ${rows(values)} returning ${TASK_CHANGE_COLUMNS}, "instance_id", "element_name", "on_behalf"`);
    // A new step for one person (the applicant's lane): an in-app notice they keep, linking to
    // their own screen (an officer acting for a walk-in: the task page). None for a step already
    // done within this step, for the one who is starting the application right now, or when this
    // step raised an event for the application (its notice already says what is needed).
    const started = new Set(c.instancesInserted.map((i) => i.id));
    const told = new Set(c.notices.map((n) => n.instanceId));
    const needing = inserted.filter((t) => t.assignee !== null && t.status === 'open' && !started.has(t.instanceId) && !told.has(t.instanceId)).map((t) => t.id);
    if (needing.length > 0) {
      changeRows.push(`select null, "user_id", 'notification', "instance_id" from w${parts.length}`);
      cte(
        `insert into "notifications" ("user_id", "instance_id", "kind", "message", "link") ` +
          `select "assignee", "instance_id", 'action-needed', ${L(ACTION_NEEDED)} || coalesce("element_name", ''), ` +
          `case when "on_behalf" then ${L(TASK_LINK)} || "id" else ${L(APPLICATION_LINK)} || "instance_id" end ` +
          `from ${insertedTasks} where "id" = any(${L(needing)}) and exists (select 1 from "users" u where u."id" = ${insertedTasks}."assignee") ` +
          `returning "user_id", "instance_id"`,
      );
    }
  }
  // A person's step done (or cancelled): what asked them to act on that application is resolved,
  // so no stale "action needed" stays after it (e.g. once the permit is issued).
  if (closeCtes.length > 0) {
    cte(
      `update "notifications" n set "read_at" = ${L(now)} from (${closeCtes.map((w) => `select "assignee", "instance_id" from ${w}`).join(' union all ')}) d ` +
        `where d."assignee" is not null and n."user_id" = d."assignee" and n."instance_id" = d."instance_id" and n."read_at" is null and n."kind" in (${RESOLVED_BY_DONE.map(L).join(', ')})`,
    );
  }
  if (changeRows.length > 0) cte(`insert into "workspace_changes" ("office", "user_id", "kind", "ref") ${changeRows.join(' union all ')}`);
  if (c.jobsOfTokensDeleted.length > 0) {
    // SKIP LOCKED: a job a worker holds right now is left to it; the worker finds its token
    // gone and drops it. So this step never waits on a worker (and no lock cycle can form).
    cte(`delete from "runtime_jobs" where "id" in (select "id" from "runtime_jobs" where "token_id" = any(${L(c.jobsOfTokensDeleted)}) for update skip locked)`);
  }
  if (c.subscriptionsOfTokensDeleted.length > 0) {
    cte(`delete from "runtime_subscriptions" where "token_id" = any(${L(c.subscriptionsOfTokensDeleted)})`);
  }
  if (c.jobsInserted.length > 0) {
    const values = c.jobsInserted.map((j) => [j.id, j.instanceId, j.tokenId, j.elementId, j.kind, j.dueAt, j.attempts, 'pending', null]);
    cte(`insert into "runtime_jobs" (${JOB_COLUMNS}) values ${rows(values)}`);
  }
  if (c.subscriptionsInserted.length > 0) {
    const values = c.subscriptionsInserted.map((s) => [s.instanceId, s.tokenId, s.elementId, s.messageName, s.correlationKey]);
    cte(`insert into "runtime_subscriptions" (${SUBSCRIPTION_COLUMNS}) values ${rows(values)}`);
  }
  if (c.history.length > 0) {
    const values = c.history.map((h) => [
      h.instanceId, h.elementId, h.elementName, h.elementKind, h.event, h.actor, h.onBehalf, h.startedAt, h.endedAt, h.dueAt, h.slaMs, h.taskId,
      h.details ? json(h.details) : null,
    ]);
    cte(`insert into "runtime_history" (${HISTORY_COLUMNS}) values ${rows(values, HISTORY_JSON)}`);
  }
  if (parts.length === 0) return undefined;
  const companion = input.companion?.(c, L);
  if (companion) parts.push(...companion.ctes);
  if (guard && guarded.length !== 2 + (guard.others?.length ?? 0)) throw new Error('a guarded step must update the instances and close the task it read');

  const tasksChanged = inserted.length > 0 || closes.size > 0;
  // The change-log insert's NOTIFY trigger (migration 0008) is skipped for the rest of the
  // transaction when the caller sends the NOTIFY after the commit.
  const tail = input.deferNotify && tasksChanged ? `set_config('sop.notify_after_commit', 'on', true)` : `'1'`;
  const select = guard ? `case when ${guarded.map((w) => `exists (select 1 from ${w})`).join(' and ')} then ${tail} else runtime_step_conflict() end` : tail;
  // The statement also answers the version it wrote: its transaction id, the xmin of every row it
  // wrote, for the server's row cache (runtime-row-cache.ts).
  const answer =
    (companion ? `, ${companion.answer} as companion` : '') + (numberAnswers.length > 0 ? `, json_build_object(${numberAnswers.join(', ')}) as issued_numbers` : '');
  // The counters go first: a CTE sees only those before it.
  parts.unshift(...numberCtes);
  return { text: `with ${parts.join(', ')} select ${select}, pg_current_xact_id()::xid::text as written_xmin${answer}`, params, tasksChanged, takesNumbers: numberCtes.length > 0 };
}
