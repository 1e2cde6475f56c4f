/**
 * What an official document says, read once from the application and drawn twice: as the HTML
 * print view (print-html.ts) and as the PDF (layout.ts). Values come only from those allowed to
 * write them: fee lines, document numbers and signatures from the system's results
 * (`variables.sys`), the signing official from their user record, the holder from the applicant's
 * account or the walk-in record; the object of a permit from the forms' declared fields.
 */
import type { Kysely } from 'kysely';
import { canPrint, type PrintKind } from '../../core/access.js';
import { markedFields, type IdentityMark, type MarkedField } from '../../core/form-fields.js';
import { formatRupiah, terbilangRupiah } from '../../core/money.js';
import { tanggal } from '../../core/indonesian-date.js';
import { paymentDue, type PaymentDue } from '../services/workspace/payment-due.js';
import type { Variables } from '../../runtime/conditions.js';
import { resolveForm } from '../../runtime/forms.js';
import { systemResults } from '../../runtime/inputs.js';
import type { ProcessModel } from '../../runtime/model/types.js';
import type { Database } from '../db/index.js';
import { AppError } from '../errors.js';
import type { SessionUser } from '../services/accounts/accounts.js';
import { resultDocument } from './result-document.js';
import { processModel } from '../services/publications/services-catalog.js';
import { feeNotas, notasOwed, sumTotals, type FeeNota } from '../../runtime/fee-notas.js';
import { paymentOf } from '../../runtime/payment.js';
import { assertProduced } from './produced.js';
import { instanceAccessFor } from '../services/workspace/workspace-access.js';

export const DOCUMENT_TITLES = {
  'tanda-terima': 'Tanda Terima Berkas',
  nota: 'Nota Perhitungan',
  skpd: 'Surat Ketetapan Pajak Daerah (SKPD)',
  skrd: 'Surat Ketetapan Retribusi Daerah (SKRD)',
  sppdkb: 'Surat Pemberitahuan Pajak Daerah Kurang Bayar (SPPDKB)',
  sk: 'Surat Keputusan',
  'surat-penolakan': 'Surat Penolakan',
  izin: 'Surat Izin',
  kwitansi: 'Kwitansi',
} as const satisfies Record<PrintKind, string>;

/** How a receipt names the method the kasir chose (runtime/payment.ts PAYMENT_METHODS). */
const PAYMENT_METHOD_LABELS: Record<string, string> = { tunai: 'Tunai', transfer: 'Transfer bank', qris: 'QRIS', kartu: 'Kartu debit/kredit' };

export const PRINT_KINDS = Object.keys(DOCUMENT_TITLES) as PrintKind[];

/** Kinds an official signs electronically (a signing step issues them). */
export const SIGNED_KINDS: ReadonlySet<PrintKind> = new Set<PrintKind>(['izin', 'sk']);

/** Which signed kind a signing step's output names (core/print-kinds.ts). */
export { signedKindOf } from '../../core/print-kinds.js';

export interface Official {
  name: string;
  jabatan: string | null;
  nip: string | null;
}

export interface FeeTable {
  lines: Array<{ label: string; legalBasis: string; amount: string }>;
  total: string;
  note: string;
}

export interface DocumentContent {
  kind: PrintKind;
  title: string;
  office: { key: string; name: string; address: string; contacts: Record<string, string>; logo: { bytes: Uint8Array; type: string } | null };
  /** number: the application's business key (its registration number), null when it has none (never its internal id) */
  application: { number: string | null; service: string; date: string; reference: string | null };
  holder: { name: string; nik: string | null };
  /** the result's number when a step issued it (numbering service), else null: issued with the PDF */
  number: string | null;
  paragraphs: string[];
  /** labelled lines: the object of a permit, its validity */
  fields: Array<{ label: string; value: string }>;
  table: { head: string[]; rows: string[][] } | null;
  fees: FeeTable[];
  /** the total in figures and in words (terbilang) */
  amount: { figure: string; words: string } | null;
  /** a fee document's last day to pay (the service's days after the nota: services/workspace/payment-due.ts) */
  paymentDue: PaymentDue | null;
  reasons: Array<{ text: string; basis?: string; code?: string; redirect?: string }>;
  legalBasis: string[];
  closing: string | null;
  signer: Official | null;
  signedElectronically: boolean;
}

