import { sql, type Kysely } from 'kysely';
import { wholeRupiah } from '../../../core/money.js';
import { compileRuleSet, evaluateCompiled, inspectRuleSet, type CompiledRuleSet, type EvaluationResult } from '../../../rules/engine/index.js';
import { parseModel } from '../../../runtime/model/parse.js';
import type { ProcessModel } from '../../../runtime/model/types.js';
import type { Token } from '../../../runtime/store.js';
import type { Database } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { summarizeProcessChange, type ChangeItem } from './change-summary.js';
import { countItems, jobSummary, listItems, queueChangeJob, reportProgress, writeItems, type ChangeJob, type ChangeJobItem } from './change-jobs.js';
import { isValidDate, todayInJakarta } from '../offices/dates.js';
import { readPublicationInForce } from '../runtime/publication-cache.js';
import { getDraft, getPublication } from './store.js';

/**
 * "Dampak": what a draft would change for the applications, before it is published (issue 19).
 *
 * Rule sets: the facts come from the applications themselves. A business rule task stores its
 * whole evaluation in the application's system results (`variables.sys.<resultVariable>`), and
 * that result carries the declared facts it was computed from (`facts`) and its date (`at`), so
 * nothing more needs to be kept: the run reads every stored evaluation of the rule set in the
 * chosen applications (all open ones, and those registered since `since`, default three months
 * back) and evaluates those facts twice at the "as of" date — with the publication in force today
 * ("before") and with the draft ("after"; default date: the start of the draft's newest period) —
 * so the difference is the draft's alone, not the calendar's. Nothing is written to the
 * applications. The nota an application was assessed with is shown beside them (`assessedTotal`).
 *
 * Processes: which open applications have a token on an element the draft removes or changes
 * (compared with the publication each application runs on), grouped by element.
 */

export type OfficeScope = 'all' | string[];

const BATCH = 2000;

/* ---------------- starting a run ---------------- */

export interface RuleSetImpactInput {
  asOf?: string;
  since?: string;
}

function monthsBack(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1 - months, d));
  return t.toISOString().slice(0, 10);
}

export async function startRuleSetImpact(db: Kysely<Database>, key: string, input: RuleSetImpactInput, actor: string, offices: OfficeScope): Promise<{ id: string }> {
  const draft = await getDraft(db, 'ruleset', key);
  const doc = JSON.parse(draft.content) as { versions?: Array<{ effectiveFrom: string }> };
  const report = inspectRuleSet(doc);
  if (!report.compiled) throw new AppError('RULESET_INVALID', 'Draf aturan tidak sah: perbaiki dulu sebelum menghitung dampak', { errors: report.errors });
  for (const f of ['asOf', 'since'] as const) {
    const v = input[f];
    if (v !== undefined && !isValidDate(v)) throw new AppError('VALIDATION_FAILED', `Tanggal ${f} tidak valid (YYYY-MM-DD)`, { field: f });
  }
  const newest = [...(doc.versions ?? [])].map((p) => p.effectiveFrom).sort().pop();
  const asOf = input.asOf ?? newest ?? todayInJakarta();
  const since = input.since ?? monthsBack(todayInJakarta(), 3);
  return db.transaction().execute(async (trx) => ({
    id: await queueChangeJob(trx, {
      kind: 'ruleset-impact',
      key,
      params: { asOf, since, offices, draftRevision: draft.revision, document: doc },
      actor,
      auditDetails: { asOf, since, offices, draftRevision: draft.revision },
    }),
  }));
}

export async function startProcessImpact(db: Kysely<Database>, key: string, actor: string, offices: OfficeScope): Promise<{ id: string }> {
  const draft = await getDraft(db, 'process', key);
  const { model, errors } = await parseModel(draft.content, { processKey: key });
  if (!model) throw new AppError('MODEL_INVALID', 'Draf proses tidak dapat dibaca', { errors });
  return db.transaction().execute(async (trx) => ({
    id: await queueChangeJob(trx, { kind: 'process-impact', key, params: { offices, draftRevision: draft.revision, document: draft.content }, actor, auditDetails: { offices, draftRevision: draft.revision } }),
  }));
}

/* ---------------- running: rule sets ---------------- */

interface Line {
  code: string;
  label: string;
  before: string | null;
  after: string | null;
}

interface EvaluationImpact {
  variable: string;
  assessedTotal: string;
  before: { total: string; eligible: boolean } | { error: string };
  after: { total: string; eligible: boolean } | { error: string };
  lines: Line[];
}

