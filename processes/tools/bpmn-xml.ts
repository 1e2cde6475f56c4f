/**
 * Writes one SOP as BPMN 2.0 XML: a collaboration with one participant whose process has a
 * lane set (lane `sop:role`), the flow nodes with their `sop` attributes, conditioned
 * sequence flows (json-rules-engine JSON), and the BPMNDI of `layout.ts`.
 */
import type { ProcessSpec, StepSpec, TaskAttrs } from '../specs/types.js';
import { buildGraph, type GraphFlow, type GraphNode } from './graph.js';
import { layout, type Bounds } from './layout.js';

const SOP_NS = 'https://sop-studio.id/schema/bpmn/sop/1.0';

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}

function attrs(pairs: Array<[string, string | undefined]>): string {
  return pairs
    .filter((p): p is [string, string] => p[1] !== undefined && p[1] !== '')
    .map(([k, v]) => ` ${k}="${esc(v)}"`)
    .join('');
}

const TAG: Record<GraphNode['kind'], string> = {
  start: 'bpmn:startEvent',
  end: 'bpmn:endEvent',
  user: 'bpmn:userTask',
  service: 'bpmn:serviceTask',
  rule: 'bpmn:businessRuleTask',
  call: 'bpmn:callActivity',
  decision: 'bpmn:exclusiveGateway',
  merge: 'bpmn:exclusiveGateway',
};

/** The document codes a checklist step shows: every code of the requirement set. */
function documentsOf(spec: ProcessSpec, a: TaskAttrs): string | undefined {
  if (!a.documents) return undefined;
  if (a.documents === 'requirements') return (spec.requirements?.documents ?? []).map((d) => d.code).join(' ');
  return a.documents.join(' ');
}

/**
 * The catalogue event (core/notification-events.ts) a step raises when a token reaches it
 * (`sop:notify`): the step's own `notify`, else the library's naming conventions — the
 * applicant's `bayar…` step (a fee to pay), a `surat_tolak…` step (rejected, with the reason),
 * an `ambil…` step of the applicant or a `serah_izin`/`serah_fiskal` hand-over (ready to collect).
 */
function stepNotify(spec: ProcessSpec, step: StepSpec): string | undefined {
  if (step.kind !== 'user') return undefined;
  if (step.notify) return step.notify;
  const applicantLane = spec.lanes.find((l) => l.id === step.lane)?.role === 'pemohon';
  if (/^surat_tolak/.test(step.id)) return 'rejected';
  if (applicantLane && /^bayar/.test(step.id)) return 'fee-to-pay';
  if ((applicantLane && /^ambil/.test(step.id)) || /^serah_(izin|fiskal)$/.test(step.id)) return 'ready-to-collect';
  return undefined;
}

/** A decision's "berkas tidak lengkap" branch (berkasLengkap = false) tells the applicant. */
function flowNotify(f: GraphFlow): string | undefined {
  const c = f.condition as { all?: Array<{ fact?: string; operator?: string; value?: unknown }> } | undefined;
  const only = c?.all?.length === 1 ? c.all[0] : undefined;
  return only?.fact === 'berkasLengkap' && only.operator === 'equal' && only.value === false ? 'berkas-tidak-lengkap' : undefined;
}

function taskAttrs(spec: ProcessSpec, a: TaskAttrs): Array<[string, string | undefined]> {
  return [
    ['sop:duration', a.duration],
    ['sop:output', a.output],
    ['sop:instruction', a.instruction],
    ['sop:documents', documentsOf(spec, a)],
    ['sop:form', a.form],
    ['sop:office', a.office],
  ];
}

