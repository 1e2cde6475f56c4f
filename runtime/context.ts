import type { WorkingCalendar } from '../core/working-time.js';
import type { Variables } from './conditions.js';
import type { FlowNode, ProcessModel } from './model/types.js';
import type { ServiceHandler } from './handlers.js';
import type { RuleEvaluator } from './rules-port.js';
import type { InstanceState, JobKind, RuntimeStore, StepChanges, TaskRow, Token, WalkInApplicant } from './store.js';

/**
 * The API element behaviours work through (runtime/elements/*), apart from the engine that
 * implements it: elements import this file, the engine imports the elements, and nothing
 * imports back. The engine knows the lifecycle (arrive → enter → wait → resume → leave,
 * scopes, cancellation, history); each element knows what it does on it.
 */

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

export interface MessageCommand {
  name: string;
  correlationKey: string;
  variables?: Variables;
  /** office for an instance a message start event creates */
  office?: string;
  startedBy?: string;
  /**
   * Set for a message from outside (the API), never for one an instance throws: asked for each
   * waiting application and each start the message would reach. 'hidden' skips it as if it did
   * not exist; 'forbidden' skips it and, when nothing else took the message, refuses it
   * (MESSAGE_NOT_ALLOWED). It may throw (an office that does not offer the process).
   */
  authorize?: (target: MessageTarget) => MessageVerdict | Promise<MessageVerdict>;
}

export interface MessageTarget {
  kind: 'deliver' | 'start';
  processKey: string;
  office: string;
  /** the waiting application (deliver) */
  instanceId?: string;
  /** the roles the model lets send this message (`sop:senders`); undefined: the system only */
  senders: string[] | undefined;
  /** the message's key is the system-issued one (the application's id), not a key anyone can choose */
  systemKey: boolean;
}

export type MessageVerdict = 'ok' | 'hidden' | 'forbidden';

/** A signal broadcast to one office (BPMN signals, scoped to the office that sends them). */
export interface SignalCommand {
  name: string;
  office: string;
  variables?: Variables;
  /** who sent it: the starter of the instances a signal start event creates */
  startedBy?: string;
  /**
   * Set for a signal from outside (the API), never for one an instance throws: asked for each
   * waiting application and each signal start the broadcast would reach, with the senders that
   * model declares; false skips it. It may throw.
   */
  authorize?: (target: SignalTarget) => boolean | Promise<boolean>;
}

export interface SignalTarget {
  kind: 'deliver' | 'start';
  processKey: string;
  office: string;
  /** the roles the reached model lets send this signal (`sop:senders` on its bpmn:signal) */
  senders: readonly string[];
}

export interface SignalResult {
  /** instances that had a catch event or boundary waiting for it */
  instanceIds: string[];
  /** instances its signal start events started */
  started: string[];
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

/** What wakes a waiting token. */
export type Signal =
  | { type: 'task'; task: TaskRow; variables: Variables; actor: string; onBehalf: boolean; /** writeOnly form fields: for this step only, never stored */ transient?: Variables; /** kept in the history (e.g. a delegate acting atas nama) */ details?: Variables }
  | { type: 'job' | 'timer' | 'message' | 'signal'; elementId: string; variables: Variables }
  | { type: 'child-completed'; variables: Variables }
  | { type: 'scope-completed'; variables: Variables };

/** One transaction's worth of work, as elements see it. */
export interface StepApi {
  readonly now: Date;
  readonly store: RuntimeStore;
  readonly changes: StepChanges;
  /** queues work to run after the current element (in order) */
  push(work: () => Promise<void>): void;
  load(instanceId: string): Promise<Ctx | undefined>;
  startInstance(cmd: StartCommand, parent: { instanceId: string; tokenId: string } | null): Promise<Ctx>;
  deliverMessage(msg: MessageCommand): Promise<{ instanceIds: string[]; started: string[]; refused: number }>;
  deliverSignal(sig: SignalCommand): Promise<SignalResult>;
  /** the engine's service handler named by a `sop:handler` (EngineOptions `handlers`) */
  handler(key: string): ServiceHandler | undefined;
}

/** One loaded instance inside a step. */
export interface Ctx {
  readonly step: StepApi;
  readonly inst: InstanceState;
  readonly model: ProcessModel;
  readonly now: Date;
  /** the rule evaluator of this step (the store's own transaction when it has one) */
  rules(): RuleEvaluator | undefined;
  node(id: string): FlowNode;
  token(id: string | null): Token | undefined;
  newToken(element: string, scope: string | null, via: string | null, locals?: Variables): Token;
  /** instance variables overlaid with the locals of the token's scope chain */
  vars(token: Token): Variables;
  setVariables(vars: Variables): void;
  /** Results only the system writes (fee notas, document numbers, signatures): `variables.sys`, which no input may name. */
  setResults(results: Variables): void;
  /** the office's working calendar (sop:duration counts its opening minutes), when the engine has one */
  readonly workingTime: ((office: string) => WorkingCalendar | undefined) | undefined;
  /** schedules the token's arrival at its element */
  arrive(token: Token): void;
  /** the arrivals scheduled in `scope` and not yet run are dropped: the scope's work ends (terminate, an interrupting event sub-process) */
  dropArrivals(scope: string | null): void;
  resume(token: Token, signal: Signal): Promise<void>;
  /** the token stays at its element; activities arm their boundary events */
  wait(token: Token): void;
  /** timer job or message subscription for `eventNode`, owned by `token` */
  arm(token: Token, eventNode: FlowNode): void;
  scheduleJob(token: Token, elementId: string, kind: JobKind, dueAt: Date): void;
  /** message subscription; the key is the token's `correlationVariable`, else the business key */
  subscribe(token: Token, elementId: string, messageName: string, correlationVariable: string | undefined): void;
  /** takes the token out of the instance (and drops its timers and subscriptions) without history */
  removeToken(token: Token): void;
  selectFlows(node: FlowNode, token: Token, mode: 'all' | 'exclusive' | 'inclusive'): string[];
  history(token: Token, node: FlowNode, event: string, opts?: LeaveOptions): void;
  /** the token is done with its element: history, then along the given (or default) flows */
  leave(token: Token, opts?: LeaveOptions): void;
  /** a token is consumed without going on (end events) */
  consume(token: Token, opts?: LeaveOptions): void;
  scopeMayEnd(scope: string | null): Promise<void>;
  cancelToken(token: Token, event: 'cancelled' | 'interrupted', by?: string | null): Promise<void>;
  endInstance(status: 'completed' | 'cancelled' | 'failed', outcome: string | null, by: string | null): Promise<void>;
  /** a BPMN error raised in `token`'s activity (undefined: at process level) */
  raiseError(token: Token | undefined, code: string): Promise<void>;
  closeTask(taskId: string, status: 'completed' | 'cancelled', by: string | null, onBehalf: boolean): void;
}
