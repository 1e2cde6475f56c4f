import { compareSopOrder } from '../../../core/sop-order.js';
import type { Kysely } from 'kysely';
import { offeringOffices } from '../offices/offices.js';
import type { Database } from '../../db/index.js';
import { perDatabase } from '../../db/per-database.js';
import { durationMs } from '../../../core/duration.js';
import { ModelCache } from '../../../runtime/model/cache.js';
import { resolveForm } from '../../../runtime/forms.js';
import type { ProcessModel } from '../../../runtime/model/types.js';
import { todayInJakarta } from '../offices/dates.js';
import { getPublication } from '../store/store.js';
import { ruleSetService } from '../store/rules.js';
import { eligibilityFacts, type CompiledRuleSet } from '../../../rules/engine/index.js';

export interface RequirementDoc {
  code: string;
  label: string;
  required: boolean;
  /** required only in some cases (the rule has conditions) */
  conditional: boolean;
  note?: string;
}

export interface ServiceEntry {
  key: string;
  name: string;
  agency: string | null;
  publication: number;
  offices: Array<{ key: string; name: string }>;
  starterRoles: string[];
  /** the SOP's number in its source's order (`sop:sopNumber`): the catalog comes in that order */
  sopNumber: string | null;
  /** applicants may apply online (the process lets `pemohon` start it) */
  online: boolean;
  requirementsRuleSet: string | null;
  requirements: RequirementDoc[];
  /** fee rule sets the process evaluates (for the fee calculator) */
  feeRuleSets: string[];
  /** facts each fee rule set asks for (the portal's fee calculator renders them) */
  feeFacts: Record<string, { properties: Record<string, unknown>; required: string[]; eligibility: string[] }>;
  /** the start event's own form (`sop:form`, e.g. a complaint's subject and text): the apply form asks it */
  startForm: { properties: Record<string, unknown>; required: string[] };
  /** facts the requirement rule set reads (which documents apply), for the apply form */
  requirementFacts: { properties: Record<string, unknown>; required: string[]; eligibility: string[] };
  /** the SOP durations along the longest path from start to end without loops, in milliseconds */
  slaMs: number;
  slaText: string;
  steps: number;
}

/** Publications in force today: the highest n with effective_from ≤ today, per process. */
async function currentProcesses(db: Kysely<Database>): Promise<Array<{ key: string; n: number; agency: string | null }>> {
  const today = todayInJakarta();
  const rows = await db
    .selectFrom('publications as p')
    .innerJoin('documents as d', (j) => j.onRef('d.kind', '=', 'p.kind').onRef('d.key', '=', 'p.key'))
    .select(['p.key', 'd.agency', (eb) => eb.fn.max('p.n').as('n')])
    .where('p.kind', '=', 'process')
    .where('p.effective_from', '<=', today)
    .groupBy(['p.key', 'd.agency'])
    .orderBy('p.key')
    .execute();
  return rows.map((r) => ({ key: r.key, n: Number(r.n), agency: r.agency }));
}

// Publication numbers are unique only within one database: one model cache per database handle.
const modelCache = perDatabase(() => new ModelCache());

export function processModel(db: Kysely<Database>, key: string, n: number): Promise<ProcessModel> {
  return modelCache(db).load(key, n, () => publishedDiagram(db, key, n));
}

/** Published diagrams kept per database, the oldest forgotten first: a publication never changes. */
const diagramCache = perDatabase(() => new Map<string, Promise<string>>());
const DIAGRAMS_KEPT = 200;

/**
 * The BPMN XML of a publication, as every task page and status page draws it: read once per
 * server (tens of kB a read, which the task page asked of the database at every open).
 */
export function publishedDiagram(db: Kysely<Database>, key: string, n: number): Promise<string> {
  const cache = diagramCache(db);
  const id = `${key}#${n}`;
  let hit = cache.get(id);
  if (!hit) {
    hit = getPublication(db, 'process', key, n).then((p) => p.content);
    hit.catch(() => cache.delete(id));
    if (cache.size >= DIAGRAMS_KEPT) cache.delete(cache.keys().next().value as string);
    cache.set(id, hit);
  }
  return hit;
}

/** The rule set in force today, compiled and cached by the rule service; undefined when none is. */
function inForce(db: Kysely<Database>, key: string): Promise<CompiledRuleSet | undefined> {
  return ruleSetService(db).compiled(key).catch(() => undefined);
}

interface RuleDocLite {
  kind?: string;
  versions?: Array<{ effectiveFrom: string; effectiveTo?: string; rules?: Array<{ conditions?: unknown; event?: { type?: string; params?: Record<string, unknown> } }> }>;
}

