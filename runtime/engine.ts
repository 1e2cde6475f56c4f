import { randomUUID } from 'node:crypto';
import { evaluateCondition, type Variables } from './conditions.js';
import type { WorkingCalendar } from '../core/working-time.js';
import { addDuration } from '../core/duration.js';
import type { TimerSpec } from './duration.js';
import type { Ctx, LeaveOptions, MessageCommand, Signal, SignalCommand, SignalResult, StartCommand, StepApi } from './context.js';
import { behaviourFor, behaviours } from './elements/index.js';
import { eventSubProcessFor, openScope, startEventSubProcess } from './elements/event-sub-process.js';
import { refuseIneligibleStart } from './eligibility.js';
import { RuntimeError } from './errors.js';
import { resolveForm, type FormLoader } from './forms.js';
import { BUILTIN_HANDLERS, type ServiceHandler } from './handlers.js';
import { acceptInputs, acceptOutsideVariables, corrections, taskPageRecord, SYSTEM_NAMESPACE, systemResults } from './inputs.js';
import { ModelCache } from './model/cache.js';
import { checkPayment, PAYMENT_FIELDS, PAYMENT_HANDLER, PAYMENT_RESULT, type PaymentRecord } from './payment.js';
import { RECEIPT_KIND } from '../core/numbering.js';
import { dueAtOf } from './task-routing.js';
import { timerStartOffices } from './timer-start.js';
import type { FlowNode, ProcessModel } from './model/types.js';
import type { RuleEvaluator } from './rules-port.js';
import { emptyChanges, type InstanceState, type JobKind, type JobRow, type RuntimeStore, type StepChanges, type TaskRow, type Token } from './store.js';

export type { MessageCommand, MessageTarget, SignalCommand, SignalResult, SignalTarget, StartCommand } from './context.js';

export interface EngineOptions {
  rules?: RuleEvaluator;
  forms?: FormLoader;
  now?: () => Date;
  /**
   * The working calendar of an office (synchronous: the server keeps them in memory, so a step
   * pays no query for it). Without it, or when it answers undefined, sop:duration is wall-clock.
   */
  workingTime?: (office: string) => WorkingCalendar | undefined;
  /** the service handlers `sop:handler` names (default: BUILTIN_HANDLERS, handlers.ts) */
  handlers?: ReadonlyMap<string, ServiceHandler>;
}

/** `startedBy` of instances no person started (a message from outside, a timer start). */
export const SYSTEM_ACTOR = 'system';

export interface CompleteCommand {
  taskId: string;
  actor: string;
  variables?: Variables;
  /** a walk-in applicant's step done by the officer */
  onBehalf?: boolean;
  /**
   * Checked on the task as read under the instance lock, before anything else about it: throws
   * when the actor may not act on it; may return `onBehalf` (decided from the task row), which
   * then replaces the field above. Lets the server authorize without a read of its own.
   */
  authorize?: (task: TaskRow) => { onBehalf?: boolean; details?: Variables } | void;
  /**
   * A signing step (a user task with `sop:handler="sign-document"`) is completed only through
   * this: called inside the step, after the checks, with the instance's variables and this step's
   * inputs; what it answers is recorded as the system's results (`variables.sys`: the issued
   * document's number, code, signer). Throwing refuses the completion, nothing changed.
   */
  sign?: (req: SigningRequest) => Promise<Variables>;
}

/** What a signing step's `sign` callback is told. */
export interface SigningRequest {
  task: TaskRow;
  node: FlowNode;
  model: ProcessModel;
  office: string;
  variables: Variables;
  inputs: Variables;
}

/**
 * The kasir's payment (runtime/payment.ts): checked against the notas, then numbered by the
 * numbering service (kind `kwitansi`), by the step's own write where the store can (`withStep`),
 * else on the step's transaction. A store without one (the in-memory test store) derives the number
 * from the task, so the same task always gives the same.
 */
async function receivePayment(
  store: RuntimeStore,
  p: { office: string; at: Date; actor: string; taskId: string; variables: Variables; inputs: Variables },
): Promise<PaymentRecord> {
  const checked = checkPayment(p.variables, p.inputs);
  const numbers = store.numbers;
  const nomorBukti = numbers
    ? (numbers.withStep?.(p.office, RECEIPT_KIND, p.at) ?? (await numbers.issue(p.office, RECEIPT_KIND, p.at)))
    : `KW/${p.taskId.slice(0, 8).toUpperCase()}`;
  return { ...checked, nomorBukti, diterimaPada: p.at.toISOString(), diterimaOleh: p.actor };
}

/** The handler that makes a user task a signing step. */
export const SIGNING_HANDLER = 'sign-document';

// A model that loops without ever waiting would spin forever inside one transaction.
const MAX_ARRIVALS_PER_STEP = 10_000;

/**
 * The interpreter. Each public method is one step: it is given a store bound to one
 * transaction, locks the instances it touches, runs behaviours until every token waits,
 * and writes all changes in one batch. State is plain data (rows and JSON), nothing else.
 */
export class Engine {
  readonly models = new ModelCache();
  readonly handlers: ReadonlyMap<string, ServiceHandler>;
  constructor(readonly options: EngineOptions = {}) {
    this.handlers = options.handlers ?? BUILTIN_HANDLERS;
  }

