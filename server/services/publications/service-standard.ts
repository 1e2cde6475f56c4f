/**
 * The service standard (Standar Pelayanan, Permenpan-RB 15/2014) of a service: the six service
 * delivery components generated from what is published today — persyaratan (requirement rule
 * set, conditions in words), prosedur (the SOP's steps), jangka waktu (the longest path in
 * working time), biaya/tarif (fee rule sets with their legal basis), produk pelayanan (the
 * outputs that end the flow), penanganan pengaduan (the office's contacts) — and the eight
 * management components plus the maklumat pelayanan as editable text (migration 0019).
 * A new publication changes the page at once: nothing generated is stored.
 */
import type { Kysely } from 'kysely';
import { conditionWords, type FactInfo } from '../../../core/condition-words.js';
import { addSopTime, sopTimeMinutes, sopTimeOf, sopTimeText, ZERO_TIME, type SopTime } from '../../../core/sop-time.js';
import { parseDuration } from '../../../core/duration.js';
import type { Database } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { readSopGraph, type SopGraph } from '../../documents/sop-graph.js';
import { flattenSop } from '../../documents/sop-rows.js';
import { appendAudit } from '../platform/audit.js';
import { getOffice, offeringOffices, type OfficeContacts } from '../offices/offices.js';
import { getLatestPublication } from '../store/store.js';
import { todayInJakarta } from '../offices/dates.js';

export const MANAGEMENT_COMPONENTS = ['dasarHukum', 'sarana', 'kompetensi', 'pengawasan', 'jumlahPelaksana', 'jaminanPelayanan', 'jaminanKeamanan', 'evaluasi', 'maklumat'] as const;
export type ManagementKey = (typeof MANAGEMENT_COMPONENTS)[number];
export type ManagementTexts = Partial<Record<ManagementKey, string>>;

export interface StandardRequirement {
  code: string;
  label: string;
  required: boolean;
  /** when it applies, in words; absent = always */
  condition?: string;
}

export interface StandardFee {
  code: string;
  label: string;
  formula?: string;
  legalBasis?: string;
  condition?: string;
}

export interface StandardFeeSet {
  key: string;
  title: string;
  period: { effectiveFrom: string; effectiveTo?: string } | null;
  legalBasis: string[];
  fees: StandardFee[];
  /** the facts the calculator asks (the evaluate endpoint's input) */
  facts: { properties: Record<string, unknown>; required: string[] };
}

export interface ServiceStandard {
  key: string;
  name: string;
  publication: number;
  effectiveFrom: string;
  office: { key: string; name: string; address: string; contacts: OfficeContacts } | null;
  offices: Array<{ key: string; name: string }>;
  persyaratan: StandardRequirement[];
  prosedur: Array<{ no: number; activity: string; performer: string; decision: boolean; note: string }>;
  jangkaWaktu: { text: string; days: number; minutes: number };
  biaya: StandardFeeSet[];
  produk: string[];
  management: ManagementTexts;
  revision: number;
  updatedBy: string | null;
  updatedAt: string | null;
}

interface RuleDoc {
  title?: string;
  legalBasis?: Array<{ regulation: string; article?: string }>;
  facts?: { properties?: Record<string, FactInfo & Record<string, unknown>>; required?: string[] };
  versions?: Array<{
    effectiveFrom: string;
    effectiveTo?: string;
    legalBasis?: Array<{ regulation: string; article?: string }>;
    rules?: Array<{ name: string; conditions?: unknown; event?: { type?: string; params?: Record<string, unknown> } }>;
  }>;
}

const basisText = (b: { regulation: string; article?: string }) => (b.article ? `${b.regulation}, ${b.article}` : b.regulation);

async function ruleSetInForce(db: Kysely<Database>, key: string, today: string): Promise<{ doc: RuleDoc; period: NonNullable<RuleDoc['versions']>[number] | undefined } | undefined> {
  const pub = await getLatestPublication(db, 'ruleset', key, { at: today });
  if (!pub) return undefined;
  const doc = JSON.parse(pub.content) as RuleDoc;
  const period = [...(doc.versions ?? [])]
    .filter((v) => v.effectiveFrom <= today && (!v.effectiveTo || v.effectiveTo >= today))
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
  return { doc, period };
}

