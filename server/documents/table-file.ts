/**
 * A spreadsheet (.xlsx) as the grid of cell texts the studio's SOP table reader takes
 * (studio/features/import/sop-table.ts parseSopGrid): the first sheet that has a cell naming
 * "Kegiatan", else the first sheet. A merged cell's text stands in its first cell only, the
 * others are empty, as a copy from the spreadsheet gives them.
 */
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { AppError } from '../errors.js';

const MAX_ROWS = 500;
const MAX_COLUMNS = 60;
/** What the spreadsheet's parts may inflate to together: an SOP table is tens of KB, its styles a few hundred. */
export const MAX_TABLE_INFLATED_BYTES = 16 * 1024 * 1024;
const MAX_TABLE_PARTS = 500;

const unreadable = () => new AppError('TABLE_UNREADABLE', 'Berkas bukan lembar kerja .xlsx yang dapat dibaca');

/**
 * The spreadsheet's zip inflates to at most MAX_TABLE_INFLATED_BYTES, measured by inflating every
 * part the central directory names (what exceljs's unzip reads) with the output bounded, never by
 * the sizes the file declares. exceljs holds each part whole as a string and every cell of the
 * sheet as objects: a 2 MB file of one repeated row inflates to gigabytes (a zip bomb).
 */
function assertInflatesWithinBounds(zip: Buffer): void {
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable();
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  if (count > MAX_TABLE_PARTS) throw tooLarge();
  let budget = MAX_TABLE_INFLATED_BYTES;
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw unreadable();
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const local = zip.readUInt32LE(at + 42);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    // zip64 (sizes or offsets of 0xffffffff) is never needed by an SOP table
    if (compressed === 0xffffffff || local === 0xffffffff) throw tooLarge();
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) throw unreadable();
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, Math.min(zip.length, start + compressed));
    let size: number;
    if (method === 0) size = data.length;
    else if (method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: budget + 1 }).length;
      } catch (e) {
        if (e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
        throw unreadable();
      }
    } else throw unreadable();
    budget -= size;
    if (budget < 0) throw tooLarge();
  }
}

const tooLarge = () =>
  new AppError('TABLE_TOO_LARGE', `Lembar kerja terlalu besar setelah dibuka (paling besar ${MAX_TABLE_INFLATED_BYTES / 1024 / 1024} MB)`, { maxInflatedBytes: MAX_TABLE_INFLATED_BYTES });

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
  assertInflatesWithinBounds(bytes);
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
