import { BpmnModdle } from 'bpmn-moddle';
import sopDescriptor from '../moddle/sop.json' with { type: 'json' };
import { compileCondition, ConditionSyntaxError, type CompiledCondition } from '../conditions.js';
import { parseDuration } from '../../core/duration.js';
import { parseTimer } from '../duration.js';
import { elementKind, isActivityType } from '../../core/bpmn-elements.js';
import { EVENT_KEYS, isNotificationEvent, NOTIFICATION_EVENTS } from '../../core/notification-events.js';
import type { ElementKind, EventDefinition, FlowNode, Mapping, MultiInstance, MultiInstanceBehavior, ProcessModel, SequenceFlow, StandardLoop, ThrownEvent } from './types.js';

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
  const rootTypes = new Map(((root.rootElements as ModdleElement[] | undefined) ?? []).map((e) => [e.id ?? '', e.$type]));
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
          notify: readNotify(el, errors),
        };
        continue;
      }
      if (DRAWN_ONLY.has(el.$type)) continue;
      const kind = elementKind(el.$type, (a) => el[a]);
      if (el.$type === 'bpmn:ScriptTask') {
        errors.push({ code: 'SCRIPT_TASK_REFUSED', message: `Script task "${el.name ?? id}" ditolak: runtime tidak pernah menjalankan skrip. Gunakan service task dengan sop:handler atau business rule task`, element: id });
        continue;
      }
      if (!kind) {
        errors.push({ code: 'UNSUPPORTED_ELEMENT', message: `Elemen ${el.$type.replace('bpmn:', '')} "${el.name ?? id}" tidak didukung runtime`, element: id });
        continue;
      }
      if ((kind === 'subProcess' || kind === 'eventSubProcess') && el.$type !== 'bpmn:SubProcess') {
        errors.push({ code: 'UNSUPPORTED_ELEMENT', message: `${el.$type.replace('bpmn:', '')} "${el.name ?? id}" tidak didukung runtime`, element: id });
        continue;
      }
      const lane = laneOf.get(id) ?? inherited;
      const node = readNode(el, kind, parent, lane, errors);
      nodes[id] = node;
      checkActivity(el, node, rootTypes, errors);
      if (kind === 'subProcess' || kind === 'eventSubProcess') visit(el, id, lane);
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
    if (n.kind === 'subProcess' || n.kind === 'eventSubProcess') {
      n.startEvents = Object.values(nodes)
        .filter((c) => c.parent === n.id && c.kind === 'startEvent')
        .map((c) => c.id);
      n.eventSubProcesses = Object.values(nodes)
        .filter((c) => c.parent === n.id && c.kind === 'eventSubProcess')
        .map((c) => c.id);
    }
  }
  linkEvents(nodes, errors);
  const startEvents = Object.values(nodes)
    .filter((n) => n.parent === null && n.kind === 'startEvent' && n.event.type === 'none')
    .map((n) => n.id);
  const timerStarts = Object.values(nodes)
    .filter((n) => n.parent === null && n.kind === 'startEvent' && n.event.type === 'timer')
    .map((n) => n.id);
  const messageStarts: Record<string, string> = {};
  for (const n of Object.values(nodes)) {
    if (n.parent === null && n.kind === 'startEvent' && n.event.type === 'message') messageStarts[n.event.messageName] = n.id;
  }
  const signalStarts: Record<string, string> = {};
  for (const n of Object.values(nodes)) {
    if (n.parent === null && n.kind === 'startEvent' && n.event.type === 'signal') signalStarts[n.event.signalName] = n.id;
  }
  const signals: Record<string, { senders: string[] }> = {};
  for (const s of ((root.rootElements as ModdleElement[] | undefined) ?? []).filter((e) => e.$type === 'bpmn:Signal')) {
    const name = str(s.name) ?? str(s.id);
    if (name) signals[name] = { senders: roleList(str(s.get('sop:senders'))) };
  }
  const model: ProcessModel = {
    key: proc.id ?? '',
    name: str(proc.name) ?? proc.id ?? '',
    starterRoles: (str(proc.get('sop:starterRoles')) ?? '').split(/\s+/).filter(Boolean),
    sopNumber: str(proc.get('sop:sopNumber')),
    requirementsRuleSet: str(proc.get('sop:requirementsRuleSet')),
    dateVariable: str(proc.get('sop:dateVariable')),
    nodes,
    flows,
    startEvents,
    messageStarts,
    signalStarts,
    signals,
    timerStarts,
    eventSubProcesses: Object.values(nodes)
      .filter((n) => n.parent === null && n.kind === 'eventSubProcess')
      .map((n) => n.id),
    reach: computeReach(nodes, flows),
  };
  return { model, errors, warnings };
}

