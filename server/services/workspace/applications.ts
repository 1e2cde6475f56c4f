import type { Expected } from '../../../contracts/reach.js';
import type { Kysely, Selectable } from 'kysely';
import type { RuntimeInstancesTable } from '../../db/tables/runtime.js';
import { registrationNumbers } from './registration-number.js';
import { paymentDue, type PaymentDue } from './payment-due.js';
import type { Variables } from '../../../runtime/conditions.js';
import type { ProcessModel } from '../../../runtime/model/types.js';
import type { Database } from '../../db/index.js';
import { AppError } from '../../errors.js';
import type { SessionUser } from '../accounts/accounts.js';
import { processModel } from '../publications/services-catalog.js';
import { feeNotas, type FeeNota } from '../../../runtime/fee-notas.js';
import { paymentOf, type PaymentRecord } from '../../../runtime/payment.js';
import { checklist, instanceProgress, type ChecklistItem } from '../runtime/task-context.js';
import { instanceAccessFor } from './workspace-access.js';
import { resultDocument, type ResultDocument } from '../../documents/result-document.js';

export interface TimelineEntry {
  step: string;
  event: string;
  at: string;
  note: string | null;
  /** what the step decided, as the model names the way taken ("Tidak lengkap", "Diterima"); null when it decided nothing */
  outcome: string | null;
}

const TIMELINE_KINDS = new Set(['userTask', 'manualTask', 'startEvent', 'endEvent', 'serviceTask', 'businessRuleTask', 'task']);

/**
 * The applicant's timeline: the named steps, each with what it decided. A decision is a gateway
 * after the step whose history row records the flows it took (runtime engine `leave`): its
 * named way is the step's outcome, so the applicant reads "Memeriksa kelengkapan — Tidak
 * lengkap" instead of a step with no result.
 */
export function timelineOf(
  model: Pick<ProcessModel, 'flows'>,
  hist: Array<{ element_id: string; element_name: string; element_kind: string; event: string; ended_at: Date | string; details: unknown }>,
): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const h of hist) {
    const details = parseDetails(h.details);
    const flows = Array.isArray(details?.flows) ? (details.flows as unknown[]).filter((f): f is string => typeof f === 'string') : [];
    const named = flows.map((f) => model.flows[f]?.name?.trim()).filter((n): n is string => !!n);
    if (TIMELINE_KINDS.has(h.element_kind) && h.element_name) {
      out.push({ step: h.element_name, event: h.event, at: new Date(h.ended_at).toISOString(), note: applicantMessageOf(details), outcome: h.event === 'completed' && named.length > 0 ? named.join(', ') : null });
    } else if (h.element_kind.endsWith('Gateway') && h.event === 'completed' && named.length > 0) {
      // the decision belongs to the step just before it
      const last = [...out].reverse().find((e) => e.event === 'completed' && e.outcome === null);
      if (last) last.outcome = named.join(', ');
    }
  }
  return out;
}

export interface ApplicationStatus {
  id: string;
  processKey: string;
  processName: string;
  office: string;
  /** the office's name, for the payment instructions ("di loket pembayaran Kecamatan Kaloran") */
  officeName: string;
  businessKey: string | null;
  /** issue 21: null for applications started before registration numbers */
  registrationNumber: string | null;
  status: string;
  createdAt: string;
  endedAt: string | null;
  /** the current step in plain words */
  currentSteps: string[];
  /** open steps that wait on this user (applicant lane) */
  myTasks: Array<{ id: string; name: string; instruction: string | null }>;
  /** what is expected of the applicant now (the screen words it in the user's language) */
  expected: Expected[];
  timeline: TimelineEntry[];
  checklist: ChecklistItem[];
  fees: FeeNota[];
  /** issue 21: the fee's due date for payment (null: no nota or no setting for the service) */
  paymentDue: PaymentDue | null;
  /** the print view of the fee to pay (the SKRD of a retribusi, the SKPD of a tax, else the nota); null without a fee */
  feeDocument: 'skrd' | 'skpd' | 'nota' | null;
  /** the payment the kasir recorded (issue 23): amount, change, the receipt's number; null before it */
  payment: PaymentRecord | null;
  /** the result document, when the process ended with one */
  result: ResultDocument | null;
  diagram: { done: string[]; current: string[] };
}

export type { Expected };


/** The assessment the applicant pays by: what the fee step's output names it (SKRD, SKPD), else the nota. */
function feeDocumentOf(model: ProcessModel, notas: FeeNota[]): ApplicationStatus['feeDocument'] {
  if (notas.length === 0) return null;
  for (const n of notas) {
    const step = Object.values(model.nodes).find((x) => x.resultVariable === n.variable && x.output);
    if (step && /skrd/i.test(step.output!)) return 'skrd';
    if (step && /skpd/i.test(step.output!)) return 'skpd';
  }
  return 'nota';
}

const STR = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
const parseDetails = (d: unknown) => (typeof d === 'string' ? JSON.parse(d) : d) as Variables | null;

/**
 * What an officer wrote for the applicant (the task page's "Pesan untuk pemohon", or the reason
 * of a refusal). Never `catatan`: that is the officers' internal note (issue 23, point 6).
 */
function applicantMessageOf(details: Variables | null): string | null {
  if (!details) return null;
  return STR(details.pesanPemohon) ?? STR(details.alasanPenolakan);
}

