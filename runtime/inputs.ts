import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { conditionFacts, type CompiledCondition, type Variables } from './conditions.js';
import { RuntimeError } from './errors.js';
import { checkVariables, type FormDefinition } from './forms.js';
import type { FlowNode, ProcessModel } from './model/types.js';

/**
 * The trust boundary of process variables (issue 16, finding 1). What a person sends when they
 * start an instance or complete a task is accepted only when it is an input of that step:
 *
 * - a step with a form: the form's fields, the decision variables of the gateway after the step,
 *   the facts of the fee step(s) that follow it, and the task page's own fields (note, missing
 *   documents, reason of a refusal);
 * - a step without a form: the variables the model reads somewhere (conditions on activities'
 *   flows, completion conditions, standard loops' conditions, multi-instance collections,
 *   `sop:office` expressions, correlation and date variables), the facts of the rule sets the model evaluates
 *   (at an applicant's own step: of the fee steps ahead of it only), and the
 *   decision variables of the gateway after the step; from an applicant (a self-service start,
 *   their own step), never the date the rule sets apply on (`sop:dateVariable`). A gateway's decision variables are inputs
 *   of the step(s) before that gateway only: nobody decides "berkasLengkap" at the start.
 *
 * Never the system namespace (`sys`, where results live: fee notas, document numbers,
 * signatures — see `Ctx.setResults`) nor a name the model has the system write (a rule task's
 * result, a multi-instance output collection, a call activity's outputs). Every value is bounded
 * (string length, list length, depth, total size); a list or value a form of the model declares
 * is checked against that declaration wherever it is sent (the 13-OPD list: its enum). Anything
 * else refuses the whole request with VARIABLES_INVALID listing the paths; nothing is stored.
 *
 * What the model reads is derived once per parsed model (a publication is immutable, so the
 * derivation is kept beside the cached model); a completion's check is in memory.
 */

/** Results written by the system only: `variables.sys.<name>`. No input may name it. */
export const SYSTEM_NAMESPACE = 'sys';

export const INPUT_LIMITS = {
  /** JSON text of one request's variables */
  totalBytes: 64 * 1024,
  stringLength: 4000,
  /** a list no declaration bounds */
  listLength: 100,
  depth: 6,
} as const;

/** The generated task page's own fields (studio/features/workspace/TaskPage.tsx): every office post's task accepts them (`task`), an applicant's own step does not. */
const TASK_PAGE_FIELDS: Record<string, Record<string, unknown>> = {
  /** internal note: officers only (history, task page) */
  catatan: { type: 'string', maxLength: 2000 },
  /** message to the applicant: their status page, the rejection letter */
  pesanPemohon: { type: 'string', maxLength: 2000 },
  alasanPenolakan: { type: 'string', maxLength: 2000 },
  dokumenKurang: { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 200 } },
  /** the checklist's documents received on paper at this step (codes): every later post sees them as received */
  dokumenDiterima: { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 200 } },
};

/** Rule set key → its facts' property schemas (undefined: not known). */
export type FactSchemas = (ruleSet: string) => Promise<Record<string, Record<string, unknown>> | undefined>;

