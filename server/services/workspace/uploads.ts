import { createHash, randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/index.js';
import type { UploadsTable } from '../../db/tables/workspace.js';
import { AppError } from '../../errors.js';
import type { SessionUser } from '../accounts/accounts.js';
import { canSeeDocument, canUpload, isAdmin, isOfficer } from '../../../core/access.js';
import { storageLimits } from '../../config.js';
import { instanceAccessFor, type InstanceAccessView } from './workspace-access.js';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export type UploadType = 'application/pdf' | 'image/jpeg' | 'image/png';

/** The type is decided by the first bytes, never by the name or the client's header. */
function sniffType(bytes: Uint8Array): UploadType | undefined {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  return undefined;
}

const EXTENSIONS: Record<UploadType, string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg', 'jfif'],
};
const TYPE_NAMES: Record<UploadType, string> = { 'application/pdf': 'PDF', 'image/png': 'PNG', 'image/jpeg': 'JPEG' };

export interface UploadMeta {
  id: string;
  ownerId: string;
  instanceId: string | null;
  document: string | null;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: string;
  /**
   * For a document of an application: its version (1 = the first file handed in for that
   * requirement; a later one is kept beside it, never over it) and when a completed step that
   * checks that requirement was done with it in hand (null: no decision made on it yet).
   */
  version?: number;
  decidedAt?: string | null;
  /** sent by an officer to the applicant (issue 23), with the title the officer gave it */
  forApplicant: boolean;
  title: string | null;
}

export interface NewUpload {
  filename: string;
  bytes: Uint8Array;
  document?: string | null;
  instanceId?: string | null;
  /** the stream was cut at the size limit */
  truncated?: boolean;
}

const META_COLUMNS = ['id', 'owner_id', 'instance_id', 'document', 'filename', 'content_type', 'size', 'sha256', 'created_at', 'for_applicant', 'title'] as const;

function cleanName(name: string): string {
  // Keep the applicant's own name for display; strip path parts and control characters.
  const base = name.split(/[\\/]/).pop() ?? 'berkas';
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  return base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200) || 'berkas';
}

/** A file whose size and content were checked: its clean name, sniffed type and digest. */
interface CheckedFile {
  filename: string;
  type: UploadType;
  sha256: string;
}

/**
 * Size, emptiness and type by content (a name promising another type is refused); nothing stored.
 * Every way a file enters the database passes here.
 */
export function checkFile(input: Pick<NewUpload, 'filename' | 'bytes' | 'truncated'>): CheckedFile {
  if (input.truncated || input.bytes.length > MAX_UPLOAD_BYTES) {
    throw new AppError('UPLOAD_TOO_LARGE', 'Berkas terlalu besar (maksimal 10 MB)', { maxBytes: MAX_UPLOAD_BYTES });
  }
  if (input.bytes.length === 0) throw new AppError('UPLOAD_EMPTY', 'Berkas kosong');
  const type = sniffType(input.bytes);
  if (!type) throw new AppError('UPLOAD_TYPE_NOT_ALLOWED', 'Jenis berkas tidak diizinkan: hanya PDF, JPEG atau PNG', { allowed: Object.keys(EXTENSIONS) });
  const filename = cleanName(input.filename);
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  const claimed = ext ? (Object.keys(EXTENSIONS) as UploadType[]).find((t) => EXTENSIONS[t].includes(ext)) : undefined;
  // A name that promises one type while the bytes are another is refused: that mismatch is
  // how disguised files travel, and officers open these files.
  if (ext && claimed !== type) {
    throw new AppError('UPLOAD_TYPE_MISMATCH', `Nama berkas berakhiran .${ext} tetapi isinya ${TYPE_NAMES[type]}`, { extension: ext, detected: type });
  }
  return { filename, type, sha256: createHash('sha256').update(input.bytes).digest('hex') };
}

