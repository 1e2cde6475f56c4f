/**
 * The one typed client for the server's API. Errors arrive as `{code, message, details}` and
 * are thrown as ApiError; the session is the httpOnly cookie set at log-in. Requests and answers
 * are typed from the routes' own schemas (contracts/) where the routes describe them.
 */
import type { RoleGrant, SessionAnswer, SessionState, User } from '../../contracts/auth.js';
import type { Issue } from '../../contracts/common.js';
import type { NewRole, Office, Role, SopTableAnswer } from '../../contracts/meta.js';
import type { AdminOffice, OfficeInput as OfficeInputBody } from '../../contracts/offices.js';
import type { ManagementTextsAnswer, ManagementTextsBody, RevisionAnswer } from '../../contracts/service-standards.js';
import type { ChangelogEntry, DocumentSummary, Publication, PublicationVersion, PublishAnswer, PublishBody, SaveAnswer } from '../../contracts/store.js';
import type { AdminUser, NewUser, OfficialIdentity, UserPage, UserQuery } from '../../contracts/users.js';

export type { RoleGrant, User } from '../../contracts/auth.js';
export type { Issue } from '../../contracts/common.js';
export type { Office, Role } from '../../contracts/meta.js';
export type {
  ChangeItem,
  ChangelogEntry,
  DocumentSummary,
  Publication,
  PublicationState,
  PublicationVersion,
  PublishAnswer,
  SaveAnswer,
} from '../../contracts/store.js';
export type { AdminUser, NewUser, OfficialIdentity, UserPage, UserQuery } from '../../contracts/users.js';
export type LoginAnswer = SessionAnswer;

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(public readonly status: number, public readonly code: string, message: string, public readonly details?: Record<string, unknown>) {
    super(message);
  }
}

/** An office as the admin's Kantor screen sees it (GET /api/admin/offices). */
export type { AdminOffice } from '../../contracts/offices.js';
/**
 * What the Kantor screen sends: the request's schema with every part filled in (the form edits
 * them all); `logo`: absent keeps it, null removes it — its type is the file's own, which the
 * server checks (400 for anything but PNG or JPEG).
 */
export type OfficeInput = Required<Omit<OfficeInputBody, 'logo'>> & { logo?: { contentType: string; base64: string } | null };


export interface Draft<C> { content: C; revision: number; status: string; updatedBy: string; updatedAt: string }

export interface DraftConflict { updatedBy: string; updatedAt: string; revision: number }

export type StoreKind = 'processes' | 'rulesets';

/** A rule-set document as the rule editor sees it (rules/schema/ruleset.schema.json). */
export interface RuleSetDoc {
  key: string;
  title: string;
  description?: string;
  kind: 'requirements' | 'fees' | 'decision';
  legalBasis: Array<{ regulation: string; article?: string; text?: string; link?: string }>;
  facts: { type: 'object'; required?: string[]; properties: Record<string, Record<string, unknown>> };
  versions: Array<{ effectiveFrom: string; effectiveTo?: string; assumption?: boolean; assumptionNotes?: string[]; constants?: Record<string, unknown>; rules: RuleDoc[] }>;
  tests?: Array<{ name: string; at?: string; facts: Record<string, unknown>; expect: Record<string, unknown> }>;
  [extra: string]: unknown;
}
export interface RuleDoc {
  name?: string;
  conditions: unknown;
  event: { type: string; params?: Record<string, unknown> };
  [extra: string]: unknown;
}

export interface EvaluateAnswer {
  ruleSet: { key: string; publication: number | null; period: { effectiveFrom: string; effectiveTo?: string | null } };
  documents: Array<Record<string, unknown>>;
  fees: Array<{ code: string; label: string; amount: string; legalBasis?: string }>;
  total: string;
  decisions: Record<string, unknown>;
  trace: unknown[];
  assumptions?: unknown;
}
export interface TestOutcome {
  name: string; path: string; at: string; passed: boolean; failures: string[];
  fees?: Array<{ code: string; amount: string; label?: string }>; total?: string; documents?: string[]; decisions?: Record<string, unknown>;
  error?: { code: string; message: string };
}
export interface DraftEvaluation { at: string; fees: Array<{ code: string; amount: string; label?: string }>; total: string; documents: string[]; decisions: Record<string, unknown> }
export interface TestAnswer { ok: boolean; passed: number; failed: number; issues: Issue[]; warnings: Issue[]; outcomes: TestOutcome[] }

