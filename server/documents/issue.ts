/**
 * Issued documents (issue 20): a PDF is rendered, numbered, signed where it is signed, and stored
 * with its SHA-256 when it is issued; after that it is served byte for byte. Signed kinds (izin,
 * sk) are issued by a signing step, inside that step's transaction (signOnStep). Other kinds are
 * issued on their first download and again, replacing the earlier one, when what they say has
 * changed (a new fee computation). Revoking and replacing are audited.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { canChangeIssuedDocument, canPrint, type PrintKind } from '../../core/access.js';
import { maskName } from '../../core/masking.js';
import type { Variables } from '../../runtime/conditions.js';
import { SIGNING_HANDLER } from '../../runtime/engine.js';
import { systemResults } from '../../runtime/inputs.js';
import type { ProcessModel } from '../../runtime/model/types.js';
import type { Database } from '../db/index.js';
import { AppError } from '../errors.js';
import type { SessionUser } from '../services/accounts/accounts.js';
import { appendAudit } from '../services/platform/audit.js';
import { canonicalJson } from '../services/store/hash.js';
import { raisePermitIssued } from '../services/notifications/notification-notices.js';
import { allocateDocumentNumber } from '../services/offices/numbering.js';
import { processModel } from '../services/publications/services-catalog.js';
import { instanceAccessFor } from '../services/workspace/workspace-access.js';
import { assertProduced } from './produced.js';
import { documentContent, signedKindOf, SIGNED_KINDS, substance, type DocumentContent, type Official } from './content.js';
import { renderPdf } from './layout.js';
import { localCaSigner } from './local-ca.js';
import { savePdf } from './pdf-base.js';
import type { PdfSigner, SigningOfficial } from './signer.js';
import { tteSigner } from './tte.js';

type Conn = Kysely<Database> | Transaction<Database>;

const sha256hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The office's signer: its TTE service when configured (office_signers, else TTE_BASE_URL), else the local CA. */
async function signerFor(conn: Conn, office: string): Promise<PdfSigner> {
  const row = await conn.selectFrom('office_signers').select('base_url').where('office', '=', office).executeTakeFirst();
  const url = row?.base_url ?? process.env.TTE_BASE_URL;
  return url ? tteSigner(url) : localCaSigner(conn);
}

/** Where the QR code points: PUBLIC_URL when set (behind a proxy), else the origin the request came to. */
function verificationBase(origin: string): string {
  return (process.env.PUBLIC_URL ?? origin).replace(/\/+$/, '');
}

export interface IssuedDocument {
  code: string;
  number: string;
  sha256: string;
  bytes: Uint8Array;
}

interface IssueInput {
  instanceId: string;
  kind: PrintKind;
  content: DocumentContent;
  origin: string;
  /** the number already issued for this document (a signing step's earlier number, a replacement) */
  number?: string | null;
  signing?: { signer: PdfSigner; official: SigningOfficial; passphrase: string; role: string };
  validUntil?: string | null;
  now?: Date;
}

/** Renders, numbers, signs and stores one document; an earlier valid one of the same kind becomes `diganti`. Runs in the caller's transaction. */
async function issue(conn: Conn, input: IssueInput): Promise<IssuedDocument> {
  const c = input.content;
  // PDF dates have whole seconds: the stored date is the one the document shows.
  const issuedAt = new Date(Math.floor((input.now ?? new Date()).getTime() / 1000) * 1000);
  const number = input.number ?? c.number ?? (await allocateDocumentNumber(conn, { office: c.office.key, kind: input.kind, at: issuedAt })).number;
  const code = randomBytes(10).toString('hex').toUpperCase();
  const doc = await renderPdf(c, { number, code, issuedAt, verifyUrl: `${verificationBase(input.origin)}/verifikasi/${code}` });
  let bytes = await savePdf(doc);
  if (input.signing) {
    // SignerRefused / SignerUnavailable carry their own codes (SIGNING_REFUSED 400, SIGNING_UNAVAILABLE 502).
    bytes = await input.signing.signer.sign(bytes, {
      official: input.signing.official,
      passphrase: input.signing.passphrase,
      reason: `${c.title} nomor ${number}`,
      location: c.office.name,
      signingTime: issuedAt,
    });
  }
  const digest = sha256hex(bytes);
  await conn
    .updateTable('issued_documents')
    .set({ status: 'diganti', replaced_by: code, status_changed_at: issuedAt, status_changed_by: input.signing?.official.userId ?? 'system', status_reason: 'Diterbitkan ulang' })
    .where('instance_id', '=', input.instanceId)
    .where('kind', '=', input.kind)
    .where('status', '=', 'valid')
    .execute();
  await conn
    .insertInto('issued_documents')
    .values({
      code,
      kind: input.kind,
      instance_id: input.instanceId,
      number,
      title: c.title,
      valid_until: input.validUntil ?? null,
      holder_name: maskName(c.holder.name),
      office: c.office.key,
      office_name: c.office.name,
      issued_at: issuedAt,
      signed: !!input.signing,
      signer_id: input.signing?.official.userId ?? null,
      signer_role: input.signing?.role ?? null,
      content_hash: contentHash(c),
      sha256: digest,
      bytes: Buffer.from(bytes),
    })
    .execute();
  return { code, number, sha256: digest, bytes };
}

