/**
 * The print kinds an application has produced so far (core/print-kinds.ts decides from these
 * facts): what its steps reached (history and the open tasks), the system's fee results and
 * eligibility, the documents its steps issued, and the result it handed over at its end. Read on
 * a print request or a page load, never on the runtime's step path.
 */
import type { Kysely } from 'kysely';
import type { PrintKind } from '../../core/access.js';
import { feeAssessments, producedKinds } from '../../core/print-kinds.js';
import type { Variables } from '../../runtime/conditions.js';
import { systemResults } from '../../runtime/inputs.js';
import type { ProcessModel } from '../../runtime/model/types.js';
import type { Database } from '../db/index.js';
import { AppError } from '../errors.js';
import { resultDocument } from './result-document.js';
import { processModel } from '../services/publications/services-catalog.js';
import { feeNotas } from '../../runtime/fee-notas.js';
import { PAYMENT_HANDLER, paymentOf } from '../../runtime/payment.js';

type Conn = Kysely<Database>;

/** A rule evaluation (the system's result) that found the application outside the office's remit. */
function ineligibleBySystem(v: Variables): boolean {
  return Object.values(systemResults(v)).some((r) => !!r && typeof r === 'object' && !!(r as { ruleSet?: unknown }).ruleSet && (r as { eligible?: unknown }).eligible === false);
}

export async function producedKindsOf(conn: Conn, instanceId: string, known?: { model?: ProcessModel }): Promise<PrintKind[]> {
  const inst = await conn.selectFrom('runtime_instances').select(['id', 'process_key', 'publication', 'business_key', 'status', 'variables']).where('id', '=', instanceId).executeTakeFirst();
  if (!inst) throw new AppError('NOT_FOUND', 'Permohonan tidak ditemukan', { id: instanceId });
  const v = (typeof inst.variables === 'string' ? JSON.parse(inst.variables) : inst.variables) as Variables;
  const [model, done, open, issued] = await Promise.all([
    known?.model ?? processModel(conn, inst.process_key, inst.publication),
    conn.selectFrom('runtime_history').select(['element_id', 'element_kind', 'event']).where('instance_id', '=', instanceId).orderBy('id').execute(),
    conn.selectFrom('runtime_tasks').select('element_id').where('instance_id', '=', instanceId).where('status', '=', 'open').execute(),
    conn.selectFrom('issued_documents').select('kind').where('instance_id', '=', instanceId).where('status', '=', 'valid').execute(),
  ]);
  const end = [...done].reverse().find((h) => h.element_kind === 'endEvent' && h.event === 'completed' && model.nodes[h.element_id]?.parent === null);
  const notas = feeNotas(v);
  const takesPayment = await awaitsPayment(conn, model);
  return producedKinds({
    ...(takesPayment ? { paid: paymentOf(v) !== null } : {}),
    reached: [...new Set([...done.map((h) => h.element_id), ...open.map((t) => t.element_id)])].map((id) => model.nodes[id]?.output),
    fees: notas.length > 0,
    assessments: feeAssessments(notas),
    sppdkb: notas.some((n) => /sppdkb/i.test(n.ruleSet.key)),
    ineligible: ineligibleBySystem(v),
    issued: issued.map((d) => d.kind as PrintKind),
    result: resultDocument(model, end?.element_id, inst, v)?.title ?? null,
  });
}

/**
 * Whether the process takes its payment at a kasir step (`receive-payment`): one of its own, or
 * one of a process it calls (the Samsat SOPs call SOP Pembayaran; its record comes back with it).
 */
async function awaitsPayment(conn: Conn, model: ProcessModel): Promise<boolean> {
  const nodes = Object.values(model.nodes);
  if (nodes.some((n) => n.kind === 'userTask' && n.handler === PAYMENT_HANDLER)) return true;
  const called = [...new Set(nodes.map((n) => n.calledElement).filter((k): k is string => !!k))];
  if (called.length === 0) return false;
  const hit = await conn
    .selectFrom('publications')
    .select('key')
    .where('kind', '=', 'process')
    .where('key', 'in', called)
    .where('content', 'like', `%sop:handler="${PAYMENT_HANDLER}"%`)
    .limit(1)
    .executeTakeFirst();
  return hit !== undefined;
}

/** NOT_FOUND (the stable error shape) unless the application produced this kind. */
export async function assertProduced(conn: Conn, instanceId: string, kind: PrintKind): Promise<void> {
  if (!(await producedKindsOf(conn, instanceId)).includes(kind)) throw new AppError('NOT_FOUND', 'Permohonan ini tidak menghasilkan dokumen tersebut', { id: instanceId, kind });
}
