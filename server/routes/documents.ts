import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PRINT_KINDS } from '../documents/content.js';
import { applicationPdf, replaceDocument, revokeDocument, verifyDocument } from '../documents/issue.js';
import { VERIFY_SCRIPT, verificationPage } from '../documents/verify-page.js';
import { ErrorBody, errorResponses } from '../../contracts/common.js';
import { contentDisposition } from '../../core/content-disposition.js';
import { CodeParams, PageCodeParams, PageQuery, PdfAnswer, PrintParams, Replacement, ReplaceBody, RevokeBody, Verification } from '../../contracts/documents.js';

/** The origin the QR code links to when PUBLIC_URL is not set (see issue.ts verificationBase). */
const originOf = (r: FastifyRequest) => `${r.protocol}://${r.host}`;

/**
 * Issued documents (issue 20): the PDF of each print view, the public verification (page and
 * JSON, no log-in) and revoking or replacing a document (admin or the signing post, audited).
 */
export default async function documentRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/print/:id/:doc.pdf',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['workspace'],
        summary: 'PDF resmi dokumen permohonan (A4, kop kantor, nomor, kode QR verifikasi; izin dan SK bertanda tangan elektronik), disajikan byte demi byte seperti saat terbit',
        params: PrintParams(PRINT_KINDS),
        response: { 200: PdfAnswer, ...errorResponses },
      },
    },
    async (request, reply) => {
      const pdf = await applicationPdf(app.db, request.user!, request.params.id, request.params.doc, originOf(request));
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition('attachment', pdf.filename))
        .header('cache-control', 'private, no-store')
        .header('x-document-code', pdf.code)
        .header('x-document-sha256', pdf.sha256)
        .send(Buffer.from(pdf.bytes));
    },
  );

  app.get(
    '/api/public/verify/:code',
    {
      schema: {
        tags: ['public'],
        summary: 'Verifikasi dokumen terbitan (tanpa login): jenis, nomor, nama pemegang (disamarkan), kantor, tanggal, status, SHA-256',
        params: CodeParams,
        response: { 200: Verification, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return verifyDocument(app.db, request.params.code);
    },
  );

  app.get('/verifikasi/verify.js', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('content-type', 'text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(VERIFY_SCRIPT),
  );

  app.get(
    '/verifikasi/:code',
    {
      schema: {
        tags: ['public'],
        summary: 'Halaman publik verifikasi dokumen (HTML; memeriksa berkas PDF di peramban)',
        params: PageCodeParams,
        querystring: PageQuery,
      },
    },
    async (request, reply) => {
      const lang = request.query.lang ?? 'id';
      let v = null;
      if (/^[0-9A-Fa-f]{20}$/.test(request.params.code)) v = await verifyDocument(app.db, request.params.code).catch(() => null);
      return reply
        .code(v ? 200 : 404)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(verificationPage(request.params.code, v, lang));
    },
  );

  app.post(
    '/api/documents/:code/revoke',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['workspace'],
        summary: 'Mencabut dokumen terbitan (admin atau jabatan penanda tangan); tercatat di log audit',
        params: CodeParams,
        body: RevokeBody,
        response: { 200: Verification, ...errorResponses },
      },
    },
    async (request) => revokeDocument(app.db, request.user!, request.params.code, request.body.reason),
  );

  app.post(
    '/api/documents/:code/replace',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['workspace'],
        summary: 'Mengganti dokumen terbitan dengan terbitan baru dari data permohonan saat ini (nomor sama, kode baru); dokumen bertanda tangan ditandatangani ulang dengan passphrase pemanggil',
        params: CodeParams,
        body: ReplaceBody,
        response: { 200: Replacement, ...errorResponses },
      },
    },
    async (request) => replaceDocument(app.db, request.user!, request.params.code, { reason: request.body.reason, passphrase: request.body.passphrase, origin: originOf(request) }),
  );
}