function nodeXml(spec: ProcessSpec, node: GraphNode, incoming: GraphFlow[], outgoing: GraphFlow[]): string {
  const tag = TAG[node.kind];
  const head: Array<[string, string | undefined]> = [['id', node.id], ['name', node.name]];
  let extra: Array<[string, string | undefined]> = [];
  let inner = '';
  const step = node as StepSpec;
  switch (step.kind) {
    case 'user':
      extra = [['sop:duration', step.duration], ['sop:handler', step.handler], ...taskAttrs(spec, step).slice(1), ['sop:notify', stepNotify(spec, step)]];
      if (step.multiInstance) {
        inner += `      <bpmn:multiInstanceLoopCharacteristics${attrs([
          ['isSequential', step.multiInstance.sequential ? 'true' : undefined],
          ['sop:collection', step.multiInstance.collection],
          ['sop:elementVariable', step.multiInstance.elementVariable],
        ])} />\n`;
      }
      break;
    case 'service':
      extra = [['sop:handler', step.handler], ...taskAttrs(spec, step)];
      break;
    case 'rule':
      extra = [['sop:ruleSet', step.ruleSet], ['sop:resultVariable', step.resultVariable], ['sop:facts', step.facts ? JSON.stringify(step.facts) : undefined], ...taskAttrs(spec, step)];
      break;
    case 'call':
      extra = [['calledElement', step.calledElement], ['sop:inputs', step.inputs], ['sop:outputs', step.outputs], ...taskAttrs(spec, step)];
      break;
    case 'start':
      extra = [['sop:form', step.form]];
      break;
    case 'end':
      extra = [['sop:notify', step.notify]];
      break;
    default:
      break;
  }
  const flowsXml =
    incoming.map((f) => `      <bpmn:incoming>${f.id}</bpmn:incoming>\n`).join('') +
    outgoing.map((f) => `      <bpmn:outgoing>${f.id}</bpmn:outgoing>\n`).join('');
  // Loop characteristics follow incoming/outgoing in the BPMN schema's sequence.
  return `    <${tag}${attrs([...head, ...extra])}>\n${flowsXml}${inner}    </${tag}>\n`;
}

function flowXml(f: GraphFlow): string {
  const head = `    <bpmn:sequenceFlow${attrs([['id', f.id], ['name', f.name], ['sourceRef', f.from], ['targetRef', f.to], ['sop:notify', flowNotify(f)]])}`;
  if (!f.condition) return `${head} />\n`;
  return `${head}>\n      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="json-rules-engine">${esc(JSON.stringify(f.condition))}</bpmn:conditionExpression>\n    </bpmn:sequenceFlow>\n`;
}

const b = (r: Bounds) => `<dc:Bounds x="${r.x}" y="${r.y}" width="${r.width}" height="${r.height}" />`;

/** External labels of events and gateways sit under the shape. */
function externalLabel(node: GraphNode, r: Bounds, above: boolean): Bounds | undefined {
  if (node.kind === 'merge' || !['start', 'end', 'decision'].includes(node.kind)) return undefined;
  const width = 100;
  const height = 27;
  return { x: Math.round(r.x + r.width / 2 - width / 2), y: above ? r.y - height - 5 : r.y + r.height + 5, width, height };
}