/** Checks size and content, then stores the bytes. The instance (if any) must be visible to the uploader. */
export async function createUpload(db: Kysely<Database>, user: SessionUser, input: NewUpload): Promise<UploadMeta> {
  const { filename, type, sha256 } = checkFile(input);
  if (input.instanceId) await assertMayUpload(db, user, input.instanceId);
  // One transaction holding the uploader's row: their concurrent uploads are counted one after
  // the other, so two at once cannot both slip under a quota.
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('users').select('id').where('id', '=', user.id).forUpdate().execute();
    if (input.instanceId) await assertUploadExpected(trx, input.instanceId);
    await assertWithinQuotas(trx, user, { bytes: input.bytes.length, instanceId: input.instanceId ?? null, unattached: !input.instanceId });
    return insertUpload(trx, user, input, { filename, type, sha256 });
  });
}

/** Stores a checked file (inside the caller's transaction). `forApplicant`: an officer's document for the applicant, with its title. */
export async function insertUpload(
  db: Kysely<Database>,
  user: SessionUser,
  input: NewUpload,
  { filename, type, sha256 }: CheckedFile,
  forApplicant?: { title: string },
): Promise<UploadMeta> {
  const row = await db
    .insertInto('uploads')
    .values({
      id: randomUUID(),
      owner_id: user.id,
      instance_id: input.instanceId ?? null,
      document: input.document ?? null,
      filename,
      content_type: type,
      size: input.bytes.length,
      sha256,
      content: Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength),
      for_applicant: forApplicant !== undefined,
      title: forApplicant?.title ?? null,
    })
    .returning(META_COLUMNS)
    .executeTakeFirstOrThrow();
  return toMeta(row);
}

async function assertInstanceVisible(db: Kysely<Database>, user: SessionUser, instanceId: string): Promise<InstanceAccessView> {
  const access = await instanceAccessFor(db, user, instanceId);
  // Not found and not allowed answer the same, so ids of others' applications are not probed.
  if (!access) throw new AppError('INSTANCE_NOT_FOUND', 'Permohonan tidak ditemukan', { instanceId });
  return access;
}

/**
 * Documents are taken only while a step of the application expects them (issue 16, finding 6):
 * it is running, and an open step lists documents (a checklist) or waits on the applicant (their
 * pending upload step, done by the registering officer for a walk-in). A cancelled or completed
 * application takes none.
 */
async function assertUploadExpected(db: Kysely<Database>, instanceId: string): Promise<void> {
  const inst = await db.selectFrom('runtime_instances').select('status').where('id', '=', instanceId).executeTakeFirst();
  if (inst?.status !== 'running') {
    throw new AppError('UPLOAD_NOT_EXPECTED', 'Permohonan ini sudah tidak menerima berkas', { instanceId, status: inst?.status ?? null });
  }
  const open = await db.selectFrom('runtime_tasks').select(['documents', 'assignee']).where('instance_id', '=', instanceId).where('status', '=', 'open').execute();
  const expects = open.some((t) => t.assignee !== null || ((typeof t.documents === 'string' ? JSON.parse(t.documents) : t.documents) as string[]).length > 0);
  if (!expects) throw new AppError('UPLOAD_NOT_EXPECTED', 'Tidak ada langkah permohonan yang sedang meminta berkas', { instanceId, status: inst.status });
}

/**
 * Quotas (issue 16, finding 8; server/config.ts storageLimits): the bytes of one application's
 * documents, the bytes of one applicant's uploads, the count of one user's unattached uploads.
 */
