/**
 * Draws the SOP flowchart table (rows from `sop-rows.ts`) on landscape A4 pages with pdf-lib:
 * No | Kegiatan | one column per Pelaksana | Mutu baku (Kelengkapan, Waktu, Output) | Keterangan,
 * using the five SOP AP symbols only: terminator capsule, process box, decision diamond, arrows,
 * off-page connector pentagon (where the flow continues on the next page). The flow runs down
 * the page; a jump to a row that is not the next one is a dashed arrow along the right edge of
 * the Pelaksana columns, or a pentagon naming the row when that row is on another page.
 */
import { rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { PdfFonts } from './pdf-base.js';
import type { SopTable, SopTableRow } from './sop-rows.js';

export const LANDSCAPE = { width: 841.89, height: 595.28 } as const;
const MARGIN = 28;
const FONT = 6.5;
const LINE = 8;
const PAD = 3;
const BLACK = rgb(0, 0, 0);
const WHITE = rgb(1, 1, 1);
const HEAD_FILL = rgb(0.9, 0.9, 0.9);

const charWidths = new WeakMap<PDFFont, Map<string, number>>();

/**
 * A text's width as the sum of its characters' advance widths (kerning left out), each measured
 * once per font: fontkit's own layout per call is slow enough to dominate a long table.
 */
export function textWidth(font: PDFFont, text: string, size: number): number {
  let widths = charWidths.get(font);
  if (!widths) charWidths.set(font, (widths = new Map<string, number>()));
  let total = 0;
  for (const ch of text) {
    let w = widths.get(ch);
    if (w === undefined) widths.set(ch, (w = font.widthOfTextAtSize(ch, 1000)));
    total += w;
  }
  return (total * size) / 1000;
}

export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (textWidth(font, candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) out.push(line);
      // a word wider than the column is cut into pieces
      let rest = word;
      while (textWidth(font, rest, size) > width && rest.length > 1) {
        let n = rest.length - 1;
        while (n > 1 && textWidth(font, rest.slice(0, n), size) > width) n--;
        out.push(rest.slice(0, n));
        rest = rest.slice(n);
      }
      line = rest;
    }
    out.push(line);
  }
  return out;
}

interface Columns {
  x: number[]; // left edge of each column, plus the right edge of the table at the end
  lane0: number; // index of the first lane column
  lanes: number;
}

function columns(laneCount: number): Columns {
  const fixed = { no: 20, kegiatan: 160, kelengkapan: 95, waktu: 46, output: 80, keterangan: 120 };
  const total = LANDSCAPE.width - 2 * MARGIN;
  const laneW = Math.max(30, (total - Object.values(fixed).reduce((a, b) => a + b, 0)) / Math.max(1, laneCount));
  const widths = [fixed.no, fixed.kegiatan, ...Array.from({ length: laneCount }, () => laneW), fixed.kelengkapan, fixed.waktu, fixed.output, fixed.keterangan];
  const x = [MARGIN];
  for (const w of widths) x.push(x.at(-1)! + w);
  return { x, lane0: 2, lanes: laneCount };
}

interface Placed {
  row: SopTableRow;
  page: number;
  top: number; // y of the row's top edge (pdf coordinates, from the bottom)
  height: number;
  cx: number;
  cy: number;
  w: number;
  h: number;
}

function cellLines(row: SopTableRow, col: Columns, font: PDFFont): string[][] {
  const width = (i: number) => col.x[i + 1]! - col.x[i]! - 2 * PAD;
  const m = col.lane0 + col.lanes;
  return [
    [String(row.no)],
    wrapText(row.activity, font, FONT, width(1)),
    row.kelengkapan.length ? row.kelengkapan.flatMap((k) => wrapText(`• ${k}`, font, FONT, width(m))) : [],
    wrapText(row.waktu, font, FONT, width(m + 1)),
    wrapText(row.output, font, FONT, width(m + 2)),
    row.keterangan.flatMap((k) => wrapText(k, font, FONT, width(m + 3))),
  ];
}

function text(page: PDFPage, s: string, x: number, y: number, font: PDFFont, size = FONT): void {
  if (s) page.drawText(s, { x, y, size, font, color: BLACK });
}

function arrowHead(page: PDFPage, x: number, y: number, dir: 'down' | 'left' | 'right' | 'up'): void {
  const s = 3.2;
  const pts = {
    down: [[x, y], [x - s, y + s * 1.6], [x + s, y + s * 1.6]],
    up: [[x, y], [x - s, y - s * 1.6], [x + s, y - s * 1.6]],
    left: [[x, y], [x + s * 1.6, y - s], [x + s * 1.6, y + s]],
    right: [[x, y], [x - s * 1.6, y - s], [x - s * 1.6, y + s]],
  }[dir];
  page.drawSvgPath(`M ${pts[0]![0]} ${-pts[0]![1]} L ${pts[1]![0]} ${-pts[1]![1]} L ${pts[2]![0]} ${-pts[2]![1]} Z`, { x: 0, y: 0, color: BLACK, borderWidth: 0 });
}

