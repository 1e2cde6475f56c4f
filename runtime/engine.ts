import { randomUUID } from 'node:crypto';
import { evaluateCondition, type Variables } from './conditions.js';
import { addDuration, type TimerSpec } from './duration.js';
import { behaviourFor, type Signal } from './elements/index.js';
import { refuseIneligibleStart } from './eligibility.js';
import { RuntimeError } from './errors.js';
import { checkVariables, resolveForm, type FormLoader } from './forms.js';
import { ModelCache } from './model/cache.js';
import { timerStartOffices } from './timer-start.js';
import type { FlowNode, ProcessModel } from './model/types.js';
import type { RuleEvaluator } from './rules-port.js';
import {
  emptyChanges,
  type InstanceState,
  type JobKind,
  type JobRow,
  type RuntimeStore,
  type StepChanges,
  type TaskRow,
  type Token,
  type WalkInApplicant,
} from './store.js';

export interface EngineOptions {
  rules?: RuleEvaluator;
  forms?: FormLoader;
  now?: () => Date;
}

export interface StartCommand {
  processKey: string;
  office: string;
  variables?: Variables;
  businessKey?: string | null;
  applicantUserId?: string | null;
  applicant?: WalkInApplicant | null;
  startedBy: string;
  /** run this publication instead of the current one (message starts, tests) */
  publication?: number;
  /** begin at this start event instead of the none start events (a timer start) */
  startAt?: string;
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
  authorize?: (task: TaskRow) => { onBehalf?: boolean } | void;
}

export interface MessageCommand {
  name: string;
  correlationKey: string;
  variables?: Variables;
  /** office for an instance a message start event creates */
  office?: string;
  startedBy?: string;
}

/** Roles whose lane belongs to the instance's applicant, not to an office post. */
export const APPLICANT_ROLES = new Set(['pemohon', 'wajib-pajak']);

// A model that loops without ever waiting would spin forever inside one transaction.
const MAX_ARRIVALS_PER_STEP = 10_000;

/**
 * The interpreter. Each public method is one step: it is given a store bound to one
 * transaction, locks the instances it touches, runs behaviours until every token waits,
 * and writes all changes in one batch. State is plain data (rows and JSON), nothing else.
 */