  /** The parsed model of a publication (cached per publication). */
  model(store: RuntimeStore, key: string, n: number): Promise<ProcessModel> {
    return this.models.load(key, n, () => store.publicationXml(key, n));
  }

  now(): Date {
    return this.options.now ? this.options.now() : new Date();
  }

  async start(store: RuntimeStore, cmd: StartCommand): Promise<InstanceState> {
    const step = new Step(this, store);
    const inst = await step.startInstance(cmd, null);
    // The facts the start carries may already put the application outside the service's remit.
    await refuseIneligibleStart(inst.model, inst.inst.variables, inst.inst.createdAt, inst.rules());
    await step.finish();
    return inst.inst;
  }

  async completeTask(store: RuntimeStore, cmd: CompleteCommand): Promise<{ instance: InstanceState; task: TaskRow; created: TaskRow[] }> {
    const step = new Step(this, store);
    let ctx: Ctx | undefined;
    let task: TaskRow | undefined;
    if (store.lockTaskInstance) {
      // One statement: the instance locked, and the task read under that lock (see the port).
      const both = await store.lockTaskInstance(cmd.taskId);
      if (both) {
        ctx = await step.adopt(both.instance);
        task = both.task;
      }
    } else {
      const first = await store.getTask(cmd.taskId);
      if (!first) throw new RuntimeError('TASK_NOT_FOUND', 'Tugas tidak ditemukan', { taskId: cmd.taskId });
      ctx = await step.load(first.instanceId);
      // Read again under the instance lock: every change to a task happens under it, so this
      // read decides the race — exactly one of many concurrent completions sees it open.
      task = await store.getTask(cmd.taskId);
    }
    if (!ctx || !task) throw new RuntimeError('TASK_NOT_FOUND', 'Tugas tidak ditemukan', { taskId: cmd.taskId });
    const granted = cmd.authorize?.(task);
    const onBehalf = granted && granted.onBehalf !== undefined ? granted.onBehalf : cmd.onBehalf === true;
    // e.g. a delegate acting "atas nama" the officer whose post was delegated: kept in the history
    const details = granted && granted.details ? granted.details : undefined;
    if (task.status !== 'open') throw new RuntimeError('TASK_ALREADY_COMPLETED', 'Tugas sudah diselesaikan', { taskId: task.id, status: task.status });
    const token = ctx.inst.tokens.find((t) => t.id === task.tokenId);
    if (!token) throw new RuntimeError('TASK_ALREADY_COMPLETED', 'Tugas tidak lagi aktif', { taskId: task.id });
    // Only this step's inputs are accepted (runtime/inputs.ts); writeOnly fields reach the step, not the variables.
    const form = task.form ? await resolveForm(task.form, this.options.forms) : undefined;
    const rules = store.rules ?? this.options.rules;
    const factSchemas = rules?.factSchema ? (key: string) => rules.factSchema!(key) : undefined;
    const node = ctx.model.nodes[task.elementId];
    const paying = node?.kind === 'userTask' && node.handler === PAYMENT_HANDLER;
    // The task page's record (notes, the refusal's reasons, documents received on paper) is the
    // office's: written at an office post's step, or by the officer doing a walk-in's own step for
    // them; never by an applicant at their own step.
    const officePage = task.assignee === null || task.onBehalf;
    const { stored, transient } = await acceptInputs(ctx.model, { elementId: task.elementId, form, task: officePage, applicant: !officePage, ...(paying ? { fields: PAYMENT_FIELDS } : {}) }, cmd.variables ?? {}, factSchemas);
    if (node?.kind === 'userTask' && node.handler === SIGNING_HANDLER) {
      if (!cmd.sign) throw new RuntimeError('SIGNATURE_REQUIRED', 'Langkah ini menandatangani dokumen secara elektronik: masukkan passphrase Anda', { taskId: task.id });
      const results = await cmd.sign({ task, node, model: ctx.model, office: task.office, variables: { ...ctx.vars(token), ...stored }, inputs: stored });
      ctx.setResults(results);
    }
    // The kasir's step: less than due is refused before a number is taken; then the receipt's number.
    const payment = paying ? await receivePayment(store, { office: ctx.inst.office, at: step.now, actor: cmd.actor, taskId: task.id, variables: ctx.vars(token), inputs: transient }) : undefined;
    if (payment) ctx.setResults({ [PAYMENT_RESULT]: payment });
    const notes = taskPageRecord(stored);
    const corrected = corrections(ctx.vars(token), stored);
    const kept =
      notes || details || corrected || payment ? { ...(details ?? {}), ...(notes ?? {}), ...(corrected ? { corrected } : {}), ...(payment ? { [PAYMENT_RESULT]: payment } : {}) } : undefined;
    await ctx.resume(token, { type: 'task', task, variables: stored, transient, actor: cmd.actor, onBehalf, ...(kept ? { details: kept } : {}) });
    await step.finish();
    return { instance: ctx.inst, task: { ...task, status: 'completed', completedAt: step.now, completedBy: cmd.actor }, created: step.changes.tasksInserted };
  }