function line(page: PDFPage, x1: number, y1: number, x2: number, y2: number, dashed = false): void {
  page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness: 0.7, color: BLACK, ...(dashed ? { dashArray: [2, 2] } : {}) });
}

/** Off-page connector: a pentagon pointing down, with the row number in it. */
function pentagon(page: PDFPage, cx: number, topY: number, label: string, font: PDFFont): void {
  const w = 12;
  const h = 11;
  const path = `M ${cx - w / 2} ${-topY} L ${cx + w / 2} ${-topY} L ${cx + w / 2} ${-(topY - h * 0.6)} L ${cx} ${-(topY - h)} L ${cx - w / 2} ${-(topY - h * 0.6)} Z`;
  page.drawSvgPath(path, { x: 0, y: 0, color: WHITE, borderColor: BLACK, borderWidth: 0.7 });
  const tw = textWidth(font, label, 5.5);
  text(page, label, cx - tw / 2, topY - 6.5, font, 5.5);
}

function symbol(page: PDFPage, p: Placed): void {
  const { cx, cy, w, h } = p;
  if (p.row.shape === 'decision') {
    page.drawSvgPath(`M ${cx} ${-(cy + h / 2)} L ${cx + w / 2} ${-cy} L ${cx} ${-(cy - h / 2)} L ${cx - w / 2} ${-cy} Z`, { x: 0, y: 0, color: WHITE, borderColor: BLACK, borderWidth: 0.8 });
  } else if (p.row.shape === 'terminator') {
    const r = h / 2;
    const path = `M ${cx - w / 2 + r} ${-(cy + r)} L ${cx + w / 2 - r} ${-(cy + r)} A ${r} ${r} 0 0 1 ${cx + w / 2 - r} ${-(cy - r)} L ${cx - w / 2 + r} ${-(cy - r)} A ${r} ${r} 0 0 1 ${cx - w / 2 + r} ${-(cy + r)} Z`;
    page.drawSvgPath(path, { x: 0, y: 0, color: WHITE, borderColor: BLACK, borderWidth: 0.8 });
  } else {
    page.drawRectangle({ x: cx - w / 2, y: cy - h / 2, width: w, height: h, color: WHITE, borderColor: BLACK, borderWidth: 0.8 });
  }
}

export interface FlowchartHeader {
  /** drawn above the table on every page (SOP title and number) */
  title: string;
  subtitle: string;
}