/** Pairs each link throw with the one catch of its name in the same process level (BPMN 2.0.2 §10.5.6). */
function linkEvents(nodes: Record<string, FlowNode>, errors: ModelIssue[]): void {
  const catches = new Map<string, FlowNode[]>();
  for (const n of Object.values(nodes)) {
    if (n.kind !== 'intermediateCatchEvent' || n.event.type !== 'link') continue;
    const k = `${n.parent ?? ''}\u0000${n.event.linkName}`;
    catches.set(k, [...(catches.get(k) ?? []), n]);
  }
  for (const list of catches.values()) {
    if (list.length > 1) for (const n of list.slice(1)) errors.push({ code: 'LINK_INVALID', message: `Link catch "${n.name}": nama link dipakai lebih dari satu catch di tingkat proses yang sama`, element: n.id });
  }
  for (const n of Object.values(nodes)) {
    if (n.kind !== 'intermediateThrowEvent' || n.event.type !== 'link') continue;
    const target = catches.get(`${n.parent ?? ''}\u0000${n.event.linkName}`)?.[0];
    if (target) n.linkTarget = target.id;
    else errors.push({ code: 'LINK_INVALID', message: `Link throw "${n.name}": tidak ada link catch bernama "${n.event.linkName}" di tingkat proses yang sama`, element: n.id });
  }
}

/** What an activity declares that the runtime would otherwise run wrongly: refused, naming it. */
function checkActivity(el: ModdleElement, node: FlowNode, rootTypes: Map<string, string>, errors: ModelIssue[]): void {
  if (!isActivityType(el.$type)) return;
  for (const q of ['startQuantity', 'completionQuantity'] as const) {
    // bpmn-moddle fills in the default 1; another value would change how many tokens the activity takes or gives.
    if (el[q] !== undefined && el[q] !== 1) {
      errors.push({ code: 'QUANTITY_UNSUPPORTED', message: `${q}="${String(el[q])}" pada "${node.name}" tidak didukung: runtime hanya menjalankan ${q} = 1`, element: node.id });
    }
  }
  if (el.$type === 'bpmn:ReceiveTask' && el.instantiate === true) {
    // An instance begins at a start event here; a receive task that would start one never would.
    errors.push({ code: 'UNSUPPORTED_ELEMENT', message: `Receive task "${node.name}" dengan instantiate="true" tidak didukung: gunakan message start event`, element: node.id });
  }
  const called = node.calledElement;
  const calledType = called === undefined ? undefined : rootTypes.get(called);
  if (calledType !== undefined && calledType !== 'bpmn:Process') {
    errors.push({
      code: 'CALLED_ELEMENT_INVALID',
      message: `Call activity "${node.name}" memanggil ${calledType.replace('bpmn:', '')} "${called}": hanya proses yang diterbitkan yang dapat dipanggil`,
      element: node.id,
    });
  }
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
  // Inline definitions and references to definitions declared at the top level are the same thing.
  const defs = [...((el.eventDefinitions as ModdleElement[] | undefined) ?? []), ...((el.eventDefinitionRef as ModdleElement[] | undefined) ?? [])];
  if (defs.length === 0) return { type: 'none' };
  if (defs.length > 1) {
    errors.push({ code: 'UNSUPPORTED_ELEMENT', message: `Event "${el.name ?? el.id}" dengan beberapa definisi (multiple) tidak didukung`, element: el.id });
    return { type: 'none' };
  }
  return readDefinition(defs[0], el, errors);
}

