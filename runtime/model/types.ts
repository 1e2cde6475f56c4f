import type { CompiledCondition } from '../conditions.js';
import type { Duration } from '../../core/duration.js';
import type { TimerSpec } from '../duration.js';

/** Every BPMN type the runtime executes (core/bpmn-elements.ts); `runtime/elements/index.ts` maps each to a behaviour. */
export type { ElementKind } from '../../core/bpmn-elements.js';
import type { ElementKind } from '../../core/bpmn-elements.js';

export type EventDefinition =
  | { type: 'none' }
  | { type: 'timer'; timer: TimerSpec }
  /** senders: the roles that may send it from outside (`sop:senders` on the bpmn:message); undefined = the system only */
  | { type: 'message'; messageName: string; correlationVariable: string | undefined; senders?: string[] }
  | { type: 'error'; errorCode: string | undefined }
  | { type: 'terminate' }
  /** broadcast to every waiting catch of the same office (BPMN signal, scoped to the office) */
  | { type: 'signal'; signalName: string }
  /** a go-to inside one process level: a throw continues at the catch of the same name and scope */
  | { type: 'link'; linkName: string }
  /** thrown to the enclosing sub-process or call activity; a catch without a code catches every escalation */
  | { type: 'escalation'; escalationCode: string | undefined }
  /** happens when its condition (our condition JSON or a boolean variable name) becomes true */
  | { type: 'conditional'; condition: CompiledCondition };

export interface Mapping {
  target: string;
  source: string;
}

export interface MultiInstance {
  sequential: boolean;
  collection: string | undefined;
  elementVariable: string | undefined;
  /** variable receiving the inner instances' results in collection order (default `<id>Results`) */
  outputCollection: string;
  cardinality: number | undefined;
  completionCondition: CompiledCondition | undefined;
  /** which events inner completions throw (None/One/All/Complex) */
  behavior: MultiInstanceBehavior;
}

/** An event a multi-instance activity throws for its inner completions. */
export type ThrownEvent = Extract<EventDefinition, { type: 'signal' } | { type: 'escalation' }>;

/** One: events[0] at the first completion; None: events[0] at every completion; Complex: each event whose condition holds; All: none. */
export interface MultiInstanceBehavior {
  kind: 'None' | 'One' | 'All' | 'Complex';
  events: Array<{ condition: CompiledCondition | undefined; event: ThrownEvent }>;
}

/** standardLoopCharacteristics: repeat while `condition` holds (tested before or after each pass), at most `maximum` times. */
export interface StandardLoop {
  condition: CompiledCondition | undefined;
  testBefore: boolean;
  maximum: number | undefined;
}

/** One flow node of a parsed model: plain data, safe to cache and share. */
export interface FlowNode {
  id: string;
  name: string;
  kind: ElementKind;
  /** id of the embedded sub-process that contains it; null at process level */
  parent: string | null;
  incoming: string[];
  outgoing: string[];
  defaultFlow: string | undefined;
  /** role key of the lane it stands in (inherited from the enclosing sub-process) */
  role: string | undefined;
  /** office expression: the task's own `sop:office`, else the lane's; start events: their own (timer starts: office keys) */
  office: string | undefined;
  duration: Duration | undefined;
  durationText: string | undefined;
  /** `sop:calendar`: `working` (default) counts sop:duration in the office's working time, `calendar` on the wall clock */
  calendar: 'working' | 'calendar';
  /** `sop:supervisorRole` of its lane: the post that supervises (escalation, reassignment) */
  supervisorRole: string | undefined;
  form: string | undefined;
  documents: string[];
  instruction: string | undefined;
  output: string | undefined;
  ruleSet: string | undefined;
  resultVariable: string | undefined;
  /** business rule tasks: `sop:facts`, constant facts of the model (a JSON object) laid over the variables */
  facts: Record<string, unknown> | undefined;
  handler: string | undefined;
  /** `sop:notify`: the applicant event (core/notification-events.ts) raised when a token arrives here */
  notify?: string;
  calledElement: string | undefined;
  inputs: Mapping[] | undefined;
  outputs: Mapping[] | undefined;
  multiInstance: MultiInstance | undefined;
  loop: StandardLoop | undefined;
  /** events: their definition; receive and send tasks: their `messageRef` (none without one) */
  event: EventDefinition;
  /** boundary events: the activity it is attached to and whether it interrupts */
  attachedTo: string | undefined;
  cancelActivity: boolean;
  /** activities: ids of the boundary events attached to it */
  boundaries: string[];
  /** link throw events: the catch event of the same name in the same scope */
  linkTarget: string | undefined;
  /** sub-processes: ids of their none start events; event sub-processes: their one (typed) start event */
  startEvents: string[];
  /** start events of an event sub-process: `isInterrupting` (default true) */
  interrupting: boolean;
  /** sub-processes and event sub-processes: the event sub-processes directly inside */
  eventSubProcesses: string[];
  /** complex gateways: `activationCondition` (reads the variables and `activationCount`) */
  activation: CompiledCondition | undefined;
}

export interface SequenceFlow {
  id: string;
  name: string;
  source: string;
  target: string;
  condition: CompiledCondition | undefined;
  /** `sop:notify`: the applicant event raised when a token takes this flow (a decision's "Tidak lengkap") */
  notify?: string;
}

export interface ProcessModel {
  key: string;
  name: string;
  starterRoles: string[];
  /** `sop:sopNumber`: the SOP's number in its source's order (core/sop-order.ts sorts by it) */
  sopNumber: string | undefined;
  requirementsRuleSet: string | undefined;
  dateVariable: string | undefined;
  nodes: Record<string, FlowNode>;
  flows: Record<string, SequenceFlow>;
  /** process-level none start events (where a started instance begins) */
  startEvents: string[];
  /** process-level message start events by message name */
  messageStarts: Record<string, string>;
  /** process-level signal start events by signal name */
  signalStarts: Record<string, string>;
  /** signals the model declares (bpmn:signal), by name: the roles that may send each through the API (`sop:senders`) */
  signals: Record<string, { senders: string[] }>;
  /** event sub-processes at process level */
  eventSubProcesses: string[];
  /** process-level timer start events (the server schedules them at publication) */
  timerStarts: string[];
  /** node id → ids of nodes reachable from it inside the same scope (for inclusive joins) */
  reach: Record<string, string[]>;
}
