import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';
import { attachUploads, createUpload, listInstanceUploads, listOwnPendingUploads, MAX_UPLOAD_BYTES, readUpload } from '../services/uploads.js';
import { errorResponses } from './schemas.js';

// The clean-up of unattached uploads, expired sessions and old log-in failures (services/purge.ts):
// every server checks each minute; the one that takes the due schedule row runs it.

const uploadMeta = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    ownerId: { type: 'string' },
    instanceId: { type: ['string', 'null'] },
    document: { type: ['string', 'null'] },
    filename: { type: 'string' },
    contentType: { type: 'string' },
    size: { type: 'integer' },
    sha256: { type: 'string' },
    createdAt: { type: 'string' },
    version: { type: 'integer', description: 'versi berkas untuk persyaratan ini (1 = pertama); berkas lama tidak pernah diganti' },
    decidedAt: { type: ['string', 'null'], description: 'kapan langkah pemeriksa persyaratan ini selesai dengan berkas ini' },
  },
  required: ['id', 'filename', 'contentType', 'size', 'sha256', 'createdAt'],
} as const;

// Requirement codes are the rule sets' own (upper case in the library: KTP, SKETSA-LOKASI).
const CODE = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' } as const;

/** Documents of applications: stored in the database, type by content, readable only by those involved. */
export default async function uploadRoutes(app: FastifyInstance): Promise<void> {
  // One more byte than allowed is accepted by the parser so we can tell "too large" apart.
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, parts: 12 } });

  app.post<{ Querystring: { document?: string; instanceId?: string } }>(
    '/api/uploads',
    {
      preHandler: app.authenticate,
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['workspace'],
        summary: 'Unggah satu berkas persyaratan (PDF/JPEG/PNG, maks 10 MB; jenis diperiksa dari isinya)',
        consumes: ['multipart/form-data'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { document: CODE, instanceId: { type: 'string', maxLength: 64 } },
        },
        response: { 201: uploadMeta, 415: errorResponses[400], ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw new AppError('BAD_REQUEST', 'Kirim berkas sebagai multipart/form-data');
      const part = await request.file();
      if (!part) throw new AppError('UPLOAD_EMPTY', 'Tidak ada berkas dalam permintaan');
      const bytes = await part.toBuffer().catch((e: unknown) => {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new AppError('UPLOAD_TOO_LARGE', 'Berkas terlalu besar (maksimal 10 MB)', { maxBytes: MAX_UPLOAD_BYTES });
        }
        throw e;
      });
      const meta = await createUpload(app.db, request.user!, {
        filename: part.filename,
        bytes,
        truncated: part.file.truncated,
        document: request.query.document ?? null,
        instanceId: request.query.instanceId ?? null,
      });
      return reply.status(201).send(meta);
    },
  );

  app.get<{ Querystring: { instanceId?: string } }>(
    '/api/uploads',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['workspace'],
        summary: 'Berkas sebuah permohonan (instanceId), atau berkas saya yang belum dilampirkan',
        querystring: { type: 'object', additionalProperties: false, properties: { instanceId: { type: 'string', maxLength: 64 } } },
        response: { 200: { type: 'array', items: uploadMeta }, ...errorResponses },
      },
    },
    async (request) =>
      request.query.instanceId ? listInstanceUploads(app.db, request.user!, request.query.instanceId) : listOwnPendingUploads(app.db, request.user!),
  );

  app.get<{ Params: { id: string }; Querystring: { download?: boolean } }>(
    '/api/uploads/:id/content',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['workspace'],
        summary: 'Isi berkas (pemohon, petugas kantor permohonan, admin)',
        params: { type: 'object', properties: { id: { type: 'string', maxLength: 64 } }, required: ['id'] },
        querystring: { type: 'object', additionalProperties: false, properties: { download: { type: 'boolean' } } },
      },
    },
    async (request, reply) => {
      const { meta, content } = await readUpload(app.db, request.user!, request.params.id);
      const disposition = request.query.download ? 'attachment' : 'inline';
      void reply
        .header('content-type', meta.contentType)
        .header('content-length', String(content.length))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `${disposition}; filename="${meta.filename.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(meta.filename)}`);
      return reply.send(content);
    },
  );

  app.post<{ Body: { instanceId: string; uploadIds: string[] } }>(
    '/api/uploads/attach',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['workspace'],
        summary: 'Melampirkan berkas saya yang sudah diunggah ke permohonan',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['instanceId', 'uploadIds'],
          properties: { instanceId: { type: 'string', maxLength: 64 }, uploadIds: { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 64 } } },
        },
        response: { 200: { type: 'object', properties: { attached: { type: 'integer' } }, required: ['attached'] }, ...errorResponses },
      },
    },
    async (request) => ({ attached: await attachUploads(app.db, request.user!, request.body.instanceId, request.body.uploadIds) }),
  );
}
