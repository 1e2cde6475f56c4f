import ExcelJS from 'exceljs';

/**
 * The cockpit's tables as CSV or XLSX (exceljs), each file opening with what it shows: the
 * process, offices, period and publication, so a table that travels keeps its filters.
 */
export interface ExportTable {
  name: string;
  columns: string[];
  rows: Array<Array<string | number | null>>;
}

export type ExportFormat = 'csv' | 'xlsx';

function filterLines(title: string, filter: Record<string, unknown>): Array<Array<string | number | null>> {
  return [[title], ...Object.entries(filter).map(([k, v]) => [k, Array.isArray(v) ? v.join(' ') : v === null || v === undefined ? '' : String(v)]), []];
}

/**
 * A text a spreadsheet program would run as a formula (= + - @, or a tab or carriage return before
 * one) is written with a leading apostrophe: exported tables carry what applicants and officers
 * typed (survey comments, references), and `=HYPERLINK(…)` or `=cmd|…` opened by a manager must
 * stay text. Numbers are numbers (a negative figure is not touched).
 */
function inertText(v: string | number | null): string | number | null {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

const cell = (v: string | number | null) => {
  if (v === null) return '';
  const s = String(inertText(v));
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export async function exportTables(format: ExportFormat, title: string, filter: Record<string, unknown>, tables: ExportTable[]): Promise<Buffer> {
  if (format === 'csv') {
    const lines: Array<Array<string | number | null>> = filterLines(title, filter);
    for (const t of tables) lines.push([t.name], t.columns, ...t.rows, []);
    // With a BOM so spreadsheet programs read Indonesian names correctly.
    return Buffer.from(`\ufeff${lines.map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`, 'utf8');
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'SOP Studio';
  const info = wb.addWorksheet('Filter');
  for (const l of filterLines(title, filter)) info.addRow(l.map(inertText));
  for (const t of tables) {
    const ws = wb.addWorksheet(t.name.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
    ws.addRow(t.columns.map(inertText)).font = { bold: true };
    for (const r of t.rows) ws.addRow(r.map(inertText));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
