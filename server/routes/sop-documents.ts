import type { FastifyInstance } from 'fastify';
import { sopDocument } from '../services/publications/sop-document.js';
import { KEY_PATTERN } from '../services/store/store.js';
import { errorResponses } from '../../contracts/common.js';
import { contentDisposition } from '../../core/content-disposition.js';

const params = { type: 'object', properties: { key: { type: 'string', pattern: KEY_PATTERN } }, required: ['key'] } as const;
const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    version: { type: 'integer', minimum: 1, description: 'publication number; default: the one in force today' },
    office: { type: 'string', maxLength: 64, description: 'office whose name and logo head the document; default: the first that offers it' },
  },
} as const;

type Req = { Params: { key: string }; Querystring: { version?: number; office?: string } };

/** The SOP document (Permenpan-RB 35/2012) of a published process, as HTML and PDF (issue 20). */
export default async function sopDocumentRoutes(app: FastifyInstance): Promise<void> {
  app.get<Req>(
    '/api/processes/:key/sop-document',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['processes'],
        summary: 'Dokumen SOP (Permenpan-RB 35/2012) versi terbit: identitas dan bagan alir, HTML',
        params,
        querystring,
        response: { 200: { type: 'string', description: 'text/html' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const html = await sopDocument(app.db, request.params.key, 'html', request.query);
      return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'private, no-store').send(html);
    },
  );

  app.get<Req>(
    '/api/processes/:key/sop-document.pdf',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['processes'],
        summary: 'Dokumen SOP (Permenpan-RB 35/2012) versi terbit sebagai PDF (A4 melintang)',
        params,
        querystring,
        response: { 200: { type: 'string', format: 'binary', description: 'application/pdf' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const pdf = await sopDocument(app.db, request.params.key, 'pdf', request.query);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition('inline', `SOP-${request.params.key}.pdf`))
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(pdf as Uint8Array));
    },
  );
}
