import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { attachUploads, createUpload, listInstanceUploads, listOwnPendingUploads, MAX_UPLOAD_BYTES, readUpload } from '../services/workspace/uploads.js';
import { errorResponses } from '../../contracts/common.js';
import { sendDocumentToApplicant } from '../services/workspace/applicant-documents.js';
import {
  ApplicantDocumentParams,
  ApplicantDocumentQuery,
  AttachAnswer,
  AttachBody,
  ContentQuery,
  UploadIdParams,
  UploadListQuery,
  UploadMeta,
  UploadQuery,
} from '../../contracts/uploads.js';
import { contentDisposition } from '../../core/content-disposition.js';

/** The one file of a multipart request, read whole (the parser stops one byte past the limit). */
async function fileOf(request: FastifyRequest): Promise<{ filename: string; bytes: Buffer; truncated: boolean }> {
  if (!request.isMultipart()) throw new AppError('BAD_REQUEST', 'Kirim berkas sebagai multipart/form-data');
  const part = await request.file();
  if (!part) throw new AppError('UPLOAD_EMPTY', 'Tidak ada berkas dalam permintaan');
  const bytes = await part.toBuffer().catch((e: unknown) => {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('UPLOAD_TOO_LARGE', 'Berkas terlalu besar (maksimal 10 MB)', { maxBytes: MAX_UPLOAD_BYTES });
    }
    throw e;
  });
  return { filename: part.filename, bytes, truncated: part.file.truncated };
}

/** Documents of applications: stored in the database, type by content, readable only by those involved. */
export default async function uploadRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // One more byte than allowed is accepted by the parser so we can tell "too large" apart.
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, parts: 12 } });

  app.post(
    '/api/uploads',
    {
      preHandler: app.authenticate,
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['workspace'],
        summary: 'Unggah satu berkas persyaratan (PDF/JPEG/PNG, maks 10 MB; jenis diperiksa dari isinya)',
        consumes: ['multipart/form-data'],
        querystring: UploadQuery,
        response: { 201: UploadMeta, 415: errorResponses[400], ...errorResponses },
      },
    },
    async (request, reply) => {
      const { filename, bytes, truncated } = await fileOf(request);
      const meta = await createUpload(app.db, request.user!, {
        filename,
        bytes,
        truncated,
        document: request.query.document ?? null,
        instanceId: request.query.instanceId ?? null,
      });
      return reply.status(201).send(meta);
    },
  );

  app.post(
    '/api/tasks/:id/applicant-documents',
    {
      preHandler: app.authenticate,
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['workspace'],
        summary: 'Kirim dokumen kepada pemohon dari tugas ini (PDF/JPEG/PNG, maks 10 MB; judul wajib)',
        consumes: ['multipart/form-data'],
        params: ApplicantDocumentParams,
        querystring: ApplicantDocumentQuery,
        response: { 201: UploadMeta, 415: errorResponses[400], ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await fileOf(request);
      const meta = await sendDocumentToApplicant(app.db, request.user!, request.params.id, { title: request.query.title, ...file });
      return reply.status(201).send(meta);
    },
  );

  app.get(
    '/api/uploads',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['workspace'],
        summary: 'Berkas sebuah permohonan (instanceId), atau berkas saya yang belum dilampirkan',
        querystring: UploadListQuery,
        response: { 200: Type.Array(UploadMeta), ...errorResponses },
      },
    },
    async (request) =>
      request.query.instanceId ? listInstanceUploads(app.db, request.user!, request.query.instanceId) : listOwnPendingUploads(app.db, request.user!),
  );

  app.get(
    '/api/uploads/:id/content',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['workspace'],
        summary: 'Isi berkas (pemohon, petugas kantor permohonan, admin)',
        params: UploadIdParams,
        querystring: ContentQuery,
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
        .header('content-disposition', contentDisposition(disposition, meta.filename));
      return reply.send(content);
    },
  );

  app.post(
    '/api/uploads/attach',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['workspace'],
        summary: 'Melampirkan berkas saya yang sudah diunggah ke permohonan',
        body: AttachBody,
        response: { 200: AttachAnswer, ...errorResponses },
      },
    },
    async (request) => ({ attached: await attachUploads(app.db, request.user!, request.body.instanceId, request.body.uploadIds) }),
  );
}