/** The longest start-to-end path in working time (PnD working days, PTnH working hours), visiting no node twice. */
function longestWorkingPath(g: SopGraph): SopTime {
  const cost = (id: string): SopTime => {
    const d = g.nodes[id]?.duration;
    const iso = d ? parseDuration(d) : undefined;
    return sopTimeOf(iso);
  };
  const onPath = new Set<string>();
  const walk = (id: string): SopTime | undefined => {
    if (onPath.has(id)) return undefined;
    onPath.add(id);
    let best: SopTime = ZERO_TIME;
    const node = g.nodes[id];
    const nexts = (node?.outgoing ?? []).map((f) => g.flows[f]?.target).filter((t): t is string => !!t);
    // a sub-process is walked through its own start; boundary events are alternatives of their host
    for (const b of Object.values(g.nodes)) if (b.attachedTo === id) nexts.push(b.id);
    for (const t of nexts) {
      const r = walk(t);
      if (r && sopTimeMinutes(r) > sopTimeMinutes(best)) best = r;
    }
    onPath.delete(id);
    return addSopTime(cost(id), best);
  };
  let best: SopTime = ZERO_TIME;
  for (const n of Object.values(g.nodes)) {
    if (n.type !== 'startEvent' || n.parent) continue;
    const r = walk(n.id);
    if (r && sopTimeMinutes(r) > sopTimeMinutes(best)) best = r;
  }
  return best;
}

async function readManagement(db: Kysely<Database>, key: string): Promise<{ texts: ManagementTexts; revision: number; updatedBy: string | null; updatedAt: string | null }> {
  const row = await db.selectFrom('service_standards').selectAll().where('process_key', '=', key).executeTakeFirst();
  if (!row) return { texts: {}, revision: 0, updatedBy: null, updatedAt: null };
  const texts = (typeof row.components === 'string' ? JSON.parse(row.components) : row.components) as ManagementTexts;
  return { texts, revision: row.revision, updatedBy: row.updated_by, updatedAt: new Date(row.updated_at).toISOString() };
}

export async function serviceStandard(db: Kysely<Database>, key: string, opts: { office?: string } = {}): Promise<ServiceStandard> {
  const today = todayInJakarta();
  const pub = await getLatestPublication(db, 'process', key, { at: today });
  if (!pub) throw new AppError('PROCESS_NOT_FOUND', `Layanan "${key}" tidak ditemukan atau belum berlaku`, { key });
  const graph = await readSopGraph(pub.content, key);
  const offices = (await offeringOffices(db)).filter((o) => o.processes.includes(key)).map((o) => ({ key: o.key, name: o.name }));
  if (opts.office && !offices.some((o) => o.key === opts.office)) throw new AppError('OFFICE_NOT_FOUND', `Kantor "${opts.office}" tidak menawarkan layanan ini`, { office: opts.office });
  const officeKey = opts.office ?? (offices.length === 1 ? offices[0]!.key : undefined);
  const office = officeKey ? await getOffice(db, officeKey) : undefined;

  // Persyaratan: every document the requirement set can ask for, with its condition in words.
  const persyaratan: StandardRequirement[] = [];
  const labels = new Map<string, string>();
  if (graph.requirementsRuleSet) {
    const req = await ruleSetInForce(db, graph.requirementsRuleSet, today);
    const facts = (req?.doc.facts?.properties ?? {}) as Record<string, FactInfo>;
    for (const rule of req?.period?.rules ?? []) {
      if (rule.event?.type !== 'document') continue;
      const p = rule.event.params ?? {};
      const code = String(p.code ?? '');
      if (!code || persyaratan.some((d) => d.code === code)) continue;
      const condition = conditionWords(rule.conditions, facts);
      labels.set(code, String(p.label ?? code));
      persyaratan.push({ code, label: String(p.label ?? code), required: p.required !== false, ...(condition ? { condition } : {}) });
    }
  }

  // Prosedur and produk: the SOP's rows.
  const table = flattenSop(graph, { documentLabel: (c) => labels.get(c) ?? c });
  const prosedur = table.rows.map((r) => ({ no: r.no, activity: r.activity, performer: table.lanes[r.lane]?.name ?? '', decision: r.shape === 'decision', note: r.keterangan.join('; ') }));
  const produk = [...new Set(table.rows.filter((r) => r.next.some((t) => t.to === 'end') && r.output).map((r) => r.output))];

  // Biaya: the fee rule sets the model evaluates, in the period in force today.
  const feeKeys = [...new Set(Object.values(graph.nodes).flatMap((n) => (n.type === 'businessRuleTask' && n.ruleSet ? [n.ruleSet] : [])))];
  const biaya: StandardFeeSet[] = [];
  for (const k of feeKeys) {
    const set = await ruleSetInForce(db, k, today);
    if (!set) continue;
    const facts = (set.doc.facts?.properties ?? {}) as Record<string, FactInfo>;
    const fees: StandardFee[] = [];
    for (const rule of set.period?.rules ?? []) {
      if (rule.event?.type !== 'fee') continue;
      const p = rule.event.params ?? {};
      const condition = conditionWords(rule.conditions, facts);
      fees.push({
        code: String(p.code ?? ''),
        label: String(p.label ?? rule.name),
        ...(typeof p.formula === 'string' ? { formula: p.formula } : {}),
        ...(typeof p.legalBasis === 'string' ? { legalBasis: p.legalBasis } : {}),
        ...(condition ? { condition } : {}),
      });
    }
    biaya.push({
      key: k,
      title: set.doc.title ?? k,
      period: set.period ? { effectiveFrom: set.period.effectiveFrom, ...(set.period.effectiveTo ? { effectiveTo: set.period.effectiveTo } : {}) } : null,
      legalBasis: [...(set.doc.legalBasis ?? []), ...(set.period?.legalBasis ?? [])].map(basisText),
      fees,
      facts: { properties: set.doc.facts?.properties ?? {}, required: set.doc.facts?.required ?? [] },
    });
  }

  const time = longestWorkingPath(graph);
  const management = await readManagement(db, key);
  return {
    key,
    name: graph.name,
    publication: pub.n,
    effectiveFrom: pub.effectiveFrom,
    office: office ? { key: office.key, name: office.name, address: office.address, contacts: office.contacts } : null,
    offices,
    persyaratan,
    prosedur,
    jangkaWaktu: { text: sopTimeText(time), days: time.days, minutes: time.minutes },
    biaya,
    produk,
    management: management.texts,
    revision: management.revision,
    updatedBy: management.updatedBy,
    updatedAt: management.updatedAt,
  };
}

