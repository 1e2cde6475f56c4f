/**
 * Signs a finished PDF with a key and certificate chain: adds the signature field and placeholder
 * (@signpdf/placeholder-pdf-lib, subfilter ETSI.CAdES.detached, as PAdES asks) as an update of
 * the document, then fills in the CAdES signature (cades.ts) over the byte range (@signpdf/signpdf).
 * Used by the local CA signer and by the TTE stand-in of the tests.
 */
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import signpdfModule from '@signpdf/signpdf';
import { PDFDocument } from 'pdf-lib';
import { CadesSigner } from './cades.js';
import { savePdf } from './pdf-base.js';

// CommonJS default export through ESM interop
const signpdf = ((signpdfModule as unknown as { default?: typeof signpdfModule }).default ?? signpdfModule) as typeof signpdfModule;

export interface SignatureMeta {
  /** the signer's name as the signature dictionary shows it */
  name: string;
  reason: string;
  location: string;
  contactInfo?: string;
  signingTime: Date;
}

export async function signPdfBytes(pdf: Uint8Array, keyPem: string, chainPem: string[], meta: SignatureMeta): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: meta.reason,
    contactInfo: meta.contactInfo ?? '',
    name: meta.name,
    location: meta.location,
    signingTime: meta.signingTime,
    subFilter: 'ETSI.CAdES.detached',
    signatureLength: 16384,
    appName: 'SOP Studio',
  });
  const prepared = Buffer.from(await savePdf(doc));
  const signed = await signpdf.sign(prepared, new CadesSigner(keyPem, chainPem), meta.signingTime);
  return new Uint8Array(signed);
}
