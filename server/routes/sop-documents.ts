import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { sopDocument } from '../services/publications/sop-document.js';
import { KEY_PATTERN } from '../services/store/store.js';
import { errorResponses } from '../../contracts/common.js';
import { contentDisposition } from '../../core/content-disposition.js';
import { HtmlAnswer, PdfAnswer, SopDocumentQuery } from '../../contracts/documents.js';
import { KeyParams } from '../../contracts/store.js';

const params = KeyParams(KEY_PATTERN);
const querystring = SopDocumentQuery;

/** The SOP document (Permenpan-RB 35/2012) of a published process, as HTML and PDF (issue 20). */
export default async function sopDocumentRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/processes/:key/sop-document',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['processes'],
        summary: 'Dokumen SOP (Permenpan-RB 35/2012) versi terbit: identitas dan bagan alir, HTML',
        params,
        querystring,
        response: { 200: HtmlAnswer, ...errorResponses },
      },
    },
    async (request, reply) => {
      const html = await sopDocument(app.db, request.params.key, 'html', request.query);
      return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'private, no-store').send(html);
    },
  );

  app.get(
    '/api/processes/:key/sop-document.pdf',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['processes'],
        summary: 'Dokumen SOP (Permenpan-RB 35/2012) versi terbit sebagai PDF (A4 melintang)',
        params,
        querystring,
        response: { 200: PdfAnswer, ...errorResponses },
      },
    },
    async (request, reply) => {
      const pdf = await sopDocument(app.db, request.params.key, 'pdf', request.query);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition('inline', `SOP-${request.params.key}.pdf`))
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(pdf));
    },
  );
}
