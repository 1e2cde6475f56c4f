import type { CompiledCondition } from '../conditions.js';
import type { Duration, TimerSpec } from '../duration.js';

/** Every BPMN type the runtime executes. `runtime/elements/index.ts` maps each to a behaviour. */
export type ElementKind =
  | 'startEvent'
  | 'endEvent'
  | 'task'
  | 'userTask'
  | 'manualTask'
  | 'businessRuleTask'
  | 'serviceTask'
  | 'sendTask'
  | 'receiveTask'
  | 'subProcess'
  | 'callActivity'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'eventBasedGateway'
  | 'intermediateCatchEvent'
  | 'intermediateThrowEvent'
  | 'boundaryEvent';

export type EventDefinition =
  | { type: 'none' }
  | { type: 'timer'; timer: TimerSpec }
  | { type: 'message'; messageName: string; correlationVariable: string | undefined }
  | { type: 'error'; errorCode: string | undefined }
  | { type: 'terminate' };

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
  handler: string | undefined;
  calledElement: string | undefined;
  inputs: Mapping[] | undefined;
  outputs: Mapping[] | undefined;
  multiInstance: MultiInstance | undefined;
  event: EventDefinition;
  /** boundary events: the activity it is attached to and whether it interrupts */
  attachedTo: string | undefined;
  cancelActivity: boolean;
  /** activities: ids of the boundary events attached to it */
  boundaries: string[];
  /** sub-processes: ids of their none start events */
  startEvents: string[];
}

export interface SequenceFlow {
  id: string;
  name: string;
  source: string;
  target: string;
  condition: CompiledCondition | undefined;
}

export interface ProcessModel {
  key: string;
  name: string;
  starterRoles: string[];
  requirementsRuleSet: string | undefined;
  dateVariable: string | undefined;
  nodes: Record<string, FlowNode>;
  flows: Record<string, SequenceFlow>;
  /** process-level none start events (where a started instance begins) */
  startEvents: string[];
  /** process-level message start events by message name */
  messageStarts: Record<string, string>;
  /** process-level timer start events (the server schedules them at publication) */
  timerStarts: string[];
  /** node id → ids of nodes reachable from it inside the same scope (for inclusive joins) */
  reach: Record<string, string[]>;
}