function contentHash(c: DocumentContent): string {
  const logo = c.office.logo ? sha256hex(c.office.logo.bytes) : null;
  return createHash('sha256').update(canonicalJson({ s: substance(c), logo })).digest('hex');
}

/** The official's signing identity from their user record; name, NIP and jabatan must be there. */
async function signingOfficial(conn: Conn, userId: string): Promise<SigningOfficial> {
  const u = await conn.selectFrom('users').select(['id', 'full_name', 'nip', 'jabatan', 'nik']).where('id', '=', userId).executeTakeFirst();
  if (!u?.full_name || !u.nip || !u.jabatan) {
    throw new AppError('OFFICIAL_IDENTITY_MISSING', 'Nama lengkap, NIP dan jabatan Anda belum lengkap: minta admin mengisinya di Pengguna sebelum menandatangani.', {
      missing: [!u?.full_name && 'fullName', !u?.nip && 'nip', !u?.jabatan && 'jabatan'].filter(Boolean),
    });
  }
  return { userId: u.id, name: u.full_name, nip: u.nip, jabatan: u.jabatan, nik: u.nik };
}

const asOfficial = (o: SigningOfficial): Official => ({ name: o.name, jabatan: o.jabatan, nip: o.nip });

export interface SigningStep {
  actor: string;
  role: string;
  instanceId: string;
  office: string;
  model: ProcessModel;
  /** the step's output ("Izin Reklame", "Surat Keputusan …") */
  output: string | undefined;
  /** the instance's variables with this step's inputs */
  variables: Variables;
  /** this step's own inputs (the official's: e.g. `berlakuSampai`) */
  inputs: Variables;
  passphrase: string;
  origin: string;
}

/**
 * A signing step's completion: the document rendered, numbered, signed by the official and stored,
 * inside the step's transaction (`conn`). Throws a 4xx AppError (wrong passphrase, identity
 * missing) and the step rolls back: the task stays open and no number is used. Answers the
 * system's results the step records (`variables.sys`).
 */
export async function signOnStep(conn: Transaction<Database> | Kysely<Database>, step: SigningStep): Promise<Variables> {
  if (!step.passphrase) throw new AppError('PASSPHRASE_REQUIRED', 'Langkah ini menandatangani dokumen secara elektronik: masukkan passphrase Anda.', {});
  const kind = signedKindOf(step.output);
  const official = await signingOfficial(conn, step.actor);
  const validUntil = typeof step.inputs.berlakuSampai === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(step.inputs.berlakuSampai) ? step.inputs.berlakuSampai : null;
  const content = await documentContent(conn as Kysely<Database>, step.instanceId, kind, {
    model: step.model,
    signing: { title: step.output ?? step.model.name, signer: asOfficial(official), validUntil, variables: step.variables },
  });
  // A number issued earlier for this same kind of document (an issue-document step) is kept; another kind's is not this document's.
  const sys = systemResults(step.variables);
  const earlier = sys.documentKind === kind ? sys.documentNumber : undefined;
  const issued = await issue(conn, {
    instanceId: step.instanceId,
    kind,
    content,
    origin: step.origin,
    number: typeof earlier === 'string' ? earlier : null,
    signing: { signer: await signerFor(conn, step.office), official, passphrase: step.passphrase, role: step.role },
    validUntil,
  });
  if (kind === 'izin') await raisePermitIssued(conn as Kysely<Database>, step.instanceId, { title: content.title, documentNumber: issued.number });
  return { documentNumber: issued.number, documentCode: issued.code, documentKind: kind, documentSignedBy: official.name, documentSignature: `pades-sha256:${issued.sha256}` };
}