/** One event definition (inline, referenced, or thrown by a multi-instance behavior) of the element `el`. */
function readDefinition(d: ModdleElement, el: ModdleElement, errors: ModelIssue[]): EventDefinition {
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
      return messageEvent(messageName, msg);
    }
    case 'bpmn:ErrorEventDefinition': {
      const err = d.errorRef as ModdleElement | undefined;
      return { type: 'error', errorCode: str(err?.errorCode) ?? str(err?.id) };
    }
    case 'bpmn:SignalEventDefinition': {
      const sig = d.signalRef as ModdleElement | undefined;
      const signalName = str(sig?.name) ?? str(sig?.id);
      if (!signalName) {
        errors.push({ code: 'SIGNAL_MISSING', message: `Event sinyal "${el.name ?? el.id}" tidak merujuk bpmn:signal`, element: el.id });
        return { type: 'none' };
      }
      return { type: 'signal', signalName };
    }
    case 'bpmn:EscalationEventDefinition': {
      const esc = d.escalationRef as ModdleElement | undefined;
      return { type: 'escalation', escalationCode: str(esc?.escalationCode) ?? str(esc?.id) };
    }
    case 'bpmn:LinkEventDefinition': {
      const linkName = str(d.name);
      if (!linkName) {
        errors.push({ code: 'LINK_INVALID', message: `Link event "${el.name ?? el.id}" tidak bernama: throw dan catch dipasangkan lewat nama`, element: el.id });
        return { type: 'none' };
      }
      return { type: 'link', linkName };
    }
    case 'bpmn:TerminateEventDefinition':
      return { type: 'terminate' };
    case 'bpmn:ConditionalEventDefinition': {
      const expr = d.condition as ModdleElement | undefined;
      const body = str(expr?.body);
      if (!body) {
        errors.push({ code: 'CONDITION_INVALID', message: `Event kondisi "${el.name ?? el.id}" tidak memiliki kondisi`, element: el.id });
        return { type: 'none' };
      }
      try {
        return { type: 'conditional', condition: compileCondition(str(expr?.language), body) };
      } catch (e) {
        if (!(e instanceof ConditionSyntaxError)) throw e;
        errors.push({ code: 'CONDITION_INVALID', message: `Event kondisi "${el.name ?? el.id}": ${e.message}`, element: el.id });
        return { type: 'none' };
      }
    }
    default:
      errors.push({
        code: 'UNSUPPORTED_ELEMENT',
        message: `Definisi event ${d.$type.replace('bpmn:', '')} pada "${el.name ?? el.id}" tidak didukung runtime`,
        element: el.id,
      });
      return { type: 'none' };
  }
}

/** The `messageRef` of a receive task (what it waits for) or a send task (what it sends). */
function readMessageRef(el: ModdleElement): EventDefinition {
  const msg = el.messageRef as ModdleElement | undefined;
  const messageName = str(msg?.name) ?? str(msg?.id);
  return messageName ? messageEvent(messageName, msg) : { type: 'none' };
}

/** A list of role keys in an attribute (`sop:senders="kasir, korektor"` or `"kasir korektor"`). */
function roleList(text: string | undefined): string[] {
  return (text ?? '').split(/[\s,]+/).filter((r) => r !== '');
}

/** A message event: its name, correlation variable, and the roles that may send it (`sop:senders="kasir, korektor"`). */
function messageEvent(messageName: string, msg: ModdleElement | undefined): EventDefinition {
  const senders = roleList(str(msg?.get('sop:senders')));
  return { type: 'message', messageName, correlationVariable: str(msg?.get('sop:correlationVariable')), ...(senders && senders.length > 0 ? { senders } : {}) };
}

function readMultiInstance(el: ModdleElement, errors: ModelIssue[]): MultiInstance | undefined {
  const lc = el.loopCharacteristics as ModdleElement | undefined;
  if (!lc) return undefined;
  if (lc.$type !== 'bpmn:MultiInstanceLoopCharacteristics') return undefined;
  const behavior = readBehavior(el, lc, errors);
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
    behavior,
  };
}

