import { randomUUID } from 'node:crypto';
import { CompiledQuery, sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { storageLimits } from '../../config.js';
import type { Database } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { preparedStatement, shapedStatement } from '../../db/prepared.js';
import type { RuntimeInstancesTable, RuntimeTasksTable } from '../../db/tables/runtime.js';
import type { RuleEvaluator } from '../../../runtime/rules-port.js';
import type {
  NumberIssuer,
  InstanceState,
  InstanceStatus,
  PublicationRef,
  RaisedNotice,
  RuntimeStore,
  StepChanges,
  SubscriptionRow,
  TaskRow,
  TaskStatus,
  Token,
  WalkInApplicant,
} from '../../../runtime/store.js';
import { todayInJakarta } from '../offices/dates.js';
import { readPublicationInForce, type PublicationCache } from './publication-cache.js';
import { allocateDocumentNumber, numberIsJsonSafe } from '../offices/numbering.js';
import type { RuntimeRowCache } from './runtime-row-cache.js';
import { putNumbersInPlace, replaceStandIns, type IssuedNumbers } from './step-numbers.js';
import { guardCovers, INSTANCE_FIELDS, stepStatement, TASK_FIELDS, tooManyParameters, type StepCompanion, type StepGuard, type StepNumber, type StepStatementMode } from './runtime-step-statement.js';

type Db = Kysely<Database> | Transaction<Database>;

export function toInstance(r: Selectable<RuntimeInstancesTable>): InstanceState {
  return {
    id: r.id,
    processKey: r.process_key,
    processName: r.process_name,
    publication: r.publication,
    office: r.office,
    businessKey: r.business_key,
    applicantUserId: r.applicant_user_id,
    applicant: (r.applicant as WalkInApplicant | null) ?? null,
    startedBy: r.started_by,
    status: r.status as InstanceStatus,
    variables: r.variables,
    tokens: r.tokens as Token[],
    parentInstanceId: r.parent_instance_id,
    parentTokenId: r.parent_token_id,
    createdAt: r.created_at,
    endedAt: r.ended_at,
    outcome: r.outcome,
  };
}

export function toTask(r: Selectable<RuntimeTasksTable>): TaskRow {
  return {
    id: r.id,
    instanceId: r.instance_id,
    tokenId: r.token_id,
    processKey: r.process_key,
    processName: r.process_name,
    publication: r.publication,
    elementId: r.element_id,
    elementName: r.element_name,
    role: r.role,
    office: r.office,
    assignee: r.assignee,
    onBehalf: r.on_behalf,
    businessKey: r.business_key,
    dueAt: r.due_at,
    claimedBy: r.claimed_by,
    status: r.status as TaskStatus,
    createdAt: r.created_at,
    completedAt: r.completed_at,
    completedBy: r.completed_by,
    form: r.form,
    documents: r.documents,
    instruction: r.instruction,
    item: r.item ?? null,
  };
}

type InstanceRowWithText = Omit<Selectable<RuntimeInstancesTable>, 'variables'> & { variables_text: string };
// The variables document is read as text (parsed here once, and kept to compare at write).
const INSTANCE_COLUMN_LIST = [...INSTANCE_FIELDS.filter((f) => f !== 'variables').map((f) => `i.${f}`), 'i.variables::text as variables_text'].join(', ');
const INSTANCE_COLUMNS = sql.raw(INSTANCE_COLUMN_LIST);
type PrefixedTask = { [K in (typeof TASK_FIELDS)[number] as `t_${K}`]: Selectable<RuntimeTasksTable>[K] };
const TASK_COLUMNS_PREFIXED = TASK_FIELDS.map((f) => `t.${f} as t_${f}`).join(', ');
/**
 * The optimistic completion's read (see `optimistic`): no lock; the rows' xmin (the transaction
 * that wrote this version) is the version the guarded write checks.
 */
const READ_TASK_INSTANCE_SQL = preparedStatement(
  'sop_read_task_instance',
  `select ${INSTANCE_COLUMN_LIST}, ${TASK_COLUMNS_PREFIXED}, i.xmin::text as i_xmin, t.xmin::text as t_xmin from runtime_tasks t join runtime_instances i on i.id = t.instance_id where t.id = $1`,
);
/** An optimistic step's read of another instance (see `readInstanceAtVersion`). */
const READ_INSTANCE_SQL = preparedStatement('sop_read_instance', `select ${INSTANCE_COLUMN_LIST}, i.xmin::text as i_xmin from runtime_instances i where i.id = $1`);
/** Every completion starts with it: a named statement (db/prepared.ts). */
const LOCK_TASK_INSTANCE_SQL = preparedStatement(
  'sop_lock_task_instance',
  `select ${INSTANCE_COLUMN_LIST}, ${TASK_COLUMNS_PREFIXED} from runtime_tasks t join runtime_instances i on i.id = t.instance_id where t.id = $1 for update of i, t`,
);

/**
 * An optimistic step gives up (nothing was written): it needs a lock or a write the guarded
 * statement does not cover, or another step changed its instance or task since it read them.
 * The caller runs the step again the locking way, which gives the definitive answer.
 */
export class OptimisticStepAbandoned extends Error {
  constructor(readonly reason: 'lock-needed' | 'write-not-covered' | 'conflict') {
    super(`optimistic step abandoned: ${reason}`);
  }
}

/**
 * How a step's store reads and writes: the transaction strategy (runtime-steps.ts) picks one.
 * - `inTransaction` (default): in a transaction the caller opened and will commit; the locking
 *   reads, the step's statement with parameters.
 * - `commitWithWrite` (PostgreSQL, a transaction the caller opened with a plain BEGIN, one write
 *   per step): the write is sent as one simple-protocol query `<step statement>; commit`, saving
 *   the COMMIT round trip. The caller sends COMMIT itself when the outcome is not `committed`.
 * - `optimistic` (PostgreSQL, no transaction open: each statement commits on its own): the task
 *   and its instance are read without a lock (or, with `readCache`, taken from the row cache),
 *   and the step's write is ONE statement guarded by the versions read (the rows' xmin): it
 *   applies only if neither row changed meanwhile, else it raises and nothing of it stays. A step
 *   that needs anything else (another instance's lock, a job or a subscription) abandons before
 *   writing (OptimisticStepAbandoned). Two round trips and no row locks instead of BEGIN, a
 *   locking read and a write with COMMIT.
 */
export type StepWriteMode =
  | { readonly kind: 'inTransaction' }
  | { readonly kind: 'commitWithWrite' }
  | { readonly kind: 'optimistic'; readonly readCache: boolean }
  | { readonly kind: 'insertOnly' };

const IN_TRANSACTION: StepWriteMode = { kind: 'inTransaction' };
/**
 * No transaction open, a step that only inserts new rows (an application's start, with its
 * registration written by the `companion`): ONE statement that commits by itself — new rows need
 * no lock and no version. Anything more (an existing row updated or deleted, a notice) abandons
 * before writing (OptimisticStepAbandoned) and the caller runs the step in a transaction.
 */
export const INSERT_ONLY: StepWriteMode = { kind: 'insertOnly' };
export const COMMIT_WITH_WRITE: StepWriteMode = { kind: 'commitWithWrite' };
export const optimisticWrite = (opts: { readCache?: boolean } = {}): StepWriteMode => ({ kind: 'optimistic', readCache: opts.readCache === true });

/** What a step's store did, for its caller (read after the step: `KyselyRuntimeStore.outcome`). */
export interface StepOutcome {
  /** the step's write committed the transaction (`commitWithWrite`, `optimistic`): the caller must not send COMMIT */
  readonly committed: boolean;
  /** task changes whose NOTIFY was left to the caller (`notifyAfterCommit`; notifyWorkspaceAfterCommit in runtime-notify.ts) */
  readonly tasksChanged: boolean;
  /** the step queued jobs (the caller wakes this server's job worker only then) */
  readonly jobsQueued: boolean;
  /** `optimistic` with `readCache`: the step began from the row cache instead of a read */
  readonly fromCache: boolean;
  /** every task the step inserted, as written */
  readonly tasksInserted: readonly TaskRow[];
}

/** True when a step's changes are new rows only (see INSERT_ONLY). */
function insertsOnly(c: StepChanges): boolean {
  const inserted = new Set(c.tasksInserted.map((t) => t.id));
  return (
    c.instancesUpdated.length === 0 &&
    c.jobsOfTokensDeleted.length === 0 &&
    c.subscriptionsOfTokensDeleted.length === 0 &&
    c.tasksClosed.every((t) => inserted.has(t.id))
  );
}

/** SQLSTATE raised by runtime_step_conflict() (migration 0006) when a guarded write lost the race. */
const STEP_CONFLICT_SQLSTATE = 'SOPCF';

/**
 * The runtime's store port on kysely (PostgreSQL and PGlite), bound to one transaction (or, when
 * `optimistic`, to none). A step's changes are written as ONE statement (runtime-step-statement.ts);
 * most steps have only an instance update, a task update, a task insert and a history insert.
 */
export class KyselyRuntimeStore implements RuntimeStore {
  /** The variables JSON of each instance as read under its lock: an unchanged document is not written back. */
  private readonly variablesRead = new Map<string, string>();

  private readonly mode: StepWriteMode;
  private readonly optimistic: boolean;
  private committed = false;
  private tasksChanged = false;
  private jobsQueued = false;
  private fromCache = false;
  private readonly tasksInserted: TaskRow[] = [];

  /**
   * `mode`: how this step reads and writes (StepWriteMode). `notifyAfterCommit`: the caller sends
   * the workspace NOTIFY after the commit when the outcome's `tasksChanged` (see migration 0004).
   */
  constructor(
    private readonly db: Db,
    private readonly opts: {
      mode?: StepWriteMode;
      notifyAfterCommit?: boolean;
      rules?: RuleEvaluator;
      cache?: RuntimeRowCache;
      /** which publication is in force, kept by this server (publication-cache.ts) */
      publications?: PublicationCache;
      /**
       * Writes the notification events the step raised (sop:notify), on the step's own
       * transaction, after its statement: notification-notices.ts. A step that raises one needs a
       * transaction, so the optimistic way abandons it.
       */
      notices?: (conn: Db, notices: RaisedNotice[], instances: ReadonlyMap<string, InstanceState>) => Promise<void>;
      /** rows written with the step in its statement (runtime-step-statement.ts StepCompanion); its answer lands in `companionAnswer` */
      companion?: StepCompanion;
      /**
       * The office's format for a number the step's statement takes (NumberIssuer.withStep), as
       * this server knows it (calendars.ts); undefined: the number is taken on the transaction.
       */
      numberFormat?: (office: string, kind: string) => string | undefined;
    } = {},
  ) {
    this.rules = opts.rules;
    this.mode = opts.mode ?? IN_TRANSACTION;
    this.optimistic = this.mode.kind === 'optimistic';
  }

  /** What the step did so far (read by the caller once the step returned or threw). */
  get outcome(): StepOutcome {
    return { committed: this.committed, tasksChanged: this.tasksChanged, jobsQueued: this.jobsQueued, fromCache: this.fromCache, tasksInserted: this.tasksInserted };
  }

  /** The rule evaluator bound to this store's transaction (see RuntimeStore.rules). */
  readonly rules: RuleEvaluator | undefined;

  /** The numbering service on this store's transaction; an optimistic step has none and takes the locking way. */
  readonly numbers: NumberIssuer = {
    issue: async (office, kind, at) => {
      if (this.optimistic) throw new OptimisticStepAbandoned('lock-needed');
      return (await allocateDocumentNumber(this.db, { office, kind, at })).number;
    },
    withStep: (office, kind, at) => {
      const format = this.opts.numberFormat?.(office, kind);
      if (format === undefined || !numberIsJsonSafe({ office, kind, at, format })) return undefined;
      // A stand-in no person types and JSON writes as it is: a random id between markers.
      const token = `@@nomor:${randomUUID()}@@`;
      this.stepNumbers.push({ token, office, kind, at, format });
      return token;
    },
  };

  /** The numbers this step's statement takes (NumberIssuer.withStep), by their stand-ins. */
  private readonly stepNumbers: StepNumber[] = [];

  /** `optimistic`: the versions the guarded write checks (set by lockTaskInstance). */
  private guard: StepGuard | undefined;

  /** An instance row read with its variables as text (parsed here once; kept to compare at write). */
  private instanceOf(r: InstanceRowWithText): InstanceState {
    const variables = JSON.parse(r.variables_text) as Record<string, unknown>;
    // Kept as JSON.stringify writes it (jsonb's text form spaces differently), to compare at write.
    this.variablesRead.set(r.id, JSON.stringify(variables));
    return toInstance({ ...r, variables });
  }

  async lockInstance(id: string): Promise<InstanceState | undefined> {
    if (this.optimistic) return this.readInstanceAtVersion(id);
    const { rows } = await sql<InstanceRowWithText>`select ${INSTANCE_COLUMNS} from runtime_instances i where i.id = ${id} for update`.execute(this.db);
    return rows[0] ? this.instanceOf(rows[0]) : undefined;
  }

  /**
   * `optimistic`: another instance the step needs (a call activity's parent, as its child's last
   * step ends it) is read without a lock, with its version, which the guarded write then checks
   * as it checks the task's instance (StepGuard `others`). Only after the step's own task and
   * instance were read: anything else still goes the locking way.
   */
  private async readInstanceAtVersion(id: string): Promise<InstanceState | undefined> {
    const guard = this.guard;
    if (!guard || guard.instanceId === id || guard.others?.some((o) => o.instanceId === id)) throw new OptimisticStepAbandoned('lock-needed');
    const { rows } = await this.db.executeQuery<InstanceRowWithText & { i_xmin: string }>(CompiledQuery.raw(READ_INSTANCE_SQL, [id]));
    const r = rows[0];
    if (!r) return undefined;
    this.guard = { ...guard, others: [...(guard.others ?? []), { instanceId: r.id, xmin: r.i_xmin }] };
    return this.instanceOf(r);
  }

  /**
   * FOR UPDATE OF i, t: the instance is locked first (as every step does), then the task row, and
   * both are returned as they are once the locks are held — a completion that waited behind
   * another sees the task that one closed. One round trip instead of three.
   */
  async lockTaskInstance(taskId: string): Promise<{ task: TaskRow; instance: InstanceState } | undefined> {
    const cached = this.mode.kind === 'optimistic' && this.mode.readCache ? this.opts.cache?.get(taskId) : undefined;
    if (cached) {
      this.fromCache = true;
      this.guard = cached.guard;
      this.variablesRead.set(cached.instance.id, cached.variablesJson);
      return { instance: cached.instance, task: cached.task };
    }
    const { rows } = await this.db.executeQuery<InstanceRowWithText & PrefixedTask & { i_xmin: string; t_xmin: string }>(
      CompiledQuery.raw(this.optimistic ? READ_TASK_INSTANCE_SQL : LOCK_TASK_INSTANCE_SQL, [taskId]),
    );
    const r = rows[0];
    if (!r) return undefined;
    if (this.optimistic) this.guard = { instanceId: r.id, instanceXmin: r.i_xmin, taskId: r.t_id, taskXmin: r.t_xmin };
    const task = Object.fromEntries(TASK_FIELDS.map((f) => [f, r[`t_${f}`]])) as unknown as Selectable<RuntimeTasksTable>;
    return { instance: this.instanceOf(r), task: toTask(task) };
  }

  async getTask(id: string): Promise<TaskRow | undefined> {
    const r = await this.db.selectFrom('runtime_tasks').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toTask(r) : undefined;
  }

  async currentPublication(key: string, at: Date): Promise<PublicationRef | undefined> {
    const day = todayInJakarta(at);
    const read = () => readPublicationInForce(this.db, 'process', key, day);
    const n = this.opts.publications ? await this.opts.publications.inForce('process', key, day, read) : await read();
    return n === undefined ? undefined : { key, n };
  }

  async currentPublications(at: Date): Promise<PublicationRef[]> {
    const rows = await this.db
      .selectFrom('publications')
      .select(['key', sql<number>`max(n)`.as('n')])
      .where('kind', '=', 'process')
      .where('effective_from', '<=', todayInJakarta(at))
      .groupBy('key')
      .execute();
    return rows.map((r) => ({ key: r.key, n: Number(r.n) }));
  }

  async publicationXml(key: string, n: number): Promise<string> {
    const r = await this.db.selectFrom('publications').select('content').where('kind', '=', 'process').where('key', '=', key).where('n', '=', n).executeTakeFirstOrThrow();
    return r.content;
  }

  async findSubscriptions(messageName: string, correlationKey: string): Promise<SubscriptionRow[]> {
    const rows = await this.db
      .selectFrom('runtime_subscriptions')
      .select(['instance_id', 'token_id', 'element_id', 'message_name', 'correlation_key'])
      .where('message_name', '=', messageName)
      .where('correlation_key', '=', correlationKey)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ instanceId: r.instance_id, tokenId: r.token_id, elementId: r.element_id, messageName: r.message_name, correlationKey: r.correlation_key }));
  }

  /**
   * Claim-on-complete: the queue tasks this step opens that `by` may do are written already
   * claimed by them (the completer's "the next step is yours", kept from colleagues taking it).
   */
  claimOpenedFor: { by: string; may(task: TaskRow): boolean } | undefined;

  /** The whole step in one statement (runtime-step-statement.ts), sent the way the mode asks. */
  async write(c: StepChanges): Promise<void> {
    // commitWithWrite: a second write would run outside the committed transaction.
    if (this.committed) throw new Error('this step has already committed its write');
    const claim = this.claimOpenedFor;
    if (claim) {
      for (const t of c.tasksInserted) if (t.status === 'open' && t.assignee === null && t.claimedBy === null && claim.may(t)) t.claimedBy = claim.by;
    }
    const optimistic = this.optimistic;
    // Only notices someone can receive (an applicant account, or a walk-in who left a phone or
    // email): the others cost nothing, and their step may stay optimistic.
    const instances = c.notices.length > 0 ? new Map([...c.instancesInserted, ...c.instancesUpdated].map((i) => [i.id, i])) : undefined;
    const reachable = instances
      ? c.notices.filter((n) => {
          const i = instances.get(n.instanceId);
          return i !== undefined && (i.applicantUserId !== null || Boolean(i.applicant?.email || i.applicant?.phone));
        })
      : [];
    const notices = this.opts.notices && reachable.length > 0 ? this.opts.notices : undefined;
    const insertOnly = this.mode.kind === 'insertOnly';
    if (notices && (optimistic || insertOnly)) throw new OptimisticStepAbandoned('write-not-covered');
    if (insertOnly && !insertsOnly(c)) throw new OptimisticStepAbandoned('write-not-covered');
    // The guarded statement checks only the instance and task read at their versions.
    if (optimistic && !guardCovers(c, this.guard)) throw new OptimisticStepAbandoned('write-not-covered');
    this.tasksInserted.push(...c.tasksInserted);
    // A step too large for the parameter limit goes the locking way, its values inline.
    const large = tooManyParameters(c);
    if ((optimistic || insertOnly) && large) throw new OptimisticStepAbandoned('write-not-covered');
    const mode: StepStatementMode = optimistic ? { kind: 'guarded', guard: this.guard! } : this.mode.kind === 'commitWithWrite' ? { kind: 'inline' } : { kind: 'params' };
    const maxVariables = storageLimits().variablesBytesPerApplication;
    for (const i of c.instancesInserted) assertVariablesWithin(JSON.stringify(i.variables ?? null), maxVariables, i.id);
    const statement = stepStatement({
      changes: c,
      mode,
      now: new Date(),
      deferNotify: this.opts.notifyAfterCommit === true,
      inlineValues: large,
      ...(this.opts.companion ? { companion: this.opts.companion } : {}),
      ...(this.stepNumbers.length > 0 ? { numbers: this.stepNumbers } : {}),
      variablesToWrite: (i) => {
        const variables = JSON.stringify(i.variables ?? null);
        const same = this.variablesRead.get(i.id) === variables;
        if (!same) assertVariablesWithin(variables, maxVariables, i.id);
        this.variablesRead.set(i.id, variables);
        return same ? undefined : variables;
      },
    });
    if (c.jobsInserted.length > 0) this.jobsQueued = true;
    const writeNotices = () => (notices && instances ? notices(this.db, reachable, instances) : undefined);
    if (!statement) return void (await writeNotices());
    // Rows this step rewrites are no longer as the cache has them (a guarded write re-fills it below).
    for (const i of c.instancesUpdated) this.opts.cache?.forgetInstance(i.id);
    if (statement.tasksChanged && this.opts.notifyAfterCommit) this.tasksChanged = true;
    if (mode.kind === 'inline') {
      if (statement.takesNumbers) {
        // Its answer (the numbers taken) is read before the commit, which then goes on its own.
        const { rows } = await this.db.executeQuery<{ issued_numbers?: IssuedNumbers }>(CompiledQuery.raw(statement.text));
        this.numbersTaken(c, rows[0]?.issued_numbers);
        await writeNotices();
        if (notices) return;
        await sql.raw('commit').execute(this.db);
        this.committed = true;
        return;
      }
      if (notices) {
        // The notices are more statements of this transaction: the caller sends the COMMIT.
        await sql.raw(statement.text).execute(this.db);
        await writeNotices();
        return;
      }
      // On an error PostgreSQL skips the commit and the caller rolls back.
      await sql.raw(`${statement.text};\ncommit`).execute(this.db);
      this.committed = true;
      return;
    }
    if (mode.kind === 'params') {
      // A step's statement has few shapes (a start on its own, a step under locks): named, so
      // each is parsed and planned once per connection.
      const text = shapedStatement(insertOnly ? 'sop_start' : 'sop_step_p', statement.text);
      const { rows } = await this.db.executeQuery<{ written_xmin: string; companion?: unknown; issued_numbers?: IssuedNumbers }>(CompiledQuery.raw(text, statement.params));
      this.companionAnswer = rows[0]?.companion;
      this.numbersTaken(c, rows[0]?.issued_numbers);
      await writeNotices();
      // Remembered once the caller's transaction has committed (see `rememberWritten`).
      this.written = this.memoryOf(c, rows[0]?.written_xmin);
      if (insertOnly) {
        // The statement was its own transaction: committed, and remembered now.
        this.committed = true;
        this.rememberWritten();
      }
      return;
    }
    let written: string | undefined;
    try {
      const { rows } = await this.db.executeQuery<{ written_xmin: string; companion?: unknown; issued_numbers?: IssuedNumbers }>(
        CompiledQuery.raw(shapedStatement('sop_step', statement.text), statement.params),
      );
      written = rows[0]?.written_xmin;
      this.companionAnswer = rows[0]?.companion;
      this.numbersTaken(c, rows[0]?.issued_numbers);
    } catch (e) {
      if ((e as { code?: unknown }).code === STEP_CONFLICT_SQLSTATE) throw new OptimisticStepAbandoned('conflict');
      throw e;
    }
    this.committed = true;
    this.written = this.memoryOf(c, written);
    this.rememberWritten();
  }

  /**
   * The numbers the statement took, put in place of their stand-ins in what the step goes on
   * with: its rows in memory, and the variables' JSON the row cache is handed.
   */
  private numbersTaken(c: StepChanges, issued: IssuedNumbers | string | undefined): void {
    if (!issued) return;
    if (typeof issued === 'string') issued = JSON.parse(issued) as IssuedNumbers;
    putNumbersInPlace(c, issued);
    for (const [id, text] of this.variablesRead) this.variablesRead.set(id, replaceStandIns(text, issued));
  }

  /** What the step statement's companion answered (see the `companion` option). */
  companionAnswer: unknown;

  /** What the row cache may keep of a step: one instance and the tasks it opened, at `xmin`. */
  private written: (() => void) | undefined;

  private memoryOf(c: StepChanges, xmin: string | undefined): (() => void) | undefined {
    const cache = this.opts.cache;
    if (!cache || xmin === undefined) return undefined;
    // Each instance written (a call activity's start writes the parent and inserts the child), with
    // the tasks opened for it; made only when remembered (most steps in a transaction of their
    // own never are).
    const instances = [...c.instancesUpdated, ...c.instancesInserted];
    const closed = c.tasksClosed.map((t) => t.id);
    return () => {
      for (const instance of instances) {
        const variablesJson = this.variablesRead.get(instance.id) ?? JSON.stringify(instance.variables ?? null);
        cache.remember(instance, variablesJson, c.tasksInserted.filter((t) => t.instanceId === instance.id), closed, xmin);
      }
    };
  }

  /**
   * Hands the step's rows to the row cache; the caller of a step in its own transaction calls it
   * after the commit (a guarded write, which commits by itself, does it at once).
   */
  rememberWritten(): void {
    const remember = this.written;
    this.written = undefined;
    remember?.();
  }
}

/**
 * An application's variables are bounded (VARIABLES_MAX_BYTES): one JSON document per step is
 * already made to be written, so the check costs a length comparison (bytes counted only when
 * the characters come near the bound). Nothing of the step is written when it is over.
 */
function assertVariablesWithin(json: string, maxBytes: number, instanceId: string): void {
  if (json.length * 3 <= maxBytes) return;
  const bytes = Buffer.byteLength(json);
  if (bytes > maxBytes) {
    throw new AppError('QUOTA_EXCEEDED', 'Data permohonan melebihi batas ukuran', { instanceId, limit: 'variables', maxBytes, bytes });
  }
}