type Conn = Kysely<Database>;

const parse = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/** The result document of a completed instance (see applications.ts). */
async function resultOf(conn: Conn, model: ProcessModel, inst: { id: string; business_key: string | null; status: string }, v: Variables) {
  const end = await conn.selectFrom('runtime_history').select('element_id').where('instance_id', '=', inst.id).where('element_kind', '=', 'endEvent').where('event', '=', 'completed').orderBy('id', 'desc').execute();
  const top = end.find((e) => model.nodes[e.element_id]?.parent === null);
  return resultDocument(model, top?.element_id, inst, v);
}

interface Reason {
  code: string;
  message: string;
  legalBasis: string;
  redirect?: string;
}

/** Reasons of rule evaluations (the system's results) that found the application ineligible. */
function ineligibility(sys: Variables): Reason[] {
  const out: Reason[] = [];
  for (const value of Object.values(sys)) {
    if (!value || typeof value !== 'object') continue;
    const r = value as { ruleSet?: unknown; eligible?: unknown; reasons?: unknown };
    if (!r.ruleSet || r.eligible !== false || !Array.isArray(r.reasons)) continue;
    for (const x of r.reasons as Reason[]) if (!out.some((o) => o.code === x.code)) out.push(x);
  }
  return out;
}

/** The fields the model's forms mark (`x-sop-field`, core/form-fields.ts), each once, in the forms' order. */
async function modelMarkedFields(model: ProcessModel): Promise<MarkedField[]> {
  const out: MarkedField[] = [];
  for (const node of Object.values(model.nodes)) {
    if (!node.form) continue;
    let schema: Record<string, unknown> | undefined;
    try {
      schema = (await resolveForm(node.form, undefined))?.schema;
    } catch {
      continue;
    }
    for (const f of markedFields(schema)) if (!out.some((o) => o.name === f.name)) out.push(f);
  }
  return out;
}

const shown = (value: unknown): string | undefined =>
  typeof value === 'number' ? String(value) : typeof value === 'string' && value.trim() ? value : undefined;

/** What the application is about, as the forms mark it (`object`) and the application holds it: the permit's object (also the task page's). */
export async function objectFields(model: ProcessModel, v: Variables): Promise<Array<{ label: string; value: string }>> {
  const out: Array<{ label: string; value: string }> = [];
  for (const f of await modelMarkedFields(model)) {
    const value = shown(v[f.name]);
    if (f.mark === 'object' && value !== undefined) out.push({ label: f.title.replace(/\s*\(.*?\)\s*$/, ''), value });
  }
  return out;
}

/** The applicant's identity as the forms mark it (`applicant.name`, `applicant.nik`…) and the application holds it. */
export async function identityFields(model: ProcessModel, v: Variables): Promise<Partial<Record<IdentityMark, string>>> {
  const out: Partial<Record<IdentityMark, string>> = {};
  for (const f of await modelMarkedFields(model)) {
    const value = shown(v[f.name]);
    if (f.mark !== 'object' && value !== undefined) out[f.mark] ??= value;
  }
  return out;
}

function feeTables(notas: FeeNota[]): FeeTable[] {
  return notas.map((n) => ({
    lines: n.fees.map((f) => ({ label: f.label, legalBasis: f.legalBasis ?? '', amount: f.amount })),
    total: n.total,
    note: `Tarif: aturan ${n.ruleSet.key} terbitan ${n.ruleSet.publication ?? '-'}, berlaku sejak ${n.ruleSet.period?.effectiveFrom ? tanggal(n.ruleSet.period.effectiveFrom) : '-'}${n.at ? `; tanggal acuan ${tanggal(n.at)}` : ''}.`,
  }));
}