export class Engine {
  readonly models = new ModelCache();
  constructor(readonly options: EngineOptions = {}) {}

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
    await refuseIneligibleStart(inst.model, inst.inst.variables, inst.inst.createdAt, store.rules ?? this.options.rules);
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
    if (task.status !== 'open') throw new RuntimeError('TASK_ALREADY_COMPLETED', 'Tugas sudah diselesaikan', { taskId: task.id, status: task.status });
    const token = ctx.inst.tokens.find((t) => t.id === task.tokenId);
    if (!token) throw new RuntimeError('TASK_ALREADY_COMPLETED', 'Tugas tidak lagi aktif', { taskId: task.id });
    const variables = cmd.variables ?? {};
    if (task.form) {
      const form = await resolveForm(task.form, this.options.forms);
      if (form) checkVariables(form, variables);
    }
    await ctx.resume(token, { type: 'task', task, variables, actor: cmd.actor, onBehalf });
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
    if (node.kind === 'boundaryEvent') {
      if (node.attachedTo !== token.element) return 'stale';
      await ctx.fireBoundary(token, node, {});
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
    const result = await step.deliverMessage(msg);
    await step.finish();
    if (result.instanceIds.length === 0 && result.started.length === 0) {
      throw new RuntimeError('MESSAGE_NOT_CORRELATED', `Tidak ada proses yang menunggu pesan "${msg.name}" dengan kunci "${msg.correlationKey}"`);
    }
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

/** One transaction's worth of work over one or more instances. */
export class Step {
  readonly now: Date;
  readonly changes: StepChanges = emptyChanges();
  readonly loaded = new Map<string, Ctx>();
  readonly inserted = new Set<string>();
  private readonly agenda: Array<() => Promise<void>> = [];
  private arrivals = 0;

  constructor(
    readonly engine: Engine,
    readonly store: RuntimeStore,
  ) {
    this.now = engine.now();
  }

  async load(instanceId: string): Promise<Ctx | undefined> {
    const have = this.loaded.get(instanceId);
    if (have) return have;
    const state = await this.store.lockInstance(instanceId);
    if (!state) return undefined;
    const model = await this.engine.model(this.store, state.processKey, state.publication);
    const ctx = new Ctx(this, state, model);
    this.loaded.set(instanceId, ctx);
    return ctx;
  }

  /** An instance the store has already locked (and read) for this step. */
  async adopt(state: InstanceState): Promise<Ctx> {
    const have = this.loaded.get(state.id);
    if (have) return have;
    const model = await this.engine.model(this.store, state.processKey, state.publication);
    const ctx = new Ctx(this, state, model);
    this.loaded.set(state.id, ctx);
    return ctx;
  }

  async startInstance(cmd: StartCommand, parent: { instanceId: string; tokenId: string } | null): Promise<Ctx> {
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
    const ctx = new Ctx(this, state, model);
    this.loaded.set(state.id, ctx);
    this.inserted.add(state.id);
    for (const id of cmd.startAt !== undefined ? [cmd.startAt] : model.startEvents) ctx.arrive(ctx.newToken(id, null, null));
    return ctx;
  }

  async startByMessage(pub: { key: string; n: number }, startNode: string, msg: MessageCommand): Promise<Ctx> {
    const model = await this.engine.model(this.store, pub.key, pub.n);
    const office = msg.office ?? (typeof msg.variables?.office === 'string' ? msg.variables.office : undefined);
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
    const ctx = new Ctx(this, state, model);
    this.loaded.set(state.id, ctx);
    this.inserted.add(state.id);
    ctx.arrive(ctx.newToken(startNode, null, null));
    return ctx;
  }

  async deliverMessage(msg: MessageCommand): Promise<{ instanceIds: string[]; started: string[] }> {
    const persisted = await this.store.findSubscriptions(msg.name, msg.correlationKey);
    // Subscriptions made earlier in this same step are not in the database yet.
    const pending = this.changes.subscriptionsInserted.filter((s) => s.messageName === msg.name && s.correlationKey === msg.correlationKey);
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
      if (node?.kind === 'boundaryEvent') await ctx.fireBoundary(token, node, msg.variables ?? {});
      else await ctx.resume(token, { type: 'message', elementId: sub.elementId, variables: msg.variables ?? {} });
      if (!instanceIds.includes(ctx.inst.id)) instanceIds.push(ctx.inst.id);
    }
    const started: string[] = [];
    if (instanceIds.length === 0) {
      for (const pub of await this.store.currentPublications(this.now)) {
        const model = await this.engine.model(this.store, pub.key, pub.n);
        const startNode = model.messageStarts[msg.name];
        if (!startNode) continue;
        const ctx = await this.startByMessage(pub, startNode, msg);
        started.push(ctx.inst.id);
      }
    }
    return { instanceIds, started };
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
      for (const ctx of this.loaded.values()) if (ctx.settleInclusiveJoins()) fired = true;
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

export interface LeaveOptions {
  flows?: string[];
  actor?: string | null;
  onBehalf?: boolean;
  taskId?: string | null;
  details?: Variables | null;
  /** multi-instance inner instance: what it produced */
  result?: unknown;
  /** the next element's event already happened (event-based gateway): its payload */
  triggered?: Variables;
}

/** One loaded instance inside a step: the API element behaviours work through. */
export class Ctx {
  constructor(
    readonly step: Step,
    readonly inst: InstanceState,
    readonly model: ProcessModel,
  ) {}

  get now(): Date {
    return this.step.now;
  }
  get engine(): Engine {
    return this.step.engine;
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

  /** Schedules the token's arrival at its element (run in order by the step). */
  arrive(token: Token): void {
    this.step.push(async () => {
      // A terminate or an interruption may have removed the token's scope meanwhile.
      if (this.inst.status !== 'running') return;
      if (token.scope !== null && !this.token(token.scope)) return;
      const node = this.node(token.element);
      this.step.countArrival(node);
      await behaviourFor(node, token).enter(this, token);
    });
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
      for (const b of node.boundaries) this.arm(token, this.node(b));
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
    }
  }

  scheduleJob(token: Token, elementId: string, kind: JobKind, dueAt: Date): void {
    this.markArmed(token);
    this.step.changes.jobsInserted.push({ id: randomUUID(), instanceId: this.inst.id, tokenId: token.id, elementId, kind, dueAt, attempts: 0 });
  }

  subscribe(token: Token, elementId: string, messageName: string, correlationVariable: string | undefined): void {
    const vars = this.vars(token);
    const key = correlationVariable ? vars[correlationVariable] : this.inst.businessKey;
    if (key === undefined || key === null || key === '') {
      throw new RuntimeError('MODEL_INVALID', `Pesan "${messageName}" tidak dapat ditunggu: kunci korelasi (${correlationVariable ?? 'businessKey'}) kosong`, {
        element: elementId,
      });
    }
    this.markArmed(token);
    this.step.changes.subscriptionsInserted.push({ instanceId: this.inst.id, tokenId: token.id, elementId, messageName, correlationKey: String(key) });
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

  private removeToken(token: Token): void {
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

  /** Default flows out of an activity or event: conditional only if some flow has a condition. */
  activityFlows(node: FlowNode, token: Token): string[] {
    const conditional = node.outgoing.some((f) => this.model.flows[f].condition) || node.defaultFlow !== undefined;
    return this.selectFlows(node, token, conditional ? 'inclusive' : 'all');
  }

  history(token: Token, node: FlowNode, event: string, opts: LeaveOptions = {}): void {
    const started = new Date(token.enteredAt);
    const dueAt = node.duration ? addTimer(started, { type: 'duration', duration: node.duration, text: '' }) : null;
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
    this.history(token, node, 'completed', opts);
    this.removeToken(token);
    if (token.data?.miChild) {
      const outer = this.token(token.scope);
      if (outer) this.step.push(async () => behaviourFor(node, outer).childDone?.(this, outer, token, opts.result ?? null));
      return;
    }
    const flows = opts.flows ?? this.activityFlows(node, token);
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
    if (this.inst.tokens.some((t) => t.scope === scope)) return;
    if (scope === null) return this.endInstance('completed', null, null);
    const owner = this.token(scope);
    if (!owner) return;
    await behaviourFor(this.node(owner.element), owner).resume?.(this, owner, { type: 'scope-completed', variables: {} });
  }

  /** Removes a token and everything under it (tasks, timers, inner scopes, called instances). */
  async cancelToken(token: Token, event: 'cancelled' | 'interrupted', by: string | null = null): Promise<void> {
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

  /** A boundary event of `activity` happens: interrupting ones end the activity first. */
  async fireBoundary(activity: Token, boundary: FlowNode, variables: Variables): Promise<void> {
    if (boundary.cancelActivity) {
      await this.cancelToken(activity, 'interrupted');
    } else if (boundary.event.type === 'timer' && boundary.event.timer.type === 'cycle') {
      const left = activity.data?.cycles?.[boundary.id] ?? (boundary.event.timer.repetitions ?? Infinity) - 1;
      if (left > 0) {
        activity.data = { ...activity.data, cycles: { ...activity.data?.cycles, [boundary.id]: left - 1 } };
        this.scheduleJob(activity, boundary.id, 'timer', addTimer(this.now, boundary.event.timer));
      }
    }
    const t = this.newToken(boundary.id, activity.scope, null);
    t.data = { triggered: { variables } };
    this.arrive(t);
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
      if (catcher) return this.fireBoundary(token, catcher, { lastError: code });
    }
    return this.raiseError(this.token(token.scope), code);
  }

  /** Creates the inbox row for a user/manual task token (role × office × applicant). */
  createTask(token: Token, node: FlowNode, item: unknown): TaskRow {
    const vars = this.vars(token);
    const role = node.role ?? '';
    const office = node.office ? interpolateOffice(node.office, vars) || this.inst.office : this.inst.office;
    const applicantLane = APPLICANT_ROLES.has(role);
    const task: TaskRow = {
      id: randomUUID(),
      instanceId: this.inst.id,
      tokenId: token.id,
      processKey: this.inst.processKey,
      processName: this.inst.processName,
      publication: this.inst.publication,
      elementId: node.id,
      elementName: node.name,
      role,
      office,
      assignee: applicantLane ? (this.inst.applicantUserId ?? this.inst.startedBy) : null,
      onBehalf: applicantLane && this.inst.applicantUserId === null,
      businessKey: this.inst.businessKey,
      dueAt: node.duration ? addTimer(this.now, { type: 'duration', duration: node.duration, text: '' }) : null,
      claimedBy: null,
      status: 'open',
      createdAt: this.now,
      completedAt: null,
      completedBy: null,
      form: node.form ?? null,
      documents: node.documents,
      instruction: node.instruction ?? null,
      item: item ?? null,
    };
    this.step.changes.tasksInserted.push(task);
    token.data = { ...token.data, taskId: task.id };
    return task;
  }

  closeTask(taskId: string, status: 'completed' | 'cancelled', by: string | null, onBehalf: boolean): void {
    this.step.changes.tasksClosed.push({ id: taskId, status, at: this.now, by, onBehalf });
  }

  /** Sends a message thrown by this instance to whoever waits for it (after this element). */
  sendMessage(token: Token, messageName: string, correlationVariable: string | undefined): void {
    const vars = this.vars(token);
    const key = correlationVariable ? vars[correlationVariable] : this.inst.businessKey;
    if (key === undefined || key === null) return;
    this.step.push(async () => {
      await this.step.deliverMessage({ name: messageName, correlationKey: String(key), variables: { ...this.inst.variables }, office: this.inst.office });
    });
  }

  /**
   * Inclusive joins fire when no other token of their scope can still reach them.
   * Returns whether one fired (the step then runs again).
   */
  settleInclusiveJoins(): boolean {
    if (this.inst.status !== 'running') return false;
    const waiting = this.inst.tokens.filter((t) => this.node(t.element).kind === 'inclusiveGateway');
    for (const t of waiting) {
      const node = this.node(t.element);
      const blocked = this.inst.tokens.some(
        (o) => o.scope === t.scope && o.element !== node.id && this.model.reach[o.element]?.includes(node.id),
      );
      if (blocked) continue;
      const here = this.inst.tokens.filter((o) => o.scope === t.scope && o.element === node.id);
      // One token per incoming flow is consumed; extra arrivals on the same flow wait for the next round.
      const byFlow = new Map<string, Token>();
      for (const h of here) if (!byFlow.has(h.via ?? '')) byFlow.set(h.via ?? '', h);
      const consumed = [...byFlow.values()];
      for (const c of consumed.slice(1)) this.removeToken(c);
      this.leave(consumed[0], { flows: this.selectFlows(node, consumed[0], 'inclusive') });
      return true;
    }
    return false;
  }
}

function interpolateOffice(expr: string, vars: Variables): string {
  return expr.replace(/\$\{\s*([A-Za-z_]\w*)\s*\}/g, (_, name: string) => {
    const v = vars[name];
    return v === undefined || v === null ? '' : typeof v === 'object' && 'office' in (v as object) ? String((v as { office: unknown }).office) : String(v);
  });
}

function addTimer(from: Date, spec: TimerSpec): Date {
  return spec.type === 'date' ? spec.at : addDuration(from, spec.duration);
}
