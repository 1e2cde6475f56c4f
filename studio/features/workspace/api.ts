/**
 * Typed calls of the workspace and portal screens (same error shape as the studio client).
 * Requests and answers the routes describe are typed from their schemas (contracts/); the task
 * page's context, the application's status and the services catalogue are open objects on the
 * wire, so their shapes are written here.
 */
import type { RegisterBody, SessionAnswer } from '../../../contracts/auth.js';
import type { History, StartBody, StartedInstance, Task, TakeNextAnswer, TakeNextBody } from '../../../contracts/runtime.js';
import type { AttachAnswer, UploadMeta } from '../../../contracts/uploads.js';
import type { Expected } from '../../../contracts/reach.js';
export type { Expected } from '../../../contracts/reach.js';
import type { InboxPage, InboxQuery, MarkReadAnswer, Notification } from '../../../contracts/workspace.js';
import { ApiError } from '../../api/client.js';
import type { FactProperty } from './FactFields.js';

export type { InboxPage, SlaState } from '../../../contracts/workspace.js';
export type { HistoryField, HistoryItem } from '../../../contracts/runtime.js';
/** A task as the runtime's routes answer it. */
export type TaskRow = Task;
export interface Decision { flowId: string; label: string; variables: Record<string, unknown>; negative: boolean }
export type { UploadMeta } from '../../../contracts/uploads.js';
export interface ChecklistItem { code: string; label: string; required: boolean; conditional: boolean; note?: string; present: boolean; receivedAtCounter?: boolean; upload: UploadMeta | null }
export interface FeeNota { variable: string; ruleSet: { key: string; publication: number | null; period: { effectiveFrom: string; effectiveTo?: string | null } }; at?: string; fees: Array<{ code: string; label: string; amount: string; legalBasis?: string }>; total: string }
/** The fee's due date for payment (issue 21): the nota's day + the service's days (Asia/Jakarta dates). */
export interface PaymentDue { notaDate: string; days: number; dueDate: string }
/** The kasir's record of a payment (runtime/payment.ts PaymentRecord): amounts as decimal rupiah strings. */
export interface PaymentRecord { tagihan: string; diterima: string; kembalian: string; metode: string; nomorBukti: string; diterimaPada: string; diterimaOleh: string; diterimaOlehNama?: string | null }
/** The kasir's step (issue 23): what is due, the methods, the payment once recorded. */
export interface PaymentInfo { due: string | null; methods: string[]; recorded: PaymentRecord | null }
import type { PrintKind } from '../../../core/access.js';
export type { PrintKind };
export interface TaskContext {
  taskId: string; instanceId: string; elementId: string; name: string; instruction: string | null; output: string | null;
  documents: string[]; form: { schema: Record<string, unknown>; uiSchema?: Record<string, unknown> } | null;
  decisions: Decision[]; checklist: ChecklistItem[]; fees: FeeNota[]; diagram: string; done: string[]; current: string[]; registrationNumber: string | null; paymentDue: PaymentDue | null;
  facts: { ruleSets: string[]; schema: { properties: Record<string, FactProperty>; required: string[] }; values: Record<string, unknown> } | null;
  /** a signing step: the kind of document it signs (the page asks for the official's passphrase) */
  signing?: 'izin' | 'sk' | null;
  /** the kasir's step: the amount due, the methods, the payment once recorded */
  payment?: PaymentInfo | null;
  /** the documents this application produced that this user may print (server/documents/produced.ts) */
  printable: PrintKind[];
  /** the applicant and the object of the application, heading the task page */
  applicant: { name: string | null; nik: string | null; phone: string | null; email: string | null; address: string | null; businessKey: string | null; object: Array<{ label: string; value: string }> };
}
export interface ApplicationFound { id: string; processName: string; office: string; businessKey: string | null; registrationNumber?: string | null; status: string; createdAt: string; endedAt: string | null }
export interface Service {
  key: string; name: string; agency: string | null; offices: Array<{ key: string; name: string }>; starterRoles: string[]; online: boolean;
  requirements: Array<{ code: string; label: string; required: boolean; conditional: boolean; note?: string }>; feeRuleSets: string[]; feeFacts: Record<string, { properties: Record<string, FactProperty>; required: string[]; eligibility?: string[] }>;
  requirementFacts?: { properties: Record<string, FactProperty>; required: string[]; eligibility?: string[] }; startForm?: { properties: Record<string, FactProperty>; required: string[] }; requirementsRuleSet: string | null; slaText: string; steps: number;
}
export interface ApplicationSummary { id: string; processName: string; office: string; businessKey: string | null; registrationNumber: string | null; status: string; createdAt: string; waitingOnMe: boolean }
export interface ApplicationStatus {
  id: string; processKey: string; processName: string; office: string; officeName: string; businessKey: string | null; registrationNumber: string | null; status: string; createdAt: string; endedAt: string | null;
  currentSteps: string[]; myTasks: Array<{ id: string; name: string; instruction: string | null }>; expected: Expected[];
  timeline: Array<{ step: string; event: string; at: string; note: string | null; outcome: string | null }>; checklist: ChecklistItem[]; fees: FeeNota[]; paymentDue: PaymentDue | null;
  feeDocument: 'skrd' | 'skpd' | 'nota' | null;
  /** the payment the kasir recorded: the receipt's number (issue 23) */
  payment?: PaymentRecord | null;
  result: { number: string | null; title: string; doc: string; signed: boolean } | null;
  diagram: { done: string[]; current: string[] };
}
export type { Notification } from '../../../contracts/workspace.js';
/** Why a service is not available for the facts (outside the office's remit), in the asked language. */
export interface IneligibleReason { code: string; message: string; legalBasis: string; redirect?: string }
export interface EvaluateAnswer {
  ruleSet: { key: string; publication: number | null; period: { effectiveFrom: string } };
  eligible: boolean;
  reasons: IneligibleReason[];
  fees: FeeNota['fees'];
  total: string;
  documents: Array<{ code: string; label: string; required?: boolean; conditional?: boolean }>;
}

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (e) {
    throw new ApiError(0, 'NETWORK', (e as Error).message);
  }
  if (!res.ok) {
    const b = (await res.json().catch(() => ({}))) as { code?: string; message?: string; details?: Record<string, unknown> };
    if (res.status === 401) window.dispatchEvent(new CustomEvent('sop-studio:unauthorized'));
    throw new ApiError(res.status, b.code ?? `HTTP_${res.status}`, b.message ?? res.statusText, b.details);
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
}

