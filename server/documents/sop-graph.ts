/**
 * Reads a BPMN model into the plain graph the SOP document is drawn from: the lanes in their
 * order (the Pelaksana columns), every flow node with its SOP attributes, every sequence flow,
 * and the SOP identity block (`sop:identity` in the process's extension elements). The one
 * place that touches bpmn-moddle for the documents; `sop-rows.ts` is pure over its result.
 */
import { BpmnModdle } from 'bpmn-moddle';
import sopDescriptor from '../../runtime/moddle/sop.json' with { type: 'json' };

export interface SopLane {
  id: string;
  name: string;
  role: string | undefined;
}

export type SopEventKind = 'none' | 'timer' | 'message' | 'signal' | 'error' | 'escalation' | 'link' | 'terminate' | 'conditional' | 'other';

export interface SopNode {
  id: string;
  name: string;
  /** the BPMN type without prefix: userTask, exclusiveGateway, startEvent, … */
  type: string;
  /** index into `lanes`, undefined when the node stands in no lane */
  lane: number | undefined;
  /** embedded sub-process that contains it */
  parent: string | undefined;
  duration: string | undefined;
  output: string | undefined;
  documents: string[];
  instruction: string | undefined;
  calledElement: string | undefined;
  /** business rule tasks: the rule set they evaluate */
  ruleSet: string | undefined;
  /** multi-instance: the collection it runs over (or 'n' for a cardinality), parallel or sequential */
  multi: { collection: string | undefined; sequential: boolean } | undefined;
  loop: boolean;
  event: SopEventKind;
  /** timer text (ISO duration/date), message or signal name */
  eventDetail: string | undefined;
  attachedTo: string | undefined;
  cancelActivity: boolean;
  defaultFlow: string | undefined;
  incoming: string[];
  outgoing: string[];
}

export interface SopFlow {
  id: string;
  name: string;
  source: string;
  target: string;
  /** the json-rules-engine condition's text, when it has one */
  condition: string | undefined;
}

/** The SOP identity block (Permenpan-RB 35/2012), kept in the model so it is versioned with it. */
export interface SopIdentity {
  number?: string;
  drafted?: string;
  revised?: string;
  approverName?: string;
  approverPosition?: string;
  approverNip?: string;
  dasarHukum?: string;
  kualifikasi?: string;
  keterkaitan?: string;
  peralatan?: string;
  peringatan?: string;
  pencatatan?: string;
}

const IDENTITY_ATTRS = ['number', 'drafted', 'revised', 'approverName', 'approverPosition', 'approverNip'] as const;
const IDENTITY_TEXTS = ['dasarHukum', 'kualifikasi', 'keterkaitan', 'peralatan', 'peringatan', 'pencatatan'] as const;

export interface SopGraph {
  key: string;
  name: string;
  agency: string | undefined;
  requirementsRuleSet: string | undefined;
  lanes: SopLane[];
  nodes: Record<string, SopNode>;
  flows: Record<string, SopFlow>;
  /** flow node ids in document order */
  order: string[];
  identity: SopIdentity;
}

