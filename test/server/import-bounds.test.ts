/**
 * Attack (assessment round 3): a zip bomb as the SOP table (POST /api/import/sop-table). The route
 * bounds the request (3 MB of base64), but exceljs inflates every part of the .xlsx whole into a
 * string and every cell of the sheet into objects: a 50 KB file whose sheet is one row repeated
 * inflates to 48 MB of XML and a million rows (a few more KB make it gigabytes), held the server's
 * CPU for minutes and its memory until it fell over. Now the parts are inflated first with the
 * output bounded (server/documents/table-file.ts): 413 TABLE_TOO_LARGE, at once.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TABLE_INFLATED_BYTES } from '../../server/documents/table-file.js';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';

/** A zip of deflated parts (what an .xlsx is), written by hand so a test can make any part as large as it likes. */
function zip(parts: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(parts)) {
    const raw = Buffer.from(text, 'utf8');
    const data = deflateRawSync(raw, { level: 9 });
    const fileName = Buffer.from(name, 'utf8');
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(8, 8);
    head.writeUInt32LE(crc32(raw), 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(raw.length, 22);
    head.writeUInt16LE(fileName.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc32(raw), 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(raw.length, 24);
    entry.writeUInt16LE(fileName.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(head, fileName, data);
    central.push(entry, fileName);
    offset += head.length + fileName.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const row = (r: number, text: string) => `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${text}</t></is></c></row>`;
function xlsx(sheetRows: string): Buffer {
  return zip({
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="SOP" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>${sheetRows}</sheetData></worksheet>`,
  });
}

describe('the SOP table import is bounded after inflation, not only before', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp({ users: false });
    const { createUser } = await import('../../server/services/accounts/accounts.js');
    await createUser(t.database.db, { username: 'admin', password: t.password, roles: [{ role: 'admin', office: null }] }, 'test');
    admin = bearer(await loginAs(t.app, 'admin'));
  });
  afterAll(async () => t?.close());

  const send = (file: Buffer) => t.app.inject({ method: 'POST', url: '/api/import/sop-table', headers: admin, payload: { data: file.toString('base64') } });

  it('a hand-made small spreadsheet is read (the zip writer makes what exceljs reads)', async () => {
    const res = await send(xlsx(row(1, 'No') + row(2, 'Kegiatan')));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rows).toEqual([['No'], ['Kegiatan']]);
  });

  it('a sheet of one row repeated a million times: 413 TABLE_TOO_LARGE at once, nothing parsed', async () => {
    const bomb = xlsx(row(1, 'Kegiatan').repeat(Math.ceil((3 * MAX_TABLE_INFLATED_BYTES) / row(1, 'Kegiatan').length)));
    expect(bomb.length).toBeLessThan(3 * 1024 * 1024 * 0.75);
    const started = Date.now();
    const res = await send(bomb);
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json()).toMatchObject({ code: 'TABLE_TOO_LARGE', details: { maxInflatedBytes: MAX_TABLE_INFLATED_BYTES } });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a file that is no zip at all stays 400 TABLE_UNREADABLE', async () => {
    const res = await send(Buffer.from('No,Kegiatan\n1,x'));
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('TABLE_UNREADABLE');
  });
});