type Json = Record<string, unknown> | unknown[];

async function request(method: string, url: string, opts: { body?: string; contentType?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: opts.body, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', (e as Error).message);
  }
  if (!res.ok) {
    let body: ApiErrorBody = { code: `HTTP_${res.status}`, message: res.statusText };
    try {
      const parsed = (await res.json()) as Partial<ApiErrorBody>;
      if (parsed && typeof parsed.code === 'string') body = { code: parsed.code, message: parsed.message ?? '', details: parsed.details };
    } catch {
      /* not JSON: keep the status text */
    }
    if (res.status === 401) window.dispatchEvent(new CustomEvent('sop-studio:unauthorized'));
    throw new ApiError(res.status, body.code, body.message, body.details);
  }
  return res;
}

export async function json<T>(method: string, url: string, body?: Json): Promise<T> {
  const res = await request(method, url, body === undefined ? {} : { body: JSON.stringify(body) });
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

function revisionOf(res: Response): number {
  return Number((res.headers.get('etag') ?? '').replace(/\D/g, '')) || 0;
}

function draftMeta(res: Response) {
  return {
    revision: revisionOf(res),
    status: res.headers.get('x-draft-status') ?? 'draft',
    updatedBy: decodeURIComponent(res.headers.get('x-updated-by') ?? ''),
    updatedAt: res.headers.get('x-updated-at') ?? '',
  };
}

const enc = encodeURIComponent;

export const api = {
  login: (username: string, password: string) => json<LoginAnswer>('POST', '/api/auth/login', { username, password }),
  /** The session's user, null when nobody is logged in (200 either way). */
  me: async (): Promise<User | null> => (await json<SessionState>('GET', '/api/auth/session')).user,
  logout: () => json<void>('POST', '/api/auth/logout', {}),
  offices: () => json<Office[]>('GET', '/api/offices'),
  roles: () => json<Role[]>('GET', '/api/roles'),
  createRole: (role: Required<NewRole>) => json<Role>('POST', '/api/admin/roles', role),
  /** An .xlsx SOP table's cells (base64 of the file). */
  sopTableCells: (data: string) => json<SopTableAnswer>('POST', '/api/import/sop-table', { data }),

  users: {
    list: (q: UserQuery) => {
      const params = new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, String(v)]));
      return json<UserPage>('GET', `/api/admin/users?${params.toString()}`);
    },
    create: (body: NewUser) => json<AdminUser>('POST', '/api/admin/users', body as unknown as Json),
    setRoles: (id: string, roles: RoleGrant[]) => json<AdminUser>('PUT', `/api/admin/users/${enc(id)}/roles`, { roles }),
    setDisabled: (id: string, disabled: boolean) => json<AdminUser>('POST', `/api/admin/users/${enc(id)}/${disabled ? 'disable' : 'enable'}`, {}),
    setPassword: (id: string, password: string) => json<void>('POST', `/api/admin/users/${enc(id)}/password`, { password }),
    setIdentity: (id: string, identity: OfficialIdentity) => json<AdminUser>('PUT', `/api/admin/users/${enc(id)}/identity`, identity as unknown as Json),
  },

  adminOffices: {
    list: async () => (await json<{ items: AdminOffice[] }>('GET', '/api/admin/offices')).items,
    create: (key: string, body: OfficeInput) => json<AdminOffice>('POST', '/api/admin/offices', { key, ...body } as unknown as Json),
    /** `revision`: the one the form was loaded at (If-Match), so a concurrent change is not overwritten. */
    update: async (key: string, body: OfficeInput, revision: number) => {
      const res = await request('PUT', `/api/admin/offices/${enc(key)}`, { body: JSON.stringify(body), headers: { 'if-match': `"${revision}"` } });
      return (await res.json()) as AdminOffice;
    },
    logoUrl: (key: string, revision: number) => `/api/admin/offices/${enc(key)}/logo?r=${revision}`,
  },

  list: (kind: StoreKind) => json<DocumentSummary[]>('GET', `/api/${kind}`),
  versions: (kind: StoreKind, key: string) => json<PublicationVersion[]>('GET', `/api/${kind}/${enc(key)}/versions`),
  version: (kind: StoreKind, key: string, n: number) => json<Publication>('GET', `/api/${kind}/${enc(key)}/versions/${n}`),
  publish: (kind: StoreKind, key: string, body: PublishBody) => json<PublishAnswer>('POST', `/api/${kind}/${enc(key)}/publish`, body),
  changelog: (kind: StoreKind, key: string) => json<ChangelogEntry[]>('GET', `/api/${kind}/${enc(key)}/changelog`),

  /** A process draft (raw XML); undefined when there is none. */
  getProcessDraft: async (key: string): Promise<Draft<string> | undefined> => {
    try {
      const res = await request('GET', `/api/processes/${enc(key)}/draft`, { headers: { accept: 'application/xml' } });
      return { content: await res.text(), ...draftMeta(res) };
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return undefined;
      throw e;
    }
  },
  /** Save a process draft; `revision` is the one it was based on (undefined = new draft). */
  saveProcessDraft: async (key: string, xml: string, revision: number | undefined): Promise<SaveAnswer> => {
    const res = await request('PUT', `/api/processes/${enc(key)}/draft`, {
      body: xml,
      contentType: 'application/xml',
      headers: revision === undefined ? {} : { 'if-match': `"${revision}"` },
    });
    return (await res.json()) as SaveAnswer;
  },
  getRuleSetDraft: async (key: string): Promise<Draft<RuleSetDoc> | undefined> => {
    try {
      const res = await request('GET', `/api/rulesets/${enc(key)}/draft`);
      return { content: (await res.json()) as RuleSetDoc, ...draftMeta(res) };
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return undefined;
      throw e;
    }
  },
  saveRuleSetDraft: async (key: string, doc: RuleSetDoc, revision: number | undefined): Promise<SaveAnswer> => {
    const res = await request('PUT', `/api/rulesets/${enc(key)}/draft`, {
      body: JSON.stringify(doc),
      headers: revision === undefined ? {} : { 'if-match': `"${revision}"` },
    });
    return (await res.json()) as SaveAnswer;
  },
  /** Runs the set's test cases on `document` (unsaved edits) or, without it, on the stored draft. */
  testRuleSet: (key: string, document?: RuleSetDoc) => json<TestAnswer>('POST', `/api/rulesets/${enc(key)}/test`, document ? { document } : {}),
  /** Evaluates the published rule set in force on `at`. */
  evaluate: (key: string, body: { facts: Record<string, unknown>; at?: string }) => json<EvaluateAnswer>('POST', `/api/rulesets/${enc(key)}/evaluate`, body),
  /**
   * Evaluates an unpublished document: the test route runs the document's cases and reports
   * each case's fees, total, documents and decisions, so one throw-away case gives the answer
   * for these facts and date (labels are looked up in the document; no trace for drafts).
   */
  evaluateDraft: async (key: string, doc: RuleSetDoc, facts: Record<string, unknown>, at: string): Promise<DraftEvaluation> => {
    const probe = { ...doc, tests: [{ name: 'coba', at, facts, expect: { total: '0' } }] };
    const answer = await json<TestAnswer>('POST', `/api/rulesets/${enc(key)}/test`, { document: probe });
    const outcome = answer.outcomes.find((o) => o.name === 'coba');
    if (outcome?.error) throw new ApiError(422, outcome.error.code, outcome.error.message);
    if (!outcome || outcome.total === undefined) {
      throw new ApiError(422, 'RULESET_INVALID', answer.issues.map((i) => `${i.path ?? ''} ${i.message}`).join('; '));
    }
    return { at, fees: outcome.fees ?? [], total: outcome.total, documents: outcome.documents ?? [], decisions: outcome.decisions ?? {} };
  },

  /** the service standard's editable components (issue 20) */
  serviceStandardTexts: (key: string) => json<ManagementTextsAnswer>('GET', `/api/service-standards/${key}`),
  saveServiceStandardTexts: (key: string, texts: ManagementTextsBody['texts'], revision: number) => json<RevisionAnswer>('PUT', `/api/service-standards/${key}`, { texts, revision }),
};

export function conflictOf(e: unknown): DraftConflict | undefined {
  if (e instanceof ApiError && e.status === 409 && e.code === 'DRAFT_CONFLICT' && e.details) return e.details as unknown as DraftConflict;
  return undefined;
}