/** A user's name as a document prints it: the full name, never the username or id. */
async function officialOf(conn: Conn, userId: string | null | undefined): Promise<Official | null> {
  if (!userId) return null;
  const u = await conn.selectFrom('users').select(['name', 'full_name', 'jabatan', 'nip']).where('id', '=', userId).executeTakeFirst();
  if (!u) return null;
  return { name: u.full_name ?? u.name, jabatan: u.jabatan, nip: u.nip };
}

export interface ContentOptions {
  /** a signing step: the title (its output), the official signing, the validity the official set */
  signing?: { title: string; signer: Official; validUntil?: string | null; variables: Variables };
  /** the model, when the caller has it (a step's transaction must not read through another handle) */
  model?: ProcessModel;
}

/**
 * The content of one document of an application. Throws NOT_FOUND when the application does not
 * (yet) have that document. `conn` may be a step's transaction.
 */
export async function documentContent(conn: Conn, instanceId: string, kind: PrintKind, opts: ContentOptions = {}): Promise<DocumentContent> {
  const inst = await conn.selectFrom('runtime_instances').selectAll().where('id', '=', instanceId).executeTakeFirst();
  if (!inst) throw new AppError('NOT_FOUND', 'Permohonan tidak ditemukan', { id: instanceId });
  const v = opts.signing?.variables ?? parse<Variables>(inst.variables);
  const sys = systemResults(v);
  const model = opts.model ?? (await processModel(conn, inst.process_key, inst.publication));
  const officeRow = await conn.selectFrom('offices').select(['key', 'name', 'address', 'contacts', 'logo', 'logo_type']).where('key', '=', inst.office).executeTakeFirst();
  const applicantUser = inst.applicant_user_id ? await conn.selectFrom('users').select(['name', 'full_name', 'nik']).where('id', '=', inst.applicant_user_id).executeTakeFirst() : undefined;
  const walkIn = parse<{ name?: string; nik?: string } | null>(inst.applicant);
  const holder = { name: applicantUser?.full_name ?? applicantUser?.name ?? walkIn?.name ?? '-', nik: applicantUser?.nik ?? walkIn?.nik ?? null };
  const c: DocumentContent = {
    kind,
    title: DOCUMENT_TITLES[kind],
    office: {
      key: inst.office,
      name: officeRow?.name ?? inst.office,
      address: officeRow?.address ?? '',
      contacts: parse<Record<string, string>>(officeRow?.contacts) ?? {},
      logo: officeRow?.logo && officeRow.logo_type ? { bytes: new Uint8Array(officeRow.logo), type: officeRow.logo_type } : null,
    },
    // the registration number every application since issue 21 has, else its business key
    application: { number: (await conn.selectFrom('registrations').select('number').where('instance_id', '=', instanceId).executeTakeFirst())?.number ?? inst.business_key, service: inst.process_name, date: tanggal(new Date(inst.created_at)), reference: inst.business_key },
    holder,
    number: null,
    paragraphs: [],
    fields: [],
    table: null,
    fees: [],
    amount: null,
    paymentDue: null,
    reasons: [],
    legalBasis: [],
    closing: null,
    signer: null,
    signedElectronically: false,
  };
  // The officer who last completed a step of the office's lanes signs an unsigned document.
  const lastOfficer = await conn
    .selectFrom('runtime_history')
    .select('actor')
    .where('instance_id', '=', instanceId)
    .where('element_kind', '=', 'userTask')
    .where('event', '=', 'completed')
    .where('actor', 'is not', null)
    .where('on_behalf', '=', false)
    .where('actor', '!=', inst.applicant_user_id ?? '')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  c.signer = await officialOf(conn, lastOfficer?.actor);

  const notas = feeNotas(v);
  const legal = (ns: FeeNota[]) => [...new Set(ns.flatMap((n) => n.fees.map((f) => f.legalBasis ?? '').filter(Boolean)))];

  if (kind === 'tanda-terima') {
    const uploads = await conn.selectFrom('uploads').select(['document', 'filename', 'created_at']).where('instance_id', '=', instanceId).orderBy('created_at').execute();
    c.paragraphs.push('Telah diterima berkas permohonan berikut:');
    c.table = {
      head: ['No', 'Dokumen', 'Berkas', 'Diterima'],
      rows: uploads.length > 0 ? uploads.map((u, i) => [String(i + 1), u.document ?? '-', u.filename, tanggal(new Date(u.created_at))]) : [['-', 'Berkas fisik diterima di loket.', '', '']],
    };
  } else if (kind === 'nota' || kind === 'skpd' || kind === 'skrd' || kind === 'sppdkb' || kind === 'kwitansi') {
    const owed = notasOwed(notas);
    const chosen = kind === 'sppdkb' ? owed.filter((n) => /sppdkb/i.test(n.ruleSet.key)) : owed;
    if (chosen.length === 0) throw new AppError('NOT_FOUND', 'Belum ada perhitungan biaya untuk permohonan ini', { id: instanceId, kind });
    const total = sumTotals(chosen);
    c.amount = { figure: formatRupiah(total), words: terbilangRupiah(total) };
    c.legalBasis = legal(chosen);
    if (kind === 'kwitansi') {
      c.paragraphs.push(`Telah terima dari ${holder.name} uang sejumlah ${formatRupiah(total)} (${terbilangRupiah(total)}) untuk pembayaran ${inst.process_name}, dengan rincian:`);
      // The kasir's record (issue 23): its number from the numbering service, the kasir signs.
      const paid = paymentOf(v);
      if (paid) {
        c.number = paid.nomorBukti;
        c.fields.push(
          { label: 'Nomor bukti pembayaran', value: paid.nomorBukti },
          { label: 'Tanggal pembayaran', value: tanggal(new Date(paid.diterimaPada)) },
          { label: 'Cara pembayaran', value: PAYMENT_METHOD_LABELS[paid.metode] ?? paid.metode },
          { label: 'Jumlah diterima', value: formatRupiah(paid.diterima) },
          { label: 'Kembalian', value: formatRupiah(paid.kembalian) },
        );
        c.signer = (await officialOf(conn, paid.diterimaOleh)) ?? c.signer;
      }
    } else if (kind === 'sppdkb') {
      c.paragraphs.push(`Berdasarkan penelitian, BPHTB atas permohonan ini kurang dibayar. Kekurangan beserta bunganya wajib dilunasi:`);
    } else {
      c.paragraphs.push(`Perhitungan ${kind === 'skpd' ? 'pajak daerah' : kind === 'skrd' ? 'retribusi daerah' : 'biaya'} atas permohonan ${inst.process_name}:`);
    }
    c.fees = feeTables(chosen);
    if (kind !== 'kwitansi') c.paymentDue = await paymentDue(conn, instanceId);
  } else if (kind === 'surat-penolakan') {
    refusal(c, v, sys);
  } else {
    // izin, sk: the signing step's output, or the result the completed application handed over
    let title: string;
    let issued: { title: string; number: string; signer_id: string | null; valid_until: string | null; signed: boolean } | undefined;
    let validUntil = opts.signing?.validUntil ?? null;
    if (opts.signing) {
      title = opts.signing.title;
      c.signer = opts.signing.signer;
      c.signedElectronically = true;
    } else if ((issued = await conn.selectFrom('issued_documents').select(['title', 'number', 'signer_id', 'valid_until', 'signed']).where('instance_id', '=', instanceId).where('kind', '=', kind).where('status', '=', 'valid').executeTakeFirst())) {
      // What a signing step issued: its title, number, official and validity.
      title = issued.title;
      if (issued.signed) {
        c.signer = await officialOf(conn, issued.signer_id);
        c.signedElectronically = true;
      }
      validUntil = issued.valid_until;
    } else {
      const result = await resultOf(conn, model, inst, v);
      if (!result || result.doc !== kind) {
        throw new AppError('NOT_FOUND', 'Dokumen hasil belum terbit', { id: instanceId, kind });
      }
      title = result.title;
    }
    c.title = title;
    // A number the system issued for this kind (a signing step records its kind; an issue-document step does not).
    const sameKind = sys.documentKind === undefined || sys.documentKind === kind;
    c.number = issued?.number ?? (sameKind && typeof sys.documentNumber === 'string' ? sys.documentNumber : null);
    c.paragraphs.push(
      kind === 'sk'
        ? `Menimbang permohonan ${inst.process_name} atas nama ${holder.name}, dengan ini DITETAPKAN ${title} sebagaimana tersebut di bawah.`
        : `Berdasarkan permohonan ${inst.process_name}, kepada pemegang izin di bawah ini DIBERIKAN ${title}.`,
    );
    c.fields = await objectFields(model, v);
    if (validUntil) c.fields.push({ label: 'Berlaku sampai dengan', value: tanggal(validUntil) });
    c.legalBasis = legal(notas);
    if (notas.length > 0) {
      const total = sumTotals(notasOwed(notas));
      c.amount = { figure: formatRupiah(total), words: terbilangRupiah(total) };
    }
  }
  // The process publication's legal basis (migration 0017) heads the list.
  const pub = await conn.selectFrom('publications').select(['legal_regulation', 'legal_article']).where('kind', '=', 'process').where('key', '=', inst.process_key).where('n', '=', inst.publication).executeTakeFirst();
  if (pub?.legal_regulation) c.legalBasis.unshift([pub.legal_regulation, pub.legal_article].filter(Boolean).join(', '));
  return c;
}

