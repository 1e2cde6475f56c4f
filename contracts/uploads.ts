/** Documents of applications: /api/uploads. */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './schema.js';

export const UploadMeta = Type.Object({
  id: Type.String(),
  ownerId: Type.String(),
  instanceId: Nullable(Type.String()),
  document: Nullable(Type.String()),
  filename: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  createdAt: Type.String(),
  version: Type.Optional(Type.Integer({ description: 'versi berkas untuk persyaratan ini (1 = pertama); berkas lama tidak pernah diganti' })),
  decidedAt: Type.Optional(Nullable(Type.String({ description: 'kapan langkah pemeriksa persyaratan ini selesai dengan berkas ini' }))),
  forApplicant: Type.Boolean({ description: 'dokumen yang dikirim petugas kepada pemohon' }),
  title: Nullable(Type.String({ description: 'judul dokumen untuk pemohon' })),
});
export type UploadMeta = Static<typeof UploadMeta>;

// Requirement codes are the rule sets' own (upper case in the library: KTP, SKETSA-LOKASI).
const Code = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' });

/** POST /api/uploads (the file itself is the multipart body) */
export const UploadQuery = Type.Object({ document: Type.Optional(Code), instanceId: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false });
export type UploadQuery = Static<typeof UploadQuery>;

/** POST /api/tasks/:id/applicant-documents (the file is the multipart body): a document for the applicant */
export const ApplicantDocumentParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
export const ApplicantDocumentQuery = Type.Object({ title: Type.String({ maxLength: 400 }) }, { additionalProperties: false });

/** GET /api/uploads: an application's documents, or my uploads not yet attached */
export const UploadListQuery = Type.Object({ instanceId: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false });

export const UploadIdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
export const ContentQuery = Type.Object({ download: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

/** POST /api/uploads/attach */
export const AttachBody = Type.Object(
  { instanceId: Type.String({ maxLength: 64 }), uploadIds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 50 }) },
  { additionalProperties: false },
);
export type AttachBody = Static<typeof AttachBody>;

export const AttachAnswer = Type.Object({ attached: Type.Integer() });
export type AttachAnswer = Static<typeof AttachAnswer>;
