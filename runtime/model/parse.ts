import { BpmnModdle } from 'bpmn-moddle';
import sopDescriptor from '../moddle/sop.json' with { type: 'json' };
import { compileCondition, ConditionSyntaxError, type CompiledCondition } from '../conditions.js';
import { parseDuration, parseTimer } from '../duration.js';
import type { ElementKind, EventDefinition, FlowNode, Mapping, MultiInstance, ProcessModel, SequenceFlow } from './types.js';

/**
 * The loosely typed view of a bpmn-moddle element we read from. bpmn-moddle's generated
 * types do not know our `sop:` attributes, so they are read through `get()`.
 */
interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  get(name: string): unknown;
  [key: string]: unknown;
}

/** A reason the model cannot run, naming the element. Collected, not thrown, by `parseModel`. */
export interface ModelIssue {
  code: string;
  message: string;
  element?: string;
}

export interface ParseResult {
  model: ProcessModel | undefined;
  errors: ModelIssue[];
  warnings: ModelIssue[];
}

const KIND_BY_TYPE: Record<string, ElementKind> = {
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
};

/** Drawn, not executed (CONTRACTS.md, lint). */
const DRAWN_ONLY = new Set([
  'bpmn:TextAnnotation',
  'bpmn:Association',
  'bpmn:Group',
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
  'bpmn:DataInputAssociation',
  'bpmn:DataOutputAssociation',
]);

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim().length > 0 ? v.trim() : undefined);

export async function parseModel(xml: string, opts: { processKey?: string } = {}): Promise<ParseResult> {
  const moddle = new BpmnModdle({ sop: sopDescriptor });
  const errors: ModelIssue[] = [];
  const warnings: ModelIssue[] = [];
  let root: ModdleElement;
  try {
    const parsed = await moddle.fromXML(xml, 'bpmn:Definitions');
    root = parsed.rootElement as unknown as ModdleElement;
  } catch (e) {
    return { model: undefined, errors: [{ code: 'XML_INVALID', message: (e as Error).message.split('\n')[0] }], warnings };
  }
  const processes = ((root.rootElements as ModdleElement[] | undefined) ?? []).filter((e) => e.$type === 'bpmn:Process');
  const proc =
    processes.find((p) => p.id === opts.processKey) ??
    processes.find((p) => ((p.flowElements as ModdleElement[] | undefined) ?? []).length > 0) ??
    processes[0];
  if (!proc) return { model: undefined, errors: [{ code: 'NO_PROCESS', message: 'Model tidak memuat bpmn:process' }], warnings };

  const nodes: Record<string, FlowNode> = {};
  const flows: Record<string, SequenceFlow> = {};
  const laneOf = collectLanes(proc);

  const visit = (container: ModdleElement, parent: string | null, inherited: LaneInfo) => {
    for (const el of (container.flowElements as ModdleElement[] | undefined) ?? []) {
      const id = el.id ?? '';
      if (el.$type === 'bpmn:SequenceFlow') {
        flows[id] = {
          id,
          name: str(el.name) ?? '',
          source: (el.sourceRef as ModdleElement).id ?? '',
          target: (el.targetRef as ModdleElement).id ?? '',
          condition: readCondition(el, errors),
        };
        continue;
      }
      if (DRAWN_ONLY.has(el.$type)) continue;
      const kind = KIND_BY_TYPE[el.$type];
      if (el.$type === 'bpmn:ScriptTask') {
        errors.push({ code: 'SCRIPT_TASK_REFUSED', message: `Script task "${el.name ?? id}" ditolak: runtime tidak pernah menjalankan skrip. Gunakan service task dengan sop:handler atau business rule task`, element: id });
        continue;
      }
      if (!kind) {
        errors.push({ code: 'UNSUPPORTED_ELEMENT', message: `Elemen ${el.$type.replace('bpmn:', '')} "${el.name ?? id}" tidak didukung runtime`, element: id });
        continue;
      }
      if (kind === 'subProcess' && (el.triggeredByEvent === true || el.$type !== 'bpmn:SubProcess')) {
        errors.push({ code: 'UNSUPPORTED_ELEMENT', message: `Event sub-process "${el.name ?? id}" tidak didukung runtime`, element: id });
        continue;
      }
      const lane = laneOf.get(id) ?? inherited;
      const node = readNode(el, kind, parent, lane, errors);
      nodes[id] = node;
      if (kind === 'subProcess') visit(el, id, lane);
    }
  };
  visit(proc, null, {});

  for (const f of Object.values(flows)) {
    const s = nodes[f.source];
    const t = nodes[f.target];
    if (!s || !t) continue;
    s.outgoing.push(f.id);
    t.incoming.push(f.id);
  }
  for (const n of Object.values(nodes)) {
    if (n.attachedTo) nodes[n.attachedTo]?.boundaries.push(n.id);
    if (n.kind === 'subProcess') {
      n.startEvents = Object.values(nodes)
        .filter((c) => c.parent === n.id && c.kind === 'startEvent')
        .map((c) => c.id);
    }
  }
  const startEvents = Object.values(nodes)
    .filter((n) => n.parent === null && n.kind === 'startEvent' && n.event.type !== 'message' && n.event.type !== 'timer')
    .map((n) => n.id);
  const timerStarts = Object.values(nodes)
    .filter((n) => n.parent === null && n.kind === 'startEvent' && n.event.type === 'timer')
    .map((n) => n.id);
  const messageStarts: Record<string, string> = {};
  for (const n of Object.values(nodes)) {
    if (n.parent === null && n.kind === 'startEvent' && n.event.type === 'message') messageStarts[n.event.messageName] = n.id;
  }
  const model: ProcessModel = {
    key: proc.id ?? '',
    name: str(proc.name) ?? proc.id ?? '',
    starterRoles: (str(proc.get('sop:starterRoles')) ?? '').split(/\s+/).filter(Boolean),
    requirementsRuleSet: str(proc.get('sop:requirementsRuleSet')),
    dateVariable: str(proc.get('sop:dateVariable')),
    nodes,
    flows,
    startEvents,
    messageStarts,
    timerStarts,
    reach: computeReach(nodes, flows),
  };
  return { model, errors, warnings };
}

