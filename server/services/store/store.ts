import { inSopOrder } from '../../../core/sop-order.js';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/index.js';
import { AppError, type ErrorCode } from '../../errors.js';
import { appendAudit } from '../platform/audit.js';
import { parseBpmn } from './bpmn-parse.js';
import { runContentValidators, type ContentValidators, type DocumentKind, type Issue } from './content-validation.js';
import { isValidDate, todayInJakarta } from '../offices/dates.js';
import { sha256 } from './hash.js';
import { publicationCache, publicationInForceOn } from '../runtime/publication-cache.js';
import { scheduleTimerStarts } from '../runtime/timer-starts.js';

export type { DocumentKind } from './content-validation.js';

export const KEY_PATTERN = '^[a-z0-9][a-z0-9-]{1,63}$';
const KEY_RE = new RegExp(KEY_PATTERN);
export const MAX_CONTENT_BYTES = 5 * 1024 * 1024;

const NOT_FOUND_CODE: Record<DocumentKind, ErrorCode> = { process: 'PROCESS_NOT_FOUND', ruleset: 'RULESET_NOT_FOUND' };
const INVALID_CODE: Record<DocumentKind, ErrorCode> = { process: 'MODEL_INVALID', ruleset: 'RULESET_INVALID' };
const LABEL: Record<DocumentKind, string> = { process: 'Proses', ruleset: 'Aturan' };

export function assertKey(key: string): void {
  if (!KEY_RE.test(key)) throw new AppError('INVALID_KEY', `Kunci tidak valid: harus cocok dengan ${KEY_PATTERN}`, { key });
}

export interface DraftInfo {
  kind: DocumentKind;
  key: string;
  content: string;
  revision: number;
  status: string;
  sha256: string;
  updatedBy: string;
  updatedAt: Date;
}

/** The regulation a change follows, as the change history shows it; each part optional. */
export interface LegalBasis {
  regulation?: string;
  article?: string;
  /** the regulation's date, YYYY-MM-DD */
  date?: string;
}

export interface PublicationMeta {
  key: string;
  n: number;
  sha256: string;
  note: string;
  effectiveFrom: string;
  publishedBy: string;
  publishedAt: Date;
  /** null when the publisher named none */
  legalBasis: LegalBasis | null;
}

export interface Publication extends PublicationMeta {
  content: string;
}

export interface DocumentSummary {
  key: string;
  name: string;
  agency: string | null;
  /** the model's place in its SOP order (`sop:sopNumber`); the list comes in that order */
  sopNumber: string | null;
  status: 'draft' | 'published' | 'perlu-verifikasi';
  latestVersion: number | null;
  hasDraft: boolean;
  updatedAt: Date;
  updatedBy: string;
}

interface Described {
  name: string;
  agency: string | null;
  sopNumber: string | null;
  status: string;
  warnings: Issue[];
}

