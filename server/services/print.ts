import type { Kysely } from 'kysely';
import { formatRupiah as rupiah } from '../../core/money.js';
import type { Variables } from '../../runtime/conditions.js';
import { systemResults } from '../../runtime/inputs.js';
import type { Database } from '../db/index.js';
import { AppError } from '../errors.js';
import type { SessionUser } from './accounts.js';
import { resultDocument } from './applications.js';
import { processModel } from './services-catalog.js';
import { feeNotas } from './task-context.js';
import { paymentDue } from './payment-due.js';
import { canPrint, type PrintKind } from '../../core/access.js';
import { instanceAccessFor } from './workspace-access.js';

export const PRINT_DOCUMENTS = {
  'tanda-terima': 'Tanda Terima Berkas',
  nota: 'Nota Perhitungan',
  skpd: 'Surat Ketetapan Pajak Daerah (SKPD)',
  skrd: 'Surat Ketetapan Retribusi Daerah (SKRD)',
  'surat-penolakan': 'Surat Penolakan',
  izin: 'Surat Izin',
} as const satisfies Record<PrintKind, string>;
export type PrintDocument = keyof typeof PRINT_DOCUMENTS;

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const longDate = (ymd: string) => new Date(`${ymd}T00:00:00Z`).toLocaleDateString('id-ID', { timeZone: 'UTC', dateStyle: 'long' });
const jakarta = (d: Date) => d.toLocaleString('id-ID', { timeZone: 'Asia/Jakarta', dateStyle: 'long', timeStyle: 'short' });

const STYLE = `body{font-family:"Times New Roman",serif;max-width:720px;margin:24px auto;color:#000;padding:0 16px}
h1{font-size:20px;text-align:center;margin:8px 0}h2{font-size:15px;text-align:center;margin:0 0 16px;font-weight:normal}
table{width:100%;border-collapse:collapse;margin:12px 0}td,th{border:1px solid #444;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#eee}.num{text-align:right;white-space:nowrap}.meta td{border:none;padding:2px 6px}.sign{margin-top:48px;text-align:right}
.small{font-size:12px;color:#333}@media print{.noprint{display:none}body{margin:0}}`;

/** The result document of a completed instance (see applications.ts). */
async function resultOf(db: Kysely<Database>, inst: { id: string; process_key: string; publication: number; business_key: string | null; status: string }, v: Variables) {
  const end = await db
    .selectFrom('runtime_history')
    .select('element_id')
    .where('instance_id', '=', inst.id)
    .where('element_kind', '=', 'endEvent')
    .where('event', '=', 'completed')
    .orderBy('id', 'desc')
    .execute();
  const model = await processModel(db, inst.process_key, inst.publication);
  const top = end.find((e) => model.nodes[e.element_id]?.parent === null);
  return resultDocument(model, top?.element_id, inst, v);
}

interface Reason {
  code: string;
  message: string;
  legalBasis: string;
  redirect?: string;
}

/** Reasons of rule evaluations (stored by business rule tasks) that found the application ineligible. */
function ineligibility(v: Variables): Reason[] {
  const out: Reason[] = [];
  for (const value of Object.values(v)) {
    if (!value || typeof value !== 'object') continue;
    const r = value as { ruleSet?: unknown; eligible?: unknown; reasons?: unknown };
    if (!r.ruleSet || r.eligible !== false || !Array.isArray(r.reasons)) continue;
    for (const x of r.reasons as Reason[]) if (!out.some((o) => o.code === x.code)) out.push(x);
  }
  return out;
}