function collectLanes(proc: ModdleElement): Map<string, LaneInfo> {
  const out = new Map<string, LaneInfo>();
  const walk = (laneSet: ModdleElement | undefined, outer: LaneInfo) => {
    for (const lane of (laneSet?.lanes as ModdleElement[] | undefined) ?? []) {
      const here: LaneInfo = {
        role: str(lane.get('sop:role')) ?? outer.role,
        office: str(lane.get('sop:office')) ?? outer.office,
        supervisorRole: str(lane.get('sop:supervisorRole')) ?? outer.supervisorRole,
      };
      for (const ref of (lane.flowNodeRef as ModdleElement[] | undefined) ?? []) if (ref.id) out.set(ref.id, here);
      // Nested lanes are more specific: walking them after the parent overwrites its entries.
      walk(lane.childLaneSet as ModdleElement | undefined, here);
    }
  };
  for (const ls of (proc.laneSets as ModdleElement[] | undefined) ?? []) walk(ls, {});
  return out;
}

function readCondition(flow: ModdleElement, errors: ModelIssue[]): CompiledCondition | undefined {
  const expr = flow.conditionExpression as ModdleElement | undefined;
  if (!expr) return undefined;
  const body = str(expr.body);
  if (!body) return undefined;
  try {
    return compileCondition(str(expr.language), body);
  } catch (e) {
    if (!(e instanceof ConditionSyntaxError)) throw e;
    errors.push({ code: 'CONDITION_INVALID', message: `Kondisi alur "${flow.name ?? flow.id}": ${e.message}`, element: flow.id });
    return undefined;
  }
}

function parseMappings(text: string | undefined): Mapping[] | undefined {
  if (text === undefined) return undefined;
  return text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const [target, source] = p.split('=').map((s) => s.trim());
      return { target, source: source ?? target };
    });
}

