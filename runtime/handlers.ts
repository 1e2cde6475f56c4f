import { isRejectionOutput } from '../core/print-kinds.js';
import { createHash, createHmac } from 'node:crypto';
import { BpmnError } from './errors.js';
import type { Variables } from './conditions.js';
import { SYSTEM_NAMESPACE } from './inputs.js';

/**
 * Service-task handlers (`sop:handler`). A handler runs in a job (asynchronously, after the
 * step that reached the task commits) and returns variables to merge. Throwing a BpmnError
 * is a business outcome caught by an error boundary; any other throw is a technical failure
 * and the job is retried with backoff.
 */
export interface HandlerContext {
  instanceId: string;
  processKey: string;
  businessKey: string | null;
  office: string;
  elementId: string;
  elementName: string;
  variables: Readonly<Variables>;
  /** stable per task execution: lets a handler make an external call idempotent */
  idempotencyKey: string;
  now: Date;
  /** the step's `sop:output` (what it hands over: "Surat Izin", "SKRD") */
  output?: string;
  /**
   * The numbering service (per office, document kind and year, gap-free, in this step's
   * transaction); absent when the store has none (the in-memory test store).
   */
  issueNumber?: (kind: string) => Promise<string>;
  /**
   * Raises a notification to the instance's applicant in this step (the store writes it in the
   * step's transaction): a catalogue event, or `info` with a message.
   */
  notify(n: { kind: string; message?: string }): void;
}

export interface ServiceHandler {
  description: string;
  run(ctx: HandlerContext): Promise<Variables | void>;
}

/** The document-signing port: production plugs in the BSrE signer; dev uses a local HMAC. */
export interface DocumentSigner {
  sign(document: { number: string; content: string }): Promise<{ signature: string; signer: string }>;
}

const devSecret = process.env.SOP_DEV_SIGNING_KEY ?? 'sop-studio-dev-signer';
const localDevSigner: DocumentSigner = {
  async sign(doc) {
    return { signature: createHmac('sha256', devSecret).update(`${doc.number}\n${doc.content}`).digest('hex'), signer: 'local-dev-signer' };
  },
};

/** The document kind a step's output names (the office's numbering formats are per kind). */
function documentKindOf(output: string | undefined): string {
  if (isRejectionOutput(output)) return 'surat-penolakan';
  if (/skpd/i.test(output ?? '')) return 'skpd';
  if (/skrd/i.test(output ?? '')) return 'skrd';
  return 'izin';
}

/**
 * The document's number: from the numbering service when the store offers one; otherwise (the
 * in-memory test store) derived from the idempotency key, so running the job twice gives the same.
 */
async function documentNumber(ctx: HandlerContext): Promise<string> {
  if (ctx.issueNumber) return ctx.issueNumber(documentKindOf(ctx.output));
  const digest = createHash('sha256').update(ctx.idempotencyKey).digest('hex').slice(0, 8).toUpperCase();
  return `${ctx.processKey.toUpperCase()}/${ctx.now.getUTCFullYear()}/${digest}`;
}

/** A number the system issued earlier in this instance (never one an applicant or officer typed). */
function issuedNumber(variables: Readonly<Variables>): string | undefined {
  const sys = variables[SYSTEM_NAMESPACE];
  const n = sys && typeof sys === 'object' ? (sys as Record<string, unknown>).documentNumber : undefined;
  return typeof n === 'string' ? n : undefined;
}

const notifyApplicant: ServiceHandler = {
  description: 'Mengirim notifikasi ke pemohon (dalam aplikasi; email/WhatsApp untuk peristiwa katalog pada sop:notify)',
  async run(ctx) {
    // A task that also names an event (sop:notify) raised it on arrival; this is the step's own line.
    ctx.notify({ kind: 'info', message: ctx.elementName });
    return { [`notified_${ctx.elementId}`]: ctx.now.toISOString() };
  },
};

const issueDocument: ServiceHandler = {
  description: 'Menerbitkan dokumen bernomor (SKPD, tanda terima, izin)',
  async run(ctx) {
    return { documentNumber: issuedNumber(ctx.variables) ?? (await documentNumber(ctx)), documentIssuedAt: ctx.now.toISOString() };
  },
};

const signDocument = (signer: DocumentSigner): ServiceHandler => ({
  description: 'Menandatangani dokumen secara elektronik (port penanda tangan; lokal di dev)',
  async run(ctx) {
    const number = issuedNumber(ctx.variables) ?? (await documentNumber(ctx));
    const { signature, signer: by } = await signer.sign({ number, content: JSON.stringify(ctx.variables) });
    return { documentNumber: number, documentSignature: signature, documentSignedBy: by };
  },
});

const taxClearance: ServiceHandler = {
  description: 'Memeriksa tunggakan pajak kendaraan (tax clearance SIPEKA)',
  async run(ctx) {
    // Until the Samsat data port exists, the officer's recorded arrears decide: arrears → BPMN error.
    const arrears = Number(ctx.variables.tunggakanPajak ?? 0);
    if (arrears > 0) throw new BpmnError('TUNGGAKAN_PAJAK', `Terdapat tunggakan pajak ${arrears}`);
    return { taxClearance: true };
  },
};

const noop: ServiceHandler = {
  description: 'Tidak melakukan apa pun (penanda langkah otomatis)',
  async run() {},
};

/**
 * The service handlers the runtime ships, keyed as `sop:handler` names them; `signer` signs what
 * `sign-document` issues (production plugs in the BSrE signer; dev and tests the local HMAC).
 * An engine is given its handlers (EngineOptions `handlers`), and publish validation checks a
 * model's handler names against the same map.
 */
function builtinHandlers(opts: { signer?: DocumentSigner } = {}): ReadonlyMap<string, ServiceHandler> {
  return new Map<string, ServiceHandler>([
    ['notify', notifyApplicant],
    ['issue-document', issueDocument],
    ['sign-document', signDocument(opts.signer ?? localDevSigner)],
    ['tax-clearance', taxClearance],
    ['noop', noop],
  ]);
}

/** The built-in handlers with the local signer: the default of an engine and of validateModel. */
export const BUILTIN_HANDLERS = builtinHandlers();