/** What the store itself can check for each kind, before any plugged-in validator. */
async function describe(kind: DocumentKind, key: string, content: string): Promise<Described> {
  if (Buffer.byteLength(content, 'utf8') > MAX_CONTENT_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', 'Dokumen melebihi 5 MB', { limitBytes: MAX_CONTENT_BYTES });
  }
  if (kind === 'process') {
    const parsed = await parseBpmn(content);
    return { name: parsed.name ?? key, agency: parsed.agency ?? null, sopNumber: parsed.sopNumber ?? null, status: parsed.status === 'perlu-verifikasi' ? 'perlu-verifikasi' : 'draft', warnings: parsed.warnings };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch (e) {
    throw new AppError('RULESET_INVALID', 'Aturan bukan JSON yang valid', { reason: e instanceof Error ? e.message : String(e) });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new AppError('RULESET_INVALID', 'Aturan harus berupa objek JSON');
  const d = doc as Record<string, unknown>;
  const errors: Issue[] = [];
  if (typeof d.key !== 'string') errors.push({ code: 'MISSING_KEY', message: 'Kolom "key" wajib diisi', path: '/key' });
  else if (d.key !== key) errors.push({ code: 'KEY_MISMATCH', message: `Kolom "key" (${d.key}) harus sama dengan ${key}`, path: '/key' });
  if (typeof d.kind !== 'string') errors.push({ code: 'MISSING_KIND', message: 'Kolom "kind" wajib diisi', path: '/kind' });
  if (errors.length > 0) throw new AppError('RULESET_INVALID', 'Aturan tidak lengkap', { errors });
  const name = typeof d.title === 'string' ? d.title : key;
  const agency = typeof d.agency === 'string' ? d.agency : null;
  const status = d.status === 'perlu-verifikasi' ? 'perlu-verifikasi' : 'draft';
  return { name, agency, sopNumber: null, status, warnings: [] };
}

async function validateWithHooks(validators: ContentValidators | undefined, kind: DocumentKind, key: string, content: string, phase: 'draft' | 'publish', db: Kysely<Database>): Promise<Issue[]> {
  if (!validators) return [];
  const result = await runContentValidators(validators[kind], content, { phase, key, db });
  if (result.errors.length > 0) {
    // A pattern the linear-time engine cannot run has its own code: the manager must rewrite it.
    const refused = result.errors.some((e) => e.code === 'PATTERN_REFUSED');
    throw new AppError(refused ? 'PATTERN_REFUSED' : INVALID_CODE[kind], `${LABEL[kind]} ${key} tidak valid`, { errors: result.errors, warnings: result.warnings });
  }
  return result.warnings;
}

function toDraft(
  kind: DocumentKind,
  r: { key: string; content: string; revision: number; status: string; sha256: string; updated_by: string; updated_at: Date },
): DraftInfo {
  return {
    kind,
    key: r.key,
    content: r.content,
    revision: r.revision,
    status: r.status,
    sha256: r.sha256,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  };
}

export async function getDraft(db: Kysely<Database>, kind: DocumentKind, key: string): Promise<DraftInfo> {
  assertKey(key);
  const row = await db.selectFrom('drafts').selectAll().where('kind', '=', kind).where('key', '=', key).executeTakeFirst();
  if (!row) throw new AppError('DRAFT_NOT_FOUND', `Belum ada draf untuk ${key}`, { key });
  return toDraft(kind, row);
}

export interface SaveDraftInput {
  kind: DocumentKind;
  key: string;
  content: string;
  /** the revision the editor started from; required when a draft exists */
  ifMatch?: number;
  actor: string;
  /** the content checks (services/store/validators.ts CONTENT_VALIDATORS on every path of the product); without them, none */
  validators?: ContentValidators;
}

export interface SavedDraft {
  draft: DraftInfo;
  warnings: Issue[];
  created: boolean;
}

/** Creates or updates a draft; optimistic concurrency on the revision so no edit is lost silently. */
export async function saveDraft(db: Kysely<Database>, input: SaveDraftInput): Promise<SavedDraft> {
  const { kind, key, content, actor } = input;
  assertKey(key);
  const described = await describe(kind, key, content);
  const warnings = [...described.warnings, ...(await validateWithHooks(input.validators, kind, key, content, 'draft', db))];
  const hash = sha256(content);
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('drafts').selectAll().where('kind', '=', kind).where('key', '=', key).forUpdate().executeTakeFirst();
    if (current) {
      if (input.ifMatch === undefined) {
        throw new AppError('DRAFT_PRECONDITION_REQUIRED', 'Draf sudah ada: kirim If-Match dengan revisi yang Anda ubah', { revision: current.revision });
      }
      if (input.ifMatch !== current.revision) {
        throw new AppError('DRAFT_CONFLICT', `Draf telah diubah oleh ${current.updated_by} pada ${current.updated_at.toISOString()}`, {
          updatedBy: current.updated_by,
          updatedAt: current.updated_at.toISOString(),
          revision: current.revision,
        });
      }
    }
    await ensureDocument(trx, kind, key, described, actor);
    const now = new Date();
    const revision = (current?.revision ?? 0) + 1;
    if (current) {
      await trx
        .updateTable('drafts')
        .set({ content, sha256: hash, revision, status: described.status, updated_by: actor, updated_at: now })
        .where('kind', '=', kind)
        .where('key', '=', key)
        .execute();
    } else {
      await trx.insertInto('drafts').values({ kind, key, content, sha256: hash, revision, status: described.status, updated_by: actor, updated_at: now }).execute();
    }
    return {
      draft: { kind, key, content, revision, status: described.status, sha256: hash, updatedBy: actor, updatedAt: now },
      warnings,
      created: !current,
    };
  });
}