/** HTML print views of what an SOP step produces. The browser prints (or saves as PDF). */
export async function renderPrint(db: Kysely<Database>, user: SessionUser, instanceId: string, doc: PrintDocument): Promise<string> {
  const access = await instanceAccessFor(db, user, instanceId);
  if (!access) throw new AppError('NOT_FOUND', 'Permohonan tidak ditemukan', { id: instanceId });
  // An officer reached by a task (an OPD review) prints the receipt of what they review, not the office's notas or permit.
  if (!canPrint(access.view, doc)) throw new AppError('NOT_FOUND', 'Dokumen tidak tersedia untuk Anda', { id: instanceId, doc });
  const inst = await db.selectFrom('runtime_instances').selectAll().where('id', '=', instanceId).executeTakeFirstOrThrow();
  const office = await db.selectFrom('offices').select(['name']).where('key', '=', inst.office).executeTakeFirst();
  const applicantUser = inst.applicant_user_id ? await db.selectFrom('users').select(['name']).where('id', '=', inst.applicant_user_id).executeTakeFirst() : undefined;
  const v = (typeof inst.variables === 'string' ? JSON.parse(inst.variables) : inst.variables) as Variables;
  const walkIn = (typeof inst.applicant === 'string' ? JSON.parse(inst.applicant) : inst.applicant) as { name?: string; nik?: string } | null;
  const applicant = applicantUser?.name ?? walkIn?.name ?? '-';
  const uploads = await db.selectFrom('uploads').select(['document', 'filename', 'created_at']).where('instance_id', '=', instanceId).orderBy('created_at').execute();
  const rows: string[] = [];
  // Numbers and notas come only from the system's results (issue 16).
  const sys = systemResults(v);
  const registration = await db.selectFrom('registrations').select('number').where('instance_id', '=', instanceId).executeTakeFirst();
  let title: string = PRINT_DOCUMENTS[doc];
  const meta = `<table class="meta">
${registration ? `<tr><td>Nomor pendaftaran</td><td>: <strong data-registration-number>${esc(registration.number)}</strong></td></tr>` : ''}
<tr><td>Nomor permohonan</td><td>: ${esc(inst.business_key ?? inst.id)}</td></tr>
<tr><td>Layanan</td><td>: ${esc(inst.process_name)}</td></tr>
<tr><td>Pemohon</td><td>: ${esc(applicant)}${walkIn?.nik ? ` (NIK ${esc(walkIn.nik)})` : ''}</td></tr>
<tr><td>Tanggal permohonan</td><td>: ${esc(jakarta(new Date(inst.created_at)))}</td></tr>
${typeof sys.documentNumber === 'string' ? `<tr><td>Nomor dokumen</td><td>: ${esc(sys.documentNumber)}</td></tr>` : ''}
</table>`;
  if (doc === 'tanda-terima') {
    rows.push('<p>Telah diterima berkas permohonan berikut:</p><table><tr><th>No</th><th>Dokumen</th><th>Berkas</th><th>Diterima</th></tr>');
    uploads.forEach((u, i) => rows.push(`<tr><td>${i + 1}</td><td>${esc(u.document ?? '-')}</td><td>${esc(u.filename)}</td><td>${esc(jakarta(new Date(u.created_at)))}</td></tr>`));
    if (uploads.length === 0) rows.push('<tr><td colspan="4">Berkas fisik diterima di loket.</td></tr>');
    rows.push('</table>');
  } else if (doc === 'nota' || doc === 'skpd' || doc === 'skrd') {
    const notas = feeNotas(v);
    const due = await paymentDue(db, instanceId);
    if (notas.length === 0) throw new AppError('NOT_FOUND', 'Belum ada perhitungan biaya untuk permohonan ini', { id: instanceId });
    for (const n of notas) {
      rows.push(`<table><tr><th>Uraian</th><th>Dasar hukum</th><th class="num">Jumlah</th></tr>`);
      for (const f of n.fees) rows.push(`<tr><td>${esc(f.label)}</td><td class="small">${esc(f.legalBasis ?? '')}</td><td class="num">${esc(rupiah(f.amount))}</td></tr>`);
      rows.push(`<tr><th colspan="2">Jumlah</th><th class="num">${esc(rupiah(n.total))}</th></tr></table>`);
      if (due) rows.push(`<p data-payment-due="${esc(due.dueDate)}">Bayar paling lambat <strong>${esc(longDate(due.dueDate))}</strong> (${due.days} hari sejak nota ${esc(longDate(due.notaDate))}).</p>`);
      rows.push(`<p class="small">Tarif: aturan ${esc(n.ruleSet.key)} terbitan ${esc(n.ruleSet.publication ?? '-')}, berlaku sejak ${esc(n.ruleSet.period?.effectiveFrom ?? '-')}${n.at ? `; tanggal acuan ${esc(n.at)}` : ''}.</p>`);
    }
  } else if (doc === 'surat-penolakan') {
    // Rule results are the system's (variables.sys), never what an input could have planted.
    const outside = ineligibility(systemResults(v));
    if (outside.length > 0) {
      // The rule set found the application outside the office's remit: each limit with its source line.
      rows.push('<p>Dengan hormat, permohonan Saudara tidak dapat kami proses karena berada di luar kewenangan kantor ini:</p><ol>');
      for (const r of outside) {
        rows.push(`<li data-reason="${esc(r.code)}">${esc(r.message)}<br><span class="small">Dasar: ${esc(r.legalBasis)}</span>${r.redirect ? `<br>${esc(r.redirect)}.` : ''}</li>`);
      }
      rows.push('</ol>');
    }
    // what was written for the applicant; `catatan` is the officers' internal note
    const reasons = [v.alasanPenolakan, v.pesanPemohon].filter((x) => typeof x === 'string' && x.trim()) as string[];
    const missing = Array.isArray(v.dokumenKurang) ? (v.dokumenKurang as unknown[]).map(String) : [];
    if (outside.length === 0 || reasons.length + missing.length > 0) {
      if (outside.length === 0) rows.push('<p>Dengan hormat, permohonan Saudara belum dapat kami proses dengan alasan:</p>');
      rows.push('<ol>');
      for (const r of reasons) rows.push(`<li>${esc(r)}</li>`);
      for (const m of missing) rows.push(`<li>Dokumen belum lengkap: ${esc(m)}</li>`);
      if (reasons.length + missing.length === 0) rows.push('<li>Persyaratan belum terpenuhi.</li>');
      rows.push('</ol><p>Silakan melengkapi persyaratan dan mengajukan kembali.</p>');
    }
  } else {
    const result = await resultOf(db, inst, v);
    if (!result || result.doc !== 'izin') throw new AppError('NOT_FOUND', 'Dokumen hasil belum terbit', { id: instanceId });
    title = result.title;
    rows.push(`<table class="meta"><tr><td>Nomor izin</td><td>: <strong data-result-number>${esc(result.number)}</strong></td></tr></table>`);
    rows.push(`<p>Berdasarkan permohonan di atas, ${esc(inst.process_name)} atas nama ${esc(applicant)} <strong>DISETUJUI</strong>.</p>`);
    if (typeof sys.documentSignature === 'string') {
      rows.push(`<p class="small">Ditandatangani secara elektronik oleh ${esc(sys.documentSignedBy ?? '-')}; tanda tangan: <code>${esc(String(sys.documentSignature).slice(0, 32))}…</code></p>`);
    }
  }
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${STYLE}</style></head><body>
<h1>${esc(office?.name ?? inst.office)}</h1><h2>${esc(title)}</h2>${meta}${rows.join('\n')}
<div class="sign">${esc(jakarta(new Date()))}<br><br><br>( petugas )</div>
<p class="noprint small">Gunakan menu Cetak pada peramban (Ctrl+P) untuk mencetak atau menyimpan sebagai PDF.</p>
</body></html>`;
}