  /** Runs a due job the caller has locked. Returns 'stale' when its token has moved on. */
  async fireJob(store: RuntimeStore, job: JobRow): Promise<'fired' | 'stale'> {
    const step = new Step(this, store);
    const ctx = await step.load(job.instanceId);
    if (!ctx || ctx.inst.status !== 'running') return 'stale';
    const token = ctx.inst.tokens.find((t) => t.id === job.tokenId);
    if (!token) return 'stale';
    const node = ctx.model.nodes[job.elementId];
    if (!node) return 'stale';
    const occur = behaviours[node.kind].occur;
    if (occur && node.id !== token.element) {
      if (node.attachedTo !== token.element) return 'stale';
      await occur(ctx, token, node, {});
    } else {
      await ctx.resume(token, { type: job.kind === 'service' ? 'job' : 'timer', elementId: job.elementId, variables: {} });
    }
    await step.finish();
    return 'fired';
  }

  /**
   * A process-level timer start event fires: one instance per office its `sop:office` names, all
   * in this one step, on the given publication, started by the system.
   */
  async startByTimer(store: RuntimeStore, cmd: { processKey: string; publication: number; elementId: string }): Promise<InstanceState[]> {
    const model = await this.model(store, cmd.processKey, cmd.publication);
    const node = model.nodes[cmd.elementId];
    const offices = node && model.timerStarts.includes(node.id) ? timerStartOffices(node.office) : undefined;
    if (!offices) throw new RuntimeError('MODEL_INVALID', `Timer start event "${cmd.elementId}" tidak menyebut kantor yang valid`, { element: cmd.elementId });
    const step = new Step(this, store);
    const started: InstanceState[] = [];
    for (const office of offices) {
      const ctx = await step.startInstance({ processKey: cmd.processKey, publication: cmd.publication, office, startedBy: SYSTEM_ACTOR, startAt: cmd.elementId }, null);
      started.push(ctx.inst);
    }
    await step.finish();
    return started;
  }

  /** Delivers a message to every waiting subscription with that name and key; else a message start. */
  async correlate(store: RuntimeStore, msg: MessageCommand): Promise<{ instanceIds: string[]; started: string[] }> {
    const step = new Step(this, store);
    // From outside: its variables are the sender's data, never the system's results.
    const result = await step.deliverMessage({ ...msg, variables: acceptOutsideVariables(msg.variables) }, true);
    await step.finish();
    if (result.instanceIds.length === 0 && result.started.length === 0) {
      if (result.refused > 0) throw new RuntimeError('MESSAGE_NOT_ALLOWED', `Peran Anda tidak boleh mengirim pesan "${msg.name}"`, { name: msg.name });
      throw new RuntimeError('MESSAGE_NOT_CORRELATED', `Tidak ada proses yang menunggu pesan "${msg.name}" dengan kunci "${msg.correlationKey}"`);
    }
    return { instanceIds: result.instanceIds, started: result.started };
  }

  /**
   * Broadcasts a signal in one office: every catch event and boundary event of that office's
   * instances waiting for it happens, and every current process with a signal start event for it
   * starts an instance there. Reaching nobody is not an error (an announcement nobody waits for).
   */
  async signal(store: RuntimeStore, sig: SignalCommand): Promise<SignalResult> {
    const step = new Step(this, store);
    const result = await step.deliverSignal({ ...sig, variables: acceptOutsideVariables(sig.variables) }, true);
    await step.finish();
    return result;
  }

  async cancel(store: RuntimeStore, cmd: { instanceId: string; reason: string; by: string }): Promise<InstanceState> {
    const step = new Step(this, store);
    const ctx = await step.load(cmd.instanceId);
    if (!ctx) throw new RuntimeError('INSTANCE_NOT_FOUND', 'Permohonan tidak ditemukan', { instanceId: cmd.instanceId });
    if (ctx.inst.status !== 'running') throw new RuntimeError('INSTANCE_NOT_RUNNING', 'Permohonan tidak sedang berjalan', { status: ctx.inst.status });
    await ctx.endInstance('cancelled', cmd.reason, cmd.by);
    await step.finish();
    return ctx.inst;
  }
}

/** The office a message start creates its application in: the message's, else its `office` variable. */
function messageOffice(msg: MessageCommand): string | undefined {
  return msg.office ?? (typeof msg.variables?.office === 'string' ? msg.variables.office : undefined);}

/**
 * Signals wait in the message subscription table: name `signal:<signal name>`, key = the office,
 * so a broadcast reaches one office's waiting instances with the same indexed lookup a message uses.
 */
function signalSubscription(name: string): string {
  return `signal:${name}`;
}

/** One transaction's worth of work over one or more instances. */
class Step implements StepApi {
  readonly now: Date;
  readonly changes: StepChanges = emptyChanges();
  readonly loaded = new Map<string, InstanceContext>();
  readonly inserted = new Set<string>();
  private readonly agenda: Array<() => Promise<void>> = [];
  private arrivals = 0;

  constructor(
    readonly engine: Engine,
    readonly store: RuntimeStore,
  ) {
    this.now = engine.now();
  }

  handler(key: string): ServiceHandler | undefined {
    return this.engine.handlers.get(key);
  }

  async load(instanceId: string): Promise<InstanceContext | undefined> {
    const have = this.loaded.get(instanceId);
    if (have) return have;
    const state = await this.store.lockInstance(instanceId);
    if (!state) return undefined;
    const model = await this.engine.model(this.store, state.processKey, state.publication);
    const ctx = new InstanceContext(this, state, model);
    this.loaded.set(instanceId, ctx);
    return ctx;
  }

