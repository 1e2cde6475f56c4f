/**
 * The SOP document offices sign (Permenpan-RB 35/2012): the identity block, then the
 * flowchart table. PDF (pdf-lib, from pdf-base.ts) and HTML from the same data. The HTML table
 * is the Permenpan layout itself (two header rows, an "X" under the performer's column), so
 * copying it into "Baru dari tabel SOP" reads it back.
 */
import { type PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { tanggal } from '../../core/indonesian-date.js';
import { createOfficialPdf, savePdf } from './pdf-base.js';
import { drawFlowchart, LANDSCAPE, textWidth, wrapText } from './sop-flowchart.js';
import type { SopIdentity } from './sop-graph.js';
import type { SopTable } from './sop-rows.js';

export interface SopDocumentData {
  key: string;
  title: string;
  publication: { n: number; effectiveFrom: string; publishedAt: Date };
  office: { name: string; address: string; logo?: { contentType: string; bytes: Uint8Array } };
  identity: SopIdentity;
  /** called SOPs (keterkaitan), added to what the administrator wrote */
  related: string[];
  table: SopTable;
}

const TEXT_FIELDS: Array<[keyof SopIdentity, string]> = [
  ['dasarHukum', 'Dasar Hukum'],
  ['kualifikasi', 'Kualifikasi Pelaksana'],
  ['keterkaitan', 'Keterkaitan'],
  ['peralatan', 'Peralatan/Perlengkapan'],
  ['peringatan', 'Peringatan'],
  ['pencatatan', 'Pencatatan dan Pendataan'],
];

function fieldText(d: SopDocumentData, k: keyof SopIdentity): string {
  const own = d.identity[k] ?? '';
  if (k === 'keterkaitan' && d.related.length) return [own, ...d.related.map((r) => `SOP ${r}`)].filter(Boolean).join('\n');
  return own || '-';
}

function headRows(d: SopDocumentData): Array<[string, string]> {
  const id = d.identity;
  return [
    ['Nomor SOP', id.number ?? '-'],
    ['Tanggal Pembuatan', id.drafted ? tanggal(id.drafted) : '-'],
    ['Tanggal Revisi', id.revised ? tanggal(id.revised) : '-'],
    ['Tanggal Efektif', tanggal(d.publication.effectiveFrom)],
    ['Disahkan oleh', [id.approverPosition, id.approverName, id.approverNip ? `NIP ${id.approverNip}` : ''].filter(Boolean).join('\n') || '-'],
    ['Nama SOP', d.title],
  ];
}

// ---------- PDF ----------

const BLACK = rgb(0, 0, 0);

const blockHeight = (font: PDFFont, w: number, body: string) => 16 + wrapText(body, font, 7.5, w - 8).length * 9.5 + 6;

function drawBlock(page: PDFPage, font: PDFFont, bold: PDFFont, x: number, y: number, w: number, h: number, label: string, body: string): number {
  const lines = wrapText(body, font, 7.5, w - 8);
  page.drawRectangle({ x, y: y - h, width: w, height: h, borderColor: BLACK, borderWidth: 0.7 });
  page.drawText(`${label}:`, { x: x + 4, y: y - 11, size: 8, font: bold });
  lines.forEach((l, i) => page.drawText(l, { x: x + 4, y: y - 22 - i * 9.5, size: 7.5, font }));
  return h;
}

export async function sopDocumentPdf(d: SopDocumentData): Promise<Uint8Array> {
  const { doc, fonts } = await createOfficialPdf({ title: `SOP ${d.title}`, author: d.office.name, date: d.publication.publishedAt });
  const page = doc.addPage([LANDSCAPE.width, LANDSCAPE.height]);
  const m = 28;
  const W = LANDSCAPE.width - 2 * m;
  let y = LANDSCAPE.height - m;
  // Identity: the office on the left, the SOP's numbers and approval on the right.
  const rows = headRows(d);
  const leftW = W * 0.42;
  const labelW = 110;
  const valueW = W - leftW - labelW;
  const heights = rows.map(([, v]) => Math.max(18, wrapText(v, fonts.regular, 8, valueW - 8).length * 10 + 8));
  const totalH = heights.reduce((a, b) => a + b, 0);
  page.drawRectangle({ x: m, y: y - totalH, width: leftW, height: totalH, borderColor: BLACK, borderWidth: 0.7 });
  let ly = y - 14;
  if (d.office.logo) {
    const img = d.office.logo.contentType === 'image/png' ? await doc.embedPng(d.office.logo.bytes) : await doc.embedJpg(d.office.logo.bytes);
    const scale = Math.min(60 / img.width, 60 / img.height);
    page.drawImage(img, { x: m + leftW / 2 - (img.width * scale) / 2, y: ly - img.height * scale, width: img.width * scale, height: img.height * scale });
    ly -= img.height * scale + 12;
  }
  for (const l of wrapText(d.office.name.toUpperCase(), fonts.bold, 11, leftW - 16)) {
    page.drawText(l, { x: m + leftW / 2 - textWidth(fonts.bold, l, 11) / 2, y: ly - 8, size: 11, font: fonts.bold });
    ly -= 14;
  }
  for (const l of wrapText(d.office.address, fonts.regular, 8, leftW - 16)) {
    page.drawText(l, { x: m + leftW / 2 - textWidth(fonts.regular, l, 8) / 2, y: ly - 8, size: 8, font: fonts.regular });
    ly -= 10;
  }
  let ry = y;
  rows.forEach(([label, value], i) => {
    const h = heights[i]!;
    page.drawRectangle({ x: m + leftW, y: ry - h, width: labelW, height: h, borderColor: BLACK, borderWidth: 0.7 });
    page.drawRectangle({ x: m + leftW + labelW, y: ry - h, width: valueW, height: h, borderColor: BLACK, borderWidth: 0.7 });
    page.drawText(label, { x: m + leftW + 4, y: ry - 12, size: 8, font: fonts.bold });
    wrapText(value, fonts.regular, 8, valueW - 8).forEach((l, j) => page.drawText(l, { x: m + leftW + labelW + 4, y: ry - 12 - j * 10, size: 8, font: label === 'Nama SOP' ? fonts.bold : fonts.regular }));
    ry -= h;
  });
  y -= totalH + 10;
  // The six fields, two per line.
  for (let i = 0; i < TEXT_FIELDS.length; i += 2) {
    const [a, b] = [TEXT_FIELDS[i]!, TEXT_FIELDS[i + 1]!];
    const h = Math.max(blockHeight(fonts.regular, W / 2, fieldText(d, a[0])), blockHeight(fonts.regular, W / 2, fieldText(d, b[0])));
    drawBlock(page, fonts.regular, fonts.bold, m, y, W / 2, h, a[1], fieldText(d, a[0]));
    drawBlock(page, fonts.regular, fonts.bold, m + W / 2, y, W / 2, h, b[1], fieldText(d, b[0]));
    y -= h;
  }
  page.drawText(`Versi terbit ${d.publication.n} · ${d.key}`, { x: m, y: m - 12, size: 6.5, font: fonts.regular });
  drawFlowchart(() => doc.addPage([LANDSCAPE.width, LANDSCAPE.height]), fonts, d.table, {
    title: `Prosedur: ${d.title}`,
    subtitle: `${d.office.name} · Nomor SOP ${d.identity.number ?? '-'} · tanggal efektif ${tanggal(d.publication.effectiveFrom)}`,
  });
  return savePdf(doc as PDFDocument);
}

// ---------- HTML ----------

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
const br = (s: string) => escapeHtml(s).replace(/\n/g, '<br>');

/** The symbol in its cell, drawn by CSS-free inline SVG; the "X" is the cell's text for copy and import. */
function symbolSvg(shape: string): string {
  const inner =
    shape === 'decision'
      ? '<polygon points="20,1 39,12 20,23 1,12" />'
      : shape === 'terminator'
        ? '<rect x="1" y="4" width="38" height="16" rx="8" />'
        : '<rect x="1" y="4" width="38" height="16" />';
  return `<svg class="sym" viewBox="0 0 40 24" width="40" height="24" aria-hidden="true">${inner}</svg>`;
}

export function sopDocumentHtml(d: SopDocumentData, opts: { pdfHref: string }): string {
  const lanes = d.table.lanes;
  const head = headRows(d)
    .map(([k, v], i) => `<tr>${i === 0 ? `<td class="office" rowspan="6">${d.office.logo ? '<img class="logo" src="data:' + d.office.logo.contentType + ';base64,' + Buffer.from(d.office.logo.bytes).toString('base64') + '" alt="">' : ''}<strong>${escapeHtml(d.office.name.toUpperCase())}</strong><br>${escapeHtml(d.office.address)}</td>` : ''}<th>${k}</th><td>${br(v)}</td></tr>`)
    .join('');
  const fields = [];
  for (let i = 0; i < TEXT_FIELDS.length; i += 2) {
    const [a, b] = [TEXT_FIELDS[i]!, TEXT_FIELDS[i + 1]!];
    fields.push(`<tr><td><strong>${a[1]}:</strong><br>${br(fieldText(d, a[0]))}</td><td><strong>${b[1]}:</strong><br>${br(fieldText(d, b[0]))}</td></tr>`);
  }
  const rows = d.table.rows
    .map((r, i) => {
      const next = d.table.rows[i + 1];
      const toNext = next && r.next.some((t) => t.to === next.no);
      const cells = lanes
        .map((_, li) => {
          const classes: string[] = [];
          let content = '';
          if (li === r.lane) {
            classes.push('here');
            if (toNext) classes.push('down');
            content = `${symbolSvg(r.shape)}<span class="x">X</span>`;
            const jumps = r.next.filter((t) => t.to !== 'end' && t.to !== next?.no).map((t) => `${t.label ? `${escapeHtml(t.label)} ` : ''}→ ${t.to}`);
            if (jumps.length) content += `<span class="jump">${jumps.join(' · ')}</span>`;
          }
          // the elbow from the previous row's symbol into this one
          const prev = d.table.rows[i - 1];
          if (prev && prev.next.some((t) => t.to === r.no) && prev.lane !== r.lane) {
            const [lo, hi] = [Math.min(prev.lane, r.lane), Math.max(prev.lane, r.lane)];
            if (li === prev.lane) classes.push('from', prev.lane < r.lane ? 'to-right' : 'to-left');
            else if (li > lo && li < hi) classes.push('pass');
            else if (li === r.lane) classes.push('in', prev.lane < r.lane ? 'from-left' : 'from-right');
          } else if (prev && prev.next.some((t) => t.to === r.no) && li === r.lane) classes.push('in-top');
          return `<td class="lane ${classes.join(' ')}">${content}</td>`;
        })
        .join('');
      return `<tr data-row="${r.no}"><td class="no">${r.no}</td><td>${escapeHtml(r.activity)}</td>${cells}<td>${escapeHtml(r.kelengkapan.join(', '))}</td><td>${escapeHtml(r.waktu)}</td><td>${escapeHtml(r.output)}</td><td>${escapeHtml(r.keterangan.join('; '))}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>SOP ${escapeHtml(d.title)}</title>
<style>
body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:12px;margin:16px;color:#000}
table{border-collapse:collapse;width:100%;margin-bottom:12px}
td,th{border:1px solid #000;padding:4px;vertical-align:top;text-align:left}
th{background:#eee}
.office{text-align:center;vertical-align:middle;width:40%}
.logo{max-width:64px;max-height:64px;display:block;margin:0 auto 6px}
.flow thead th{text-align:center;vertical-align:middle;font-size:11px}
.flow td.no{text-align:center}
.flow td.lane{position:relative;min-width:46px;padding:0;text-align:center;vertical-align:middle;height:52px}
.flow .sym{position:relative;z-index:1;fill:#fff;stroke:#000;stroke-width:1.5}
.flow .x{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.flow .jump{display:block;font-size:9px}
.flow td.down::after{content:"";position:absolute;left:50%;top:50%;bottom:0;border-left:1.5px solid #000}
.flow td.in-top::before{content:"";position:absolute;left:50%;top:0;height:calc(50% - 12px);border-left:1.5px solid #000}
.flow td.from::before{content:"";position:absolute;top:0;height:50%;left:50%;border-left:1.5px solid #000}
.flow td.from.to-right::after{content:"";position:absolute;top:50%;left:50%;right:0;border-top:1.5px solid #000}
.flow td.from.to-left::after{content:"";position:absolute;top:50%;left:0;right:50%;border-top:1.5px solid #000}
.flow td.pass::before{content:"";position:absolute;top:50%;left:0;right:0;border-top:1.5px solid #000}
.flow td.in.from-left::before{content:"▶";position:absolute;top:calc(50% - 8px);left:0;right:calc(50% + 20px);border-bottom:1.5px solid #000;font-size:8px;text-align:right;line-height:8px;height:7px}
.flow td.in.from-right::before{content:"◀";position:absolute;top:calc(50% - 8px);right:0;left:calc(50% + 20px);border-bottom:1.5px solid #000;font-size:8px;text-align:left;line-height:8px;height:7px}
.actions{margin:8px 0}
@media print{.actions{display:none} body{margin:0}}
</style></head><body>
<p class="actions"><a href="${escapeHtml(opts.pdfHref)}">Unduh PDF</a></p>
<table class="identity"><tbody>${head}</tbody></table>
<table class="fields"><tbody>${fields.join('')}</tbody></table>
<table class="flow" data-sop-table="permenpan">
<thead><tr><th rowspan="2">No</th><th rowspan="2">Kegiatan</th><th colspan="${lanes.length}">Pelaksana</th><th colspan="3">Mutu Baku</th><th rowspan="2">Keterangan</th></tr>
<tr>${lanes.map((l) => `<th>${escapeHtml(l.name)}</th>`).join('')}<th>Kelengkapan</th><th>Waktu</th><th>Output</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<p><small>Versi terbit ${d.publication.n} · ${escapeHtml(d.key)}</small></p>
</body></html>`;
}