const q = (params: Record<string, string | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) s.set(k, v);
  const t = s.toString();
  return t ? `?${t}` : '';
};

export const ws = {
  inbox: (p: Omit<InboxQuery, 'limit' | 'offset'> & Required<Pick<InboxQuery, 'tab'>>) => call<InboxPage>('GET', `/api/inbox${q(p)}`),
  task: (id: string) => call<TaskRow>('GET', `/api/tasks/${id}`),
  context: (id: string) => call<TaskContext>('GET', `/api/workspace/tasks/${id}/context`),
  /** applications the caller may see whose number matches, open and closed (supervisors find closed ones here) */
  findApplications: (q: string) => call<{ items: ApplicationFound[] }>('GET', `/api/instances?q=${encodeURIComponent(q)}&limit=20`),
  history: (instanceId: string) => call<History>('GET', `/api/instances/${instanceId}/history`),
  claim: (id: string) => call<TaskRow>('POST', `/api/tasks/${id}/claim`, {}),
  /** "Ambil tugas berikutnya": claims the first available task of one post (role × office); task null when none. */
  takeNext: (body: TakeNextBody) => call<TakeNextAnswer>('POST', '/api/tasks/next', body),
  unclaim: (id: string) => call<TaskRow>('POST', `/api/tasks/${id}/unclaim`, {}),
  complete: (id: string, variables: Record<string, unknown>, passphrase?: string) =>
    call<unknown>('POST', `/api/tasks/${id}/complete`, passphrase === undefined ? { variables } : { variables, passphrase }),
  startable: () => call<Service[]>('GET', '/api/services/startable'),
  services: (office?: string) => call<Service[]>('GET', `/api/services${q({ office })}`),
  start: (key: string, body: StartBody) => call<StartedInstance>('POST', `/api/processes/${key}/instances`, body),
  upload: (file: File, document: string, instanceId?: string) => {
    const fd = new FormData();
    fd.append('file', file, file.name);
    return call<UploadMeta>('POST', `/api/uploads${q({ document, instanceId })}`, fd);
  },
  /** the documents of an application the caller may see (an applicant: theirs and those the office sent them) */
  documents: (instanceId: string) => call<UploadMeta[]>('GET', `/api/uploads${q({ instanceId })}`),
  /** a document for the applicant, sent from an office's task (issue 23) */
  sendToApplicant: (taskId: string, file: File, title: string) => {
    const fd = new FormData();
    fd.append('file', file, file.name);
    return call<UploadMeta>('POST', `/api/tasks/${taskId}/applicant-documents${q({ title })}`, fd);
  },
  attach: (instanceId: string, uploadIds: string[]) => call<AttachAnswer>('POST', '/api/uploads/attach', { instanceId, uploadIds }),
  applications: () => call<ApplicationSummary[]>('GET', '/api/workspace/applications'),
  application: (id: string) => call<ApplicationStatus>('GET', `/api/workspace/applications/${id}`),
  notifications: () => call<Notification[]>('GET', '/api/notifications?unread=true'),
  markRead: () => call<MarkReadAnswer>('POST', '/api/notifications/read', { all: true }),
  evaluate: (key: string, facts: Record<string, unknown>, lang?: 'id' | 'en') => call<EvaluateAnswer>('POST', `/api/rulesets/${key}/evaluate`, lang ? { facts, lang } : { facts }),
  register: (body: RegisterBody) => call<SessionAnswer>('POST', '/api/auth/register', body),
};

export const uploadUrl = (id: string) => `/api/uploads/${id}/content`;
export const printUrl = (instanceId: string, doc: string) => `/api/print/${instanceId}/${doc}`;
/** The issued PDF of the same document (numbered, with its verification QR; signed for izin and SK). */
export const pdfUrl = (instanceId: string, doc: string) => `/api/print/${instanceId}/${doc}.pdf`;

/** "Rp 1.250.000": the one rupiah formatter (core/money.ts), re-exported for the screens. */
export { formatRupiah as rupiah } from '../../../core/money.js';

/** Live inbox: calls `onChange` (debounced) whenever the server reports a change for me. */
export function subscribeEvents(onChange: (event: 'inbox' | 'notification') => void): () => void {
  const source = new EventSource('/api/events');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = (e: 'inbox' | 'notification') => {
    clearTimeout(timer);
    timer = setTimeout(() => onChange(e), 150);
  };
  source.addEventListener('inbox', () => fire('inbox'));
  source.addEventListener('notification', () => fire('notification'));
  return () => {
    clearTimeout(timer);
    source.close();
  };
}
