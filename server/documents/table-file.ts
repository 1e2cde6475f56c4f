/**
 * A spreadsheet (.xlsx) as the grid of cell texts the studio's SOP table reader takes
 * (studio/features/import/sop-table.ts parseSopGrid): the first sheet that has a cell naming
 * "Kegiatan", else the first sheet. A merged cell's text stands in its first cell only, the
 * others are empty, as a copy from the spreadsheet gives them.
 */
import ExcelJS from 'exceljs';
import { AppError } from '../errors.js';

const MAX_ROWS = 500;
const MAX_COLUMNS = 60;

function cellText(cell: ExcelJS.Cell): string {
  if (cell.isMerged && cell.master.address !== cell.address) return '';
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

export async function xlsxGrid(bytes: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('TABLE_UNREADABLE', 'Berkas bukan lembar kerja .xlsx yang dapat dibaca');
  }
  const sheets = book.worksheets;
  if (!sheets.length) throw new AppError('TABLE_UNREADABLE', 'Lembar kerja kosong');
  const grids = sheets.map((sheet) => {
    const rows: string[][] = [];
    const width = Math.min(sheet.columnCount, MAX_COLUMNS);
    for (let r = 1; r <= Math.min(sheet.rowCount, MAX_ROWS); r++) {
      const row = sheet.getRow(r);
      rows.push(Array.from({ length: width }, (_, c) => cellText(row.getCell(c + 1)).replace(/\s+/g, ' ').trim()));
    }
    return rows;
  });
  return grids.find((g) => g.some((row) => row.some((c) => /kegiatan|aktivitas|uraian/i.test(c)))) ?? grids[0]!;
}