function readEvent(el: ModdleElement, errors: ModelIssue[]): EventDefinition {
  const defs = (el.eventDefinitions as ModdleElement[] | undefined) ?? [];
  if (defs.length === 0) return { type: 'none' };
  if (defs.length > 1) {
    errors.push({ code: 'UNSUPPORTED_ELEMENT', message: `Event "${el.name ?? el.id}" dengan beberapa definisi (multiple) tidak didukung`, element: el.id });
    return { type: 'none' };
  }
  const d = defs[0];
  switch (d.$type) {
    case 'bpmn:TimerEventDefinition': {
      for (const kind of ['timeDuration', 'timeDate', 'timeCycle'] as const) {
        const text = str((d[kind] as ModdleElement | undefined)?.body);
        if (text === undefined) continue;
        const timer = parseTimer(kind, text);
        if (timer) return { type: 'timer', timer };
        errors.push({ code: 'TIMER_INVALID', message: `Timer "${el.name ?? el.id}": ${kind} "${text}" bukan format ISO 8601 yang didukung`, element: el.id });
        return { type: 'none' };
      }
      errors.push({ code: 'TIMER_INVALID', message: `Timer "${el.name ?? el.id}" tidak memiliki timeDuration/timeDate/timeCycle`, element: el.id });
      return { type: 'none' };
    }
    case 'bpmn:MessageEventDefinition': {
      const msg = d.messageRef as ModdleElement | undefined;
      const messageName = str(msg?.name) ?? str(msg?.id);
      if (!messageName) {
        errors.push({ code: 'MESSAGE_MISSING', message: `Event pesan "${el.name ?? el.id}" tidak merujuk bpmn:message`, element: el.id });
        return { type: 'none' };
      }
      return { type: 'message', messageName, correlationVariable: str(msg?.get('sop:correlationVariable')) };
    }
    case 'bpmn:ErrorEventDefinition': {
      const err = d.errorRef as ModdleElement | undefined;
      return { type: 'error', errorCode: str(err?.errorCode) ?? str(err?.id) };
    }
    case 'bpmn:TerminateEventDefinition':
      return { type: 'terminate' };
    default:
      errors.push({
        code: 'UNSUPPORTED_ELEMENT',
        message: `Definisi event ${d.$type.replace('bpmn:', '')} pada "${el.name ?? el.id}" tidak didukung runtime`,
        element: el.id,
      });
      return { type: 'none' };
  }
}

function readReceive(el: ModdleElement): EventDefinition {
  const msg = el.messageRef as ModdleElement | undefined;
  const messageName = str(msg?.name) ?? str(msg?.id);
  return messageName ? { type: 'message', messageName, correlationVariable: str(msg?.get('sop:correlationVariable')) } : { type: 'none' };
}

function readMultiInstance(el: ModdleElement, errors: ModelIssue[]): MultiInstance | undefined {
  const lc = el.loopCharacteristics as ModdleElement | undefined;
  if (!lc) return undefined;
  if (lc.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
    errors.push({ code: 'UNSUPPORTED_ELEMENT', message: `Standard loop pada "${el.name ?? el.id}" tidak didukung: gunakan multi-instance atau gateway`, element: el.id });
    return undefined;
  }
  const collection = str(lc.get('sop:collection'));
  const cardinalityText = str((lc.loopCardinality as ModdleElement | undefined)?.body);
  const cardinality = cardinalityText !== undefined && /^\d+$/.test(cardinalityText) ? Number(cardinalityText) : undefined;
  if (!collection && cardinality === undefined) {
    errors.push({
      code: 'MULTI_INSTANCE_INVALID',
      message: `Multi-instance "${el.name ?? el.id}" perlu sop:collection (variabel daftar) atau loopCardinality berupa angka`,
      element: el.id,
    });
  }
  let completionCondition: CompiledCondition | undefined;
  const cc = lc.completionCondition as ModdleElement | undefined;
  if (cc && str(cc.body)) {
    try {
      completionCondition = compileCondition(str(cc.language), str(cc.body) ?? '');
    } catch (e) {
      errors.push({ code: 'CONDITION_INVALID', message: `Completion condition "${el.name ?? el.id}": ${(e as Error).message}`, element: el.id });
    }
  }
  return {
    sequential: lc.isSequential === true,
    collection,
    elementVariable: str(lc.get('sop:elementVariable')),
    outputCollection: str(lc.get('sop:outputCollection')) ?? `${el.id}Results`,
    cardinality,
    completionCondition,
  };
}

