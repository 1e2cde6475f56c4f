/**
 * Reading the activity table every Indonesian SOP carries: from pasted text (Word/Excel copy,
 * markdown, CSV) or from a spreadsheet's cells (an .xlsx read by the server into a grid), in the
 * layouts offices use:
 *
 * - one "Pelaksana" column naming the performer of each row;
 * - the Permenpan-RB 35/2012 layout (SOP AP): "Pelaksana" spans one column per post, marked with
 *   X (✓, √, v) in the row of its activity, and "Mutu Baku" spans Kelengkapan / Waktu / Output;
 *   as two header rows (cells aligned under their spanning header, as a spreadsheet copies them,
 *   or written compactly with only the sub-headers on the second row), or as one header row
 *   naming the posts between Kegiatan and the Mutu Baku columns.
 *
 * Pure: no DOM, so the same code runs in the browser and in tests. Warnings are codes with
 * parameters; the page words them through i18n.
 */
import { parseSopTime } from '../../modeler/iso-duration.js';

export interface SopRow {
  no: string;
  activity: string;
  performer: string;
  /** the Kelengkapan / Persyaratan cell */
  requirements: string;
  time: string;
  output: string;
  /** the Keterangan column, when the table has one */
  note?: string;
}

export type SopTableWarning =
  | { code: 'no-header' }
  | { code: 'no-rows' }
  | { code: 'no-performer'; row: string }
  | { code: 'time-unreadable'; row: string; time: string };

export type SopTableLayout = 'column' | 'permenpan-two-rows' | 'permenpan-one-row';

export interface SopTableResult {
  rows: SopRow[];
  warnings: SopTableWarning[];
  layout?: SopTableLayout;
  /** Permenpan layout: the Pelaksana columns in their order (lanes keep it, even a post without a row) */
  performers?: string[];
}

/** The table's cells, row by row (blank rows may stay; they are skipped). */
export type Grid = string[][];

type Column = Exclude<keyof SopRow, 'note'>;

const HEADERS: Record<Column, RegExp> = {
  no: /^no\.?$/i,
  activity: /kegiatan|aktivitas|uraian/i,
  performer: /pelaksana|pelaku/i,
  requirements: /persyaratan|kelengkapan|syarat/i,
  time: /waktu/i,
  output: /output|keluaran|hasil/i,
};
const MUTU_BAKU = /^(kelengkapan|persyaratan|waktu|output|keluaran)/i;
const PELAKSANA = /pelaksana|pelaku/i;
const MUTU = /mutu/i;
/** The mark of a post in its activity's row. */
const MARK = /^\s*[x✓✔√v]\s*$/i;
/** A row of column numbers under the header: "(1) (2) (3) …" */
const NUMBERING = /^\(?\d+\)?$/;

function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { out.push(cur); cur = ''; }
    else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Pasted or CSV text → cells. The separator is the header line's: tab, pipe, semicolon, else comma. */
function textToGrid(text: string): Grid {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !/^\s*\|?\s*:?-{3,}/.test(l));
  const header = lines.find((l) => HEADERS.activity.test(l)) ?? lines[0] ?? '';
  const sep = ['\t', '|', ';'].find((s) => header.includes(s)) ?? ',';
  return lines.map((line) => {
    let cells = sep === ',' ? splitCsv(line) : line.split(sep);
    // markdown: the outer pipes make an empty first and last cell
    if (sep === '|') cells = cells.filter((c, i, a) => !((i === 0 || i === a.length - 1) && c.trim() === ''));
    return cells.map((c) => c.trim());
  });
}

interface Header {
  /** one name per column */
  columns: string[];
  /** the columns that are posts (Permenpan) */
  lanes: number[];
  /** header rows used */
  height: number;
  layout: SopTableLayout;
}

const isHeaderRow = (row: string[]) => row.some((c) => HEADERS.activity.test(c)) && row.some((c) => /pelaksana|pelaku|kelengkapan|persyaratan|mutu|waktu/i.test(c));
const isNumberRow = (row: string[] | undefined) => !!row && row.some((c) => c !== '') && row.every((c) => c === '' || NUMBERING.test(c));

/**
 * Two header rows as a spreadsheet copies them: each sub-header sits under its spanning header,
 * whose other cells are empty; the columns that span both rows are empty on the second.
 */
function alignedHeader(header: string[], sub: string[]): Header | undefined {
  const columns: string[] = [];
  const lanes: number[] = [];
  let group = '';
  for (let i = 0; i < Math.max(header.length, sub.length); i++) {
    const h = header[i] ?? '';
    const s = sub[i] ?? '';
    if (h) group = h;
    if (PELAKSANA.test(group) && s && s !== group) {
      lanes.push(i);
      columns.push(s);
    } else if (MUTU.test(group) && s) columns.push(s);
    else columns.push(h || s);
  }
  return lanes.length ? { columns, lanes, height: 2, layout: 'permenpan-two-rows' } : undefined;
}