export function toBpmnXml(spec: ProcessSpec): string {
  const graph = buildGraph(spec);
  const lay = layout(spec.lanes, graph);
  const inc = (id: string) => graph.flows.filter((f) => f.to === id);
  const out = (id: string) => graph.flows.filter((f) => f.from === id);
  const laneId = (id: string) => `Lane_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;

  let xml = '<?xml version="1.0" encoding="UTF-8"?>\n';
  xml += `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:sop="${SOP_NS}"${attrs([
    ['id', `Definitions_${spec.key}`],
    ['name', spec.name],
    ['targetNamespace', 'https://sop-studio.id/processes'],
    ['exporter', 'sop-studio processes/tools/generate.ts'],
    ['exporterVersion', '1'],
    ['sop:agency', spec.agency],
    ['sop:source', spec.source],
    ['sop:status', spec.status],
    ['sop:verificationNote', spec.verificationNote],
  ])}>\n`;
  for (const code of [...new Set(graph.boundaries.map((bd) => bd.errorCode))]) {
    xml += `  <bpmn:error id="Error_${code}" name="${esc(code)}" errorCode="${esc(code)}" />\n`;
  }
  xml += `  <bpmn:collaboration id="Collaboration_${spec.key}">\n`;
  xml += `    <bpmn:participant id="Participant_${spec.key}" name="${esc(spec.name)}" processRef="${spec.key}" />\n`;
  xml += '  </bpmn:collaboration>\n';
  xml += `  <bpmn:process${attrs([
    ['id', spec.key],
    ['name', spec.name],
    ['isExecutable', 'true'],
    ['sop:starterRoles', spec.starterRoles.join(' ')],
    ['sop:sopNumber', spec.sopNumber],
    ['sop:requirementsRuleSet', spec.requirements ? `${spec.key}-persyaratan` : undefined],
  ])}>\n`;
  if (spec.documentation) xml += `    <bpmn:documentation>${esc(spec.documentation)}</bpmn:documentation>\n`;
  xml += '    <bpmn:laneSet id="LaneSet_1">\n';
  for (const lane of spec.lanes) {
    xml += `      <bpmn:lane${attrs([['id', laneId(lane.id)], ['name', lane.name], ['sop:role', lane.role], ['sop:office', lane.office], ['sop:supervisorRole', lane.supervisorRole]])}>\n`;
    for (const n of graph.nodes.filter((n) => n.lane === lane.id)) xml += `        <bpmn:flowNodeRef>${n.id}</bpmn:flowNodeRef>\n`;
    for (const bd of graph.boundaries.filter((x) => x.lane === lane.id)) xml += `        <bpmn:flowNodeRef>${bd.id}</bpmn:flowNodeRef>\n`;
    xml += '      </bpmn:lane>\n';
  }
  xml += '    </bpmn:laneSet>\n';
  for (const n of graph.nodes) xml += nodeXml(spec, n, inc(n.id), out(n.id));
  for (const bd of graph.boundaries) {
    xml += `    <bpmn:boundaryEvent${attrs([['id', bd.id], ['name', bd.name], ['attachedToRef', bd.attachedTo]])}>\n`;
    xml += out(bd.id).map((f) => `      <bpmn:outgoing>${f.id}</bpmn:outgoing>\n`).join('');
    xml += `      <bpmn:errorEventDefinition id="${bd.id}_error" errorRef="Error_${bd.errorCode}" />\n    </bpmn:boundaryEvent>\n`;
  }
  for (const f of graph.flows) xml += flowXml(f);
  xml += '  </bpmn:process>\n';

  xml += `  <bpmndi:BPMNDiagram id="Diagram_${spec.key}">\n`;
  xml += `    <bpmndi:BPMNPlane id="Plane_${spec.key}" bpmnElement="Collaboration_${spec.key}">\n`;
  xml += `      <bpmndi:BPMNShape id="Participant_${spec.key}_di" bpmnElement="Participant_${spec.key}" isHorizontal="true">\n        ${b(lay.participant)}\n      </bpmndi:BPMNShape>\n`;
  for (const lane of spec.lanes) {
    xml += `      <bpmndi:BPMNShape id="${laneId(lane.id)}_di" bpmnElement="${laneId(lane.id)}" isHorizontal="true">\n        ${b(lay.lanes.get(lane.id)!)}\n      </bpmndi:BPMNShape>\n`;
  }
  for (const n of graph.nodes) {
    const r = lay.shapes.get(n.id)!;
    const marker = n.kind === 'decision' || n.kind === 'merge' ? ' isMarkerVisible="true"' : '';
    // Decision labels go above unless a flow uses the top; event labels stay below as usual.
    const label = externalLabel(n, r, n.kind === 'decision' && !lay.topUsed.has(n.id));
    xml += `      <bpmndi:BPMNShape id="${n.id}_di" bpmnElement="${n.id}"${marker}>\n        ${b(r)}\n`;
    if (label) xml += `        <bpmndi:BPMNLabel>\n          ${b(label)}\n        </bpmndi:BPMNLabel>\n`;
    xml += '      </bpmndi:BPMNShape>\n';
  }
  for (const bd of graph.boundaries) {
    const r = lay.shapes.get(bd.id)!;
    xml += `      <bpmndi:BPMNShape id="${bd.id}_di" bpmnElement="${bd.id}">\n        ${b(r)}\n`;
    xml += `        <bpmndi:BPMNLabel>\n          ${b({ x: r.x + r.width + 4, y: r.y + r.height - 8, width: 90, height: 27 })}\n        </bpmndi:BPMNLabel>\n      </bpmndi:BPMNShape>\n`;
  }
  for (const f of graph.flows) {
    const e = lay.edges.get(f.id)!;
    xml += `      <bpmndi:BPMNEdge id="${f.id}_di" bpmnElement="${f.id}">\n`;
    for (const p of e.waypoints) xml += `        <di:waypoint x="${Math.round(p.x)}" y="${Math.round(p.y)}" />\n`;
    if (e.label) xml += `        <bpmndi:BPMNLabel>\n          ${b(e.label)}\n        </bpmndi:BPMNLabel>\n`;
    xml += '      </bpmndi:BPMNEdge>\n';
  }
  xml += '    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n</bpmn:definitions>\n';
  return xml;
}
