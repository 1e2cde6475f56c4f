/**
 * The BPMN element catalogue: every flow-element type the runtime executes, with the kind
 * name its behaviour is registered under (runtime/elements/index.ts), and the event
 * definitions it understands. The runtime's parser and the studio's lint both derive their
 * lists from here, so a type the runtime learns is accepted by lint in the same change.
 */
export const EXECUTABLE_ELEMENTS = {
  'bpmn:StartEvent': 'startEvent',
  'bpmn:EndEvent': 'endEvent',
  'bpmn:Task': 'task',
  'bpmn:UserTask': 'userTask',
  'bpmn:ManualTask': 'manualTask',
  'bpmn:BusinessRuleTask': 'businessRuleTask',
  'bpmn:ServiceTask': 'serviceTask',
  'bpmn:SendTask': 'sendTask',
  'bpmn:ReceiveTask': 'receiveTask',
  'bpmn:SubProcess': 'subProcess',
  'bpmn:CallActivity': 'callActivity',
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
  'bpmn:InclusiveGateway': 'inclusiveGateway',
  'bpmn:EventBasedGateway': 'eventBasedGateway',
  'bpmn:IntermediateCatchEvent': 'intermediateCatchEvent',
  'bpmn:IntermediateThrowEvent': 'intermediateThrowEvent',
  'bpmn:BoundaryEvent': 'boundaryEvent',
  'bpmn:ComplexGateway': 'complexGateway',
} as const;

/**
 * Kinds a type takes when an attribute says so: a `bpmn:SubProcess` with `triggeredByEvent="true"`
 * is an event sub-process (started by its start event's trigger, not by a sequence flow).
 */
export const EXECUTABLE_VARIANTS = {
  eventSubProcess: { type: 'bpmn:SubProcess', attribute: 'triggeredByEvent' },
} as const;

export type ExecutableType = keyof typeof EXECUTABLE_ELEMENTS;
/** The runtime's name for an executable type; `Record<ElementKind, …>` tables must name every one. */
export type ElementKind = (typeof EXECUTABLE_ELEMENTS)[ExecutableType] | keyof typeof EXECUTABLE_VARIANTS;

export const EXECUTABLE_TYPES = Object.keys(EXECUTABLE_ELEMENTS) as ExecutableType[];

/** The kind of an element of `type`; `flag(attribute)` reads the element's attributes a variant depends on. */
export function elementKind(type: string, flag?: (attribute: string) => unknown): ElementKind | undefined {
  if (flag) {
    for (const [kind, v] of Object.entries(EXECUTABLE_VARIANTS) as Array<[keyof typeof EXECUTABLE_VARIANTS, (typeof EXECUTABLE_VARIANTS)[keyof typeof EXECUTABLE_VARIANTS]]>) {
      if (v.type === type && flag(v.attribute) === true) return kind;
    }
  }
  return Object.hasOwn(EXECUTABLE_ELEMENTS, type) ? EXECUTABLE_ELEMENTS[type as ExecutableType] : undefined;
}

/** Activities (not events, not gateways): they carry the `sop:` task attributes and loop characteristics. */
export function isActivityType(type: string): boolean {
  return elementKind(type) !== undefined && !/Event$|Gateway$/.test(type);
}

/** Event definitions the runtime executes (on the events where runtime/validate.ts allows them). */
export const EVENT_DEFINITION_TYPES = [
  'bpmn:TimerEventDefinition',
  'bpmn:MessageEventDefinition',
  'bpmn:ErrorEventDefinition',
  'bpmn:TerminateEventDefinition',
  'bpmn:SignalEventDefinition',
  'bpmn:LinkEventDefinition',
  'bpmn:EscalationEventDefinition',
  'bpmn:ConditionalEventDefinition',
] as const;