/** `sop:notify`: an applicant event of the catalogue (core/notification-events.ts), else a model error. */
function readNotify(el: ModdleElement, errors: ModelIssue[]): string | undefined {
  const kind = str(el.get('sop:notify'));
  if (kind === undefined) return undefined;
  if (!isNotificationEvent(kind) || NOTIFICATION_EVENTS[kind].audience !== 'applicant') {
    const allowed = EVENT_KEYS.filter((k) => NOTIFICATION_EVENTS[k].audience === 'applicant').join(', ');
    errors.push({ code: 'NOTIFY_UNKNOWN', message: `sop:notify "${kind}" pada "${el.name ?? el.id}" bukan peristiwa pemohon; yang dikenal: ${allowed}`, element: el.id ?? '' });
    return undefined;
  }
  return kind;
}

/**
 * `behavior` (BPMN 2.0.2 §10.3.8): which events an inner instance's completion throws. All: none;
 * One: `oneBehaviorEventRef` at the first completion; None: `noneBehaviorEventRef` at every
 * completion; Complex: each `complexBehaviorDefinition`'s event when its condition holds. The events
 * run as signals (broadcast in the office) or escalations (caught around the activity, first by
 * its own boundary); anything else is refused.
 */
function readBehavior(el: ModdleElement, lc: ModdleElement, errors: ModelIssue[]): MultiInstanceBehavior {
  const kind = (['None', 'One', 'All', 'Complex'] as const).find((b) => b === lc.behavior) ?? 'All';
  const refuse = (why: string) => errors.push({ code: 'MULTI_INSTANCE_INVALID', message: `Multi-instance "${el.name ?? el.id}": ${why}`, element: el.id });
  const event = (d: ModdleElement | undefined): ThrownEvent | undefined => {
    if (!d) return undefined;
    const ev = readDefinition(d, el, errors);
    if (ev.type === 'signal' || ev.type === 'escalation') return ev;
    refuse(`event behavior ${kind} harus sinyal atau eskalasi`);
    return undefined;
  };
  const complexDefs = (lc.complexBehaviorDefinition as ModdleElement[] | undefined) ?? [];
  const wrongRef = (kind !== 'One' && lc.oneBehaviorEventRef) || (kind !== 'None' && lc.noneBehaviorEventRef) || (kind !== 'Complex' && complexDefs.length > 0);
  if (wrongRef) refuse(`event yang tidak sesuai dengan behavior="${kind}" tidak pernah dilempar`);
  if (kind === 'One' || kind === 'None') {
    const ref = (kind === 'One' ? lc.oneBehaviorEventRef : lc.noneBehaviorEventRef) as ModdleElement | undefined;
    return { kind, events: ref ? [{ condition: undefined, event: event(ref) }].filter((e): e is { condition: undefined; event: ThrownEvent } => e.event !== undefined) : [] };
  }
  if (kind === 'Complex') {
    const events: MultiInstanceBehavior['events'] = [];
    for (const cbd of complexDefs) {
      const expr = cbd.condition as ModdleElement | undefined;
      let condition: CompiledCondition | undefined;
      try {
        condition = str(expr?.body) ? compileCondition(str(expr?.language), str(expr?.body) ?? '') : undefined;
      } catch (e) {
        if (!(e instanceof ConditionSyntaxError)) throw e;
        refuse(`kondisi complexBehaviorDefinition: ${e.message}`);
        continue;
      }
      if (!condition) {
        refuse('complexBehaviorDefinition perlu kondisi');
        continue;
      }
      const thrown = cbd.event as ModdleElement | undefined;
      const defs = [...((thrown?.eventDefinitions as ModdleElement[] | undefined) ?? []), ...((thrown?.eventDefinitionRef as ModdleElement[] | undefined) ?? [])];
      const ev = event(defs[0]);
      if (!ev) {
        if (defs.length === 0) refuse('complexBehaviorDefinition perlu event (sinyal atau eskalasi)');
        continue;
      }
      events.push({ condition, event: ev });
    }
    if (events.length === 0 && complexDefs.length === 0) refuse('behavior="Complex" perlu complexBehaviorDefinition');
    return { kind, events };
  }
  return { kind, events: [] };
}