export interface ModelInputs {
  reads: Set<string>;
  ruleSets: string[];
  systemWritten: Set<string>;
  /** property schemas the model's inline forms declare, by variable name */
  declared: Map<string, Record<string, unknown>>;
  /** variables that decide who works the application: multi-instance collections, `sop:office` expressions */
  routing: Set<string>;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const derived = new WeakMap<ProcessModel, ModelInputs>();

function factsOf(c: CompiledCondition | undefined, into: Set<string>): void {
  if (c) for (const f of conditionFacts(c)) into.add(f);
}

function inlineSchema(form: string | undefined): Record<string, unknown> | undefined {
  const text = form?.trim();
  if (!text?.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    return (typeof parsed.schema === 'object' && parsed.schema !== null ? parsed.schema : parsed) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** What the model reads and what the system writes in it (cached per parsed model). */
export function modelInputs(model: ProcessModel): ModelInputs {
  const hit = derived.get(model);
  if (hit) return hit;
  const reads = new Set<string>();
  const systemWritten = new Set<string>([SYSTEM_NAMESPACE, 'loopCounter', 'nrOfInstances', 'nrOfCompletedInstances', 'nrOfActiveInstances']);
  const ruleSets = new Set<string>();
  const declared = new Map<string, Record<string, unknown>>();
  const routing = new Set<string>();
  if (model.requirementsRuleSet) ruleSets.add(model.requirementsRuleSet);
  if (model.dateVariable) reads.add(model.dateVariable);
  // A gateway's conditions are its decision: their variables are inputs only of the steps before it
  // (see `ahead`), not of every step (an applicant must not decide "berkasLengkap" at the start).
  for (const f of Object.values(model.flows)) if (!model.nodes[f.source]?.kind.endsWith('Gateway')) factsOf(f.condition, reads);
  for (const n of Object.values(model.nodes)) {
    const mi = n.multiInstance;
    if (mi) {
      if (mi.collection) {
        reads.add(mi.collection);
        routing.add(mi.collection);
      }
      factsOf(mi.completionCondition, reads);
      // behavior="Complex": its conditions read the inner instance's variables like the completion condition.
      for (const e of mi.behavior.events) factsOf(e.condition, reads);
      systemWritten.add(mi.outputCollection);
      if (mi.elementVariable) systemWritten.add(mi.elementVariable);
    }
    // A standard loop's condition is read after (or before) every pass, like a completion condition.
    factsOf(n.loop?.condition, reads);
    // Conditional events and complex gateways' activation read variables whenever a step changes them.
    if (n.event.type === 'conditional') factsOf(n.event.condition, reads);
    factsOf(n.activation, reads);
    for (const m of (n.office ?? '').matchAll(/\$\{\s*([A-Za-z_]\w*)/g)) {
      reads.add(m[1]);
      routing.add(m[1]);
    }
    if (n.event.type === 'message' && n.event.correlationVariable) reads.add(n.event.correlationVariable);
    if (n.kind === 'businessRuleTask') {
      if (n.ruleSet) ruleSets.add(n.ruleSet);
      systemWritten.add(n.resultVariable ?? `${n.id}Result`);
    }
    for (const m of n.outputs ?? []) systemWritten.add(m.target);
    const schema = inlineSchema(n.form);
    const props = schema?.properties;
    if (props && typeof props === 'object') for (const [k, v] of Object.entries(props as Record<string, Record<string, unknown>>)) declared.set(k, v);
  }
  // A multi-instance element variable read by `sop:office="${opd}"` is a local, not an input.
  for (const s of systemWritten) {
    reads.delete(s);
    routing.delete(s);
  }
  const out: ModelInputs = { reads, ruleSets: [...ruleSets], systemWritten, declared, routing };
  derived.set(model, out);
  return out;
}

const PASS_THROUGH = new Set<string>(['exclusiveGateway', 'inclusiveGateway', 'parallelGateway', 'eventBasedGateway', 'businessRuleTask', 'serviceTask', 'sendTask', 'intermediateThrowEvent', 'task']);

/**
 * What the flows after `elementId` read, up to the next step that waits for someone: the
 * conditions of the gateways and the rule sets of the fee steps passed on the way.
 */
const aheadCache = new WeakMap<ProcessModel, Map<string, { facts: Set<string>; ruleSets: Set<string> }>>();
function ahead(model: ProcessModel, elementId: string): { facts: Set<string>; ruleSets: Set<string> } {
  let byElement = aheadCache.get(model);
  if (!byElement) aheadCache.set(model, (byElement = new Map<string, { facts: Set<string>; ruleSets: Set<string> }>()));
  let hit = byElement.get(elementId);
  if (!hit) byElement.set(elementId, (hit = walkAhead(model, elementId)));
  return hit;
}

function walkAhead(model: ProcessModel, elementId: string, depth = 6): { facts: Set<string>; ruleSets: Set<string> } {
  const facts = new Set<string>();
  const ruleSets = new Set<string>();
  const seen = new Set<string>([elementId]);
  // A standard loop decides after each pass whether to run again: its condition is decided by the
  // looped step itself, or by a step inside a looped sub-process (the sub-process's last decision).
  for (let n: FlowNode | undefined = model.nodes[elementId]; n; n = n.parent ? model.nodes[n.parent] : undefined) factsOf(n.loop?.condition, facts);
  let frontier = [elementId];
  for (let d = 0; d < depth && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const fid of model.nodes[id]?.outgoing ?? []) {
        const flow = model.flows[fid];
        if (!flow) continue;
        factsOf(flow.condition, facts);
        const target = model.nodes[flow.target];
        if (!target || seen.has(target.id)) continue;
        seen.add(target.id);
        if (target.kind === 'businessRuleTask' && target.ruleSet) ruleSets.add(target.ruleSet);
        // A loop tested before its first pass is decided by the step before it.
        if (target.loop?.testBefore) factsOf(target.loop.condition, facts);
        // Automatic steps do not wait for anyone: the decision after them is still this step's.
        if (PASS_THROUGH.has(target.kind)) next.push(target.id);
      }
    }
    frontier = next;
  }
  return { facts, ruleSets };
}

const ajv = new Ajv({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv) => void)(ajv);
const validators = new Map<string, ValidateFunction>();
function validatorFor(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let v = validators.get(key);
  if (!v) {
    v = ajv.compile(schema);
    if (validators.size > 2000) validators.clear();
    validators.set(key, v);
  }
  return v;
}

interface Problem {
  path: string;
  message: string;
  /** the JSON-Schema keyword that failed, when a form's check found it (`required`: a field left out) */
  keyword?: string;
}

/** Generic bounds every value meets, declared or not. */
function bounds(value: unknown, path: string, maxItems: number, depth: number, out: Problem[]): void {
  if (out.length > 50) return;
  if (typeof value === 'string') {
    if (value.length > INPUT_LIMITS.stringLength) out.push({ path, message: `teks paling panjang ${INPUT_LIMITS.stringLength} karakter` });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (depth >= INPUT_LIMITS.depth) {
    out.push({ path, message: `isian bersarang paling dalam ${INPUT_LIMITS.depth} tingkat` });
    return;
  }
  if (Array.isArray(value)) {
    if (value.length > maxItems) {
      out.push({ path, message: `daftar paling banyak ${maxItems} butir` });
      return;
    }
    value.forEach((v, i) => bounds(v, `${path}/${i}`, INPUT_LIMITS.listLength, depth + 1, out));
    return;
  }
  for (const [k, v] of Object.entries(value)) bounds(v, `${path}/${k}`, INPUT_LIMITS.listLength, depth + 1, out);
}

function declaredMaxItems(schema: Record<string, unknown> | null): number {
  if (!schema) return INPUT_LIMITS.listLength;
  if (typeof schema.maxItems === 'number') return schema.maxItems;
  // A list of enumerated values: at most one of each.
  const items = schema.items as Record<string, unknown> | undefined;
  if (schema.uniqueItems === true && Array.isArray(items?.enum)) return items.enum.length;
  return INPUT_LIMITS.listLength;
}

/** An object of at most INPUT_LIMITS.totalBytes as JSON, else VARIABLES_INVALID. */
function boundedObject(variables: unknown): Variables {
  if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) {
    throw new RuntimeError('VARIABLES_INVALID', 'Isian harus berupa objek', { paths: ['/'], errors: [{ path: '/', message: 'harus objek' }] });
  }
  const size = JSON.stringify(variables).length;
  if (size > INPUT_LIMITS.totalBytes) {
    throw new RuntimeError('VARIABLES_INVALID', `Isian terlalu besar (${size} byte; paling besar ${INPUT_LIMITS.totalBytes})`, {
      paths: ['/'],
      errors: [{ path: '/', message: `paling besar ${INPUT_LIMITS.totalBytes} byte` }],
    });
  }
  return variables as Variables;
}

/**
 * The variables a message or signal from outside carries (POST /api/messages, /api/signals) into
 * the applications it reaches or starts: data of the sender's choosing, so never the system's
 * results (`sys`: document numbers, fee notas, signatures) nor a name `model` has the system
 * write, never a field a form of `model` declares (the permit's object, the holder's identity:
 * written by the step whose form it is) nor the task page's record (the refusal letter's reasons,
 * the documents received at the counter, the officers' note), and bounded like every input.
 * Without a model (before any application is reached) the system namespace, the task page's
 * fields and the bounds are checked. Throws VARIABLES_INVALID with the paths.
 */
export function acceptOutsideVariables(variables: unknown, model?: ProcessModel): Variables {
  if (variables === undefined) return {};
  const input = boundedObject(variables);
  const m = model ? modelInputs(model) : undefined;
  const systemWritten = m?.systemWritten ?? new Set([SYSTEM_NAMESPACE]);
  const problems: Problem[] = [];
  for (const [name, value] of Object.entries(input)) {
    const path = `/${name}`;
    if (name === SYSTEM_NAMESPACE || systemWritten.has(name)) problems.push({ path, message: 'hanya ditulis oleh sistem' });
    else if (Object.hasOwn(TASK_PAGE_FIELDS, name) || m?.declared.has(name)) problems.push({ path, message: 'diisi pada langkah yang memuat isian ini' });
    else if (!IDENT.test(name)) problems.push({ path, message: 'bukan nama isian' });
    else bounds(value, path, INPUT_LIMITS.listLength, 0, problems);
  }
  if (problems.length > 0) {
    throw new RuntimeError('VARIABLES_INVALID', 'Isian pesan atau sinyal tidak boleh menulis hasil sistem atau isian formulir', { paths: [...new Set(problems.map((p) => p.path))], errors: problems.slice(0, 50) });
  }
  return input;
}

export interface AcceptedInputs {
  /** what the step stores in the instance's variables and history */
  stored: Variables;
  /** `writeOnly` form fields: handed to the step, never stored */
  transient: Variables;
}

/**
 * Checks `variables` sent to a start (`elementId` undefined) or to the task at `elementId`
 * against the boundary above. Throws VARIABLES_INVALID with `details.paths`.
 */
export async function acceptInputs(
  model: ProcessModel,
  where: { elementId?: string; form?: FormDefinition; task?: boolean; applicant?: boolean; fields?: Record<string, Record<string, unknown>> },
  variables: unknown,
  factSchemas?: FactSchemas,
): Promise<AcceptedInputs> {
  const input = boundedObject(variables);
  const names = Object.keys(input);
  if (names.length === 0 && !where.form) return { stored: {}, transient: {} };
  const m = modelInputs(model);
  // name → its schema (null: accepted with the generic bounds only)
  const allowed = new Map<string, Record<string, unknown> | null>();
  const writeOnly = new Set<string>();
  let ruleSets: Iterable<string>;
  // The decisions and fee steps right after this step (a start: after its start events).
  const next = { facts: new Set<string>(), ruleSets: new Set<string>() };
  for (const id of where.elementId ? [where.elementId] : model.startEvents) {
    const a = ahead(model, id);
    a.facts.forEach((f) => next.facts.add(f));
    a.ruleSets.forEach((r) => next.ruleSets.add(r));
  }
  if (where.form) {
    const props = (where.form.schema.properties ?? {}) as Record<string, Record<string, unknown>>;
    for (const [k, v] of Object.entries(props)) {
      allowed.set(k, v);
      if (v && v.writeOnly === true) writeOnly.add(k);
    }
    ruleSets = next.ruleSets;
  } else {
    for (const r of m.reads) allowed.set(r, m.declared.get(r) ?? null);
    // An applicant's own step (paying, collecting) gives the facts of the fee steps ahead of it
    // only: a fee already assessed, and the measurement it was assessed on (an officer's, printed
    // on the permit), are not the applicant's to rewrite afterwards.
    ruleSets = where.applicant && where.elementId !== undefined ? next.ruleSets : m.ruleSets;
  }
  for (const f of next.facts) if (!allowed.has(f)) allowed.set(f, m.declared.get(f) ?? null);
  // A step's handler's own inputs (the kasir's amount received): theirs, at that step only.
  for (const [k, v] of Object.entries(where.fields ?? {})) {
    allowed.set(k, v);
    if (v.writeOnly === true) writeOnly.add(k);
  }
  if (where.task) for (const [k, v] of Object.entries(TASK_PAGE_FIELDS)) if (!allowed.has(k)) allowed.set(k, v);
  const problems: Problem[] = [];
  const unknown = names.filter((n) => !allowed.has(n));
  if (unknown.length > 0 && factSchemas) {
    for (const rs of ruleSets) {
      const props = await factSchemas(rs).catch(() => undefined);
      for (const [k, v] of Object.entries(props ?? {})) if (!allowed.has(k)) allowed.set(k, v);
    }
  }
  // The office's own variables, unless the applicant's step has a form that declares them: the
  // date the rule sets apply on (`sop:dateVariable`: which tariff, which regulation: an applicant
  // would pick the cheapest period), and at their own later steps who works the application
  // (multi-instance collections, `sop:office` expressions: an applicant paying arrears would drop
  // the environment agency from the list of OPDs whose technical recommendation follows).
  const formFields = (where.form?.schema.properties ?? {}) as Record<string, unknown>;
  const officeOwned = new Set<string>();
  if (where.applicant) {
    if (model.dateVariable) officeOwned.add(model.dateVariable);
    if (where.elementId !== undefined) for (const r of m.routing) officeOwned.add(r);
    for (const f of Object.keys(formFields)) officeOwned.delete(f);
  }
  for (const name of names) {
    const path = `/${name}`;
    if (officeOwned.has(name)) {
      problems.push({ path, message: 'diisi petugas' });
      continue;
    }
    if (name === SYSTEM_NAMESPACE || m.systemWritten.has(name)) {
      problems.push({ path, message: 'hanya ditulis oleh sistem' });
      continue;
    }
    if (!IDENT.test(name) || !allowed.has(name)) {
      problems.push({ path, message: 'bukan isian langkah ini' });
      continue;
    }
    const schema = allowed.get(name) ?? null;
    const value = input[name];
    bounds(value, path, declaredMaxItems(schema), 0, problems);
    if (schema && problems.every((p) => !p.path.startsWith(path))) {
      const validate = validatorFor(schema);
      if (!validate(value)) for (const e of validate.errors ?? []) problems.push({ path: `${path}${e.instancePath}`, message: e.message ?? e.keyword });
    }
  }
  if (problems.length === 0 && where.form) {
    try {
      checkVariables(where.form, input);
    } catch (e) {
      if (e instanceof RuntimeError) {
        const errors = ((e.details as { errors?: Problem[] })?.errors ?? []) as Problem[];
        problems.push(...errors);
      } else throw e;
    }
  }
  if (problems.length > 0) {
    // A required field left out is named by its label, the way the form shows it (issue 23).
    const missing = [...new Set(problems.filter((p) => p.keyword === 'required').map((p) => p.path.slice(1)))];
    const props = (where.form?.schema.properties ?? {}) as Record<string, { title?: unknown }>;
    const labels = missing.map((m) => (typeof props[m]?.title === 'string' ? (props[m].title as string) : m));
    throw new RuntimeError('VARIABLES_INVALID', missing.length > 0 ? `Isian wajib belum diisi: ${labels.join(', ')}` : 'Isian tidak sesuai formulir langkah ini', {
      paths: [...new Set(problems.map((p) => p.path))],
      errors: problems.slice(0, 50),
      ...(missing.length > 0 ? { missing } : {}),
    });
  }
  if (writeOnly.size === 0) return { stored: input, transient: {} };
  const stored: Variables = {};
  const transient: Variables = {};
  for (const [k, v] of Object.entries(input)) (writeOnly.has(k) ? transient : stored)[k] = v;
  return { stored, transient };
}

/** The task page's note fields: the officers' internal note and the message to the applicant. */
export const INTERNAL_NOTE = 'catatan';
export const APPLICANT_MESSAGE = 'pesanPemohon';
/** The checklist's record: documents received on paper, documents found missing (codes). */
export const DOCUMENTS_RECEIVED = 'dokumenDiterima';
const DOCUMENTS_MISSING = 'dokumenKurang';
const RECORDED_FIELDS = [INTERNAL_NOTE, APPLICANT_MESSAGE, 'alasanPenolakan', DOCUMENTS_RECEIVED, DOCUMENTS_MISSING] as const;

/**
 * What a completion wrote on the task page (notes, the documents received or missing), kept in
 * its history entry too: the history says who recorded what, at which step, and when.
 */
export function taskPageRecord(variables: Variables): Variables | undefined {
  let out: Variables | undefined;
  for (const k of RECORDED_FIELDS) {
    const v = variables[k];
    if (typeof v === 'string' ? v.trim() : Array.isArray(v)) (out ??= {})[k] = typeof v === 'string' ? v.trim() : v;
  }
  return out;
}

/**
 * A value this completion replaced (issue 23): an officer's measurement over the applicant's
 * declared one (the billboard's length, an area). The new value is the application's from now on
 * (the fee and the permit read it); the history entry keeps both. Decisions (booleans) and the
 * task page's own record are not corrections.
 */
export function corrections(before: Readonly<Variables>, inputs: Readonly<Variables>): Variables | undefined {
  let out: Variables | undefined;
  for (const [k, after] of Object.entries(inputs)) {
    if (typeof after !== 'number' && typeof after !== 'string') continue;
    if ((RECORDED_FIELDS as readonly string[]).includes(k)) continue;
    const was = before[k];
    if ((typeof was === 'number' || typeof was === 'string') && was !== after) (out ??= {})[k] = { before: was, after };
  }
  return out;
}

/** The system's results of an instance (fee notas, document numbers, signatures). */
export function systemResults(variables: Variables): Record<string, unknown> {
  const r = variables[SYSTEM_NAMESPACE];
  return r !== null && typeof r === 'object' && !Array.isArray(r) ? (r as Record<string, unknown>) : {};
}
