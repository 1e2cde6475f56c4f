// The one place that knows how an official PDF starts: an A4 document with the embedded DejaVu
// fonts (they cover Indonesian text, and ship as an npm package so no system font is needed) and
// metadata fixed to the document's own date, so the same input gives the same bytes.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont } from 'pdf-lib';

export const A4 = { width: 595.28, height: 841.89 } as const;

export interface PdfFonts {
  regular: PDFFont;
  bold: PDFFont;
}

const require = createRequire(import.meta.url);
let fontBytes: Promise<{ regular: Uint8Array; bold: Uint8Array }> | undefined;

function loadFontBytes(): Promise<{ regular: Uint8Array; bold: Uint8Array }> {
  fontBytes ??= (async () => {
    const dir = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf').replace(/DejaVuSans\.ttf$/, '');
    const [regular, bold] = await Promise.all([
      readFile(`${dir}DejaVuSans.ttf`),
      readFile(`${dir}DejaVuSans-Bold.ttf`),
    ]);
    return { regular, bold };
  })();
  return fontBytes;
}

/** A new PDF with the fonts embedded (subset) and deterministic metadata. */
export async function createOfficialPdf(meta: {
  title: string;
  author: string;
  /** The document's own date (issue date): used for the creation and modification dates. */
  date: Date;
}): Promise<{ doc: PDFDocument; fonts: PdfFonts }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const bytes = await loadFontBytes();
  const fonts = {
    regular: await doc.embedFont(bytes.regular, { subset: true }),
    bold: await doc.embedFont(bytes.bold, { subset: true }),
  };
  doc.setTitle(meta.title);
  doc.setAuthor(meta.author);
  doc.setProducer('SOP Studio');
  doc.setCreator('SOP Studio');
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  return { doc, fonts };
}

/** Saves without object streams so signers that append an incremental update can read it. */
export function savePdf(doc: PDFDocument): Promise<Uint8Array> {
  return doc.save({ useObjectStreams: false });
}