/** Every document the requirement rule set can ask for in the period in force today. */
export async function requirementDocs(db: Kysely<Database>, key: string): Promise<RequirementDoc[]> {
  const today = todayInJakarta();
  const doc = (await inForce(db, key))?.doc as RuleDocLite | undefined;
  if (!doc) return [];
  const period = [...(doc.versions ?? [])]
    .filter((v) => v.effectiveFrom <= today && (!v.effectiveTo || v.effectiveTo >= today))
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
  const out: RequirementDoc[] = [];
  for (const rule of period?.rules ?? []) {
    if (rule.event?.type !== 'document') continue;
    const p = rule.event.params ?? {};
    const code = String(p.code ?? '');
    if (!code || out.some((d) => d.code === code)) continue;
    out.push({
      code,
      label: String(p.label ?? code),
      required: p.required !== false,
      conditional: rule.conditions !== undefined,
      ...(typeof p.note === 'string' ? { note: p.note } : {}),
    });
  }
  return out;
}

/** The longest start-to-end path (sum of `sop:duration`) that visits no node twice: the SOP's SLA. */
function longestPathMs(model: ProcessModel): number {
  const cost = (id: string) => {
    const d = model.nodes[id]?.duration;
    return d ? durationMs(d) : 0;
  };
  const onPath = new Set<string>();
  const walk = (id: string): number => {
    if (onPath.has(id)) return -Infinity;
    onPath.add(id);
    let best = 0;
    for (const f of model.nodes[id]?.outgoing ?? []) {
      const target = model.flows[f]?.target;
      if (target) best = Math.max(best, walk(target));
    }
    onPath.delete(id);
    return cost(id) + best;
  };
  const starts = Object.values(model.nodes).filter((n) => n.kind === 'startEvent' && n.parent === null);
  return Math.max(0, ...starts.map((n) => walk(n.id)));
}

/**
 * A published set's facts schema, and `eligibility`: the facts its `ineligible` rules read. They
 * are optional for the evaluate API but the apply form asks for them (required there), so the
 * service's remit is checked before an application starts.
 */
async function factsOf(db: Kysely<Database>, key: string): Promise<{ properties: Record<string, unknown>; required: string[]; eligibility: string[] } | undefined> {
  const doc = (await inForce(db, key))?.doc;
  if (!doc) return undefined;
  const facts = doc.facts;
  return { properties: facts?.properties ?? {}, required: facts?.required ?? [], eligibility: eligibilityFacts(doc) };
}

/** The start event's form (its JSON Schema's properties and required fields), read as the runtime reads it. */
async function startFormOf(model: ProcessModel): Promise<{ properties: Record<string, unknown>; required: string[] }> {
  const form = model.startEvents.map((id) => model.nodes[id]?.form).find((f) => f !== undefined);
  const schema = form ? (await resolveForm(form, undefined).catch(() => undefined))?.schema : undefined;
  return { properties: (schema?.properties as Record<string, unknown> | undefined) ?? {}, required: (schema?.required as string[] | undefined) ?? [] };
}

/** "2 hari 3 jam" from milliseconds, for people. */
function slaText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts = [d ? `${d} hari` : '', h ? `${h} jam` : '', m ? `${m} menit` : ''].filter(Boolean);
  return parts.join(' ') || '-';
}

export async function servicesCatalog(db: Kysely<Database>, opts: { office?: string } = {}): Promise<ServiceEntry[]> {
  const [procs, offices] = await Promise.all([currentProcesses(db), offeringOffices(db)]);
  const out: ServiceEntry[] = [];
  for (const p of procs) {
    let model: ProcessModel;
    try {
      model = await processModel(db, p.key, p.n);
    } catch {
      continue; // a publication the runtime cannot run is not offered
    }
    // Only the offices that offer the service (their `processes`, set by an admin; issue 16).
    const serviceOffices = offices.filter((o) => o.processes.includes(p.key)).map((o) => ({ key: o.key, name: o.name }));
    if (opts.office && !serviceOffices.some((o) => o.key === opts.office)) continue;
    const slaMs = longestPathMs(model);
    const feeRuleSets = [...new Set(Object.values(model.nodes).flatMap((n) => (n.kind === 'businessRuleTask' && n.ruleSet ? [n.ruleSet] : [])))];
    const feeFacts: ServiceEntry['feeFacts'] = {};
    for (const k of feeRuleSets) {
      const facts = await factsOf(db, k);
      if (facts) feeFacts[k] = facts;
    }
    const requirementFacts = (model.requirementsRuleSet ? await factsOf(db, model.requirementsRuleSet) : undefined) ?? { properties: {}, required: [], eligibility: [] };
    out.push({
      key: p.key,
      startForm: await startFormOf(model),
      feeFacts,
      requirementFacts,
      name: model.name,
      sopNumber: model.sopNumber ?? null,
      agency: p.agency,
      publication: p.n,
      offices: serviceOffices,
      starterRoles: model.starterRoles,
      online: model.starterRoles.includes('pemohon'),
      requirementsRuleSet: model.requirementsRuleSet ?? null,
      requirements: model.requirementsRuleSet ? await requirementDocs(db, model.requirementsRuleSet) : [],
      feeRuleSets,
      slaMs,
      slaText: slaText(slaMs),
      steps: Object.values(model.nodes).filter((n) => n.kind === 'userTask').length,
    });
  }
  // each agency's services in their SOP order (SOP 01, 02 … 09), not by key
  return out.sort((a, b) => (a.agency ?? '').localeCompare(b.agency ?? '') || compareSopOrder(a, b));
}