/** Two header rows written compactly: the second holds only the posts and the Mutu Baku names. */
function compactHeader(header: string[], sub: string[]): Header | undefined {
  const named = sub.filter((c) => c !== '');
  const firstMutu = named.findIndex((c) => MUTU_BAKU.test(c));
  if (firstMutu < 0) return undefined;
  const laneNames = named.slice(0, firstMutu);
  const mutu = named.slice(firstMutu);
  const columns: string[] = [];
  const lanes: number[] = [];
  for (const h of header.filter((c) => c !== '')) {
    if (PELAKSANA.test(h)) for (const l of laneNames) { lanes.push(columns.length); columns.push(l); }
    else if (MUTU.test(h)) columns.push(...mutu);
    else columns.push(h);
  }
  return lanes.length ? { columns, lanes, height: 2, layout: 'permenpan-two-rows' } : undefined;
}

function readHeader(header: string[], next: string[] | undefined): Header {
  const spans = header.some((h) => PELAKSANA.test(h) || MUTU.test(h));
  const nextIsSub = !!next && !isNumberRow(next) && !/^\d+\.?$/.test(next[0] ?? '') && next.some((c) => MUTU_BAKU.test(c) || (c !== '' && !header.includes(c)));
  if (spans && nextIsSub) {
    // Aligned when the columns that span both rows (No, Kegiatan) are empty or repeated below.
    const aligned = (next[0] ?? '') === '' || next[0] === header[0];
    const h = aligned ? alignedHeader(header, next) : compactHeader(header, next);
    if (h) return h;
  }
  if (!header.some((h) => /^(pelaksana|pelaku)$/i.test(h))) {
    // One header row naming the posts between Kegiatan and the first Mutu Baku column.
    const k = header.findIndex((h) => HEADERS.activity.test(h));
    const m = header.findIndex((h, i) => i > k && MUTU_BAKU.test(h));
    if (k >= 0 && m - k >= 2) {
      return { columns: header, lanes: Array.from({ length: m - k - 1 }, (_, i) => k + 1 + i).filter((i) => header[i] !== ''), height: 1, layout: 'permenpan-one-row' };
    }
  }
  return { columns: header, lanes: [], height: 1, layout: 'column' };
}

export function parseSopGrid(grid: Grid): SopTableResult {
  const cells = grid.map((r) => r.map((c) => (c ?? '').replace(/\s+/g, ' ').trim()));
  const headerIndex = cells.findIndex(isHeaderRow);
  if (headerIndex < 0) return { rows: [], warnings: [{ code: 'no-header' }] };
  const head = readHeader(cells[headerIndex]!, cells[headerIndex + 1]);
  const permenpan = head.lanes.length > 0;
  const col = {} as Record<Column, number>;
  for (const key of Object.keys(HEADERS) as Column[]) col[key] = head.columns.findIndex((h, i) => HEADERS[key].test(h) && !head.lanes.includes(i));
  const noteCol = head.columns.findIndex((h) => /keterangan/i.test(h));

  const warnings: SopTableWarning[] = [];
  const rows: SopRow[] = [];
  for (const line of cells.slice(headerIndex + head.height)) {
    if (line.every((c) => c === '') || isNumberRow(line)) continue;
    const get = (k: Column) => (col[k] >= 0 ? line[col[k]] ?? '' : '');
    let performer = get('performer');
    if (permenpan) {
      const marked = head.lanes.filter((i) => (line[i] ?? '') !== '');
      const x = marked.find((i) => MARK.test(line[i]!)) ?? marked[0];
      performer = x !== undefined ? head.columns[x]! : '';
    }
    const row: SopRow = { no: get('no'), activity: get('activity'), performer, requirements: get('requirements'), time: get('time'), output: get('output') };
    if (noteCol >= 0 && line[noteCol]) row.note = line[noteCol];
    if (!row.activity) continue;
    const label = row.no || String(rows.length + 1);
    if (!row.performer) {
      // A row without performer continues the previous step's performer (merged cells in the source).
      row.performer = rows.at(-1)?.performer ?? '';
      if (!row.performer) warnings.push({ code: 'no-performer', row: label });
    }
    if (row.time && !parseSopTime(row.time)) warnings.push({ code: 'time-unreadable', row: label, time: row.time });
    rows.push(row);
  }
  if (!rows.length) warnings.push({ code: 'no-rows' });
  return { rows, warnings, layout: head.layout, ...(permenpan ? { performers: head.lanes.map((i) => head.columns[i]!) } : {}) };
}

export function parseSopTable(text: string): SopTableResult {
  return parseSopGrid(textToGrid(text));
}

/**
 * The documents a Kelengkapan / Persyaratan cell names: one per line, bullet, number, semicolon
 * or comma ("KTP, KK" is two documents).
 */
export function documentsIn(cell: string): string[] {
  return cell
    .split(/\r?\n|;|,|\s-\s|•/)
    .map((d) => d.replace(/^\s*(?:[-*•]|\d+[.)]|[a-z][.)])\s*/i, '').trim())
    .filter((d) => d !== '' && d !== '-');
}

export function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'x';
}