interface El {
  $type: string;
  id?: string;
  name?: string;
  get(name: string): unknown;
  [key: string]: unknown;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const EVENT_KINDS: Record<string, SopEventKind> = {
  'bpmn:TimerEventDefinition': 'timer',
  'bpmn:MessageEventDefinition': 'message',
  'bpmn:SignalEventDefinition': 'signal',
  'bpmn:ErrorEventDefinition': 'error',
  'bpmn:EscalationEventDefinition': 'escalation',
  'bpmn:LinkEventDefinition': 'link',
  'bpmn:TerminateEventDefinition': 'terminate',
  'bpmn:ConditionalEventDefinition': 'conditional',
};

function eventOf(el: El): { event: SopEventKind; detail: string | undefined } {
  const def = ((el.eventDefinitions as El[] | undefined) ?? [])[0];
  if (!def) return { event: 'none', detail: undefined };
  const event = EVENT_KINDS[def.$type] ?? 'other';
  let detail: string | undefined;
  if (event === 'timer') detail = str((def.timeDuration as El | undefined)?.body) ?? str((def.timeDate as El | undefined)?.body) ?? str((def.timeCycle as El | undefined)?.body);
  if (event === 'message') detail = str((def.messageRef as El | undefined)?.name);
  if (event === 'signal') detail = str((def.signalRef as El | undefined)?.name);
  return { event, detail };
}

export async function readSopGraph(xml: string, processKey?: string): Promise<SopGraph> {
  const moddle = new BpmnModdle({ sop: sopDescriptor });
  const { rootElement } = await moddle.fromXML(xml, 'bpmn:Definitions');
  const root = rootElement as unknown as El;
  const procs = ((root.rootElements as El[] | undefined) ?? []).filter((e) => e.$type === 'bpmn:Process');
  const proc = procs.find((p) => p.id === processKey) ?? procs.find((p) => ((p.flowElements as El[] | undefined) ?? []).length > 0) ?? procs[0];
  if (!proc) throw new Error('Model tidak memuat bpmn:process');

  const lanes: SopLane[] = [];
  const laneOf = new Map<string, number>();
  const walkLanes = (laneSet: El | undefined) => {
    for (const lane of (laneSet?.lanes as El[] | undefined) ?? []) {
      const child = lane.childLaneSet as El | undefined;
      if (((child?.lanes as El[] | undefined) ?? []).length > 0) {
        walkLanes(child);
        continue;
      }
      const index = lanes.length;
      lanes.push({ id: lane.id ?? `lane-${index}`, name: str(lane.name) ?? str(lane.get('sop:role')) ?? `Pelaksana ${index + 1}`, role: str(lane.get('sop:role')) });
      for (const ref of (lane.flowNodeRef as El[] | undefined) ?? []) if (ref.id) laneOf.set(ref.id, index);
    }
  };
  for (const ls of (proc.laneSets as El[] | undefined) ?? []) walkLanes(ls);

  const nodes: Record<string, SopNode> = {};
  const flows: Record<string, SopFlow> = {};
  const order: string[] = [];
  const visit = (container: El, parent: string | undefined, inheritedLane: number | undefined) => {
    for (const el of (container.flowElements as El[] | undefined) ?? []) {
      const id = el.id ?? '';
      if (el.$type === 'bpmn:SequenceFlow') {
        flows[id] = {
          id,
          name: str(el.name) ?? '',
          source: (el.sourceRef as El).id ?? '',
          target: (el.targetRef as El).id ?? '',
          condition: str((el.conditionExpression as El | undefined)?.body),
        };
        continue;
      }
      if (!/^bpmn:(.*(Task|Event|Gateway)|CallActivity|SubProcess|Transaction)$/.test(el.$type)) continue;
      const lane = laneOf.get(id) ?? inheritedLane;
      const loopChars = el.loopCharacteristics as El | undefined;
      const multi =
        loopChars?.$type === 'bpmn:MultiInstanceLoopCharacteristics'
          ? { collection: str(loopChars.get('sop:collection')) ?? str((loopChars.loopCardinality as El | undefined)?.body), sequential: loopChars.isSequential === true }
          : undefined;
      const { event, detail } = eventOf(el);
      nodes[id] = {
        id,
        name: str(el.name) ?? '',
        type: el.$type.replace('bpmn:', '').replace(/^./, (c) => c.toLowerCase()),
        lane,
        parent,
        duration: str(el.get('sop:duration')),
        output: str(el.get('sop:output')),
        documents: (str(el.get('sop:documents')) ?? '').split(/\s+/).filter(Boolean),
        instruction: str(el.get('sop:instruction')),
        calledElement: str(el.calledElement),
        ruleSet: str(el.get('sop:ruleSet')),
        multi,
        loop: loopChars?.$type === 'bpmn:StandardLoopCharacteristics',
        event,
        eventDetail: detail,
        attachedTo: (el.attachedToRef as El | undefined)?.id,
        cancelActivity: el.cancelActivity !== false,
        defaultFlow: (el.default as El | undefined)?.id,
        incoming: [],
        outgoing: [],
      };
      order.push(id);
      if (el.$type === 'bpmn:SubProcess' || el.$type === 'bpmn:Transaction') visit(el, id, lane);
    }
  };
  visit(proc, undefined, undefined);
  for (const f of Object.values(flows)) {
    nodes[f.source]?.outgoing.push(f.id);
    nodes[f.target]?.incoming.push(f.id);
  }

  const identity: SopIdentity = {};
  const ext = ((proc.extensionElements as El | undefined)?.values as El[] | undefined) ?? [];
  const idEl = ext.find((v) => v.$type === 'sop:Identity');
  if (idEl) {
    for (const a of IDENTITY_ATTRS) {
      const v = str(idEl[a]);
      if (v) identity[a] = v;
    }
    for (const f of (idEl.fields as El[] | undefined) ?? []) {
      const name = str(f.name) as (typeof IDENTITY_TEXTS)[number] | undefined;
      const text = typeof f.text === 'string' ? f.text.trim() : '';
      if (name && (IDENTITY_TEXTS as readonly string[]).includes(name) && text) identity[name] = text;
    }
  }

  return {
    key: proc.id ?? '',
    name: str(proc.name) ?? proc.id ?? '',
    agency: str(root.get('sop:agency')),
    requirementsRuleSet: str(proc.get('sop:requirementsRuleSet')),
    lanes,
    nodes,
    flows,
    order,
    identity,
  };
}
