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

function filterLines(title: string, filter: Record<string, unknown>): string[][] {
  return [[title], ...Object.entries(filter).map(([k, v]) => [k, Array.isArray(v) ? v.join(' ') : v === null || v === undefined ? '' : String(v)]), []];
}

const cell = (v: string | number | null) => {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export async function exportTables(format: ExportFormat, title: string, filter: Record<string, unknown>, tables: ExportTable[]): Promise<Buffer> {
  if (format === 'csv') {
    const lines: string[][] = filterLines(title, filter);
    for (const t of tables) lines.push([t.name], t.columns, ...t.rows.map((r) => r.map((v) => (v === null ? '' : String(v)))), []);
    // With a BOM so spreadsheet programs read Indonesian names correctly.
    return Buffer.from(`\ufeff${lines.map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`, 'utf8');
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'SOP Studio';
  const info = wb.addWorksheet('Filter');
  for (const l of filterLines(title, filter)) info.addRow(l);
  for (const t of tables) {
    const ws = wb.addWorksheet(t.name.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
    ws.addRow(t.columns).font = { bold: true };
    for (const r of t.rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
