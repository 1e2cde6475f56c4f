import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Approval } from '../../../contracts/store.js';
import type { Database } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../platform/audit.js';
import { isValidDate, todayInJakarta } from '../offices/dates.js';
import { assertKey, assertNotBeforeInForce, getDraft, publish, type DocumentKind, type LegalBasis, type PublishInput, type PublishResult } from './store.js';
import { CONTENT_VALIDATORS } from './validators.js';

/**
 * Two people for a publication (issue 19). A process or rule set may require it (the document's
 * `requires_approval`, set by an admin, because a SOP serves several offices). Then publishing
 * submits the draft — its revision, the effective date, note and legal basis — for approval, and
 * a second manager or admin (never the author) approves it, which publishes exactly that revision
 * in the same transaction, or sends it back with a comment. Each step is audited; the change
 * history names who submitted and who approved.
 */

export type { Approval };

type Row = {
  id: string;
  kind: string;
  key: string;
  status: string;
  draft_revision: number;
  effective_from: string;
  note: string;
  legal_basis: unknown;
  submitted_by: string;
  submitted_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  comment: string | null;
  publication: number | null;
};

function toApproval(r: Row): Approval {
  const basis = typeof r.legal_basis === 'string' ? (JSON.parse(r.legal_basis) as LegalBasis | null) : (r.legal_basis as LegalBasis | null);
  return {
    id: r.id,
    kind: r.kind as DocumentKind,
    key: r.key,
    status: r.status as Approval['status'],
    draftRevision: r.draft_revision,
    effectiveFrom: r.effective_from,
    note: r.note,
    legalBasis: basis,
    submittedBy: r.submitted_by,
    submittedAt: new Date(r.submitted_at).toISOString(),
    decidedBy: r.decided_by,
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    comment: r.comment,
    publication: r.publication,
  };
}

const COLUMNS = ['id', 'kind', 'key', 'status', 'draft_revision', 'effective_from', 'note', 'legal_basis', 'submitted_by', 'submitted_at', 'decided_by', 'decided_at', 'comment', 'publication'] as const;

async function documentRow(db: Kysely<Database>, kind: DocumentKind, key: string) {
  assertKey(key);
  const doc = await db.selectFrom('documents').select(['requires_approval']).where('kind', '=', kind).where('key', '=', key).executeTakeFirst();
  if (!doc) throw new AppError(kind === 'process' ? 'PROCESS_NOT_FOUND' : 'RULESET_NOT_FOUND', `Dokumen tidak ditemukan: ${key}`, { key });
  return doc;
}

export async function requiresApproval(db: Kysely<Database>, kind: DocumentKind, key: string): Promise<boolean> {
  return (await documentRow(db, kind, key)).requires_approval === true;
}

/** The admin's setting for one process or rule set; audited. */
export async function setApprovalRequired(db: Kysely<Database>, kind: DocumentKind, key: string, required: boolean, actor: string): Promise<{ required: boolean }> {
  await documentRow(db, kind, key);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('documents').set({ requires_approval: required }).where('kind', '=', kind).where('key', '=', key).execute();
    await appendAudit(trx, { actor, action: `${kind}.approval-setting`, subject: `${kind}:${key}`, details: { required } });
  });
  return { required };
}

export async function listApprovals(db: Kysely<Database>, kind: DocumentKind, key: string): Promise<{ required: boolean; approvals: Approval[] }> {
  const required = await requiresApproval(db, kind, key);
  const rows = await db.selectFrom('publication_approvals').select(COLUMNS).where('kind', '=', kind).where('key', '=', key).orderBy('submitted_at', 'desc').execute();
  return { required, approvals: rows.map((r) => toApproval(r as Row)) };
}

/** Decided approvals by the publication they produced (for the change history). */
export async function approvalsByPublication(db: Kysely<Database>, kind: DocumentKind, key: string): Promise<Map<number, Approval>> {
  const rows = await db.selectFrom('publication_approvals').select(COLUMNS).where('kind', '=', kind).where('key', '=', key).where('publication', 'is not', null).execute();
  return new Map(rows.map((r) => [r.publication as number, toApproval(r as Row)]));
}

/** What a submission carries: what a publication would, decided later by a second person. */
export type SubmitInput = Pick<PublishInput, 'kind' | 'key' | 'effectiveFrom' | 'note' | 'legalBasis' | 'actor'>;