  /** An instance the store has already locked (and read) for this step. */
  async adopt(state: InstanceState): Promise<InstanceContext> {
    const have = this.loaded.get(state.id);
    if (have) return have;
    const model = await this.engine.model(this.store, state.processKey, state.publication);
    const ctx = new InstanceContext(this, state, model);
    this.loaded.set(state.id, ctx);
    return ctx;
  }

  async startInstance(cmd: StartCommand, parent: { instanceId: string; tokenId: string } | null): Promise<InstanceContext> {
    const pub = cmd.publication !== undefined ? { key: cmd.processKey, n: cmd.publication } : await this.store.currentPublication(cmd.processKey, this.now);
    if (!pub) throw new RuntimeError('PROCESS_NOT_PUBLISHED', `Proses "${cmd.processKey}" belum diterbitkan`, { processKey: cmd.processKey });
    const model = await this.engine.model(this.store, pub.key, pub.n);
    if (model.startEvents.length === 0 && cmd.startAt === undefined) throw new RuntimeError('MODEL_INVALID', `Proses "${cmd.processKey}" tidak memiliki start event biasa`);
    const state: InstanceState = {
      id: randomUUID(),
      processKey: pub.key,
      processName: model.name,
      publication: pub.n,
      office: cmd.office,
      businessKey: cmd.businessKey ?? null,
      applicantUserId: cmd.applicantUserId ?? null,
      applicant: cmd.applicant ?? null,
      startedBy: cmd.startedBy,
      status: 'running',
      variables: { ...(cmd.variables ?? {}) },
      tokens: [],
      parentInstanceId: parent?.instanceId ?? null,
      parentTokenId: parent?.tokenId ?? null,
      createdAt: this.now,
      endedAt: null,
      outcome: null,
    };
    return this.opened(state, model, cmd.startAt !== undefined ? [cmd.startAt] : model.startEvents);
  }

  /** A new instance of this step: its process scope opened (event sub-processes armed), a token at each start. */
  private opened(state: InstanceState, model: ProcessModel, starts: readonly string[]): InstanceContext {
    const ctx = new InstanceContext(this, state, model);
    this.loaded.set(state.id, ctx);
    this.inserted.add(state.id);
    openScope(ctx, null);
    for (const id of starts) ctx.arrive(ctx.newToken(id, null, null));
    return ctx;
  }

  async startByMessage(pub: { key: string; n: number }, startNode: string, msg: MessageCommand): Promise<InstanceContext> {
    const model = await this.engine.model(this.store, pub.key, pub.n);
    const office = messageOffice(msg);
    if (!office) throw new RuntimeError('MODEL_INVALID', `Pesan "${msg.name}" memulai proses "${pub.key}" tetapi tidak menyebut office`);
    const state: InstanceState = {
      id: randomUUID(),
      processKey: pub.key,
      processName: model.name,
      publication: pub.n,
      office,
      businessKey: msg.correlationKey,
      applicantUserId: null,
      applicant: null,
      startedBy: msg.startedBy ?? SYSTEM_ACTOR,
      status: 'running',
      variables: { ...(msg.variables ?? {}) },
      tokens: [],
      parentInstanceId: null,
      parentTokenId: null,
      createdAt: this.now,
      endedAt: null,
      outcome: null,
    };
    return this.opened(state, model, [startNode]);
  }

  /** `outside`: sent through the API (engine.correlate), its variables checked against each model it reaches. */
  async deliverMessage(msg: MessageCommand, outside = false): Promise<{ instanceIds: string[]; started: string[]; refused: number }> {
    let refused = 0;
    // A message from outside is asked about each application it would wake (who may send it, to whom).
    const allow = msg.authorize
      ? async (ctx: Ctx, node: FlowNode | undefined): Promise<boolean> => {
          const ev = node?.event;
          const senders = ev?.type === 'message' ? ev.senders : undefined;
          const verdict = await msg.authorize!({ kind: 'deliver', processKey: ctx.inst.processKey, office: ctx.inst.office, instanceId: ctx.inst.id, senders, systemKey: msg.correlationKey === ctx.inst.id });
          if (verdict === 'forbidden') refused++;
          return verdict === 'ok';
        }
      : undefined;
    const instanceIds = await this.deliver('message', msg.name, msg.correlationKey, msg.variables ?? {}, allow, outside);
    const started: string[] = [];
    if (instanceIds.length === 0) {
      for (const pub of await this.store.currentPublications(this.now)) {
        const model = await this.engine.model(this.store, pub.key, pub.n);
        const startNode = model.messageStarts[msg.name];
        if (!startNode) continue;
        if (msg.authorize) {
          const ev = model.nodes[startNode]?.event;
          const office = messageOffice(msg) ?? '';
          // A start has no application yet: a sender without a post there is refused, not hidden.
          const verdict = await msg.authorize({ kind: 'start', processKey: pub.key, office, senders: ev?.type === 'message' ? ev.senders : undefined, systemKey: false });
          if (verdict !== 'ok') {
            refused++;
            continue;
          }
        }
        if (outside) acceptOutsideVariables(msg.variables, model);
        const ctx = await this.startByMessage(pub, startNode, msg);
        started.push(ctx.inst.id);
      }
    }
    return { instanceIds, started, refused };
  }