/* ---------------- reading ---------------- */

async function validDocument(conn: Conn, instanceId: string, kind: PrintKind) {
  return conn.selectFrom('issued_documents').selectAll().where('instance_id', '=', instanceId).where('kind', '=', kind).where('status', '=', 'valid').executeTakeFirst();
}

/**
 * The PDF of an application's document for a user allowed to print it (core/access.ts canPrint):
 * the stored one, byte for byte; an unsigned kind is issued on first download and again when what
 * it says has changed. A signed kind exists only once its signing step issued it, unless the
 * process has no signing step (then it is issued unsigned when the application completes).
 */
export async function applicationPdf(db: Kysely<Database>, user: SessionUser, instanceId: string, kind: PrintKind, origin: string): Promise<IssuedDocument & { filename: string }> {
  const access = await instanceAccessFor(db, user, instanceId);
  if (!access) throw new AppError('NOT_FOUND', 'Permohonan tidak ditemukan', { id: instanceId });
  if (!canPrint(access.view, kind)) throw new AppError('NOT_FOUND', 'Dokumen tidak tersedia untuk Anda', { id: instanceId, doc: kind });
  await assertProduced(db, instanceId, kind);
  const out = (d: { code: string; number: string; sha256: string; bytes: Uint8Array }) => ({
    code: d.code,
    number: d.number,
    sha256: d.sha256,
    bytes: new Uint8Array(d.bytes),
    filename: `${kind}-${d.number.replace(/[^A-Za-z0-9.-]+/g, '_')}.pdf`,
  });
  const stored = await validDocument(db, instanceId, kind);
  if (stored?.signed) return out(stored);
  let content: DocumentContent;
  try {
    content = await documentContent(db, instanceId, kind);
  } catch (e) {
    if (stored) return out(stored);
    throw e;
  }
  if (stored && stored.content_hash === contentHash(content)) return out(stored);
  if (SIGNED_KINDS.has(kind) && (await hasSigningStep(db, instanceId))) throw new AppError('NOT_FOUND', 'Dokumen belum ditandatangani', { id: instanceId, kind });
  try {
    return out(await db.transaction().execute((trx) => issue(trx, { instanceId, kind, content, origin })));
  } catch (e) {
    // Two first downloads at once: the other one issued it (one valid document per kind).
    if ((e as { code?: unknown }).code === '23505') {
      const again = await validDocument(db, instanceId, kind);
      if (again) return out(again);
    }
    throw e;
  }
}

async function hasSigningStep(db: Kysely<Database>, instanceId: string): Promise<boolean> {
  const inst = await db.selectFrom('runtime_instances').select(['process_key', 'publication']).where('id', '=', instanceId).executeTakeFirstOrThrow();
  const model = await processModel(db, inst.process_key, inst.publication);
  return Object.values(model.nodes).some((n) => n.kind === 'userTask' && n.handler === SIGNING_HANDLER);
}

export interface Verification {
  kind: string;
  title: string;
  number: string;
  holderName: string;
  office: string;
  issuedAt: string;
  status: 'valid' | 'dicabut' | 'diganti';
  sha256: string;
  signed: boolean;
  replacedBy: string | null;
  validUntil: string | null;
}

/** What the public verification page shows of a document (anyone, no log-in). */
export async function verifyDocument(db: Kysely<Database>, code: string): Promise<Verification> {
  const d = await db
    .selectFrom('issued_documents')
    .select(['kind', 'title', 'number', 'holder_name', 'office_name', 'issued_at', 'status', 'sha256', 'signed', 'replaced_by', 'valid_until'])
    .where('code', '=', code.toUpperCase())
    .executeTakeFirst();
  if (!d) throw new AppError('DOCUMENT_NOT_FOUND', 'Dokumen dengan kode ini tidak ada', { code });
  return {
    kind: d.kind,
    title: d.title,
    number: d.number,
    holderName: d.holder_name,
    office: d.office_name,
    issuedAt: new Date(d.issued_at).toISOString(),
    status: d.status,
    sha256: d.sha256,
    signed: d.signed,
    replacedBy: d.replaced_by,
    validUntil: d.valid_until,
  };
}