export async function assertWithinQuotas(db: Kysely<Database>, user: SessionUser, add: { bytes: number; instanceId: string | null; unattached: boolean; applicantBytes?: boolean }): Promise<void> {
  const limits = storageLimits();
  const exceeded = (limit: string, max: number, used: number) => {
    throw new AppError('QUOTA_EXCEEDED', 'Batas penyimpanan berkas tercapai', { limit, max, used });
  };
  if (add.instanceId) {
    const r = await db.selectFrom('uploads').select((eb) => eb.fn.coalesce(eb.fn.sum<string>('size'), eb.lit(0)).as('bytes')).where('instance_id', '=', add.instanceId).executeTakeFirstOrThrow();
    if (Number(r.bytes) + add.bytes > limits.uploadBytesPerApplication) exceeded('application-bytes', limits.uploadBytesPerApplication, Number(r.bytes));
  }
  // Officers and admins are staff accountable for what they store; applicants are bounded.
  if (add.applicantBytes !== false && !isOfficer(user) && !isAdmin(user)) {
    const r = await db.selectFrom('uploads').select((eb) => eb.fn.coalesce(eb.fn.sum<string>('size'), eb.lit(0)).as('bytes')).where('owner_id', '=', user.id).executeTakeFirstOrThrow();
    if (Number(r.bytes) + add.bytes > limits.uploadBytesPerApplicant) exceeded('applicant-bytes', limits.uploadBytesPerApplicant, Number(r.bytes));
  }
  if (add.unattached) {
    const r = await db.selectFrom('uploads').select((eb) => eb.fn.countAll<string>().as('n')).where('owner_id', '=', user.id).where('instance_id', 'is', null).executeTakeFirstOrThrow();
    if (Number(r.n) + 1 > limits.unattachedUploadsPerUser) exceeded('unattached-count', limits.unattachedUploadsPerUser, Number(r.n));
  }
}

/** Adding to an application: seen, and not read-only for this user (a supervisor only reads). */
async function assertMayUpload(db: Kysely<Database>, user: SessionUser, instanceId: string): Promise<InstanceAccessView> {
  const access = await assertInstanceVisible(db, user, instanceId);
  if (!canUpload(user, access.inst, access.view)) throw new AppError('FORBIDDEN', 'Anda hanya dapat melihat permohonan ini', { instanceId });
  return access;
}

/** An upload's row without its bytes (what lists and checks read). */
type MetaRow = Omit<Selectable<UploadsTable>, 'content'>;

function toMeta(r: MetaRow): UploadMeta {
  return {
    id: r.id,
    ownerId: r.owner_id,
    instanceId: r.instance_id,
    document: r.document,
    filename: r.filename,
    contentType: r.content_type,
    size: Number(r.size),
    sha256: r.sha256,
    createdAt: new Date(r.created_at).toISOString(),
    forApplicant: Boolean(r.for_applicant),
    title: r.title,
  };
}

/** The uploader, and whoever may see that document of the upload's application (core/access.ts canSeeDocument). */
async function assertCanRead(db: Kysely<Database>, user: SessionUser, meta: MetaRow): Promise<void> {
  const doc = { ownerId: meta.owner_id, document: meta.document };
  if (canSeeDocument(user, doc, 'none')) return;
  if (meta.instance_id) {
    const access = await instanceAccessFor(db, user, meta.instance_id);
    if (access && canSeeDocument(user, doc, access.view, access.taskDocuments)) return;
  }
  throw new AppError('UPLOAD_NOT_FOUND', 'Berkas tidak ditemukan', { id: meta.id });
}

export async function readUpload(db: Kysely<Database>, user: SessionUser, id: string): Promise<{ meta: UploadMeta; content: Buffer }> {
  const row = await db.selectFrom('uploads').select([...META_COLUMNS, 'content']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('UPLOAD_NOT_FOUND', 'Berkas tidak ditemukan', { id });
  await assertCanRead(db, user, row);
  const c = row.content;
  return { meta: toMeta(row), content: Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength) };
}

/** Uploads of an application, newest first (the newest per document code is the one in force). */
export async function listInstanceUploads(db: Kysely<Database>, user: SessionUser, instanceId: string): Promise<UploadMeta[]> {
  const access = await assertInstanceVisible(db, user, instanceId);
  const rows = await db.selectFrom('uploads').select(META_COLUMNS).where('instance_id', '=', instanceId).orderBy('created_at', 'desc').orderBy('id').execute();
  const versioned = await withVersions(db, instanceId, rows);
  return versioned.filter((m) => canSeeDocument(user, { ownerId: m.ownerId, document: m.document }, access.view, access.taskDocuments));
}

