/** Narrow views of bpmn-js shapes and moddle objects used by the sop panel and behaviours. */
export interface BusinessObject {
  id: string;
  name?: string;
  $type: string;
  $parent?: BusinessObject;
  $instanceOf?(type: string): boolean;
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  [key: string]: unknown;
}

export interface Shape {
  id: string;
  type: string;
  businessObject: BusinessObject;
  source?: Shape;
}

export function is(bo: BusinessObject | undefined, type: string): boolean {
  return !!bo && typeof bo.$instanceOf === 'function' && bo.$instanceOf(type);
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** The process a shape's properties belong to: itself, or the participant's processRef. */
export function processOf(element: Shape): BusinessObject | undefined {
  const bo = element.businessObject;
  if (is(bo, 'bpmn:Process')) return bo;
  if (is(bo, 'bpmn:Participant')) return bo.get('processRef') as BusinessObject | undefined;
  return undefined;
}

/** The process a flow element lives in (through sub-processes). */
export function enclosingProcess(bo: BusinessObject): BusinessObject | undefined {
  let p = bo.$parent;
  while (p && !is(p, 'bpmn:Process')) p = p.$parent;
  return p;
}

export function timerOf(bo: BusinessObject): BusinessObject | undefined {
  const defs = bo.get('eventDefinitions');
  if (!Array.isArray(defs)) return undefined;
  return (defs as BusinessObject[]).find((d) => d.$type === 'bpmn:TimerEventDefinition');
}

/** The bpmn:Signal a signal event refers to (where `sop:senders` lives), if it names one. */
export function signalOf(bo: BusinessObject): BusinessObject | undefined {
  const defs = bo.get('eventDefinitions');
  if (!Array.isArray(defs)) return undefined;
  const def = (defs as BusinessObject[]).find((d) => d.$type === 'bpmn:SignalEventDefinition');
  return def ? (def.get('signalRef') as BusinessObject | undefined) : undefined;
}

/**
 * Where an element keeps the condition the condition builder edits (our condition JSON): a
 * sequence flow's conditionExpression, a conditional event's condition, a complex gateway's
 * activationCondition.
 */
export function conditionSlot(bo: BusinessObject): { target: BusinessObject; attr: 'conditionExpression' | 'condition' | 'activationCondition' } | undefined {
  if (is(bo, 'bpmn:SequenceFlow')) return { target: bo, attr: 'conditionExpression' };
  if (is(bo, 'bpmn:ComplexGateway')) return { target: bo, attr: 'activationCondition' };
  const defs = bo.get('eventDefinitions');
  const def = Array.isArray(defs) ? (defs as BusinessObject[]).find((d) => d.$type === 'bpmn:ConditionalEventDefinition') : undefined;
  return def ? { target: def, attr: 'condition' } : undefined;
}

/** The body of the element's condition ('' when none). */
export function conditionBody(bo: BusinessObject): string {
  const slot = conditionSlot(bo);
  const expr = slot ? (slot.target.get(slot.attr) as BusinessObject | undefined) : undefined;
  return expr ? str(expr.get('body')) : '';
}