/* ---------------- revoke and replace ---------------- */

async function changeable(trx: Transaction<Database>, user: SessionUser, code: string) {
  const d = await trx.selectFrom('issued_documents').selectAll().where('code', '=', code.toUpperCase()).forUpdate().executeTakeFirst();
  if (!d) throw new AppError('DOCUMENT_NOT_FOUND', 'Dokumen tidak ditemukan', { code });
  const may = canChangeIssuedDocument(user, { office: d.office, signerRole: d.signer_role });
  if (may === 'hidden') throw new AppError('DOCUMENT_NOT_FOUND', 'Dokumen tidak ditemukan', { code });
  if (may === 'forbidden') throw new AppError('FORBIDDEN', 'Hanya admin atau jabatan penanda tangan dokumen ini yang boleh mengubah statusnya', { code });
  if (d.status !== 'valid') throw new AppError('DOCUMENT_NOT_VALID', `Dokumen sudah berstatus ${d.status}`, { code, status: d.status });
  return d;
}

/** Revokes a valid document (status dicabut), with the reason in the audit chain. */
export async function revokeDocument(db: Kysely<Database>, user: SessionUser, code: string, reason: string): Promise<Verification> {
  await db.transaction().execute(async (trx) => {
    const d = await changeable(trx, user, code);
    await trx.updateTable('issued_documents').set({ status: 'dicabut', status_reason: reason, status_changed_at: new Date(), status_changed_by: user.id }).where('code', '=', d.code).execute();
    await appendAudit(trx, { actor: user.username, action: 'document.revoke', subject: `document:${d.code}`, details: { kind: d.kind, number: d.number, instanceId: d.instance_id, reason, sha256: d.sha256 } });
  });
  return verifyDocument(db, code);
}

/**
 * Replaces a valid document by a new issue of it from the application as it is now (same number,
 * new code): the old one becomes `diganti` and points to the new one. A signed kind is signed
 * again by the caller, who gives their passphrase.
 */
export async function replaceDocument(db: Kysely<Database>, user: SessionUser, code: string, input: { reason: string; passphrase?: string; origin: string }): Promise<Verification & { code: string }> {
  const next = await db.transaction().execute(async (trx) => {
    const d = await changeable(trx, user, code);
    const kind = d.kind as PrintKind;
    let issued: IssuedDocument;
    if (d.signed) {
      if (!input.passphrase) throw new AppError('PASSPHRASE_REQUIRED', 'Dokumen ini bertanda tangan elektronik: masukkan passphrase Anda untuk menandatangani penggantinya.', {});
      const official = await signingOfficial(trx, user.id);
      const inst = await trx.selectFrom('runtime_instances').select(['variables', 'office', 'process_key', 'publication']).where('id', '=', d.instance_id).executeTakeFirstOrThrow();
      const variables = (typeof inst.variables === 'string' ? JSON.parse(inst.variables) : inst.variables) as Variables;
      const content = await documentContent(trx, d.instance_id, kind, { signing: { title: d.title, signer: asOfficial(official), validUntil: d.valid_until, variables } });
      issued = await issue(trx, {
        instanceId: d.instance_id,
        kind,
        content,
        origin: input.origin,
        number: d.number,
        validUntil: d.valid_until,
        signing: { signer: await signerFor(trx, inst.office), official, passphrase: input.passphrase, role: d.signer_role ?? '' },
      });
    } else {
      const content = await documentContent(trx, d.instance_id, kind);
      issued = await issue(trx, { instanceId: d.instance_id, kind, content, origin: input.origin, number: d.number });
    }
    await trx.updateTable('issued_documents').set({ status_reason: input.reason, status_changed_by: user.id }).where('code', '=', d.code).execute();
    await appendAudit(trx, {
      actor: user.username,
      action: 'document.replace',
      subject: `document:${d.code}`,
      details: { kind: d.kind, number: d.number, instanceId: d.instance_id, reason: input.reason, sha256: d.sha256, replacedBy: issued.code },
    });
    return issued.code;
  });
  return { ...(await verifyDocument(db, next)), code: next };
}
