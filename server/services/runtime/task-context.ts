import { SIGNING_HANDLER } from '../../../runtime/engine.js';
import { signedKindOf } from '../../../core/print-kinds.js';
import { registrationNumbers } from '../workspace/registration-number.js';
import { paymentDue, type PaymentDue } from '../workspace/payment-due.js';
import type { Kysely } from 'kysely';
import type { Condition, Variables } from '../../../runtime/conditions.js';
import { resolveForm, type FormDefinition } from '../../../runtime/forms.js';
import { DOCUMENTS_RECEIVED } from '../../../runtime/inputs.js';
import { feeNotas, type FeeNota } from '../../../runtime/fee-notas.js';
import { amountDue, PAYMENT_HANDLER, PAYMENT_METHODS, paymentOf, type PaymentRecord } from '../../../runtime/payment.js';
import type { ProcessModel } from '../../../runtime/model/types.js';
import type { Database } from '../../db/index.js';
import { AppError } from '../../errors.js';
import type { SessionUser } from '../accounts/accounts.js';
import { ruleSetService } from '../store/rules.js';
import { processModel, publishedDiagram, requirementDocs, type RequirementDoc } from '../publications/services-catalog.js';
import { latestUploadsByDocument, type UploadMeta } from '../workspace/uploads.js';
import { canPrint, canSeeTask, type PrintKind } from '../../../core/access.js';
import { producedKindsOf } from '../../documents/produced.js';
import { identityFields, objectFields } from '../../documents/content.js';
import { instanceAccessFor } from '../workspace/workspace-access.js';

/** A decision button: the flow out of the next gateway and the variables that make its condition true. */
export interface DecisionButton {
  flowId: string;
  label: string;
  variables: Variables;
  /** leads back or to a refusal (shown in a warning colour) */
  negative: boolean;
}

/** Equalities a condition requires (`all` of `equal` facts, or a boolean variable). */
function requiredValues(c: Condition): Variables | undefined {
  if ('all' in c) {
    const out: Variables = {};
    for (const part of c.all) {
      const v = requiredValues(part);
      if (!v) return undefined;
      Object.assign(out, v);
    }
    return out;
  }
  if ('any' in c) return c.any.length > 0 ? requiredValues(c.any[0]) : undefined;
  if ('not' in c) {
    const inner = requiredValues(c.not);
    if (!inner) return undefined;
    const keys = Object.keys(inner);
    return keys.length === 1 && typeof inner[keys[0]] === 'boolean' ? { [keys[0]]: !inner[keys[0]] } : undefined;
  }
  if (c.operator === 'equal') return { [c.fact]: c.value };
  if (c.operator === 'notEqual' && typeof c.value === 'boolean') return { [c.fact]: !c.value };
  return undefined;
}

const NEGATIVE = /(tidak|tolak|kurang|ditolak|belum|kembali|revisi|perbaik)/i;

/**
 * Buttons for the exclusive gateway right after the task: one per outgoing flow, named by the
 * flow (or its target). A default flow gets the opposite of the boolean facts the others read.
 */
function decisionButtons(model: ProcessModel, elementId: string): DecisionButton[] {
  const node = model.nodes[elementId];
  if (!node || node.outgoing.length !== 1) return [];
  const gateway = model.nodes[model.flows[node.outgoing[0]]?.target ?? ''];
  if (!gateway || gateway.kind !== 'exclusiveGateway' || gateway.outgoing.length < 2) return [];
  const flows = gateway.outgoing.map((id) => model.flows[id]).filter(Boolean);
  const buttons: DecisionButton[] = [];
  const seen: Variables = {};
  for (const f of flows) {
    if (!f.condition) continue;
    const vars = f.condition.kind === 'variable' ? { [f.condition.name]: true } : requiredValues(f.condition.condition);
    if (!vars) continue;
    Object.assign(seen, vars);
    const label = f.name || model.nodes[f.target]?.name || f.id;
    buttons.push({ flowId: f.id, label, variables: vars, negative: NEGATIVE.test(label) });
  }
  for (const f of flows) {
    if (f.condition) continue;
    const vars: Variables = {};
    for (const [k, v] of Object.entries(seen)) if (typeof v === 'boolean') vars[k] = !v;
    const label = f.name || model.nodes[f.target]?.name || f.id;
    buttons.push({ flowId: f.id, label, variables: vars, negative: NEGATIVE.test(label) });
  }
  return buttons;
}

