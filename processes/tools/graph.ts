/**
 * Spec → flow graph: resolves each step's implicit and explicit flows, turns gateway
 * branches into conditioned flows, and puts an exclusive merge gateway in front of every
 * node that more than one flow reaches (bpmnlint's fake-join; the runtime's join semantics
 * stay explicit). The node order is the column order of the diagram.
 */
import type { Condition, ProcessSpec, StepSpec } from '../specs/types.js';

export type GraphNode =
  | { kind: 'merge'; id: string; lane: string; name: string }
  | StepSpec;

export interface GraphFlow {
  id: string;
  from: string;
  to: string;
  name?: string;
  condition?: Condition;
  /** the flow leaves a boundary event (`from` is the boundary's id) */
  boundary?: boolean;
}

/** An error boundary event on a task (drawn on the task's lower edge, no column of its own). */
export interface GraphBoundary {
  id: string;
  attachedTo: string;
  lane: string;
  name: string;
  errorCode: string;
}

export interface Graph {
  nodes: GraphNode[];
  flows: GraphFlow[];
  boundaries: GraphBoundary[];
}

const boundaryId = (taskId: string) => `Boundary_${taskId}`;

class SpecError extends Error {}

function branchCondition(variable: string, b: { value?: unknown; condition?: Condition }): Condition {
  if (b.condition) return b.condition;
  return { all: [{ fact: variable, operator: 'equal', value: b.value }] };
}

export function buildGraph(spec: ProcessSpec): Graph {
  const steps = spec.steps;
  const ids = new Set<string>();
  const laneIds = new Set(spec.lanes.map((l) => l.id));
  for (const s of steps) {
    if (ids.has(s.id)) throw new SpecError(`${spec.key}: duplicate step id ${s.id}`);
    if (!laneIds.has(s.lane)) throw new SpecError(`${spec.key}: step ${s.id} in unknown lane ${s.lane}`);
    ids.add(s.id);
  }
  const check = (from: string, to: string) => {
    if (!ids.has(to)) throw new SpecError(`${spec.key}: step ${from} flows to unknown step ${to}`);
  };

  const raw: Array<Omit<GraphFlow, 'id'>> = [];
  const boundaries: GraphBoundary[] = [];
  steps.forEach((s, i) => {
    const following = steps[i + 1]?.id;
    if (s.kind === 'rule' && s.onError) {
      check(s.id, s.onError.to);
      const id = boundaryId(s.id);
      boundaries.push({ id, attachedTo: s.id, lane: s.lane, name: s.onError.name, errorCode: s.onError.code });
      raw.push({ from: id, to: s.onError.to, boundary: true });
    }
    if (s.kind === 'end') return;
    if (s.kind === 'decision') {
      for (const b of s.branches) {
        const to = b.to ?? following;
        if (!to) throw new SpecError(`${spec.key}: branch "${b.label}" of ${s.id} has nowhere to go`);
        check(s.id, to);
        raw.push({ from: s.id, to, name: b.label, condition: branchCondition(s.variable, b) });
      }
      return;
    }
    const to = s.next === undefined ? following : s.next;
    if (to === null) return;
    if (!to) throw new SpecError(`${spec.key}: step ${s.id} has no next step`);
    check(s.id, to);
    raw.push({ from: s.id, to });
  });

  // Merge gateways: written just before their target, in the target's lane.
  const incoming = new Map<string, number>();
  for (const f of raw) incoming.set(f.to, (incoming.get(f.to) ?? 0) + 1);
  const nodes: GraphNode[] = [];
  const mergeOf = new Map<string, string>();
  for (const s of steps) {
    if ((incoming.get(s.id) ?? 0) > 1 && s.kind !== 'decision') {
      const id = `Merge_${s.id}`;
      mergeOf.set(s.id, id);
      nodes.push({ kind: 'merge', id, lane: s.lane, name: '' });
    } else if ((incoming.get(s.id) ?? 0) > 1) {
      throw new SpecError(`${spec.key}: decision ${s.id} is reached by several flows; put a step before it`);
    }
    nodes.push(s);
  }
  const flows: GraphFlow[] = [];
  let n = 0;
  const flowId = () => `Flow_${String(++n).padStart(2, '0')}`;
  for (const f of raw) {
    const merge = mergeOf.get(f.to);
    flows.push({ ...f, id: flowId(), to: merge ?? f.to });
  }
  for (const [target, merge] of mergeOf) flows.push({ id: flowId(), from: merge, to: target });

  // Every node but the start must be reachable, every node but an end must lead somewhere.
  for (const node of nodes) {
    if (node.kind !== 'start' && !flows.some((f) => f.to === node.id)) throw new SpecError(`${spec.key}: ${node.id} is never reached`);
    if (node.kind !== 'end' && !flows.some((f) => f.from === node.id)) throw new SpecError(`${spec.key}: ${node.id} leads nowhere`);
  }
  return { nodes, flows, boundaries };
}
