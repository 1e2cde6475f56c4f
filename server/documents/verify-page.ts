/**
 * The public verification page (`/verifikasi/:code`, no log-in): what the document is, its
 * status and the SHA-256 of the issued file; a file chooser hashes a PDF in the browser
 * (crypto.subtle, served as /verifikasi/verify.js: the CSP allows no inline script) and says
 * whether it is the issued one. The server never fetches anything for this page. Indonesian by
 * default, English with `?lang=en`.
 */
import { tanggal, tanggalJam } from '../../core/indonesian-date.js';
import { DOCUMENT_TITLES } from './content.js';
import type { Verification } from './issue.js';

const TEXT = {
  id: {
    title: 'Verifikasi dokumen',
    kind: 'Jenis dokumen',
    number: 'Nomor',
    holder: 'Atas nama',
    office: 'Diterbitkan oleh',
    issuedAt: 'Tanggal terbit',
    validUntil: 'Berlaku sampai',
    status: 'Status',
    signed: 'Tanda tangan elektronik',
    yes: 'Ya',
    no: 'Tidak',
    valid: 'SAH — dokumen ini berlaku',
    dicabut: 'DICABUT — dokumen ini tidak berlaku lagi',
    diganti: 'DIGANTI — dokumen ini telah diganti dengan terbitan baru',
    replacedBy: 'Lihat dokumen pengganti',
    check: 'Periksa berkas PDF Anda',
    checkHelp: 'Pilih berkas PDF yang Anda terima. Berkas tidak dikirim ke mana pun: sidik jarinya dihitung di peramban Anda.',
    match: 'Cocok: berkas ini sama persis dengan dokumen yang diterbitkan.',
    mismatch: 'Tidak cocok: berkas ini BUKAN dokumen yang diterbitkan (telah diubah atau dokumen lain).',
    noCrypto: 'Peramban ini tidak dapat menghitung SHA-256 (butuh HTTPS).',
    notFound: 'Dokumen dengan kode ini tidak terdaftar.',
    lang: 'English',
  },
  en: {
    title: 'Document verification',
    kind: 'Document',
    number: 'Number',
    holder: 'Issued to',
    office: 'Issued by',
    issuedAt: 'Issued on',
    validUntil: 'Valid until',
    status: 'Status',
    signed: 'Electronic signature',
    yes: 'Yes',
    no: 'No',
    valid: 'VALID — this document is in force',
    dicabut: 'REVOKED — this document is no longer in force',
    diganti: 'REPLACED — a new issue replaces this document',
    replacedBy: 'See the replacing document',
    check: 'Check your PDF file',
    checkHelp: 'Choose the PDF file you received. It is not sent anywhere: its fingerprint is computed in your browser.',
    match: 'Match: this file is exactly the issued document.',
    mismatch: 'No match: this file is NOT the issued document (it was changed, or it is another document).',
    noCrypto: 'This browser cannot compute SHA-256 (HTTPS needed).',
    notFound: 'No document is registered under this code.',
    lang: 'Bahasa Indonesia',
  },
} as const;

export type PageLang = keyof typeof TEXT;

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const STYLE = `body{font-family:system-ui,sans-serif;max-width:680px;margin:24px auto;padding:0 16px;color:#222}
table{border-collapse:collapse;width:100%}td{padding:6px 8px;border-bottom:1px solid #ddd;vertical-align:top}td:first-child{color:#555;width:38%}
.status{padding:12px;border-radius:6px;font-weight:600;margin:16px 0}.valid{background:#e6f4ea;color:#1e4620}.dicabut,.diganti,.bad{background:#fdecea;color:#611a15}
.ok{background:#e6f4ea;color:#1e4620}code{word-break:break-all;font-size:12px}#result{padding:10px;border-radius:6px;margin-top:8px}`;

export function verificationPage(code: string, v: Verification | null, lang: PageLang): string {
  const t = TEXT[lang];
  const other = lang === 'id' ? 'en' : 'id';
  const head = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${t.title}</title><style>${STYLE}</style></head><body>
<p style="text-align:right"><a href="?lang=${other}">${TEXT[other].lang === 'English' ? 'Bahasa Indonesia' : 'English'}</a></p><h1>${t.title}</h1>`;
  if (!v) return `${head}<p class="status bad" data-status="unknown">${t.notFound}</p><p><code>${esc(code)}</code></p></body></html>`;
  const kindTitle = (DOCUMENT_TITLES as Record<string, string>)[v.kind] ?? v.kind;
  const rows: Array<[string, string]> = [
    [t.kind, v.title === kindTitle ? kindTitle : `${v.title} (${kindTitle})`],
    [t.number, v.number],
    [t.holder, v.holderName],
    [t.office, v.office],
    [t.issuedAt, tanggalJam(new Date(v.issuedAt))],
    ...(v.validUntil ? ([[t.validUntil, tanggal(v.validUntil)]] as Array<[string, string]>) : []),
    [t.signed, v.signed ? t.yes : t.no],
    ['SHA-256', `<code data-sha256>${esc(v.sha256)}</code>`],
  ];
  return `${head}<div class="status ${v.status}" data-status="${v.status}">${t[v.status]}</div>
${v.replacedBy ? `<p><a href="/verifikasi/${esc(v.replacedBy)}">${t.replacedBy}</a></p>` : ''}
<table>${rows.map(([k, val]) => `<tr><td>${esc(k)}</td><td>${k === 'SHA-256' ? val : esc(val)}</td></tr>`).join('')}</table>
<h2>${t.check}</h2><p>${t.checkHelp}</p>
<input type="file" id="file" accept="application/pdf,.pdf" data-expected="${esc(v.sha256)}" data-match="${esc(t.match)}" data-mismatch="${esc(t.mismatch)}" data-nocrypto="${esc(t.noCrypto)}">
<div id="result" role="status" aria-live="polite"></div>
<script src="/verifikasi/verify.js"></script></body></html>`;
}

/** The page's script: hashes the chosen file with crypto.subtle and compares with the issued SHA-256. */
export const VERIFY_SCRIPT = `(function(){
var input=document.getElementById('file');var out=document.getElementById('result');if(!input)return;
input.addEventListener('change',function(){var f=input.files&&input.files[0];if(!f)return;
if(!(window.crypto&&crypto.subtle)){out.textContent=input.dataset.nocrypto;out.className='bad';return;}
f.arrayBuffer().then(function(b){return crypto.subtle.digest('SHA-256',b);}).then(function(d){
var hex=Array.prototype.map.call(new Uint8Array(d),function(x){return('0'+x.toString(16)).slice(-2);}).join('');
var ok=hex===input.dataset.expected;out.textContent=ok?input.dataset.match:input.dataset.mismatch;out.className=ok?'ok':'bad';out.setAttribute('data-match',ok?'yes':'no');out.setAttribute('data-hash',hex);});});})();`;
