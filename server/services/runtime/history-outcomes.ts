/**
 * What each step of an application decided, in the words of the diagram (issue 23: history shows
 * who did what with the outcome): the name of the way out the step — or the gateway right after
 * it — took ("Lengkap", "Tidak lengkap", "Tidak setuju"). The engine records the flows a node with
 * a choice of ways out took on its history row (`details.flows`); this reads them back.
 */
import type { ProcessModel } from '../../../runtime/model/types.js';

interface Row {
  element_id: string;
  event: string;
  details: unknown;
}

const flowsOf = (details: unknown): string[] => {
  const d = (typeof details === 'string' ? JSON.parse(details) : details) as { flows?: unknown } | null;
  return Array.isArray(d?.flows) ? d.flows.filter((f): f is string => typeof f === 'string') : [];
};

/** One outcome per row (null where the row decided nothing or the flows have no names). */
export function historyOutcomes(model: ProcessModel, rows: readonly Row[]): Array<string | null> {
  const named = (flows: string[]) => flows.map((f) => model.flows[f]?.name?.trim()).filter((n): n is string => !!n).join(', ') || null;
  return rows.map((row, i) => {
    if (row.event !== 'completed') return null;
    const own = named(flowsOf(row.details));
    if (own) return own;
    const node = model.nodes[row.element_id];
    if (!node || node.kind.endsWith('Gateway') || node.outgoing.length !== 1) return null;
    const next = model.flows[node.outgoing[0]]?.target;
    if (!next || !model.nodes[next]?.kind.endsWith('Gateway')) return null;
    // the gateway's row that follows this step's (the first one after it)
    const gateway = rows.slice(i + 1).find((r) => r.element_id === next && r.event === 'completed');
    return gateway ? named(flowsOf(gateway.details)) : null;
  });
}