/** The stored evaluations of `key` among an application's system results. */
function evaluationsOf(sys: unknown, key: string): Array<[string, EvaluationResult]> {
  if (!sys || typeof sys !== 'object') return [];
  return Object.entries(sys as Record<string, unknown>).filter(
    (e): e is [string, EvaluationResult] => {
      const r = e[1] as Partial<EvaluationResult> | null;
      return !!r && typeof r === 'object' && r.ruleSet?.key === key && typeof r.facts === 'object' && r.facts !== null;
    },
  );
}

function evaluate(c: CompiledRuleSet | undefined, stored: EvaluationResult, asOf: string): EvaluationResult | { error: string } {
  if (!c) return stored;
  try {
    return evaluateCompiled(c, stored.facts, asOf);
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return { error: `${err.code ?? 'ERROR'}: ${err.message ?? String(e)}` };
  }
}

/** Fee lines by code and label (a PKB line per tax year names its year): amounts before and after. */
function changedLines(before: EvaluationResult, after: EvaluationResult): Line[] {
  const sum = (r: EvaluationResult) => {
    const m = new Map<string, { code: string; label: string; amount: bigint }>();
    for (const f of r.fees) {
      const id = `${f.code}\u0000${f.label}`;
      const prev = m.get(id);
      m.set(id, { code: f.code, label: f.label, amount: (prev?.amount ?? 0n) + wholeRupiah(f.amount) });
    }
    return m;
  };
  const a = sum(before);
  const b = sum(after);
  const out: Line[] = [];
  for (const id of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(id);
    const y = b.get(id);
    if (x?.amount === y?.amount) continue;
    out.push({ code: (x ?? y)!.code, label: (x ?? y)!.label, before: x ? x.amount.toString() : null, after: y ? y.amount.toString() : null });
  }
  return out;
}

async function publishedCompiled(db: Kysely<Database>, key: string): Promise<CompiledRuleSet | undefined> {
  const n = await readPublicationInForce(db, 'ruleset', key, todayInJakarta());
  if (n === undefined) return undefined;
  const pub = await getPublication(db, 'ruleset', key, n);
  return compileRuleSet(JSON.parse(pub.content), { publication: n });
}

/**
 * The applications in the window (open, or registered since `since`) in the offices: scanned in id
 * order, each row's stored evaluations of the set picked out in the same read (an application
 * without one is skipped), so each row's variables are read once; the count needs no variables.
 * An application is a top-level instance: a process it calls (SOP 02's payment) runs on a copy of
 * its variables, nota included, and is the same application, not another one to count.
 */
function candidates(db: Kysely<Database>, since: string, offices: OfficeScope) {
  let q = db
    .selectFrom('runtime_instances')
    .where('parent_instance_id', 'is', null)
    .where((eb) => eb.or([eb('status', '=', 'running'), eb('created_at', '>=', new Date(`${since}T00:00:00+07:00`))]));
  if (offices !== 'all') q = q.where('office', 'in', offices.length > 0 ? offices : ['\u0000']);
  return q;
}

