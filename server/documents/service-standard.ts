/**
 * The service standard as a public page and as a PDF (Permenpan-RB 15/2014): the fourteen
 * components in the regulation's order — six of service delivery, eight of management — and
 * the maklumat pelayanan. Both renderings come from the same list of components.
 */
import { rgb } from 'pdf-lib';
import { tanggal } from '../../core/indonesian-date.js';
import type { ServiceStandard } from '../services/publications/service-standard.js';
import { A4, createOfficialPdf, savePdf } from './pdf-base.js';
import { escapeHtml } from './sop-document.js';
import { textWidth, wrapText } from './sop-flowchart.js';

export const DEFAULT_MAKLUMAT =
  'Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan yang telah ditetapkan dan apabila tidak menepati janji ini, kami siap menerima sanksi sesuai peraturan perundang-undangan yang berlaku.';

interface Component {
  no: number;
  title: string;
  /** paragraphs; a paragraph starting with "• " is a list item */
  lines: string[];
  /** where the calculator goes (biaya) */
  calculator?: boolean;
}

const orDash = (lines: string[]) => (lines.length ? lines : ['-']);

function standardComponents(s: ServiceStandard): Component[] {
  const m = s.management;
  const text = (v: string | undefined) => (v ? v.split('\n').map((l) => l.trim()).filter(Boolean) : []);
  const contacts = s.office?.contacts ?? {};
  const legalFromRules = [...new Set(s.biaya.flatMap((b) => b.legalBasis))];
  const pengaduan = s.office
    ? [
        `${s.office.name}${s.office.address ? `, ${s.office.address}` : ''}`,
        ...(contacts.phone ? [`• Telepon: ${contacts.phone}`] : []),
        ...(contacts.email ? [`• Surel: ${contacts.email}`] : []),
        ...(contacts.website ? [`• Situs web: ${contacts.website}`] : []),
        ...text(contacts.complaints),
      ]
    : s.offices.length
      ? ['Sampaikan kepada kantor tempat layanan diajukan:', ...s.offices.map((o) => `• ${o.name}`)]
      : [];
  return [
    {
      no: 1,
      title: 'Persyaratan pelayanan',
      lines: orDash(s.persyaratan.map((d) => `• ${d.label}${d.condition ? ` (bila ${d.condition})` : ''}${d.required ? '' : ' (bila ada)'}`)),
    },
    {
      no: 2,
      title: 'Sistem, mekanisme dan prosedur',
      lines: orDash(s.prosedur.map((p) => `• ${p.no}. ${p.activity} — ${p.performer}${p.note ? ` (${p.note})` : ''}`)),
    },
    { no: 3, title: 'Jangka waktu pelayanan', lines: [`${s.jangkaWaktu.text} (jalur terpanjang dalam waktu kerja kantor)`] },
    {
      no: 4,
      title: 'Biaya/tarif',
      lines: s.biaya.length
        ? s.biaya.flatMap((b) => [
            `${b.title}${b.period ? ` (berlaku sejak ${tanggal(b.period.effectiveFrom)})` : ''}:`,
            ...b.fees.map((f) => `• ${f.label}${f.formula ? `: ${f.formula}` : ''}${f.condition ? ` (bila ${f.condition})` : ''}${f.legalBasis ? ` — dasar: ${f.legalBasis}` : ''}`),
            ...b.legalBasis.map((l) => `Dasar hukum: ${l}`),
          ])
        : ['Tidak dipungut biaya (gratis)'],
      calculator: s.biaya.length > 0,
    },
    { no: 5, title: 'Produk pelayanan', lines: orDash(s.produk.map((p) => `• ${p}`)) },
    { no: 6, title: 'Penanganan pengaduan, saran dan masukan', lines: orDash(pengaduan) },
    { no: 7, title: 'Dasar hukum', lines: orDash(text(m.dasarHukum).length ? text(m.dasarHukum) : legalFromRules.map((l) => `• ${l}`)) },
    { no: 8, title: 'Sarana dan prasarana, dan/atau fasilitas', lines: orDash(text(m.sarana)) },
    { no: 9, title: 'Kompetensi pelaksana', lines: orDash(text(m.kompetensi)) },
    { no: 10, title: 'Pengawasan internal', lines: orDash(text(m.pengawasan)) },
    { no: 11, title: 'Jumlah pelaksana', lines: orDash(text(m.jumlahPelaksana)) },
    { no: 12, title: 'Jaminan pelayanan', lines: orDash(text(m.jaminanPelayanan)) },
    { no: 13, title: 'Jaminan keamanan dan keselamatan pelayanan', lines: orDash(text(m.jaminanKeamanan)) },
    { no: 14, title: 'Evaluasi kinerja pelaksana', lines: orDash(text(m.evaluasi)) },
  ];
}