export async function submitForApproval(db: Kysely<Database>, input: SubmitInput): Promise<Approval> {
  const { kind, key, actor } = input;
  await documentRow(db, kind, key);
  const effectiveFrom = input.effectiveFrom ?? todayInJakarta();
  if (!isValidDate(effectiveFrom)) throw new AppError('VALIDATION_FAILED', 'Tanggal berlaku tidak valid (YYYY-MM-DD)', { field: 'effectiveFrom' });
  await assertNotBeforeInForce(db, kind, key, effectiveFrom);
  const draft = await getDraft(db, kind, key);
  const basis = input.legalBasis && Object.values(input.legalBasis).some((v) => typeof v === 'string' && v.trim()) ? input.legalBasis : null;
  const id = randomUUID();
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('publication_approvals')
        .values({
          id,
          kind,
          key,
          status: 'pending',
          draft_revision: draft.revision,
          draft_sha256: draft.sha256,
          effective_from: effectiveFrom,
          note: input.note ?? '',
          legal_basis: basis ? JSON.stringify(basis) : null,
          submitted_by: actor,
        })
        .execute();
      await appendAudit(trx, { actor, action: `${kind}.approval.submit`, subject: `${kind}:${key}`, details: { approval: id, draftRevision: draft.revision, effectiveFrom, note: input.note ?? '', ...(basis ? { legalBasis: basis } : {}) } });
    });
  } catch (e) {
    if ((e as { code?: string }).code === '23505') {
      const pending = await db.selectFrom('publication_approvals').select(['id', 'submitted_by']).where('kind', '=', kind).where('key', '=', key).where('status', '=', 'pending').executeTakeFirst();
      throw new AppError('APPROVAL_PENDING', 'Sudah ada pengajuan yang menunggu persetujuan', { approval: pending?.id, submittedBy: pending?.submitted_by });
    }
    throw e;
  }
  return toApproval((await db.selectFrom('publication_approvals').select(COLUMNS).where('id', '=', id).executeTakeFirstOrThrow()) as Row);
}

async function pendingFor(db: Kysely<Database>, kind: DocumentKind, key: string, id: string, actor: string): Promise<Approval> {
  const row = /^[0-9a-f-]{36}$/.test(id)
    ? await db.selectFrom('publication_approvals').select(COLUMNS).where('id', '=', id).where('kind', '=', kind).where('key', '=', key).executeTakeFirst()
    : undefined;
  if (!row) throw new AppError('APPROVAL_NOT_FOUND', 'Pengajuan tidak ditemukan', { id });
  const a = toApproval(row as Row);
  if (a.status !== 'pending') throw new AppError('APPROVAL_DECIDED', 'Pengajuan ini sudah diputuskan', { status: a.status, decidedBy: a.decidedBy });
  if (a.submittedBy === actor) throw new AppError('APPROVAL_SELF', 'Pengajuan harus disetujui orang lain, bukan pengajunya', { submittedBy: a.submittedBy });
  return a;
}

/** Approves: publishes the submitted revision (refused when the draft changed since) in one transaction with the decision. */
export async function approve(db: Kysely<Database>, kind: DocumentKind, key: string, id: string, actor: string): Promise<{ approval: Approval; published: PublishResult }> {
  const a = await pendingFor(db, kind, key, id, actor);
  const stale = (revision: number | undefined) =>
    new AppError('APPROVAL_STALE', 'Draf berubah setelah diajukan: ajukan ulang agar yang disetujui sama dengan yang diterbitkan', { submittedRevision: a.draftRevision, draftRevision: revision });
  const draft = await getDraft(db, kind, key);
  if (draft.revision !== a.draftRevision) throw stale(draft.revision);
  const published = await publish(db, {
    kind,
    key,
    effectiveFrom: a.effectiveFrom,
    note: a.note,
    legalBasis: a.legalBasis ?? undefined,
    actor,
    validators: CONTENT_VALIDATORS,
    within: async (trx, n) => {
      // the draft row is locked by the publication: its revision is the one published
      const d = await trx.selectFrom('drafts').select('revision').where('kind', '=', kind).where('key', '=', key).executeTakeFirst();
      if (d?.revision !== a.draftRevision) throw stale(d?.revision);
      const r = await trx
        .updateTable('publication_approvals')
        .set({ status: 'approved', decided_by: actor, decided_at: new Date(), publication: n })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new AppError('APPROVAL_DECIDED', 'Pengajuan ini sudah diputuskan', {});
      await appendAudit(trx, { actor, action: `${kind}.approval.approve`, subject: `${kind}:${key}@${n}`, details: { approval: id, submittedBy: a.submittedBy, draftRevision: a.draftRevision } });
    },
  });
  const row = await db.selectFrom('publication_approvals').select(COLUMNS).where('id', '=', id).executeTakeFirstOrThrow();
  return { approval: toApproval(row as Row), published };
}

/** Sends the submission back with a comment (the draft stays as it is). */
export async function reject(db: Kysely<Database>, kind: DocumentKind, key: string, id: string, actor: string, comment: string): Promise<Approval> {
  if (!comment.trim()) throw new AppError('VALIDATION_FAILED', 'Tuliskan alasan pengembalian', { field: 'comment' });
  await pendingFor(db, kind, key, id, actor);
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('publication_approvals')
      .set({ status: 'rejected', decided_by: actor, decided_at: new Date(), comment: comment.trim() })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('APPROVAL_DECIDED', 'Pengajuan ini sudah diputuskan', {});
    await appendAudit(trx, { actor, action: `${kind}.approval.reject`, subject: `${kind}:${key}`, details: { approval: id, comment: comment.trim() } });
  });
  return toApproval((await db.selectFrom('publication_approvals').select(COLUMNS).where('id', '=', id).executeTakeFirstOrThrow()) as Row);
}