/** Adds the flowchart pages to `doc`'s pages through `addPage`; answers the pages used. */
export function drawFlowchart(addPage: () => PDFPage, fonts: PdfFonts, table: SopTable, header: FlowchartHeader): PDFPage[] {
  const col = columns(table.lanes.length);
  const pages: PDFPage[] = [];
  const laneCenter = (lane: number) => (col.x[col.lane0 + lane]! + col.x[col.lane0 + lane + 1]!) / 2;
  const laneW = col.x[col.lane0 + 1]! - col.x[col.lane0]!;
  const gutterX = col.x[col.lane0 + col.lanes]! - 2;
  const m = col.lane0 + col.lanes;

  // The two header rows: labels of the lanes wrapped in their width.
  const laneLabels = table.lanes.map((l) => wrapText(l.name, fonts.regular, 5.5, laneW - 2 * PAD));
  const head1 = 14;
  const head2 = Math.max(14, Math.max(...laneLabels.map((l) => l.length), 1) * 7 + 2 * PAD);

  const startPage = (): { page: PDFPage; y: number } => {
    const page = addPage();
    pages.push(page);
    let y = LANDSCAPE.height - MARGIN;
    text(page, header.title, MARGIN, y - 9, fonts.bold, 9);
    text(page, header.subtitle, MARGIN, y - 19, fonts.regular, 7);
    y -= 26;
    const top = y;
    const fill = (x1: number, x2: number, y1: number, h: number) => page.drawRectangle({ x: x1, y: y1 - h, width: x2 - x1, height: h, color: HEAD_FILL, borderColor: BLACK, borderWidth: 0.7 });
    // spanning cells
    fill(col.x[0]!, col.x[1]!, top, head1 + head2);
    fill(col.x[1]!, col.x[2]!, top, head1 + head2);
    fill(col.x[col.lane0]!, col.x[m]!, top, head1);
    fill(col.x[m]!, col.x[m + 3]!, top, head1);
    fill(col.x[m + 3]!, col.x[m + 4]!, top, head1 + head2);
    const centered = (s: string, x1: number, x2: number, yy: number, font = fonts.bold, size = 6.5) => text(page, s, (x1 + x2) / 2 - textWidth(font, s, size) / 2, yy, font, size);
    centered('No', col.x[0]!, col.x[1]!, top - (head1 + head2) / 2 - 2);
    centered('Kegiatan', col.x[1]!, col.x[2]!, top - (head1 + head2) / 2 - 2);
    centered('Pelaksana', col.x[col.lane0]!, col.x[m]!, top - head1 / 2 - 2);
    centered('Mutu Baku', col.x[m]!, col.x[m + 3]!, top - head1 / 2 - 2);
    centered('Keterangan', col.x[m + 3]!, col.x[m + 4]!, top - (head1 + head2) / 2 - 2);
    table.lanes.forEach((_, i) => {
      const x1 = col.x[col.lane0 + i]!;
      const x2 = col.x[col.lane0 + i + 1]!;
      fill(x1, x2, top - head1, head2);
      laneLabels[i]!.forEach((l, j) => centered(l, x1, x2, top - head1 - PAD - 5.5 - j * 7, fonts.regular, 5.5));
    });
    ['Kelengkapan', 'Waktu', 'Output'].forEach((s, i) => {
      fill(col.x[m + i]!, col.x[m + i + 1]!, top - head1, head2);
      centered(s, col.x[m + i]!, col.x[m + i + 1]!, top - head1 - head2 / 2 - 2);
    });
    return { page, y: top - head1 - head2 };
  };

  // Place the rows on pages.
  const placed: Placed[] = [];
  let cur = startPage();
  for (const row of table.rows) {
    const lines = cellLines(row, col, fonts.regular);
    const height = Math.max(46, Math.max(...lines.map((l) => l.length)) * LINE + 2 * PAD);
    if (cur.y - height < MARGIN) cur = startPage();
    const top = cur.y;
    const page = cur.page;
    // the row's cells
    for (let i = 0; i < col.x.length - 1; i++) page.drawRectangle({ x: col.x[i]!, y: top - height, width: col.x[i + 1]! - col.x[i]!, height, borderColor: BLACK, borderWidth: 0.7 });
    const textCols = [0, 1, m, m + 1, m + 2, m + 3];
    lines.forEach((ls, k) => ls.forEach((l, j) => text(page, l, col.x[textCols[k]!]! + PAD, top - PAD - 6 - j * LINE, fonts.regular)));
    const w = row.shape === 'decision' ? Math.min(laneW - 8, 34) : Math.min(laneW - 8, 34);
    const h = row.shape === 'decision' ? 20 : 14;
    placed.push({ row, page: pages.length - 1, top, height, cx: laneCenter(row.lane), cy: top - height / 2, w, h });
    cur.y = top - height;
  }

  // Flow lines and symbols.
  const byNo = new Map(placed.map((p) => [p.row.no, p]));
  const jumps = new Map<number, number>(); // gutter lines per page
  for (const p of placed) {
    const page = pages[p.page]!;
    for (const t of p.row.next) {
      if (t.to === 'end') continue;
      const q = byNo.get(t.to);
      if (!q) continue;
      const labelX = (s: string, x: number, y: number) => text(page, s, x, y, fonts.regular, 5.5);
      if (t.to === p.row.no + 1 && q.page === p.page) {
        // straight down, then across into the next symbol's side
        const sx = p.cx;
        const sy = p.cy - p.h / 2;
        if (t.label) labelX(t.label, sx + 2, sy - 6);
        if (q.row.lane === p.row.lane) {
          line(page, sx, sy, sx, q.cy + q.h / 2);
          arrowHead(page, sx, q.cy + q.h / 2, 'down');
        } else {
          line(page, sx, sy, sx, q.cy);
          const ex = q.cx + (q.cx > sx ? -q.w / 2 : q.w / 2);
          line(page, sx, q.cy, ex, q.cy);
          arrowHead(page, ex, q.cy, q.cx > sx ? 'right' : 'left');
        }
      } else if (q.page === p.page) {
        // a jump: out of the symbol's right side, along the dashed gutter, into the target's right side
        const k = jumps.get(p.page) ?? 0;
        jumps.set(p.page, k + 1);
        const gx = gutterX - (k % 4) * 2;
        const sx = p.cx + p.w / 2;
        if (t.label) labelX(t.label, sx + 1, p.cy + 2);
        line(page, sx, p.cy, gx, p.cy, true);
        line(page, gx, p.cy, gx, q.cy, true);
        line(page, gx, q.cy, q.cx + q.w / 2, q.cy, true);
        arrowHead(page, q.cx + q.w / 2, q.cy, 'left');
      } else {
        // on another page: an arrow down to an off-page connector naming the row
        const px = t.to === p.row.no + 1 ? p.cx : Math.min(p.cx + p.w / 2 + 10, gutterX - 8);
        const sy = p.cy - p.h / 2;
        if (t.label) {
          if (px === p.cx) labelX(t.label, px + 2, sy - 6);
          else labelX(t.label, p.cx + p.w / 2 + 1, p.cy + 2);
        }
        if (px !== p.cx) line(page, p.cx + p.w / 2, p.cy, px, p.cy);
        const from = px === p.cx ? sy : p.cy;
        line(page, px, from, px, p.top - p.height + 12);
        pentagon(page, px, p.top - p.height + 12, String(t.to), fonts.regular);
        if (t.to === p.row.no + 1) {
          // the continuing page starts with a connector naming where the flow comes from
          const qpage = pages[q.page]!;
          pentagon(qpage, q.cx, q.top - 1, String(p.row.no), fonts.regular);
          line(qpage, q.cx, q.top - 12, q.cx, q.cy + q.h / 2);
          arrowHead(qpage, q.cx, q.cy + q.h / 2, 'down');
        }
      }
    }
  }
  for (const p of placed) symbol(pages[p.page]!, p);
  return pages;
}
