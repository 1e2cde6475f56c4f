import type { ProcessModel } from '../../../runtime/model/types.js';

/**
 * What changed from one publication to the next, in items the change history can put into words
 * (the studio words them in Indonesian or English from `kind`). Computed from the parsed model
 * (processes: runtime/model) or the rule-set document, not from the XML text, so layout moves and
 * attribute order do not count as changes.
 */
export type ChangeKind =
  | 'first-publication'
  | 'step-added'
  | 'step-removed'
  | 'step-renamed'
  | 'step-role-changed'
  | 'step-duration-changed'
  | 'role-added'
  | 'role-removed'
  | 'flow-added'
  | 'flow-removed'
  | 'condition-changed'
  | 'period-added'
  | 'period-removed'
  | 'period-end-changed'
  | 'constant-added'
  | 'constant-removed'
  | 'constant-changed'
  | 'rule-added'
  | 'rule-removed'
  | 'formula-changed'
  | 'rule-conditions-changed';

export interface ChangeItem {
  kind: ChangeKind;
  /** element id, role key, flow id, period start, constant or rule name */
  subject?: string;
  /** a readable name for the subject (a step's name) */
  name?: string;
  /** the period (its effectiveFrom) a constant or rule belongs to */
  period?: string;
  before?: string;
  after?: string;
}

const text = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : typeof v === 'string' ? v : JSON.stringify(v));

/** Steps, roles, durations and conditions added, removed or changed between two process models. */
export function summarizeProcessChange(before: ProcessModel | undefined, after: ProcessModel): ChangeItem[] {
  if (!before) return [{ kind: 'first-publication' }];
  const out: ChangeItem[] = [];
  const a = before.nodes;
  const b = after.nodes;
  for (const id of Object.keys(b)) if (!(id in a)) out.push({ kind: 'step-added', subject: id, name: b[id].name || undefined });
  for (const id of Object.keys(a)) if (!(id in b)) out.push({ kind: 'step-removed', subject: id, name: a[id].name || undefined });
  for (const id of Object.keys(b)) {
    const o = a[id];
    const n = b[id];
    if (!o) continue;
    const name = n.name || undefined;
    if (o.name !== n.name) out.push({ kind: 'step-renamed', subject: id, before: o.name, after: n.name });
    if (o.role !== n.role) out.push({ kind: 'step-role-changed', subject: id, name, before: o.role, after: n.role });
    if (o.durationText !== n.durationText) out.push({ kind: 'step-duration-changed', subject: id, name, before: o.durationText, after: n.durationText });
  }
  const roles = (m: ProcessModel) => new Set(Object.values(m.nodes).flatMap((x) => (x.role ? [x.role] : [])));
  const ra = roles(before);
  const rb = roles(after);
  for (const r of rb) if (!ra.has(r)) out.push({ kind: 'role-added', subject: r });
  for (const r of ra) if (!rb.has(r)) out.push({ kind: 'role-removed', subject: r });
  const fa = before.flows;
  const fb = after.flows;
  const flowName = (m: ProcessModel, id: string) => {
    const f = m.flows[id];
    const s = m.nodes[f.source]?.name || f.source;
    const t = m.nodes[f.target]?.name || f.target;
    return `${s} → ${t}`;
  };
  for (const id of Object.keys(fb)) if (!(id in fa)) out.push({ kind: 'flow-added', subject: id, name: flowName(after, id), after: text(fb[id].condition) });
  for (const id of Object.keys(fa)) if (!(id in fb)) out.push({ kind: 'flow-removed', subject: id, name: flowName(before, id) });
  for (const id of Object.keys(fb)) {
    if (!(id in fa)) continue;
    const o = text(fa[id].condition);
    const n = text(fb[id].condition);
    if (o !== n) out.push({ kind: 'condition-changed', subject: id, name: fb[id].name || flowName(after, id), before: o, after: n });
  }
  return out;
}

interface RulePeriod {
  effectiveFrom: string;
  effectiveTo?: string;
  constants: Record<string, unknown>;
  rules: Array<{ name: string; formula?: string; conditions?: unknown }>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The parts of a rule-set document that a change history names; anything malformed reads as empty. */
function periodsOf(doc: unknown): RulePeriod[] {
  if (!isRecord(doc) || !Array.isArray(doc.versions)) return [];
  return doc.versions.filter(isRecord).map((v) => ({
    effectiveFrom: typeof v.effectiveFrom === 'string' ? v.effectiveFrom : '',
    effectiveTo: typeof v.effectiveTo === 'string' ? v.effectiveTo : undefined,
    constants: isRecord(v.constants) ? v.constants : {},
    rules: (Array.isArray(v.rules) ? v.rules : []).filter(isRecord).map((r, i) => {
      const params = isRecord(r.event) && isRecord(r.event.params) ? r.event.params : {};
      return {
        name: typeof r.name === 'string' ? r.name : `#${i + 1}`,
        formula: typeof params.formula === 'string' ? params.formula : undefined,
        conditions: r.conditions,
      };
    }),
  }));
}

/** Periods, constants, formulas and rules added, removed or changed between two rule-set documents. */
export function summarizeRuleSetChange(before: unknown, after: unknown): ChangeItem[] {
  if (before === undefined) return [{ kind: 'first-publication' }];
  const out: ChangeItem[] = [];
  const pa = new Map(periodsOf(before).map((p) => [p.effectiveFrom, p]));
  const pb = periodsOf(after);
  for (const p of pb) if (!pa.has(p.effectiveFrom)) out.push({ kind: 'period-added', subject: p.effectiveFrom, after: p.effectiveTo });
  const bKeys = new Set(pb.map((p) => p.effectiveFrom));
  for (const p of pa.values()) if (!bKeys.has(p.effectiveFrom)) out.push({ kind: 'period-removed', subject: p.effectiveFrom });
  for (const n of pb) {
    const o = pa.get(n.effectiveFrom);
    if (!o) continue;
    const period = n.effectiveFrom;
    if (o.effectiveTo !== n.effectiveTo) out.push({ kind: 'period-end-changed', subject: period, before: o.effectiveTo, after: n.effectiveTo });
    for (const [k, v] of Object.entries(n.constants)) {
      if (!(k in o.constants)) out.push({ kind: 'constant-added', subject: k, period, after: text(v) });
      else if (text(o.constants[k]) !== text(v)) out.push({ kind: 'constant-changed', subject: k, period, before: text(o.constants[k]), after: text(v) });
    }
    for (const k of Object.keys(o.constants)) if (!(k in n.constants)) out.push({ kind: 'constant-removed', subject: k, period, before: text(o.constants[k]) });
    const ro = new Map(o.rules.map((r) => [r.name, r]));
    const rn = new Set(n.rules.map((r) => r.name));
    for (const r of n.rules) {
      const old = ro.get(r.name);
      if (!old) out.push({ kind: 'rule-added', subject: r.name, period, after: r.formula });
      else {
        if (old.formula !== r.formula) out.push({ kind: 'formula-changed', subject: r.name, period, before: old.formula, after: r.formula });
        if (text(old.conditions) !== text(r.conditions)) out.push({ kind: 'rule-conditions-changed', subject: r.name, period, before: text(old.conditions), after: text(r.conditions) });
      }
    }
    for (const r of o.rules) if (!rn.has(r.name)) out.push({ kind: 'rule-removed', subject: r.name, period });
  }
  return out;
}