/** `sop:facts`: a JSON object of constants the model binds (e.g. `{"service":"tahunan"}`). */
function readFacts(text: string | undefined, el: ModdleElement, errors: ModelIssue[]): Record<string, unknown> | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    /* reported below */
  }
  errors.push({ code: 'FACTS_INVALID', message: `sop:facts pada "${el.name ?? el.id}" harus berupa objek JSON, mis. {"service":"tahunan"}`, element: el.id ?? '' });
  return undefined;
}

function readStandardLoop(el: ModdleElement, errors: ModelIssue[]): StandardLoop | undefined {
  const lc = el.loopCharacteristics as ModdleElement | undefined;
  if (!lc || lc.$type !== 'bpmn:StandardLoopCharacteristics') return undefined;
  let condition: CompiledCondition | undefined;
  const expr = lc.loopCondition as ModdleElement | undefined;
  if (expr && str(expr.body)) {
    try {
      condition = compileCondition(str(expr.language), str(expr.body) ?? '');
    } catch (e) {
      errors.push({ code: 'CONDITION_INVALID', message: `Loop condition "${el.name ?? el.id}": ${(e as Error).message}`, element: el.id });
    }
  }
  const maximum = typeof lc.loopMaximum === 'number' ? lc.loopMaximum : undefined;
  if (maximum !== undefined && maximum < 0) {
    // Not a number of passes: run as "no pass", the activity would be skipped without a word.
    errors.push({ code: 'LOOP_INVALID', message: `loopMaximum ${maximum} pada "${el.name ?? el.id}" tidak valid: jumlah pengulangan tidak boleh negatif`, element: el.id });
  }
  if (condition === undefined && maximum === undefined) {
    errors.push({ code: 'LOOP_INVALID', message: `Standard loop "${el.name ?? el.id}" perlu loopCondition atau loopMaximum: tanpa keduanya tidak pernah berhenti`, element: el.id });
  }
  return { condition, testBefore: lc.testBefore === true, maximum };
}

function readActivation(el: ModdleElement, errors: ModelIssue[]): CompiledCondition | undefined {
  const expr = el.activationCondition as ModdleElement | undefined;
  const body = str(expr?.body);
  if (!body) return undefined;
  try {
    return compileCondition(str(expr?.language), body);
  } catch (e) {
    if (!(e instanceof ConditionSyntaxError)) throw e;
    errors.push({ code: 'CONDITION_INVALID', message: `Activation condition "${el.name ?? el.id}": ${e.message}`, element: el.id });
    return undefined;
  }
}

interface LaneInfo {
  role?: string;
  office?: string;
  supervisorRole?: string;
}

function readNode(el: ModdleElement, kind: ElementKind, parent: string | null, lane: LaneInfo, errors: ModelIssue[]): FlowNode {
  const id = el.id ?? '';
  const isActivity = isActivityType(el.$type);
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
    // A start event's form is what a start may be sent (runtime/inputs.ts).
    form: kind === 'startEvent' ? str(el.get('sop:form')) : a('sop:form'),
    documents: (a('sop:documents') ?? '').split(/\s+/).filter(Boolean),
    instruction: a('sop:instruction'),
    output: a('sop:output'),
    ruleSet: a('sop:ruleSet'),
    resultVariable: a('sop:resultVariable'),
    facts: readFacts(a('sop:facts'), el, errors),
    handler: a('sop:handler'),
    notify: readNotify(el, errors),
    calledElement,
    inputs: parseMappings(a('sop:inputs')),
    outputs: parseMappings(a('sop:outputs')),
    multiInstance: isActivity ? readMultiInstance(el, errors) : undefined,
    loop: isActivity ? readStandardLoop(el, errors) : undefined,
    event: /Event$/.test(el.$type) ? readEvent(el, errors) : kind === 'receiveTask' || kind === 'sendTask' ? readMessageRef(el) : { type: 'none' },
    attachedTo: attached?.id,
    cancelActivity: el.cancelActivity !== false,
    boundaries: [],
    linkTarget: undefined,
    startEvents: [],
    interrupting: el.isInterrupting !== false,
    eventSubProcesses: [],
    activation: kind === 'complexGateway' ? readActivation(el, errors) : undefined,
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
    if (n.linkTarget) out.push(n.linkTarget);
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