async function ensureDocument(trx: Transaction<Database>, kind: DocumentKind, key: string, d: Described, actor: string): Promise<void> {
  const doc = await trx.selectFrom('documents').select('key').where('kind', '=', kind).where('key', '=', key).executeTakeFirst();
  if (doc) {
    await trx.updateTable('documents').set({ name: d.name, agency: d.agency, sop_number: d.sopNumber }).where('kind', '=', kind).where('key', '=', key).execute();
  } else {
    await trx.insertInto('documents').values({ kind, key, name: d.name, agency: d.agency, sop_number: d.sopNumber, created_by: actor }).execute();
  }
}

export interface PublishInput {
  kind: DocumentKind;
  key: string;
  effectiveFrom?: string;
  note?: string;
  legalBasis?: LegalBasis;
  actor: string;
  /** the content checks (services/store/validators.ts CONTENT_VALIDATORS on every path of the product); without them, none */
  validators?: ContentValidators;
  /** more work in the publishing transaction (an approval marked as decided: approvals.ts) */
  within?: (trx: Transaction<Database>, n: number) => Promise<void>;
}

export interface PublishResult {
  publication: PublicationMeta;
  warnings: Issue[];
}

/**
 * A publication dated before the one in force today would rewrite which version applied on days
 * already lived (fees assessed, instances started): the fix for a wrong publication is a new one.
 * Checked when publishing and already when a draft is submitted for approval (approvals.ts), so
 * the author hears of it at once rather than the approver later.
 */
export async function assertNotBeforeInForce(conn: Kysely<Database>, kind: DocumentKind, key: string, effectiveFrom: string): Promise<void> {
  const inForce = await conn
    .selectFrom('publications')
    .select(['n', 'effective_from'])
    .where('kind', '=', kind)
    .where('key', '=', key)
    .where('effective_from', '<=', todayInJakarta())
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (inForce && effectiveFrom < inForce.effective_from) {
    throw new AppError('EFFECTIVE_DATE_BEFORE_CURRENT', `Tanggal berlaku ${effectiveFrom} lebih awal dari versi ${inForce.n} yang berlaku sejak ${inForce.effective_from}`, {
      field: 'effectiveFrom',
      effectiveFrom,
      current: { n: inForce.n, effectiveFrom: inForce.effective_from },
    });
  }
}