interface LaneInfo {
  role?: string;
  office?: string;
  supervisorRole?: string;
}

function readNode(el: ModdleElement, kind: ElementKind, parent: string | null, lane: LaneInfo, errors: ModelIssue[]): FlowNode {
  const id = el.id ?? '';
  const isActivity = KIND_BY_TYPE[el.$type] !== undefined && !/Event|Gateway/.test(el.$type);
  const durationText = isActivity ? str(el.get('sop:duration')) : undefined;
  const duration = durationText ? parseDuration(durationText) : undefined;
  if (durationText && !duration) {
    errors.push({ code: 'DURATION_INVALID', message: `sop:duration "${durationText}" pada "${el.name ?? id}" bukan durasi ISO 8601 (mis. PT5M, P1D)`, element: id });
  }
  const a = (name: string) => (isActivity ? str(el.get(name)) : undefined);
  const calendar = a('sop:calendar');
  if (calendar !== undefined && calendar !== 'calendar' && calendar !== 'working') {
    errors.push({ code: 'CALENDAR_INVALID', message: `sop:calendar "${calendar}" pada "${el.name ?? id}" harus "working" atau "calendar"`, element: id });
  }
  const attached = el.attachedToRef as ModdleElement | undefined;
  const calledElement = kind === 'callActivity' ? str(el.calledElement) : undefined;
  return {
    id,
    name: str(el.name) ?? id,
    kind,
    parent,
    incoming: [],
    outgoing: [],
    defaultFlow: (el.default as ModdleElement | undefined)?.id,
    role: lane.role,
    // A start event's office is its own (timer starts name where instances begin), never the lane's.
    office: kind === 'startEvent' ? str(el.get('sop:office')) : (a('sop:office') ?? lane.office),
    duration,
    durationText,
    // The SOP's time is working time unless the model says it means the wall clock.
    calendar: calendar === 'calendar' ? 'calendar' : 'working',
    supervisorRole: lane.supervisorRole,
    form: a('sop:form'),
    documents: (a('sop:documents') ?? '').split(/\s+/).filter(Boolean),
    instruction: a('sop:instruction'),
    output: a('sop:output'),
    ruleSet: a('sop:ruleSet'),
    resultVariable: a('sop:resultVariable'),
    handler: a('sop:handler'),
    calledElement,
    inputs: parseMappings(a('sop:inputs')),
    outputs: parseMappings(a('sop:outputs')),
    multiInstance: isActivity ? readMultiInstance(el, errors) : undefined,
    event: /Event$/.test(el.$type) ? readEvent(el, errors) : kind === 'receiveTask' ? readReceive(el) : { type: 'none' },
    attachedTo: attached?.id,
    cancelActivity: el.cancelActivity !== false,
    boundaries: [],
    startEvents: [],
  };
}

/**
 * For each node, the nodes a token standing there could still reach inside its own scope,
 * following sequence flows and the flows out of attached boundary events. An inclusive join
 * waits only for tokens whose node can reach it.
 */
function computeReach(nodes: Record<string, FlowNode>, flows: Record<string, SequenceFlow>): Record<string, string[]> {
  const next = (id: string): string[] => {
    const n = nodes[id];
    const out = n.outgoing.map((f) => flows[f].target);
    for (const b of n.boundaries) out.push(b);
    return out;
  };
  const reach: Record<string, string[]> = {};
  for (const id of Object.keys(nodes)) {
    const seen = new Set<string>();
    const stack = next(id);
    while (stack.length > 0) {
      const cur = stack.pop() as string;
      if (seen.has(cur) || !nodes[cur]) continue;
      seen.add(cur);
      stack.push(...next(cur));
    }
    reach[id] = [...seen];
  }
  return reach;
}