export async function runRuleSetImpact(db: Kysely<Database>, job: ChangeJob): Promise<{ result: Record<string, unknown>; counts: Record<string, unknown> }> {
  const p = job.params as { asOf: string; since: string; offices: OfficeScope; document: unknown };
  const draft = compileRuleSet(p.document);
  const current = await publishedCompiled(db, job.key);
  const { n } = await candidates(db, p.since, p.offices).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const total = Number(n);
  // Resume after the applications a previous attempt recorded (items are written per batch).
  const last = await db.selectFrom('change_job_items').select((eb) => eb.fn.max('instance_id').as('m')).where('job_id', '=', job.id).executeTakeFirst();
  let cursor = (last?.m as string | null) ?? '';
  let done = cursor ? Number((await candidates(db, p.since, p.offices).select((eb) => eb.fn.countAll<string>().as('n')).where('id', '<=', cursor).executeTakeFirstOrThrow()).n) : 0;
  await reportProgress(db, job.id, done, total);
  for (;;) {
    const rows = await candidates(db, p.since, p.offices)
      // only what the replay needs of each stored evaluation of the set (not its trace, lines or
      // documents): less to read out of the row and to send and parse
      .select([
        'id',
        'office',
        'business_key',
        'status',
        // the application's own evaluations, and those a process it called made and it does not
        // hold itself (a fee step inside a called process; one level of calls, as the library has)
        sql<unknown>`(select jsonb_agg(jsonb_build_array(e.key, e.value -> 'facts', e.value -> 'total', e.value -> 'ruleSet' -> 'key', e.value -> 'fees', e.value -> 'eligible'))
                        from (select o.key, o.value from jsonb_each(runtime_instances.variables -> 'sys') o
                              union all
                              select c.key, c.value from runtime_instances ch cross join lateral jsonb_each(ch.variables -> 'sys') c
                               where ch.parent_instance_id = runtime_instances.id
                                 and not coalesce((runtime_instances.variables -> 'sys') ? c.key, false)) e
                       where e.value -> 'ruleSet' ->> 'key' = ${job.key})`.as('evs'),
      ])
      .where('id', '>', cursor)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    const items: Array<ChangeJobItem & { magnitude: string | null }> = [];
    for (const r of rows) {
      const evs = (typeof r.evs === 'string' ? JSON.parse(r.evs) : r.evs) as Array<[string, EvaluationResult['facts'], string, string, EvaluationResult['fees'], boolean]> | null;
      if (!evs) continue;
      // the stored evaluations, as much of them as the replay reads (the nota itself is "before"
      // only when the set has no publication in force)
      const sys = Object.fromEntries((evs ?? []).map(([variable, facts, total, key, fees, eligible]) => [variable, { ruleSet: { key }, facts, total, fees: fees ?? [], eligible: eligible !== false }]));
      const evaluations: EvaluationImpact[] = [];
      let before = 0n;
      let after = 0n;
      let assessed = 0n;
      let changed = false;
      let failed: string | undefined;
      for (const [variable, stored] of evaluationsOf(sys, job.key)) {
        const b = evaluate(current, stored, p.asOf);
        const a = evaluate(draft, stored, p.asOf);
        assessed += wholeRupiah(stored.total);
        const side = (x: EvaluationResult | { error: string }) => ('error' in x ? { error: x.error } : { total: x.total, eligible: x.eligible });
        const lines = 'error' in b || 'error' in a ? [] : changedLines(b, a);
        if ('error' in a) failed ??= a.error;
        else if ('error' in b) failed ??= b.error;
        else {
          before += wholeRupiah(b.total);
          after += wholeRupiah(a.total);
          if (b.total !== a.total || b.eligible !== a.eligible || lines.length > 0) changed = true;
        }
        evaluations.push({ variable, assessedTotal: stored.total, before: side(b), after: side(a), lines });
      }
      const eligibility = (x: EvaluationImpact['before']) => ('eligible' in x ? x.eligible : null);
      const eligibleBefore = evaluations.every((e) => eligibility(e.before) !== false);
      const eligibleAfter = evaluations.every((e) => eligibility(e.after) !== false);
      const diff = after - before;
      items.push({
        instanceId: r.id,
        status: failed ? 'failed' : changed ? 'changed' : 'unchanged',
        reason: failed ?? null,
        magnitude: failed ? null : (diff < 0n ? -diff : diff).toString(),
        data: {
          businessKey: r.business_key,
          office: r.office,
          open: r.status === 'running',
          assessedTotal: assessed.toString(),
          totalBefore: before.toString(),
          totalAfter: after.toString(),
          difference: diff.toString(),
          eligibleBefore,
          eligibleAfter,
          // an unchanged application keeps its totals only (fewer bytes written per run)
          evaluations: changed || failed ? evaluations : [],
        },
      });
    }
    await writeItems(db, job.id, items);
    cursor = rows[rows.length - 1].id;
    done += rows.length;
    if (!(await reportProgress(db, job.id, done, total))) throw new Error('run taken over by another server');
  }
  // The sums over every recorded item (also those of an earlier attempt), in decimal.
  const agg = await sql<{ status: string; n: string; before: string | null; after: string | null; elig: string }>`
    select status, count(*) as n,
           sum((data ->> 'totalBefore')::numeric)::text as before,
           sum((data ->> 'totalAfter')::numeric)::text as after,
           count(*) filter (where (data ->> 'eligibleBefore') <> (data ->> 'eligibleAfter')) as elig
      from change_job_items where job_id = ${job.id} group by status`.execute(db);
  const by = new Map(agg.rows.map((r) => [r.status, r]));
  const count = (s: string) => Number(by.get(s)?.n ?? 0);
  const sumOf = (f: 'before' | 'after') => agg.rows.filter((r) => r.status !== 'failed').reduce((acc, r) => acc + wholeRupiah(r[f] ?? '0'), 0n);
  const totalBefore = sumOf('before');
  const totalAfter = sumOf('after');
  const largest = (await listItems(db, job.id, { limit: 10, status: 'changed', byMagnitude: true })).map(itemView);
  const result = {
    asOf: p.asOf,
    since: p.since,
    publication: current?.publication ?? null,
    applications: count('changed') + count('unchanged') + count('failed'),
    changed: count('changed'),
    unchanged: count('unchanged'),
    failed: count('failed'),
    eligibilityChanged: agg.rows.reduce((acc, r) => acc + Number(r.elig), 0),
    totalBefore: totalBefore.toString(),
    totalAfter: totalAfter.toString(),
    difference: (totalAfter - totalBefore).toString(),
    largest,
  };
  return { result, counts: { applications: result.applications, changed: result.changed, failed: result.failed, difference: result.difference } };
}