/** The applicant's view of one application: plain words, no internal variables. */
export async function applicationStatus(db: Kysely<Database>, user: SessionUser, id: string): Promise<ApplicationStatus> {
  const access = await instanceAccessFor(db, user, id);
  if (!access) throw new AppError('NOT_FOUND', 'Permohonan tidak ditemukan', { id });
  const inst = await db.selectFrom('runtime_instances').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return statusOf(db, inst, { mine: (assignee) => assignee === user.id, full: access.view === 'full' });
}

/**
 * An application's status in plain words (shared by the applicant's portal and the public
 * tracking page): `mine` says which open steps wait on the applicant; `full` whether the fee
 * notas and the result document may be shown.
 */
export async function statusOf(
  db: Kysely<Database>,
  inst: Selectable<RuntimeInstancesTable>,
  opts: { mine: (assignee: string | null) => boolean; full: boolean },
): Promise<ApplicationStatus> {
  const id = inst.id;
  const variables = (typeof inst.variables === 'string' ? JSON.parse(inst.variables) : inst.variables) as Variables;
  const [open, hist, model] = await Promise.all([
    db.selectFrom('runtime_tasks').select(['id', 'element_name', 'instruction', 'assignee']).where('instance_id', '=', id).where('status', '=', 'open').orderBy('created_at').execute(),
    db.selectFrom('runtime_history').select(['element_id', 'element_name', 'element_kind', 'event', 'ended_at', 'details']).where('instance_id', '=', id).orderBy('id').execute(),
    processModel(db, inst.process_key, inst.publication),
  ]);
  const list = await checklist(db, model, id, variables);
  const missingCodes = Array.isArray(variables.dokumenKurang) ? (variables.dokumenKurang as unknown[]).map(String) : [];
  const expected: Expected[] = [];
  const mine = open.filter((t) => opts.mine(t.assignee));
  if (mine.length > 0) {
    const missing = list.filter((d) => missingCodes.includes(d.code) || (d.required && !d.present && missingCodes.length === 0 && variables.berkasLengkap === false));
    if (missing.length > 0 && variables.berkasLengkap === false) expected.push({ kind: 'missing-documents', documents: missing.map((d) => d.label) });
    // the message of the step that handed the application back, not an older one
    const lastStep = [...hist].reverse().find((h) => h.element_kind === 'userTask' && h.event === 'completed');
    const note = lastStep ? applicantMessageOf(parseDetails(lastStep.details)) : null;
    if (note) expected.push({ kind: 'note', text: note });
    for (const t of mine) expected.push({ kind: 'my-step', step: t.element_name });
  }
  const endEvent = [...hist].reverse().find((h) => h.element_kind === 'endEvent' && h.event === 'completed' && model.nodes[h.element_id]?.parent === null);
  const registrationNumber = (await registrationNumbers(db, [id])).get(id) ?? null;
  return {
    id,
    processKey: inst.process_key,
    processName: inst.process_name,
    office: inst.office,
    officeName: (await db.selectFrom('offices').select('name').where('key', '=', inst.office).executeTakeFirst())?.name ?? inst.office,
    businessKey: inst.business_key,
    registrationNumber,
    status: inst.status,
    createdAt: new Date(inst.created_at).toISOString(),
    endedAt: inst.ended_at ? new Date(inst.ended_at).toISOString() : null,
    currentSteps: open.map((t) => t.element_name),
    myTasks: mine.map((t) => ({ id: t.id, name: t.element_name, instruction: t.instruction })),
    expected,
    timeline: timelineOf(model, hist),
    checklist: list,
    // an officer reached only by a task (an OPD review) sees neither the notas nor the permit
    fees: opts.full ? feeNotas(variables) : [],
    paymentDue: opts.full && feeNotas(variables).length > 0 ? await paymentDue(db, id) : null,
    feeDocument: opts.full ? feeDocumentOf(model, feeNotas(variables)) : null,
    payment: opts.full ? paymentOf(variables) : null,
    result: opts.full ? resultDocument(model, endEvent?.element_id, inst, variables) : null,
    diagram: await instanceProgress(db, id, inst.tokens),
  };
}

export async function myApplications(db: Kysely<Database>, user: SessionUser): Promise<Array<{ id: string; processName: string; office: string; businessKey: string | null; registrationNumber: string | null; status: string; createdAt: string; waitingOnMe: boolean }>> {
  const rows = await db
    .selectFrom('runtime_instances as i')
    .leftJoin('registrations as reg', 'reg.instance_id', 'i.id')
    .select(['i.id', 'i.process_name', 'i.office', 'i.business_key', 'i.status', 'i.created_at', 'reg.number as registration_number'])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('runtime_tasks as t').select('t.id').whereRef('t.instance_id', '=', 'i.id').where('t.status', '=', 'open').where('t.assignee', '=', user.id))
        .as('waiting'),
    )
    .where('i.applicant_user_id', '=', user.id)
    .orderBy('i.created_at', 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    processName: r.process_name,
    office: r.office,
    businessKey: r.business_key,
    registrationNumber: r.registration_number,
    status: r.status,
    createdAt: new Date(r.created_at).toISOString(),
    waitingOnMe: Boolean(r.waiting),
  }));
}