export interface ChecklistItem extends RequirementDoc {
  /** uploaded, or received on paper at an earlier step */
  present: boolean;
  /** received on paper at a post (the task page's checklist), recorded in the history with who */
  receivedAtCounter: boolean;
  upload: UploadMeta | null;
}

/** The requirement checklist: documents the rule set asks for these facts, each present or missing. */
export async function checklist(db: Kysely<Database>, model: ProcessModel, instanceId: string, variables: Variables, onlyCodes: string[] = []): Promise<ChecklistItem[]> {
  if (!model.requirementsRuleSet) return [];
  let docs: RequirementDoc[];
  try {
    const result = await ruleSetService(db).evaluate(model.requirementsRuleSet, variables);
    docs = result.documents.map((d) => ({ code: d.code, label: d.label, required: d.required, conditional: d.conditional, ...(d.note ? { note: d.note } : {}) }));
  } catch {
    // Facts not complete yet: show every document the rule set can ask for.
    docs = await requirementDocs(db, model.requirementsRuleSet);
  }
  if (onlyCodes.length > 0) {
    const wanted = docs.filter((d) => onlyCodes.includes(d.code));
    if (wanted.length > 0) docs = wanted;
  }
  const uploads = await latestUploadsByDocument(db, instanceId);
  const raw = variables[DOCUMENTS_RECEIVED];
  const received = new Set(Array.isArray(raw) ? raw.map(String) : []);
  return docs.map((d) => ({ ...d, present: uploads.has(d.code) || received.has(d.code), receivedAtCounter: received.has(d.code), upload: uploads.get(d.code) ?? null }));
}

/** Facts a rule set reads (its `facts` JSON Schema), shown as a form on the step before it. */
export interface FactsForm {
  ruleSets: string[];
  schema: { type: 'object'; properties: Record<string, unknown>; required: string[] };
  /** the values the instance already holds for these facts */
  values: Variables;
}

/**
 * Business rule tasks the token reaches next from this task, passing only through gateways
 * (a merge, or any branch of a decision: a "Tidak setuju" that goes back to the computation
 * lets the officer correct the facts it reads).
 */
export function nextRuleSets(model: ProcessModel, elementId: string): string[] {
  const out = new Set<string>();
  const seen = new Set<string>([elementId]);
  let frontier = (model.nodes[elementId]?.outgoing ?? []).map((f) => model.flows[f]?.target).filter((x): x is string => !!x);
  for (let depth = 0; depth < 4 && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      if (seen.has(id)) continue;
      seen.add(id);
      const n = model.nodes[id];
      if (!n) continue;
      if (n.kind === 'businessRuleTask' && n.ruleSet) out.add(n.ruleSet);
      else if (n.kind.endsWith('Gateway')) next.push(...n.outgoing.map((f) => model.flows[f]?.target).filter((x): x is string => !!x));
    }
    frontier = next;
  }
  return [...out];
}

async function factsForm(db: Kysely<Database>, ruleSets: string[], variables: Variables): Promise<FactsForm | null> {
  if (ruleSets.length === 0) return null;
  const properties: Record<string, unknown> = {};
  const required = new Set<string>();
  for (const key of ruleSets) {
    const pub = await db.selectFrom('publications').select('content').where('kind', '=', 'ruleset').where('key', '=', key).orderBy('n', 'desc').limit(1).executeTakeFirst();
    if (!pub) continue;
    const facts = (JSON.parse(pub.content) as { facts?: { properties?: Record<string, unknown>; required?: string[] } }).facts;
    Object.assign(properties, facts?.properties ?? {});
    for (const r of facts?.required ?? []) required.add(r);
  }
  if (Object.keys(properties).length === 0) return null;
  const values: Variables = {};
  for (const k of Object.keys(properties)) if (variables[k] !== undefined) values[k] = variables[k];
  return { ruleSets, schema: { type: 'object', properties, required: [...required] }, values };
}