function itemView(i: ChangeJobItem): Record<string, unknown> {
  return { instanceId: i.instanceId, status: i.status, ...(i.reason ? { reason: i.reason } : {}), ...(i.data ?? {}) };
}

/* ---------------- running: processes ---------------- */

const ELEMENT_CHANGES = new Set<ChangeItem['kind']>(['step-renamed', 'step-role-changed', 'step-duration-changed']);

export async function runProcessImpact(db: Kysely<Database>, job: ChangeJob): Promise<{ result: Record<string, unknown>; counts: Record<string, unknown> }> {
  const p = job.params as { offices: OfficeScope; document: string };
  const { model: draft } = await parseModel(p.document, { processKey: job.key });
  if (!draft) throw new Error('the draft cannot be parsed');
  let q = db.selectFrom('runtime_instances').select(['id', 'publication', 'office', 'business_key', 'tokens']).where('process_key', '=', job.key).where('status', '=', 'running');
  if (p.offices !== 'all') q = q.where('office', 'in', p.offices.length > 0 ? p.offices : ['\u0000']);
  const rows = await q.orderBy('id').execute();
  // What the draft removes or changes, per publication the applications run on.
  const changes = new Map<number, { removed: Set<string>; changed: Map<string, string[]>; model: ProcessModel }>();
  for (const n of new Set(rows.map((r) => r.publication))) {
    const pub = await getPublication(db, 'process', job.key, n);
    const { model } = await parseModel(pub.content, { processKey: job.key });
    if (!model) continue;
    const summary = summarizeProcessChange(model, draft);
    const changed = new Map<string, string[]>();
    for (const c of summary) if (ELEMENT_CHANGES.has(c.kind) && c.subject) changed.set(c.subject, [...(changed.get(c.subject) ?? []), c.kind]);
    changes.set(n, { removed: new Set(Object.keys(model.nodes).filter((id) => !(id in draft.nodes))), changed, model });
  }
  await db.deleteFrom('change_job_items').where('job_id', '=', job.id).execute();
  const byElement = new Map<string, { elementId: string; name: string; change: 'removed' | 'changed'; kinds: string[]; instances: number }>();
  const items: ChangeJobItem[] = [];
  for (const r of rows) {
    const c = changes.get(r.publication);
    if (!c) continue;
    const tokens = (typeof r.tokens === 'string' ? JSON.parse(r.tokens) : r.tokens) as Token[];
    const hit: Array<{ elementId: string; name: string; change: 'removed' | 'changed'; kinds: string[] }> = [];
    for (const el of new Set(tokens.map((t) => t.element))) {
      const name = c.model.nodes[el]?.name ?? el;
      if (c.removed.has(el)) hit.push({ elementId: el, name, change: 'removed', kinds: ['step-removed'] });
      else if (c.changed.has(el)) hit.push({ elementId: el, name, change: 'changed', kinds: c.changed.get(el)! });
    }
    for (const h of hit) {
      const g = byElement.get(h.elementId) ?? { ...h, instances: 0 };
      g.instances += 1;
      byElement.set(h.elementId, g);
    }
    if (hit.length > 0) items.push({ instanceId: r.id, status: 'affected', reason: null, data: { businessKey: r.business_key, office: r.office, publication: r.publication, elements: hit } });
  }
  for (let i = 0; i < items.length; i += BATCH) await writeItems(db, job.id, items.slice(i, i + BATCH));
  await reportProgress(db, job.id, rows.length, rows.length);
  const result = {
    open: rows.length,
    affected: items.length,
    byElement: [...byElement.values()].sort((a, b) => b.instances - a.instances || a.elementId.localeCompare(b.elementId)),
  };
  return { result, counts: { open: result.open, affected: result.affected } };
}

/* ---------------- reading a run ---------------- */

export async function impactView(db: Kysely<Database>, job: ChangeJob, limit = 200) {
  const items = job.status === 'done' ? await listItems(db, job.id, { limit, byMagnitude: job.kind === 'ruleset-impact' }) : [];
  return {
    // the draft's content is the run's input, not something to send back with every poll
    ...jobSummary(job, Object.fromEntries(Object.entries(job.params).filter(([k]) => k !== 'document'))),
    counts: job.status === 'done' ? await countItems(db, job.id) : {},
    items: items.map(itemView),
  };
}
