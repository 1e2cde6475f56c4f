/** Printed and issued documents: print views, official PDFs, public verification, the SOP document. */
import { Type, type Static } from '@sinclair/typebox';
import { Binary, Nullable, StringEnum } from './schema.js';

/** `:id/:doc` of a print view or PDF; the document kinds are the server's (`PRINT_KINDS`). */
export function PrintParams<const K extends string>(kinds: readonly K[]) {
  return Type.Object({ id: Type.String({ maxLength: 64 }), doc: StringEnum(kinds) });
}

/** `:code` of an issued document (20 hex digits, printed under its QR code). */
export const CodeParams = Type.Object({ code: Type.String({ pattern: '^[0-9A-Fa-f]{20}$' }) });

/** `:code` of the public verification page: anything, an unknown code is a 404 page. */
export const PageCodeParams = Type.Object({ code: Type.String({ maxLength: 64 }) });
export const PageQuery = Type.Object({ lang: Type.Optional(StringEnum(['id', 'en'])) });

/** What anyone sees of an issued document (GET /api/public/verify/:code, revoke). */
export const Verification = Type.Object({
  kind: Type.String(),
  title: Type.String(),
  number: Type.String(),
  holderName: Type.String({ description: 'masked' }),
  office: Type.String(),
  issuedAt: Type.String({ format: 'date-time' }),
  status: StringEnum(['valid', 'dicabut', 'diganti']),
  sha256: Type.String(),
  signed: Type.Boolean(),
  replacedBy: Nullable(Type.String()),
  validUntil: Nullable(Type.String()),
});
export type Verification = Static<typeof Verification>;

/** The replacement's verification and its new code (POST /api/documents/:code/replace). */
export const Replacement = Type.Object({ ...Verification.properties, code: Type.String() });

export const RevokeBody = Type.Object({ reason: Type.String({ minLength: 3, maxLength: 1000 }) }, { additionalProperties: false });
export const ReplaceBody = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 1000 }), passphrase: Type.Optional(Type.String({ maxLength: 256 })) },
  { additionalProperties: false },
);

/** `?version&office` of the SOP document (GET /api/processes/:key/sop-document[.pdf]). */
export const SopDocumentQuery = Type.Object(
  {
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'publication number; default: the one in force today' })),
    office: Type.Optional(Type.String({ maxLength: 64, description: 'office whose name and logo head the document; default: the first that offers it' })),
  },
  { additionalProperties: false },
);

/** An HTML answer, documented (not serialized: the route sends the text itself). */
export const HtmlAnswer = Type.String({ description: 'text/html' });
/** A PDF answer (the route sends the bytes). */
export const PdfAnswer = Binary({ description: 'application/pdf' });