const maklumat = (s: ServiceStandard) => s.management.maklumat?.trim() || DEFAULT_MAKLUMAT;

// ---------- HTML ----------

export function serviceStandardHtml(s: ServiceStandard, opts: { pdfHref: string; officeHref: (office: string) => string }): string {
  const comps = standardComponents(s);
  const para = (lines: string[]) => {
    let html = '';
    let list = false;
    for (const l of lines) {
      const item = l.startsWith('• ');
      if (item && !list) html += '<ul>';
      if (!item && list) html += '</ul>';
      list = item;
      html += item ? `<li>${escapeHtml(l.slice(2))}</li>` : `<p>${escapeHtml(l)}</p>`;
    }
    return html + (list ? '</ul>' : '');
  };
  const calculator = s.biaya
    .map((b) => `<form class="calc" data-ruleset="${escapeHtml(b.key)}"><h4>Kalkulator: ${escapeHtml(b.title)}</h4><div class="fields"></div><button type="submit">Hitung</button><div class="answer" aria-live="polite"></div></form>`)
    .join('');
  const rows = comps
    .map((c) => `<tr id="komponen-${c.no}"><td class="no">${c.no}</td><th scope="row">${escapeHtml(c.title)}</th><td>${para(c.lines)}${c.calculator ? calculator : ''}</td></tr>${c.no === 6 ? '<tr class="section"><th colspan="3">II. Komponen pengelolaan pelayanan (manufacturing)</th></tr>' : ''}`)
    .join('\n');
  const officeChoice =
    !s.office && s.offices.length > 1
      ? `<p class="offices">Pilih kantor: ${s.offices.map((o) => `<a href="${escapeHtml(opts.officeHref(o.key))}">${escapeHtml(o.name)}</a>`).join(' · ')}</p>`
      : '';
  const facts = JSON.stringify(Object.fromEntries(s.biaya.map((b) => [b.key, b.facts]))).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Standar Pelayanan: ${escapeHtml(s.name)}</title>
<style>
body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:14px;margin:0 auto;padding:16px;max-width:960px;color:#111}
h1{font-size:22px;margin:0 0 4px}
table{border-collapse:collapse;width:100%}
td,th{border:1px solid #999;padding:6px 8px;vertical-align:top;text-align:left}
td.no{width:28px;text-align:center}
tr.section th{background:#eef;text-align:left}
ul{margin:0;padding-left:20px} p{margin:0 0 4px}
.calc{border:1px solid #ccc;padding:8px;margin-top:8px;border-radius:4px}
.calc h4{margin:0 0 6px}
.calc label{display:block;margin:4px 0}
.calc .answer{margin-top:6px;font-weight:bold}
.maklumat{border:2px solid #000;padding:12px;margin-top:16px}
.actions a{margin-right:12px}
@media print{.actions,.calc{display:none}}
@media (max-width:600px){td,th{display:block;border:none} tr{display:block;border-bottom:1px solid #999} td.no{width:auto;text-align:left}}
</style></head><body>
<p class="actions"><a href="${escapeHtml(opts.pdfHref)}">Unduh PDF (dengan maklumat pelayanan)</a><a href="/standar-pelayanan">Semua layanan</a></p>
<h1>Standar Pelayanan: ${escapeHtml(s.name)}</h1>
<p>${s.office ? escapeHtml(s.office.name) : escapeHtml(s.offices.map((o) => o.name).join(', '))} · berdasarkan SOP versi ${s.publication}, berlaku sejak ${tanggal(s.effectiveFrom)}</p>
${officeChoice}
<table><tbody>
<tr class="section"><th colspan="3">I. Komponen penyampaian pelayanan (service delivery)</th></tr>
${rows}
</tbody></table>
<section class="maklumat" id="maklumat"><h2>Maklumat Pelayanan</h2><p>${escapeHtml(maklumat(s))}</p><p>${s.office ? escapeHtml(s.office.name) : ''}</p></section>
<script type="application/json" id="fee-facts">${facts}</script>
<script src="/standar-pelayanan/kalkulator.js" defer></script>
</body></html>`;
}

// ---------- PDF ----------

export async function serviceStandardPdf(s: ServiceStandard, date: Date): Promise<Uint8Array> {
  const officeName = s.office?.name ?? s.offices.map((o) => o.name).join(', ');
  const { doc, fonts } = await createOfficialPdf({ title: `Standar Pelayanan ${s.name}`, author: officeName, date });
  const M = 40;
  const W = A4.width - 2 * M;
  const noW = 22;
  const titleW = 130;
  const bodyW = W - noW - titleW;
  let page = doc.addPage([A4.width, A4.height]);
  let y = A4.height - M;
  const black = rgb(0, 0, 0);
  const newPage = () => {
    page = doc.addPage([A4.width, A4.height]);
    y = A4.height - M;
  };
  const heading = (text: string, size: number) => {
    for (const l of wrapText(text, fonts.bold, size, W)) {
      page.drawText(l, { x: M, y: y - size, size, font: fonts.bold, color: black });
      y -= size + 4;
    }
  };
  heading('STANDAR PELAYANAN', 14);
  heading(s.name, 11);
  for (const l of wrapText(`${officeName} · SOP versi ${s.publication}, berlaku sejak ${tanggal(s.effectiveFrom)}`, fonts.regular, 9, W)) {
    page.drawText(l, { x: M, y: y - 9, size: 9, font: fonts.regular });
    y -= 12;
  }
  y -= 8;
  const size = 8.5;
  const lh = 11;
  const section = (text: string) => {
    if (y - 18 < M) newPage();
    page.drawRectangle({ x: M, y: y - 16, width: W, height: 16, color: rgb(0.92, 0.92, 1), borderColor: black, borderWidth: 0.6 });
    page.drawText(text, { x: M + 4, y: y - 11.5, size: 9, font: fonts.bold });
    y -= 16;
  };
  section('I. Komponen penyampaian pelayanan (service delivery)');
  for (const c of standardComponents(s)) {
    const body = c.lines.flatMap((l) => (l.startsWith('• ') ? wrapText(l.slice(2), fonts.regular, size, bodyW - 18).map((w, i) => (i === 0 ? `• ${w}` : `   ${w}`)) : wrapText(l, fonts.regular, size, bodyW - 8)));
    const title = wrapText(c.title, fonts.bold, size, titleW - 8);
    let start = 0;
    while (start < body.length || start === 0) {
      const room = Math.floor((y - M - 8) / lh);
      if (room < 2) {
        newPage();
        continue;
      }
      const chunk = body.slice(start, start + room);
      const h = Math.max(chunk.length, start === 0 ? title.length : 1) * lh + 8;
      page.drawRectangle({ x: M, y: y - h, width: noW, height: h, borderColor: black, borderWidth: 0.6 });
      page.drawRectangle({ x: M + noW, y: y - h, width: titleW, height: h, borderColor: black, borderWidth: 0.6 });
      page.drawRectangle({ x: M + noW + titleW, y: y - h, width: bodyW, height: h, borderColor: black, borderWidth: 0.6 });
      if (start === 0) {
        const n = String(c.no);
        page.drawText(n, { x: M + noW / 2 - textWidth(fonts.regular, n, size) / 2, y: y - 4 - size, size, font: fonts.regular });
        title.forEach((l, i) => page.drawText(l, { x: M + noW + 4, y: y - 4 - size - i * lh, size, font: fonts.bold }));
      }
      chunk.forEach((l, i) => page.drawText(l, { x: M + noW + titleW + 4, y: y - 4 - size - i * lh, size, font: fonts.regular }));
      y -= h;
      start += chunk.length;
      if (start >= body.length) break;
      newPage();
    }
    if (c.no === 6) section('II. Komponen pengelolaan pelayanan (manufacturing)');
  }
  // The maklumat pelayanan, boxed, on the same page when it fits.
  const mLines = wrapText(maklumat(s), fonts.regular, 10, W - 24);
  const boxH = 40 + mLines.length * 14 + 50;
  if (y - boxH - 16 < M) newPage();
  y -= 16;
  page.drawRectangle({ x: M, y: y - boxH, width: W, height: boxH, borderColor: black, borderWidth: 1.5 });
  const mt = 'MAKLUMAT PELAYANAN';
  page.drawText(mt, { x: A4.width / 2 - textWidth(fonts.bold, mt, 12) / 2, y: y - 24, size: 12, font: fonts.bold });
  mLines.forEach((l, i) => page.drawText(l, { x: M + 12, y: y - 46 - i * 14, size: 10, font: fonts.regular }));
  if (s.office) page.drawText(s.office.name, { x: M + W - 12 - textWidth(fonts.bold, s.office.name, 10), y: y - boxH + 14, size: 10, font: fonts.bold });
  return savePdf(doc);
}

/** The calculator of the public page: reads each fee set's facts, asks them, calls the evaluate endpoint. */
export const CALCULATOR_JS = `(() => {
  const factsEl = document.getElementById('fee-facts');
  if (!factsEl) return;
  const all = JSON.parse(factsEl.textContent || '{}');
  const rupiah = (s) => 'Rp ' + String(s).replace(/\\B(?=(\\d{3})+(?!\\d))/g, '.');
  for (const form of document.querySelectorAll('form.calc')) {
    const key = form.dataset.ruleset;
    const schema = all[key] || { properties: {}, required: [] };
    const box = form.querySelector('.fields');
    for (const [name, p] of Object.entries(schema.properties || {})) {
      const label = document.createElement('label');
      label.textContent = (p.title || name) + ' ';
      let input;
      const options = p.oneOf || (p.enum ? p.enum.map((v) => ({ const: v, title: String(v) })) : null);
      if (options) {
        input = document.createElement('select');
        input.append(new Option('—', ''));
        for (const o of options) input.append(new Option(o.title || String(o.const), String(o.const)));
      } else {
        input = document.createElement('input');
        input.type = p.type === 'boolean' ? 'checkbox' : p.type === 'number' || p.type === 'integer' ? 'number' : p.format === 'date' ? 'date' : 'text';
        if (p.type === 'number') input.step = 'any';
      }
      input.name = name;
      input.dataset.type = p.type || 'string';
      label.append(input);
      box.append(label);
    }
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const facts = {};
      for (const el of form.querySelectorAll('[name]')) {
        const t = el.dataset.type;
        if (t === 'boolean') facts[el.name] = el.checked;
        else if (el.value === '') continue;
        else if (t === 'number' || t === 'integer') facts[el.name] = Number(el.value);
        else facts[el.name] = el.value;
      }
      const answer = form.querySelector('.answer');
      answer.textContent = 'Menghitung…';
      try {
        const res = await fetch('/api/rulesets/' + encodeURIComponent(key) + '/evaluate', { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'id' }, body: JSON.stringify({ facts }) });
        const body = await res.json();
        if (!res.ok) { answer.textContent = body.message || 'Data belum lengkap'; return; }
        if (!body.eligible) { answer.textContent = 'Tidak dapat dilayani di sini: ' + body.reasons.map((r) => r.message).join('; '); return; }
        answer.textContent = 'Perkiraan biaya: ' + rupiah(body.total) + ' (' + body.fees.map((f) => f.label + ' ' + rupiah(f.amount)).join(', ') + ')';
      } catch (err) {
        answer.textContent = 'Gagal menghitung: ' + err.message;
      }
    });
  }
})();
`;
