/**
 * The document a completed application hands over (its result): the output of the step before the
 * end event it reached, with the print view that shows it. Read by the status page, the produced
 * kinds and the document content alike.
 */
import { resultKindOf } from '../../core/print-kinds.js';
import type { Variables } from '../../runtime/conditions.js';
import { systemResults } from '../../runtime/inputs.js';
import type { ProcessModel } from '../../runtime/model/types.js';

export interface ResultDocument {
  /** the document's own number (the numbering service's, issued when it was signed); null: not numbered — never an id */
  number: string | null;
  /** what the SOP hands over at the end (the last step's output), e.g. "Izin Reklame" */
  title: string;
  /** the print view that shows it (GET /api/print/:id/:doc) */
  doc: 'izin' | 'sk' | 'skpd' | 'skrd' | 'surat-penolakan';
  signed: boolean;
}

/**
 * The document a completed instance hands over: the output of the step before the end event the
 * instance reached. Its number is the one the numbering service issued for it, else none.
 */
export function resultDocument(
  model: ProcessModel,
  endedAt: string | undefined,
  inst: { id: string; business_key: string | null; status: string },
  variables: Variables,
): ResultDocument | null {
  if (inst.status !== 'completed' || !endedAt) return null;
  const end = model.nodes[endedAt];
  const before = end?.incoming.map((f) => model.nodes[model.flows[f]?.source ?? '']).find((n) => n?.output);
  const title = before?.output ?? end?.name ?? model.name;
  // Only the system's results (the numbering service, the signer), never a variable someone sent.
  const sys = systemResults(variables);
  return { number: STR(sys.documentNumber), title, doc: resultKindOf(title), signed: !!STR(sys.documentSignature) };
}

const STR = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
