/** The HTML print view of a DocumentContent (the browser prints it); the PDF is layout.ts. */
import { formatRupiah } from '../../core/money.js';
import { tanggal, tanggalJam } from '../../core/indonesian-date.js';
import type { DocumentContent } from './content.js';

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const STYLE = `body{font-family:"Times New Roman",serif;max-width:720px;margin:24px auto;color:#000;padding:0 16px}
h1{font-size:20px;text-align:center;margin:8px 0}h2{font-size:15px;text-align:center;margin:0 0 16px;font-weight:normal}
table{width:100%;border-collapse:collapse;margin:12px 0}td,th{border:1px solid #444;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#eee}.num{text-align:right;white-space:nowrap}.meta td{border:none;padding:2px 6px}.sign{margin-top:48px;text-align:right}
.small{font-size:12px;color:#333}@media print{.noprint{display:none}body{margin:0}}`;

export function renderHtml(c: DocumentContent, opts: { pdfUrl: string; now: Date }): string {
  const rows: string[] = [];
  // an unnumbered permit carries the application's own reference (its business key), as the portal's result does
  const number = c.number ?? (c.kind === 'izin' || c.kind === 'sk' ? (c.application.reference ?? c.application.number) : null);
  rows.push(`<table class="meta">
${c.application.number ? `<tr><td>Nomor pendaftaran</td><td>: <strong data-registration-number>${esc(c.application.number)}</strong></td></tr>` : ''}
<tr><td>Layanan</td><td>: ${esc(c.application.service)}</td></tr>
<tr><td>Pemohon</td><td>: ${esc(c.holder.name)}${c.holder.nik ? ` (NIK ${esc(c.holder.nik)})` : ''}</td></tr>
<tr><td>Tanggal permohonan</td><td>: ${esc(c.application.date)}</td></tr>
${number ? `<tr><td>Nomor dokumen</td><td>: <strong data-result-number>${esc(number)}</strong></td></tr>` : ''}
</table>`);
  for (const p of c.paragraphs) rows.push(`<p>${esc(p)}</p>`);
  if (c.fields.length > 0) rows.push(`<table class="meta">${c.fields.map((f) => `<tr><td>${esc(f.label)}</td><td>: ${esc(f.value)}</td></tr>`).join('')}</table>`);
  if (c.table) rows.push(`<table><tr>${c.table.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${c.table.rows.map((r) => `<tr>${r.map((x) => `<td>${esc(x)}</td>`).join('')}</tr>`).join('')}</table>`);
  for (const t of c.fees) {
    rows.push('<table><tr><th>Uraian</th><th>Dasar hukum</th><th class="num">Jumlah</th></tr>');
    for (const l of t.lines) rows.push(`<tr><td>${esc(l.label)}</td><td class="small">${esc(l.legalBasis)}</td><td class="num">${esc(formatRupiah(l.amount))}</td></tr>`);
    rows.push(`<tr><th colspan="2">Jumlah</th><th class="num">${esc(formatRupiah(t.total))}</th></tr></table><p class="small">${esc(t.note)}</p>`);
  }
  if (c.amount) rows.push(`<p>Jumlah: <strong>${esc(c.amount.figure)}</strong><br>Terbilang: <em data-terbilang>${esc(c.amount.words)}</em></p>`);
  if (c.paymentDue) rows.push(`<p data-payment-due="${esc(c.paymentDue.dueDate)}">Bayar paling lambat <strong>${esc(tanggal(c.paymentDue.dueDate))}</strong> (${c.paymentDue.days} hari sejak nota ${esc(tanggal(c.paymentDue.notaDate))}).</p>`);
  if (c.reasons.length > 0) {
    rows.push('<ol>');
    for (const r of c.reasons) {
      rows.push(`<li${r.code ? ` data-reason="${esc(r.code)}"` : ''}>${esc(r.text)}${r.basis ? `<br><span class="small">Dasar: ${esc(r.basis)}</span>` : ''}${r.redirect ? `<br>${esc(r.redirect)}.` : ''}</li>`);
    }
    rows.push('</ol>');
  }
  if (c.closing) rows.push(`<p>${esc(c.closing)}</p>`);
  if (c.legalBasis.length > 0) rows.push(`<p class="small"><strong>Dasar hukum:</strong></p><ol class="small">${c.legalBasis.map((l) => `<li>${esc(l)}</li>`).join('')}</ol>`);
  const signer = c.signer
    ? `${c.signer.jabatan ? `${esc(c.signer.jabatan)}<br>` : ''}<br><br><strong>${esc(c.signer.name)}</strong>${c.signer.nip ? `<br>NIP ${esc(c.signer.nip)}` : ''}`
    : '<br><br>( petugas )';
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>${esc(c.title)}</title><style>${STYLE}</style></head><body>
<h1>${esc(c.office.name)}</h1>${c.office.address ? `<p class="small" style="text-align:center">${esc(c.office.address)}</p>` : ''}<h2>${esc(c.title)}</h2>${rows.join('\n')}
<div class="sign">${esc(tanggalJam(opts.now))}<br>${signer}</div>
<p class="noprint small">Dokumen resmi bernomor dengan kode verifikasi: <a href="${esc(opts.pdfUrl)}" download>unduh PDF</a>. Gunakan menu Cetak pada peramban (Ctrl+P) untuk mencetak tampilan ini.</p>
</body></html>`;
}