/** Publishes the current draft as version n+1 in one transaction: all of it, or nothing. */
export async function publish(db: Kysely<Database>, input: PublishInput): Promise<PublishResult> {
  const { kind, key, actor } = input;
  assertKey(key);
  const effectiveFrom = input.effectiveFrom ?? todayInJakarta();
  if (!isValidDate(effectiveFrom)) throw new AppError('VALIDATION_FAILED', 'Tanggal berlaku tidak valid (YYYY-MM-DD)', { field: 'effectiveFrom' });
  const legalBasis = normalizeLegalBasis(input.legalBasis);
  const draft = await getDraft(db, kind, key);
  if (draft.status === 'perlu-verifikasi') {
    throw new AppError(INVALID_CODE[kind], `${LABEL[kind]} ${key} masih ditandai "perlu verifikasi"`, {
      errors: [{ code: 'NEEDS_VERIFICATION', message: 'Hapus tanda sop:status="perlu-verifikasi" setelah memverifikasi isinya' }],
    });
  }
  const described = await describe(kind, key, draft.content);
  const warnings = [...described.warnings, ...(await validateWithHooks(input.validators, kind, key, draft.content, 'publish', db))];
  const published = await db.transaction().execute(async (trx) => {
    const locked = await trx.selectFrom('drafts').select(['revision', 'sha256', 'content']).where('kind', '=', kind).where('key', '=', key).forUpdate().executeTakeFirst();
    if (!locked || locked.revision !== draft.revision) {
      throw new AppError('DRAFT_CONFLICT', 'Draf berubah selama publikasi; muat ulang dan coba lagi', { revision: locked?.revision });
    }
    const latest = await trx
      .selectFrom('publications')
      .select(['n', 'sha256'])
      .where('kind', '=', kind)
      .where('key', '=', key)
      .orderBy('n', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (latest && latest.sha256 === locked.sha256) {
      throw new AppError('NOTHING_TO_PUBLISH', 'Draf sama dengan versi terbit terakhir', { version: latest.n });
    }
    await assertNotBeforeInForce(trx, kind, key, effectiveFrom);
    const n = (latest?.n ?? 0) + 1;
    const publishedAt = new Date();
    const note = input.note ?? '';
    await trx
      .insertInto('publications')
      .values({
        kind,
        key,
        n,
        content: locked.content,
        sha256: locked.sha256,
        note,
        effective_from: effectiveFrom,
        published_by: actor,
        published_at: publishedAt,
        legal_regulation: legalBasis?.regulation ?? null,
        legal_article: legalBasis?.article ?? null,
        legal_date: legalBasis?.date ?? null,
      })
      .execute();
    if (kind === 'process') await scheduleTimerStarts(trx, { key, n, content: locked.content, effectiveFrom, publishedAt });
    await appendAudit(trx, {
      actor,
      action: `${kind}.publish`,
      subject: `${kind}:${key}@${n}`,
      beforeHash: latest?.sha256 ?? null,
      afterHash: locked.sha256,
      details: { effectiveFrom, note, ...(legalBasis ? { legalBasis } : {}) },
    });
    if (input.within) await input.within(trx, n);
    return { publication: { key, n, sha256: locked.sha256, note, effectiveFrom, publishedBy: actor, publishedAt, legalBasis }, warnings };
  });
  // This server's steps see the new publication at once (the others on the notification, 0013).
  publicationCache(db).invalidate();
  return published;
}

/** Blank parts are dropped; an all-blank basis is none. */
function normalizeLegalBasis(b: LegalBasis | undefined): LegalBasis | null {
  if (!b) return null;
  const out: LegalBasis = {};
  const regulation = b.regulation?.trim();
  const article = b.article?.trim();
  const date = b.date?.trim();
  if (regulation) out.regulation = regulation;
  if (article) out.article = article;
  if (date) {
    if (!isValidDate(date)) throw new AppError('VALIDATION_FAILED', 'Tanggal dasar hukum tidak valid (YYYY-MM-DD)', { field: 'legalBasis.date' });
    out.date = date;
  }
  return Object.keys(out).length > 0 ? out : null;
}

type PublicationRow = {
  key: string;
  n: number;
  sha256: string;
  note: string;
  effective_from: string;
  published_by: string;
  published_at: Date;
  legal_regulation: string | null;
  legal_article: string | null;
  legal_date: string | null;
};

const META_COLUMNS = ['key', 'n', 'sha256', 'note', 'effective_from', 'published_by', 'published_at', 'legal_regulation', 'legal_article', 'legal_date'] as const;

function toMeta(r: PublicationRow): PublicationMeta {
  const basis: LegalBasis = {};
  if (r.legal_regulation !== null) basis.regulation = r.legal_regulation;
  if (r.legal_article !== null) basis.article = r.legal_article;
  if (r.legal_date !== null) basis.date = r.legal_date;
  return {
    key: r.key,
    n: r.n,
    sha256: r.sha256,
    note: r.note,
    effectiveFrom: r.effective_from,
    publishedBy: r.published_by,
    publishedAt: r.published_at,
    legalBasis: Object.keys(basis).length > 0 ? basis : null,
  };
}

export async function listPublications(db: Kysely<Database>, kind: DocumentKind, key: string): Promise<PublicationMeta[]> {
  assertKey(key);
  const doc = await db.selectFrom('documents').select('key').where('kind', '=', kind).where('key', '=', key).executeTakeFirst();
  if (!doc) throw new AppError(NOT_FOUND_CODE[kind], `${LABEL[kind]} tidak ditemukan: ${key}`, { key });
  const rows = await db
    .selectFrom('publications')
    .select(META_COLUMNS)
    .where('kind', '=', kind)
    .where('key', '=', key)
    .orderBy('n', 'desc')
    .execute();
  return rows.map(toMeta);
}

export async function getPublication(db: Kysely<Database>, kind: DocumentKind, key: string, n: number): Promise<Publication> {
  assertKey(key);
  const r = await db.selectFrom('publications').selectAll().where('kind', '=', kind).where('key', '=', key).where('n', '=', n).executeTakeFirst();
  if (!r) throw new AppError('VERSION_NOT_FOUND', `Versi ${n} dari ${key} tidak ada`, { key, n });
  return { ...toMeta(r), content: r.content };
}

/**
 * The publication in force: the highest n whose effectiveFrom ≤ `at` (default today in
 * Asia/Jakarta). A publication dated in the future takes over on its date.
 */
export async function getLatestPublication(
  db: Kysely<Database>,
  kind: DocumentKind,
  key: string,
  opts: { at?: string } = {},
): Promise<Publication | undefined> {
  const at = opts.at ?? todayInJakarta();
  const r = await publicationInForceOn(db, kind, key, at).selectAll().executeTakeFirst();
  return r ? { ...toMeta(r), content: r.content } : undefined;
}

export async function listDocuments(db: Kysely<Database>, kind: DocumentKind): Promise<DocumentSummary[]> {
  const docs = await db
    .selectFrom('documents')
    .leftJoin('drafts', (j) => j.onRef('drafts.kind', '=', 'documents.kind').onRef('drafts.key', '=', 'documents.key'))
    .select([
      'documents.key',
      'documents.name',
      'documents.agency',
      'documents.sop_number',
      'documents.created_at',
      'documents.created_by',
      'drafts.sha256 as draft_sha',
      'drafts.status as draft_status',
      'drafts.updated_at as draft_updated_at',
      'drafts.updated_by as draft_updated_by',
    ])
    .where('documents.kind', '=', kind)
    .orderBy('documents.key')
    .execute();
  const latest = await db
    .selectFrom('publications as p')
    .select(['p.key', 'p.n', 'p.sha256', 'p.published_at', 'p.published_by'])
    .where('p.kind', '=', kind)
    .where(({ eb, selectFrom }) =>
      eb('p.n', '=', selectFrom('publications as q').select((q) => q.fn.max('q.n').as('m')).whereRef('q.kind', '=', 'p.kind').whereRef('q.key', '=', 'p.key')),
    )
    .execute();
  const byKey = new Map(latest.map((l) => [l.key, l]));
  return inSopOrder(docs.map((d) => ({ ...d, sopNumber: d.sop_number }))).map((d) => {
    const pub = byKey.get(d.key);
    const hasDraft = d.draft_sha !== null && d.draft_sha !== pub?.sha256;
    const status: DocumentSummary['status'] = d.draft_status === 'perlu-verifikasi' && hasDraft ? 'perlu-verifikasi' : pub ? 'published' : 'draft';
    const draftNewer = d.draft_updated_at && (!pub || d.draft_updated_at > pub.published_at);
    return {
      key: d.key,
      name: d.name,
      agency: d.agency,
      sopNumber: d.sop_number,
      status,
      latestVersion: pub?.n ?? null,
      hasDraft,
      updatedAt: draftNewer ? (d.draft_updated_at as Date) : (pub?.published_at ?? d.created_at),
      updatedBy: draftNewer ? (d.draft_updated_by as string) : (pub?.published_by ?? d.created_by),
    };
  });
}

export type PublicationState = 'in-force' | 'scheduled' | 'superseded';

/**
 * Which publication is in force on `today` (the highest n dated on or before it, as
 * getLatestPublication picks), which are scheduled (dated later and not overtaken by a higher n
 * dated on or before their own date, so they will take over), and which are superseded.
 */
export function publicationStates(pubs: ReadonlyArray<{ n: number; effectiveFrom: string }>, today: string = todayInJakarta()): Map<number, PublicationState> {
  const out = new Map<number, PublicationState>();
  let inForce: number | undefined;
  for (const p of pubs) if (p.effectiveFrom <= today && (inForce === undefined || p.n > inForce)) inForce = p.n;
  for (const p of pubs) {
    if (p.n === inForce) out.set(p.n, 'in-force');
    else if (p.effectiveFrom > today && !pubs.some((q) => q.n > p.n && q.effectiveFrom <= p.effectiveFrom)) out.set(p.n, 'scheduled');
    else out.set(p.n, 'superseded');
  }
  return out;
}