/** A rejection letter's reasons: outside the office's authority (with the rule's legal basis), what was written for the applicant, the documents missing. */
function refusal(c: DocumentContent, v: Variables, sys: ReturnType<typeof systemResults>): void {
  const outside = ineligibility(sys);
  if (outside.length > 0) {
    c.paragraphs.push('Dengan hormat, permohonan Saudara tidak dapat kami proses karena berada di luar kewenangan kantor ini:');
    for (const r of outside) c.reasons.push({ text: r.message, basis: r.legalBasis, code: r.code, ...(r.redirect ? { redirect: r.redirect } : {}) });
    c.legalBasis = [...new Set(outside.map((r) => r.legalBasis).filter(Boolean))];
  }
  // what was written for the applicant; `catatan` is the officers' internal note
  const reasons = [v.alasanPenolakan, v.pesanPemohon].filter((x) => typeof x === 'string' && x.trim()) as string[];
  const missing = Array.isArray(v.dokumenKurang) ? (v.dokumenKurang as unknown[]).map(String) : [];
  if (outside.length === 0 || reasons.length + missing.length > 0) {
    if (outside.length === 0) c.paragraphs.push('Dengan hormat, permohonan Saudara belum dapat kami proses dengan alasan:');
    for (const r of reasons) c.reasons.push({ text: r });
    for (const m of missing) c.reasons.push({ text: `Dokumen belum lengkap: ${m}` });
    if (reasons.length + missing.length === 0) c.reasons.push({ text: 'Persyaratan belum terpenuhi.' });
    c.closing = 'Silakan melengkapi persyaratan dan mengajukan kembali.';
  }
}

/** The content a user may print: the same access rules as the print views (core/access.ts). */
export async function documentContentFor(db: Conn, user: SessionUser, instanceId: string, kind: PrintKind): Promise<DocumentContent> {
  const access = await instanceAccessFor(db, user, instanceId);
  if (!access) throw new AppError('NOT_FOUND', 'Permohonan tidak ditemukan', { id: instanceId });
  if (!canPrint(access.view, kind)) throw new AppError('NOT_FOUND', 'Dokumen tidak tersedia untuk Anda', { id: instanceId, doc: kind });
  await assertProduced(db, instanceId, kind);
  return documentContent(db, instanceId, kind);
}

/** What a document says, without what is fixed when it is issued (number, code, date): unsigned ones are issued again when it changes. */
export function substance(c: DocumentContent): unknown {
  const { office, number: _number, ...rest } = c;
  return { ...rest, office: { ...office, logo: office.logo ? office.logo.bytes.length : null } };
}
