/**
 * A spec's requirements checklist → the requirement rule set `<key>-persyaratan` in the
 * rule-set format of rules/README.md (kind `requirements`, one `document` rule per item,
 * conditions where the source makes an item conditional, and the set's own test cases).
 */
import type { ProcessSpec } from '../specs/types.js';

export interface RequirementRuleSet {
  key: string;
  title: string;
  description?: string;
  kind: 'requirements';
  legalBasis: Array<{ regulation: string; article?: string; text?: string }>;
  facts: { type: 'object'; properties: Record<string, Record<string, unknown>> };
  versions: Array<Record<string, unknown>>;
  tests: Array<{ name: string; at: string; facts: Record<string, unknown>; expect: { documents: string[]; eligible?: boolean; reasons?: string[] } }>;
  status?: 'perlu-verifikasi';
  verificationNote?: string;
}

export function requirementRuleSetKey(processKey: string): string {
  return `${processKey}-persyaratan`;
}

/** Evaluates a `when` on literal facts (with defaults) to derive the expected documents. */
function holds(cond: unknown, facts: Record<string, unknown>): boolean {
  const c = cond as Record<string, unknown>;
  if (Array.isArray(c.all)) return c.all.every((x) => holds(x, facts));
  if (Array.isArray(c.any)) return c.any.some((x) => holds(x, facts));
  if (c.not) return !holds(c.not, facts);
  const v = facts[c.fact as string];
  const n = typeof v === 'number' && typeof c.value === 'number';
  switch (c.operator) {
    case 'greaterThan':
      return n && (v as number) > (c.value as number);
    case 'lessThan':
      return n && (v as number) < (c.value as number);
    case 'equal':
      return v === c.value;
    case 'notEqual':
      return v !== c.value;
    case 'in':
      return Array.isArray(c.value) && c.value.includes(v);
    default:
      throw new Error(`requirements spec: operator ${String(c.operator)} not supported by the test-case derivation`);
  }
}

export function toRequirementRuleSet(spec: ProcessSpec): RequirementRuleSet | undefined {
  const r = spec.requirements;
  if (!r) return undefined;
  const facts: Record<string, Record<string, unknown>> = {};
  const defaults: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(r.facts)) {
    facts[name] = {
      type: f.type,
      title: f.title,
      ...(f.enum ? { enum: f.enum } : {}),
      ...(f.minimum !== undefined ? { minimum: f.minimum } : {}),
      ...(f.default !== undefined ? { default: f.default } : {}),
      ...(f.description ? { description: f.description } : {}),
    };
    if (f.default !== undefined) defaults[name] = f.default;
  }
  // Eligibility first (the evaluator ignores the checklist when one of these fires).
  const eligibility = (r.eligibility ?? []).map((e) => ({
    name: e.message.id,
    conditions: e.when,
    event: { type: 'ineligible', params: { code: e.code, message: e.message, legalBasis: e.legalBasis, ...(e.redirect ? { redirect: e.redirect } : {}) } },
  }));
  const documentRules = r.documents.map((d) => ({
    name: d.label,
    ...(d.when ? { conditions: d.when } : {}),
    event: {
      type: 'document',
      params: {
        code: d.code,
        label: d.label,
        required: d.required ?? true,
        ...(d.note ? { note: d.note } : {}),
        ...(d.upload !== undefined ? { upload: d.upload } : { upload: true }),
      },
    },
  }));
  // The expected list of each test is derived from the spec and must match what the author
  // wrote when they wrote one: a wrong hand-written expectation fails generation.
  const rules = [...eligibility, ...documentRules];
  const tests = r.tests.map((t) => {
    const facts = { ...defaults, ...t.facts };
    const reasons = (r.eligibility ?? []).filter((e) => holds(e.when, facts)).map((e) => e.code);
    if (t.reasons && JSON.stringify([...t.reasons].sort()) !== JSON.stringify([...reasons].sort())) {
      throw new Error(`${spec.key}: requirement test "${t.name}" expects reasons ${t.reasons.join(',')} but the rules give ${reasons.join(',')}`);
    }
    const derived = reasons.length ? [] : r.documents.filter((d) => !d.when || holds(d.when, facts)).map((d) => d.code);
    if (t.documents && JSON.stringify([...t.documents].sort()) !== JSON.stringify([...derived].sort())) {
      throw new Error(`${spec.key}: requirement test "${t.name}" expects ${t.documents.join(',')} but the rules give ${derived.join(',')}`);
    }
    const expect = { documents: t.documents ?? derived, ...(r.eligibility?.length ? { eligible: reasons.length === 0, reasons } : {}) };
    return { name: t.name, at: r.effectiveFrom, facts: t.facts, expect };
  });
  return {
    key: requirementRuleSetKey(spec.key),
    title: r.title,
    // A model still to be verified keeps its checklist unpublished too: the seed loads both as drafts.
    ...(spec.status ? { status: spec.status, ...(spec.verificationNote ? { verificationNote: spec.verificationNote } : {}) } : {}),
    ...(r.description ? { description: r.description } : {}),
    kind: 'requirements',
    legalBasis: r.legalBasis,
    facts: { type: 'object', properties: facts },
    versions: [
      {
        effectiveFrom: r.effectiveFrom,
        label: `Persyaratan menurut ${spec.source}`,
        ...(r.assumption ? { assumption: true, assumptionNotes: r.assumptionNotes ?? [] } : {}),
        rules,
      },
    ],
    tests,
  };
}