  async deliverSignal(sig: SignalCommand, outside = false): Promise<SignalResult> {
    // A signal from outside reaches a model only from a sender that model names (and starts it only where offered).
    const senders = (model: ProcessModel): readonly string[] => model.signals[sig.name]?.senders ?? [];
    const allow = sig.authorize
      ? async (ctx: Ctx): Promise<boolean> => sig.authorize!({ kind: 'deliver', processKey: ctx.inst.processKey, office: ctx.inst.office, senders: senders(ctx.model) })
      : undefined;
    const instanceIds = await this.deliver('signal', signalSubscription(sig.name), sig.office, sig.variables ?? {}, allow, outside);
    const started: string[] = [];
    for (const pub of await this.store.currentPublications(this.now)) {
      const model = await this.engine.model(this.store, pub.key, pub.n);
      const startAt = model.signalStarts[sig.name];
      if (!startAt) continue;
      if (sig.authorize && !(await sig.authorize({ kind: 'start', processKey: pub.key, office: sig.office, senders: senders(model) }))) continue;
      if (outside) acceptOutsideVariables(sig.variables, model);
      const ctx = await this.startInstance(
        { processKey: pub.key, publication: pub.n, office: sig.office, variables: sig.variables, startedBy: sig.startedBy ?? SYSTEM_ACTOR, startAt },
        null,
      );
      started.push(ctx.inst.id);
    }
    return { instanceIds, started };
  }

  /** Wakes every subscription with this name and key (stored, or made earlier in this step). */
  private async deliver(
    type: 'message' | 'signal',
    name: string,
    key: string,
    variables: Variables,
    allow?: (ctx: Ctx, node: FlowNode | undefined) => Promise<boolean>,
    outside = false,
  ): Promise<string[]> {
    const persisted = await this.store.findSubscriptions(name, key);
    // Subscriptions made earlier in this same step are not in the database yet.
    const pending = this.changes.subscriptionsInserted.filter((s) => s.messageName === name && s.correlationKey === key);
    const seen = new Set<string>();
    const instanceIds: string[] = [];
    for (const sub of [...persisted, ...pending]) {
      if (seen.has(sub.tokenId + sub.elementId)) continue;
      seen.add(sub.tokenId + sub.elementId);
      const ctx = await this.load(sub.instanceId);
      if (!ctx || ctx.inst.status !== 'running') continue;
      const token = ctx.inst.tokens.find((t) => t.id === sub.tokenId);
      if (!token) continue;
      const node = ctx.model.nodes[sub.elementId];
      if (allow && !(await allow(ctx, node))) continue;
      if (outside) acceptOutsideVariables(variables, ctx.model);
      const occur = node && node.id !== token.element ? behaviours[node.kind].occur : undefined;
      if (occur) await occur(ctx, token, node, variables);
      else await ctx.resume(token, { type, elementId: sub.elementId, variables });
      if (!instanceIds.includes(ctx.inst.id)) instanceIds.push(ctx.inst.id);
    }
    return instanceIds;
  }

  push(work: () => Promise<void>): void {
    this.agenda.push(work);
  }

  countArrival(node: FlowNode): void {
    if (++this.arrivals > MAX_ARRIVALS_PER_STEP) {
      throw new RuntimeError('MODEL_INVALID', `Model berputar tanpa henti di "${node.name}" (loop tanpa langkah yang menunggu)`, { element: node.id });
    }
  }

  /** Runs queued work until every token waits, settling inclusive joins in between. */
  async run(): Promise<void> {
    for (;;) {
      while (this.agenda.length > 0) await (this.agenda.shift() as () => Promise<void>)();
      let fired = false;
      for (const ctx of this.loaded.values()) if (ctx.settle()) fired = true;
      if (!fired) return;
    }
  }

  async finish(): Promise<void> {
    await this.run();
    for (const [id, ctx] of this.loaded) {
      if (this.inserted.has(id)) this.changes.instancesInserted.push(ctx.inst);
      else this.changes.instancesUpdated.push(ctx.inst);
    }
    await this.store.write(this.changes);
  }
}

/** One loaded instance inside a step: the engine's implementation of `Ctx` (context.ts). */
class InstanceContext implements Ctx {
  constructor(
    readonly step: Step,
    readonly inst: InstanceState,
    readonly model: ProcessModel,
  ) {}

  get now(): Date {
    return this.step.now;
  }
  get workingTime(): ((office: string) => WorkingCalendar | undefined) | undefined {
    return this.step.engine.options.workingTime;
  }

  rules(): RuleEvaluator | undefined {
    return this.step.store.rules ?? this.step.engine.options.rules;
  }
  node(id: string): FlowNode {
    return this.model.nodes[id];
  }
  token(id: string | null): Token | undefined {
    return id === null ? undefined : this.inst.tokens.find((t) => t.id === id);
  }

  newToken(element: string, scope: string | null, via: string | null, locals?: Variables): Token {
    return { id: randomUUID(), element, scope, via, enteredAt: this.now.toISOString(), ...(locals ? { locals } : {}) };
  }

  /** Instance variables overlaid with the locals of the token's scope chain. */
  vars(token: Token): Variables {
    const chain: Variables[] = [];
    let t: Token | undefined = token;
    const seen = new Set<string>();
    while (t && !seen.has(t.id)) {
      seen.add(t.id);
      if (t.locals) chain.push(t.locals);
      t = this.token(t.scope);
    }
    const out: Variables = { ...this.inst.variables };
    for (const locals of chain.reverse()) Object.assign(out, locals);
    return out;
  }