export interface TaskContext {
  taskId: string;
  instanceId: string;
  elementId: string;
  name: string;
  instruction: string | null;
  output: string | null;
  documents: string[];
  form: FormDefinition | null;
  decisions: DecisionButton[];
  checklist: ChecklistItem[];
  fees: FeeNota[];
  /** issue 21: the application's registration number (null before it existed) */
  registrationNumber: string | null;
  /** issue 21: the fee's due date for payment (null: no nota or no setting for the service) */
  paymentDue: PaymentDue | null;
  /** the facts the next computation reads (fee rule set), when one follows this step */
  facts: FactsForm | null;
  /** the BPMN XML of the instance's publication (for the viewer) */
  diagram: string;
  done: string[];
  current: string[];
  /** a signing step (issue 20): the kind of document its completion signs; the page asks for the passphrase */
  signing: 'izin' | 'sk' | null;
  /**
   * The kasir's step (issue 23, `sop:handler="receive-payment"`): what the notas say is due (whole
   * rupiah), the methods to choose from, and the payment once recorded (number from the numbering
   * service); null on any other step.
   */
  payment: { due: string | null; methods: readonly string[]; recorded: PaymentRecord | null } | null;
  /** the documents this application has produced so far that this user may print, each its own print view (issue 23) */
  printable: PrintKind[];
  /** who the application is for and about, heading the page (issue 23): the applicant and the object (nopol, text, size, address…) */
  applicant: ApplicantCard;
}

export interface ApplicantCard {
  name: string | null;
  nik: string | null;
  phone: string | null;
  email: string | null;
  /** the applicant's address, as a form asks it (a permit states it) */
  address: string | null;
  /** the business key (nomor polisi, NOP…) */
  businessKey: string | null;
  /** what the application is about, as the forms declare it (the permit states the same fields) */
  object: Array<{ label: string; value: string }>;
}

/** The applicant's account, or the walk-in record taken at the counter, and the object of the application. */
async function applicantCard(db: Kysely<Database>, inst: { applicant_user_id: string | null; applicant: unknown; business_key: string | null }, model: ProcessModel, variables: Variables): Promise<ApplicantCard> {
  const account = inst.applicant_user_id ? await db.selectFrom('users').select(['name', 'full_name', 'nik', 'phone', 'email']).where('id', '=', inst.applicant_user_id).executeTakeFirst() : undefined;
  const walkIn = (typeof inst.applicant === 'string' ? JSON.parse(inst.applicant) : inst.applicant) as { name?: string; nik?: string; phone?: string; email?: string } | null;
  // What the forms mark as the applicant's identity fills what the account or the counter's record lacks.
  const declared = await identityFields(model, variables);
  return {
    name: account?.full_name ?? account?.name ?? walkIn?.name ?? declared['applicant.name'] ?? null,
    nik: account?.nik ?? walkIn?.nik ?? declared['applicant.nik'] ?? null,
    phone: account?.phone ?? walkIn?.phone ?? declared['applicant.phone'] ?? null,
    email: account?.email ?? walkIn?.email ?? declared['applicant.email'] ?? null,
    address: declared['applicant.address'] ?? null,
    businessKey: inst.business_key,
    object: await objectFields(model, variables),
  };
}