/**
 * Versions and decisions of an application's documents (newest first in, same order out). A file
 * is never replaced: each upload for a requirement is a version of its own, and the history
 * (this list) shows every one with the decision made on it: the completion of the first step
 * that lists that requirement and was completed after the file came in.
 */
async function withVersions(db: Kysely<Database>, instanceId: string, rows: MetaRow[]): Promise<UploadMeta[]> {
  const checks = await db
    .selectFrom('runtime_tasks')
    .select(['documents', 'completed_at'])
    .where('instance_id', '=', instanceId)
    .where('status', '=', 'completed')
    // an officer's check decides; the applicant's own step (handing in) does not
    .where('assignee', 'is', null)
    .orderBy('completed_at')
    .execute();
  const decisions = checks.map((t) => ({ documents: (typeof t.documents === 'string' ? JSON.parse(t.documents) : t.documents) as string[], at: t.completed_at }));
  const seen = new Map<string, number>();
  const total = new Map<string, number>();
  for (const r of rows) if (r.document) total.set(r.document, (total.get(r.document) ?? 0) + 1);
  return rows.map((r) => {
    const meta = toMeta(r);
    if (!r.document) return meta;
    const newer = seen.get(r.document) ?? 0;
    seen.set(r.document, newer + 1);
    const created = new Date(r.created_at).getTime();
    const decided = decisions.find((d) => d.at !== null && d.documents.includes(r.document as string) && new Date(d.at).getTime() >= created);
    return { ...meta, version: (total.get(r.document) ?? 0) - newer, decidedAt: decided?.at ? new Date(decided.at).toISOString() : null };
  });
}

/** The user's own uploads not yet attached to an application (the apply form's staging area). */
export async function listOwnPendingUploads(db: Kysely<Database>, user: SessionUser): Promise<UploadMeta[]> {
  const rows = await db
    .selectFrom('uploads')
    .select(META_COLUMNS)
    .where('owner_id', '=', user.id)
    .where('instance_id', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
  return rows.map(toMeta);
}

/** Attaches the user's own staged uploads to an application the user may see. */
export async function attachUploads(db: Kysely<Database>, user: SessionUser, instanceId: string, uploadIds: string[]): Promise<number> {
  await assertMayUpload(db, user, instanceId);
  if (uploadIds.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('users').select('id').where('id', '=', user.id).forUpdate().execute();
    await assertUploadExpected(trx, instanceId);
    const staged = await trx.selectFrom('uploads').select((eb) => eb.fn.coalesce(eb.fn.sum<string>('size'), eb.lit(0)).as('bytes')).where('id', 'in', uploadIds).where('owner_id', '=', user.id).where('instance_id', 'is', null).executeTakeFirstOrThrow();
    // Attaching moves bytes the applicant already holds: only the application's bound can be crossed.
    await assertWithinQuotas(trx, user, { bytes: Number(staged.bytes), instanceId, unattached: false, applicantBytes: false });
    const res = await trx
      .updateTable('uploads')
      .set({ instance_id: instanceId })
      .where('id', 'in', uploadIds)
      .where('owner_id', '=', user.id)
      .where('instance_id', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  });
}

/** The newest upload per document code of an application: what the checklist shows as present. */
export async function latestUploadsByDocument(db: Kysely<Database>, instanceId: string): Promise<Map<string, UploadMeta>> {
  const rows = await db
    .selectFrom('uploads')
    .select(META_COLUMNS)
    .where('instance_id', '=', instanceId)
    .where('document', 'is not', null)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  const out = new Map<string, UploadMeta>();
  for (const m of await withVersions(db, instanceId, rows)) if (m.document && !out.has(m.document)) out.set(m.document, m);
  return out;
}