  setVariables(vars: Variables): void {
    Object.assign(this.inst.variables, vars);
  }

  /** Results only the system writes (fee notas, document numbers, signatures): `variables.sys`, which no input may name. */
  setResults(results: Variables): void {
    this.inst.variables[SYSTEM_NAMESPACE] = { ...systemResults(this.inst.variables), ...results };
  }

  /**
   * Tokens whose arrival is queued in this step: not yet among the instance's tokens, so an
   * interruption of their scope cannot see them (see `dropArrivals`).
   */
  private readonly arriving = new Set<Token>();

  /** Schedules the token's arrival at its element (run in order by the step). */
  arrive(token: Token): void {
    this.arriving.add(token);
    this.step.push(async () => {
      // Dropped on its way: the scope it was heading into was interrupted.
      if (!this.arriving.delete(token)) return;
      // A terminate or an interruption may have removed the token's scope meanwhile.
      if (this.inst.status !== 'running') return;
      if (token.scope !== null && !this.token(token.scope)) return;
      const node = this.node(token.element);
      this.step.countArrival(node);
      this.raiseNotices(node, token);
      await behaviourFor(node, token).enter(this, token);
    });
  }

  /**
   * Tokens queued to arrive in `scope` never do, when the scope's work ends without the scope: a
   * terminate inside it (they would keep it from completing) or an interrupting event sub-process
   * (the scope goes on, so the check on arrival would let them in, e.g. the token a signal's
   * thrower sent on before its signal interrupted its own scope).
   */
  dropArrivals(scope: string | null): void {
    for (const t of this.arriving) if (t.scope === scope) this.arriving.delete(t);
  }

  /** `sop:notify` on the flow the token came by and on the element it reached: raised in this step. */
  private raiseNotices(node: FlowNode, token: Token): void {
    const flow = token.via ? this.model.flows[token.via] : undefined;
    if (flow?.notify) this.step.changes.notices.push({ instanceId: this.inst.id, kind: flow.notify, elementId: flow.id, elementName: flow.name || node.name });
    if (node.notify) this.step.changes.notices.push({ instanceId: this.inst.id, kind: node.notify, elementId: node.id, elementName: node.name });
  }

  async resume(token: Token, signal: Signal): Promise<void> {
    const node = this.node(token.element);
    const behaviour = behaviourFor(node, token);
    if (!behaviour.resume) throw new RuntimeError('MODEL_INVALID', `Elemen "${node.name}" tidak menerima sinyal ${signal.type}`, { element: node.id });
    await behaviour.resume(this, token, signal);
  }

  /** The token stays at its element; activities arm their boundary events. */
  wait(token: Token): void {
    if (!this.inst.tokens.includes(token)) this.inst.tokens.push(token);
    const node = this.node(token.element);
    if (node.boundaries.length > 0 && !token.data?.miChild) {
      for (const b of node.boundaries) {
        const bn = this.node(b);
        this.arm(token, bn);
        // A conditional boundary already true as its activity starts happens now, before the activity's own work runs.
        behaviours[bn.kind].watch?.(this, token, bn);
      }
    }
  }

  /** Timer job or message subscription for `eventNode`, owned by `token`. */
  arm(token: Token, eventNode: FlowNode): void {
    const ev = eventNode.event;
    if (ev.type === 'timer') {
      const spec = ev.timer;
      const base = new Date(this.now);
      const due = spec.type === 'date' ? spec.at : addTimer(base, spec);
      this.scheduleJob(token, eventNode.id, 'timer', due);
    } else if (ev.type === 'message') {
      this.subscribe(token, eventNode.id, ev.messageName, ev.correlationVariable);
    } else if (ev.type === 'signal') {
      this.listen(token, eventNode.id, signalSubscription(ev.signalName), this.inst.office);
    }
  }

  scheduleJob(token: Token, elementId: string, kind: JobKind, dueAt: Date): void {
    this.markArmed(token);
    this.step.changes.jobsInserted.push({ id: randomUUID(), instanceId: this.inst.id, tokenId: token.id, elementId, kind, dueAt, attempts: 0 });
  }

  subscribe(token: Token, elementId: string, messageName: string, correlationVariable: string | undefined): void {
    const vars = this.vars(token);
    // Without a business key the application waits under its system-issued key, its id (which a
    // sender in another office may use: nobody can choose it to reach someone else's application).
    const key = correlationVariable ? vars[correlationVariable] : (this.inst.businessKey ?? this.inst.id);
    if (key === undefined || key === null || key === '') {
      throw new RuntimeError('MODEL_INVALID', `Pesan "${messageName}" tidak dapat ditunggu: kunci korelasi (${correlationVariable ?? 'businessKey'}) kosong`, {
        element: elementId,
      });
    }
    this.listen(token, elementId, messageName, String(key));
  }

  /** A subscription row: woken by a message with that name and key, or a signal (`signal:<name>`, key = office). */
  listen(token: Token, elementId: string, name: string, key: string): void {
    this.markArmed(token);
    this.step.changes.subscriptionsInserted.push({ instanceId: this.inst.id, tokenId: token.id, elementId, messageName: name, correlationKey: key });
  }