/** Everything the generated task page needs beyond the runtime's task and instance answers. */
export async function taskContext(db: Kysely<Database>, user: SessionUser, taskId: string): Promise<TaskContext> {
  // The task and its application in one read (the page is opened before every step is worked).
  const found = await db
    .selectFrom('runtime_tasks as t')
    .innerJoin('runtime_instances as i', 'i.id', 't.instance_id')
    .selectAll('t')
    .select(['i.variables', 'i.publication as instance_publication', 'i.process_key as instance_process_key', 'i.office as instance_office', 'i.tokens', 'i.applicant_user_id', 'i.applicant', 'i.business_key as instance_business_key', 'i.started_by', 'i.status as instance_status'])
    .where('t.id', '=', taskId)
    .executeTakeFirst();
  const { variables: storedVariables, instance_publication, instance_process_key, instance_office, tokens, applicant_user_id, applicant, instance_business_key, started_by, instance_status, ...task } = found ?? ({} as NonNullable<typeof found>);
  // The task's own queue and supervisors (by the TASK's office: an OPD review lives in the OPD),
  // and whoever sees its application.
  const access = found
    ? await instanceAccessFor(db, user, task.instance_id, {
        id: task.instance_id,
        office: instance_office,
        processKey: instance_process_key,
        businessKey: instance_business_key,
        applicantUserId: applicant_user_id,
        startedBy: started_by,
        status: instance_status,
      })
    : undefined;
  if (!found || !(canSeeTask(user, task) || access)) throw new AppError('NOT_FOUND', 'Tugas tidak ditemukan', { id: taskId });
  const row = { applicant_user_id, applicant, business_key: instance_business_key };
  const variables = (typeof storedVariables === 'string' ? JSON.parse(storedVariables) : storedVariables) as Variables;
  const model = await processModel(db, instance_process_key, instance_publication);
  const node = model.nodes[task.element_id];
  const documents = (typeof task.documents === 'string' ? JSON.parse(task.documents) : task.documents) as string[];
  const full = access?.view === 'full';
  // What the page shows beside the form, read at once (each its own query; the pool runs them side by side).
  const [form, progress, diagram, checklistItems, registration, due, facts, produced, applicantInfo] = await Promise.all([
    node?.form ? resolveForm(node.form, undefined).catch(() => undefined) : undefined,
    instanceProgress(db, task.instance_id, tokens),
    publishedDiagram(db, instance_process_key, instance_publication),
    checklist(db, model, task.instance_id, variables, documents),
    registrationNumbers(db, [task.instance_id]),
    full && feeNotas(variables).length > 0 ? paymentDue(db, task.instance_id) : null,
    factsForm(db, nextRuleSets(model, task.element_id), variables),
    producedKindsOf(db, task.instance_id, { model }),
    applicantCard(db, row, model, variables),
  ]);
  return {
    taskId: task.id,
    instanceId: task.instance_id,
    elementId: task.element_id,
    name: task.element_name,
    instruction: task.instruction,
    output: node?.output ?? null,
    documents,
    form: form ?? null,
    decisions: decisionButtons(model, task.element_id),
    checklist: checklistItems,
    // fee notas are the application office's business, not a reviewing OPD's
    fees: full ? feeNotas(variables) : [],
    registrationNumber: registration.get(task.instance_id) ?? null,
    paymentDue: due,
    facts,
    diagram,
    ...progress,
    signing: node?.kind === 'userTask' && node.handler === SIGNING_HANDLER ? signedKindOf(node.output) : null,
    payment: node?.kind === 'userTask' && node.handler === PAYMENT_HANDLER ? { due: amountDue(variables), methods: PAYMENT_METHODS, recorded: paymentOf(variables) } : null,
    printable: produced.filter((k) => canPrint(access?.view ?? 'task', k)),
    applicant: applicantInfo,
  };
}

/** Steps done (history) and current (where tokens wait) of an instance: the diagram's colours. */
export async function instanceProgress(db: Kysely<Database>, instanceId: string, tokens: unknown): Promise<{ done: string[]; current: string[] }> {
  const hist = await db.selectFrom('runtime_history').select(['element_id', 'event']).where('instance_id', '=', instanceId).execute();
  const list = (typeof tokens === 'string' ? JSON.parse(tokens) : tokens) as Array<{ element: string; data?: { listener?: boolean } }>;
  // The waiting start of an event sub-process is not a step the application stands at.
  const current = [...new Set((list ?? []).filter((t) => !t.data?.listener).map((t) => t.element))];
  const done = [...new Set(hist.filter((h) => h.event === 'completed').map((h) => h.element_id))].filter((id) => !current.includes(id));
  return { done, current };
}
