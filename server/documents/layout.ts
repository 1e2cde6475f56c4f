/**
 * Draws a DocumentContent as an A4 PDF: the office's letterhead (logo, name, address, contacts),
 * title and number, the application's data, the body (paragraphs, the object, tables, fee lines
 * with the total in words, reasons, legal basis), the signature block and the QR code that leads
 * to the public verification page. Starts from pdf-base.ts (embedded DejaVu, fixed metadata).
 */
import { rgb, type PDFDocument, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import { formatRupiah } from '../../core/money.js';
import { maskNik } from '../../core/masking.js';
import { tanggal } from '../../core/indonesian-date.js';
import type { DocumentContent } from './content.js';
import { A4, createOfficialPdf, type PdfFonts } from './pdf-base.js';

const MARGIN = 56;
const BOTTOM = 64;
const WIDTH = A4.width - 2 * MARGIN;
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);

export interface Issue {
  number: string;
  code: string;
  issuedAt: Date;
  verifyUrl: string;
}

/** Splits text into lines that fit `width` at `size`. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) <= width) line = next;
      else {
        if (line) out.push(line);
        // a word longer than the line is cut
        let w = word;
        while (font.widthOfTextAtSize(w, size) > width && w.length > 1) {
          let i = w.length - 1;
          while (i > 1 && font.widthOfTextAtSize(w.slice(0, i), size) > width) i--;
          out.push(w.slice(0, i));
          w = w.slice(i);
        }
        line = w;
      }
    }
    out.push(line);
  }
  return out;
}

/** A cursor over pages: writes top-down and opens a new page when the next line would not fit. */
class Writer {
  page: PDFPage;
  y: number;
  constructor(
    readonly doc: PDFDocument,
    readonly fonts: PdfFonts,
  ) {
    this.page = doc.addPage([A4.width, A4.height]);
    this.y = A4.height - MARGIN;
  }
  need(h: number): void {
    if (this.y - h < BOTTOM) {
      this.page = this.doc.addPage([A4.width, A4.height]);
      this.y = A4.height - MARGIN;
    }
  }
  text(s: string, opts: { size?: number; bold?: boolean; x?: number; width?: number; align?: 'left' | 'center' | 'right'; color?: typeof BLACK; gap?: number } = {}): void {
    const size = opts.size ?? 10;
    const font = opts.bold ? this.fonts.bold : this.fonts.regular;
    const x0 = opts.x ?? MARGIN;
    const width = opts.width ?? WIDTH - (x0 - MARGIN);
    for (const line of wrap(s, font, size, width)) {
      this.need(size * 1.35);
      const w = font.widthOfTextAtSize(line, size);
      const x = opts.align === 'center' ? x0 + (width - w) / 2 : opts.align === 'right' ? x0 + width - w : x0;
      this.page.drawText(line, { x, y: this.y - size, size, font, color: opts.color ?? BLACK });
      this.y -= size * 1.35;
    }
    this.y -= opts.gap ?? 0;
  }
  rule(thickness = 1): void {
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: A4.width - MARGIN, y: this.y }, thickness, color: BLACK });
    this.y -= 6;
  }
  /** label : value lines, the value wrapped in its own column */
  pairs(rows: Array<[string, string]>, labelWidth = 150): void {
    for (const [label, value] of rows) {
      const lines = wrap(value, this.fonts.regular, 10, WIDTH - labelWidth - 10);
      this.need(13.5 * lines.length);
      this.page.drawText(label, { x: MARGIN, y: this.y - 10, size: 10, font: this.fonts.regular });
      this.page.drawText(':', { x: MARGIN + labelWidth, y: this.y - 10, size: 10, font: this.fonts.regular });
      for (const l of lines) {
        this.page.drawText(l, { x: MARGIN + labelWidth + 10, y: this.y - 10, size: 10, font: this.fonts.regular });
        this.y -= 13.5;
      }
    }
    this.y -= 4;
  }
  /** A grid table; `widths` are fractions of the line; `right` columns are right-aligned. */
  table(head: string[], rows: string[][], widths: number[], right: number[] = [], boldLast = false): void {
    const cols = widths.map((w) => w * WIDTH);
    const drawRow = (cells: string[], bold: boolean) => {
      const font = bold ? this.fonts.bold : this.fonts.regular;
      const wrapped = cells.map((c, i) => wrap(c, font, 9, cols[i] - 8));
      const h = Math.max(...wrapped.map((l) => l.length)) * 12 + 6;
      this.need(h);
      let x = MARGIN;
      wrapped.forEach((lines, i) => {
        this.page.drawRectangle({ x, y: this.y - h, width: cols[i], height: h, borderColor: BLACK, borderWidth: 0.6 });
        lines.forEach((l, j) => {
          const w = font.widthOfTextAtSize(l, 9);
          const tx = right.includes(i) ? x + cols[i] - 4 - w : x + 4;
          this.page.drawText(l, { x: tx, y: this.y - 12 - j * 12, size: 9, font });
        });
        x += cols[i];
      });
      this.y -= h;
    };
    drawRow(head, true);
    rows.forEach((r, i) => drawRow(r, boldLast && i === rows.length - 1));
    this.y -= 8;
  }
}

async function embedLogo(doc: PDFDocument, logo: DocumentContent['office']['logo']): Promise<PDFImage | undefined> {
  if (!logo) return undefined;
  try {
    if (logo.type === 'image/png') return await doc.embedPng(logo.bytes);
    if (logo.type === 'image/jpeg') return await doc.embedJpg(logo.bytes);
  } catch {
    // a logo pdf-lib cannot read is left out rather than failing the document
  }
  return undefined;
}