  private markArmed(token: Token): void {
    token.data = { ...token.data, armed: true };
  }

  /** Drops the token's timers and subscriptions (only when it had any: most steps have none). */
  private disarm(token: Token): void {
    if (!token.data?.armed) return;
    this.step.changes.jobsOfTokensDeleted.push(token.id);
    this.step.changes.subscriptionsOfTokensDeleted.push(token.id);
  }

  removeToken(token: Token): void {
    const i = this.inst.tokens.indexOf(token);
    if (i >= 0) this.inst.tokens.splice(i, 1);
    this.disarm(token);
  }

  /** Outgoing flows an activity or event takes: unconditional ones, true conditional ones, else the default. */
  selectFlows(node: FlowNode, token: Token, mode: 'all' | 'exclusive' | 'inclusive'): string[] {
    if (mode === 'all') return [...node.outgoing];
    const vars = this.vars(token);
    const candidates = node.outgoing.filter((f) => f !== node.defaultFlow);
    if (mode === 'exclusive') {
      const hit = candidates.find((f) => {
        const c = this.model.flows[f].condition;
        return !c || evaluateCondition(c, vars);
      });
      if (hit) return [hit];
    } else {
      const hits = candidates.filter((f) => {
        const c = this.model.flows[f].condition;
        return !c || evaluateCondition(c, vars);
      });
      if (hits.length > 0) return hits;
    }
    if (node.defaultFlow) return [node.defaultFlow];
    if (node.outgoing.length === 0) return [];
    throw new RuntimeError('VARIABLES_INVALID', `Tidak ada alur keluar dari "${node.name}" yang cocok dengan isian`, {
      element: node.id,
      errors: [{ path: '/', message: `keputusan di "${node.name}" belum diisi atau tidak cocok dengan alur mana pun` }],
    });
  }

  /**
   * Flows out of an activity or event (BPMN 2.0.2 §13.2.1): every unconditional flow, every
   * conditional flow whose condition holds, and the default flow when no *conditional* flow
   * holds (an unconditional flow taken beside it does not count).
   */
  activityFlows(node: FlowNode, token: Token): string[] {
    const flows = this.model.flows;
    if (node.defaultFlow === undefined && !node.outgoing.some((f) => flows[f].condition)) return [...node.outgoing];
    const vars = this.vars(token);
    const out: string[] = [];
    let conditionHeld = false;
    for (const f of node.outgoing) {
      if (f === node.defaultFlow) continue;
      const c = flows[f].condition;
      if (!c) out.push(f);
      else if (evaluateCondition(c, vars)) {
        out.push(f);
        conditionHeld = true;
      }
    }
    if (!conditionHeld && node.defaultFlow !== undefined) out.push(node.defaultFlow);
    if (out.length === 0) {
      throw new RuntimeError('VARIABLES_INVALID', `Tidak ada alur keluar dari "${node.name}" yang cocok dengan isian`, {
        element: node.id,
        errors: [{ path: '/', message: `keputusan di "${node.name}" belum diisi atau tidak cocok dengan alur mana pun` }],
      });
    }
    return out;
  }

  history(token: Token, node: FlowNode, event: string, opts: LeaveOptions = {}): void {
    const started = new Date(token.enteredAt);
    const dueAt = this.dueAt(node, started, this.inst.office);
    this.step.changes.history.push({
      instanceId: this.inst.id,
      elementId: node.id,
      elementName: node.name,
      elementKind: node.kind,
      event,
      actor: opts.actor ?? null,
      onBehalf: opts.onBehalf === true,
      startedAt: started,
      endedAt: this.now,
      dueAt,
      slaMs: dueAt ? dueAt.getTime() - started.getTime() : null,
      taskId: opts.taskId ?? null,
      details: opts.details ?? null,
    });
  }

  /**
   * The token is done with its element: history, then along the given (or default) flows.
   * No flow out means the token is consumed here (implicit end) and its scope may complete.
   */
  leave(token: Token, opts: LeaveOptions = {}): void {
    const node = this.node(token.element);
    const flows = token.data?.miChild ? [] : (opts.flows ?? this.activityFlows(node, token));
    // Where a node has a choice of ways out, its history row says which it took: the cockpit
    // counts flows from it (how often "tidak lengkap" loops back) without a row of its own.
    const details = node.outgoing.length > 1 && flows.length > 0 ? { ...(opts.details ?? {}), flows } : opts.details;
    this.history(token, node, 'completed', details === opts.details ? opts : { ...opts, details });
    this.removeToken(token);
    if (token.data?.miChild) {
      const outer = this.token(token.scope);
      if (outer) this.step.push(async () => behaviourFor(node, outer).childDone?.(this, outer, token, opts.result ?? null));
      return;
    }
    for (const f of flows) {
      const next = this.newToken(this.model.flows[f].target, token.scope, f);
      if (opts.triggered) next.data = { triggered: { variables: opts.triggered } };
      this.arrive(next);
    }
    if (flows.length === 0) this.step.push(async () => this.scopeMayEnd(token.scope));
  }

  /** A token is consumed without going on (end events). */
  consume(token: Token, opts: LeaveOptions = {}): void {
    this.leave(token, { ...opts, flows: [] });
  }