/** Every service published today, for the public index. */
export async function publishedServices(db: Kysely<Database>): Promise<Array<{ key: string; name: string; offices: Array<{ key: string; name: string }> }>> {
  const today = todayInJakarta();
  const rows = await db
    .selectFrom('publications as p')
    .innerJoin('documents as d', (j) => j.onRef('d.kind', '=', 'p.kind').onRef('d.key', '=', 'p.key'))
    .select(['p.key', 'd.name'])
    .where('p.kind', '=', 'process')
    .where('p.effective_from', '<=', today)
    .groupBy(['p.key', 'd.name'])
    .orderBy('p.key')
    .execute();
  const offices = await offeringOffices(db);
  return rows
    .map((r) => ({ key: r.key, name: r.name, offices: offices.filter((o) => o.processes.includes(r.key)).map((o) => ({ key: o.key, name: o.name })) }))
    .filter((s) => s.offices.length > 0);
}

/**
 * Replaces a service's editable components (one transaction with its audit entry). `revision`
 * is the one the editor read (0 = none yet); a stale one → 409 STANDARD_CONFLICT.
 */
export async function saveManagementTexts(db: Kysely<Database>, actor: string, key: string, texts: ManagementTexts, revision: number | undefined): Promise<{ revision: number }> {
  const exists = await db.selectFrom('documents').select('key').where('kind', '=', 'process').where('key', '=', key).executeTakeFirst();
  if (!exists) throw new AppError('PROCESS_NOT_FOUND', `Proses "${key}" tidak ditemukan`, { key });
  const clean: ManagementTexts = {};
  for (const k of MANAGEMENT_COMPONENTS) {
    const v = texts[k]?.trim();
    if (v) clean[k] = v;
  }
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('service_standards').select(['revision', 'updated_by', 'updated_at']).where('process_key', '=', key).forUpdate().executeTakeFirst();
    const have = current?.revision ?? 0;
    if (revision !== undefined && revision !== have) {
      throw new AppError('STANDARD_CONFLICT', 'Standar pelayanan sudah diubah orang lain', { revision: have, updatedBy: current?.updated_by, updatedAt: current ? new Date(current.updated_at).toISOString() : undefined });
    }
    const next = have + 1;
    if (current) {
      await trx.updateTable('service_standards').set({ components: JSON.stringify(clean), revision: next, updated_by: actor, updated_at: new Date() }).where('process_key', '=', key).execute();
    } else {
      await trx.insertInto('service_standards').values({ process_key: key, components: JSON.stringify(clean), revision: next, updated_by: actor }).execute();
    }
    await appendAudit(trx, { actor, action: 'service-standard.update', subject: key, details: { revision: next, components: clean } });
    return { revision: next };
  });
}