function letterhead(w: Writer, c: DocumentContent, logo: PDFImage | undefined): void {
  const top = w.y;
  if (logo) {
    const s = 56 / Math.max(logo.width, logo.height);
    w.page.drawImage(logo, { x: MARGIN, y: top - logo.height * s, width: logo.width * s, height: logo.height * s });
  }
  const x = logo ? MARGIN + 66 : MARGIN;
  w.text(c.office.name.toUpperCase(), { size: 14, bold: true, x, align: 'center' });
  if (c.office.address) w.text(c.office.address, { size: 9, x, align: 'center' });
  const contacts = [c.office.contacts.phone && `Telp. ${c.office.contacts.phone}`, c.office.contacts.email, c.office.contacts.website].filter(Boolean).join(' · ');
  if (contacts) w.text(contacts, { size: 9, x, align: 'center' });
  w.y = Math.min(w.y, top - 60) - 4;
  w.rule(2);
  w.y -= 6;
}

/** The PDF of a document as issued (number, code, date, verification link fixed by the issue). */
export async function renderPdf(c: DocumentContent, issue: Issue): Promise<PDFDocument> {
  const { doc, fonts } = await createOfficialPdf({ title: `${c.title} ${issue.number}`, author: c.office.name, date: issue.issuedAt });
  doc.setSubject(`${c.application.service} — ${c.title}`);
  doc.setKeywords([`verifikasi:${issue.code}`]);
  const w = new Writer(doc, fonts);
  letterhead(w, c, await embedLogo(doc, c.office.logo));

  w.text(c.title.toUpperCase(), { size: 13, bold: true, align: 'center' });
  w.text(`Nomor: ${issue.number}`, { size: 10, align: 'center', gap: 10 });

  const holderLabel = c.kind === 'izin' ? 'Pemegang izin' : c.kind === 'sk' ? 'Atas nama' : 'Pemohon';
  const meta: Array<[string, string]> = [
    ...(c.application.number ? ([['Nomor pendaftaran', c.application.number]] as Array<[string, string]>) : []),
    ['Layanan', c.application.service],
    [holderLabel, c.holder.name],
  ];
  if (c.holder.nik) meta.push(['NIK', c.kind === 'izin' || c.kind === 'sk' ? c.holder.nik : maskNik(c.holder.nik)]);
  meta.push(['Tanggal permohonan', c.application.date]);
  w.pairs(meta);

  for (const p of c.paragraphs) w.text(p, { gap: 6 });
  if (c.fields.length > 0) w.pairs(c.fields.map((f) => [f.label, f.value]));
  if (c.table) w.table(c.table.head, c.table.rows, [0.08, 0.32, 0.35, 0.25]);
  for (const t of c.fees) {
    w.table(
      ['Uraian', 'Dasar hukum', 'Jumlah'],
      [...t.lines.map((l) => [l.label, l.legalBasis, formatRupiah(l.amount)]), ['Jumlah', '', formatRupiah(t.total)]],
      [0.42, 0.36, 0.22],
      [2],
      true,
    );
    w.text(t.note, { size: 8, color: GREY, gap: 4 });
  }
  if (c.amount) {
    w.pairs([
      ['Jumlah', c.amount.figure],
      ['Terbilang', c.amount.words],
    ]);
  }
  if (c.paymentDue) w.pairs([['Bayar paling lambat', `${tanggal(c.paymentDue.dueDate)} (${c.paymentDue.days} hari sejak nota)`]]);
  c.reasons.forEach((r, i) => {
    w.text(`${i + 1}. ${r.text}`, { x: MARGIN + 8 });
    if (r.basis) w.text(`Dasar: ${r.basis}`, { size: 8, color: GREY, x: MARGIN + 20 });
    if (r.redirect) w.text(`${r.redirect}.`, { size: 9, x: MARGIN + 20 });
  });
  if (c.closing) w.text(c.closing, { gap: 6 });
  if (c.legalBasis.length > 0) {
    w.y -= 4;
    w.text('Dasar hukum:', { size: 9, bold: true });
    c.legalBasis.forEach((l, i) => w.text(`${i + 1}. ${l}`, { size: 8, x: MARGIN + 8 }));
  }

  // Signature block (right) and QR code (left), kept together on one page.
  w.y -= 12;
  w.need(150);
  const blockX = MARGIN + WIDTH * 0.55;
  const blockW = WIDTH * 0.45;
  const top = w.y;
  w.text(`Diterbitkan ${tanggal(issue.issuedAt)}`, { x: blockX, width: blockW, size: 10 });
  if (c.signer?.jabatan) w.text(c.signer.jabatan, { x: blockX, width: blockW, size: 10 });
  w.y -= c.signedElectronically ? 4 : 36;
  if (c.signedElectronically) w.text('Ditandatangani secara elektronik', { x: blockX, width: blockW, size: 8, color: GREY, gap: 4 });
  w.text(c.signer?.name ?? '( petugas )', { x: blockX, width: blockW, size: 10, bold: true });
  if (c.signer?.nip) w.text(`NIP ${c.signer.nip}`, { x: blockX, width: blockW, size: 9 });

  const qr = await doc.embedPng(await QRCode.toBuffer(issue.verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 4 }));
  const size = 92;
  w.page.drawImage(qr, { x: MARGIN, y: top - size, width: size, height: size });
  const note = wrap(`Periksa keaslian dokumen ini dengan memindai kode QR atau membuka ${issue.verifyUrl}`, fonts.regular, 7, WIDTH * 0.5 - size - 12);
  note.forEach((l, i) => w.page.drawText(l, { x: MARGIN + size + 8, y: top - 10 - i * 9, size: 7, font: fonts.regular, color: GREY }));
  w.page.drawText(`Kode: ${issue.code}`, { x: MARGIN + size + 8, y: top - 14 - note.length * 9, size: 8, font: fonts.bold });
  return doc;
}