  /** When no token is left in a scope, that scope completes: the sub-process or the instance. */
  async scopeMayEnd(scope: string | null): Promise<void> {
    if (this.inst.status !== 'running') return;
    // Waiting starts of event sub-processes do not keep their scope alive; they go with it.
    if (this.inst.tokens.some((t) => t.scope === scope && !t.data?.listener)) return;
    // A token still on its way into the scope (sent on in this step, e.g. out of a sub-process that just completed) keeps it alive.
    for (const t of this.arriving) if (t.scope === scope) return;
    for (const l of this.inst.tokens.filter((t) => t.scope === scope)) this.removeToken(l);
    if (scope === null) return this.endInstance('completed', null, null);
    const owner = this.token(scope);
    if (!owner) return;
    await behaviourFor(this.node(owner.element), owner).resume?.(this, owner, { type: 'scope-completed', variables: {} });
  }

  /** Removes a token and everything under it (tasks, timers, inner scopes, called instances). */
  async cancelToken(token: Token, event: 'cancelled' | 'interrupted', by: string | null = null): Promise<void> {
    // An event sub-process that never started leaves no history.
    if (token.data?.listener) return this.removeToken(token);
    for (const inner of this.inst.tokens.filter((t) => t.scope === token.id)) await this.cancelToken(inner, event, by);
    const node = this.node(token.element);
    await behaviourFor(node, token).cancel?.(this, token, by);
    this.removeToken(token);
    this.history(token, node, event, { actor: by });
  }

  /** Ends the instance with every token still in it (terminate, cancel, uncaught error). */
  async endInstance(status: 'completed' | 'cancelled' | 'failed', outcome: string | null, by: string | null): Promise<void> {
    for (const t of this.inst.tokens.filter((x) => x.scope === null)) await this.cancelToken(t, 'cancelled', by);
    this.inst.status = status;
    this.inst.endedAt = this.now;
    this.inst.outcome = outcome;
    this.step.changes.history.push({
      instanceId: this.inst.id,
      elementId: this.inst.processKey,
      elementName: this.inst.processName,
      elementKind: 'process',
      event: status,
      actor: by,
      onBehalf: false,
      startedAt: this.inst.createdAt,
      endedAt: this.now,
      dueAt: null,
      slaMs: null,
      taskId: null,
      details: outcome ? { outcome } : null,
    });
    if (this.inst.parentInstanceId && this.inst.parentTokenId && status === 'completed') {
      const parent = await this.step.load(this.inst.parentInstanceId);
      const ptoken = parent?.token(this.inst.parentTokenId);
      if (parent && ptoken && parent.inst.status === 'running') {
        await parent.resume(ptoken, { type: 'child-completed', variables: this.inst.variables });
      }
    }
  }

  /**
   * A BPMN error raised in `token`'s activity (or, with `token` undefined, at process level):
   * caught by the nearest error boundary with that code, up through sub-processes and call
   * activities; uncaught, the instance fails.
   */
  async raiseError(token: Token | undefined, code: string): Promise<void> {
    if (!token) {
      const parentId = this.inst.parentInstanceId;
      const parentTokenId = this.inst.parentTokenId;
      await this.endInstance(parentId ? 'cancelled' : 'failed', `error:${code}`, null);
      if (parentId && parentTokenId) {
        const parent = await this.step.load(parentId);
        const pt = parent?.token(parentTokenId);
        if (parent && pt) await parent.raiseError(pt, code);
      }
      return;
    }
    const node = this.node(token.element);
    if (!token.data?.miChild) {
      const catcher = node.boundaries
        .map((b) => this.node(b))
        .find((b) => b.event.type === 'error' && (b.event.errorCode === undefined || b.event.errorCode === code));
      if (catcher) return behaviours.boundaryEvent.occur?.(this, token, catcher, { lastError: code });
    }
    // An error event sub-process of the scope the error is raised in catches it before the scope's own boundaries.
    const start = eventSubProcessFor(this, token.scope, 'error', code);
    if (start) return startEventSubProcess(this, token.scope, start, { lastError: code });
    return this.raiseError(this.token(token.scope), code);
  }

  /** When an activity begun at `from` is due: its sop:duration in the office's working time (or wall clock). */
  dueAt(node: FlowNode, from: Date, office: string): Date | null {
    return dueAtOf(node, from, office, this.step.engine.options.workingTime);
  }

  closeTask(taskId: string, status: 'completed' | 'cancelled', by: string | null, onBehalf: boolean): void {
    this.step.changes.tasksClosed.push({ id: taskId, status, at: this.now, by, onBehalf });
  }

  /**
   * Once the step is quiet, tokens whose element settles (inclusive joins) may move.
   * Returns whether one did (the step then runs again).
   */
  settle(): boolean {
    if (this.inst.status !== 'running') return false;
    for (const t of this.inst.tokens) {
      const node = this.node(t.element);
      const settle = behaviourFor(node, t).settle;
      if (settle && settle(this, t)) return true;
      // Events attached to a waiting activity that watch the variables (conditional boundaries).
      if (node.boundaries.length > 0 && !t.data?.miChild) {
        for (const b of node.boundaries) {
          const bn = this.node(b);
          const watch = behaviours[bn.kind].watch;
          if (watch && watch(this, t, bn)) return true;
        }
      }
    }
    return false;
  }
}


function addTimer(from: Date, spec: TimerSpec): Date {
  return spec.type === 'date' ? spec.at : addDuration(from, spec.duration);
}
