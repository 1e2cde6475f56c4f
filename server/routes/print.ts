import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { PRINT_KINDS } from '../documents/content.js';
import { renderPrint } from '../services/workspace/print.js';
import { PrintParams } from '../../contracts/documents.js';

/** Printable HTML outputs of an application (tanda terima, nota/SKPD, SKRD, surat penolakan, izin). */
export default async function printRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/print/:id/:doc',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['workspace'],
        summary: 'Tampilan cetak HTML dokumen permohonan',
        params: PrintParams(PRINT_KINDS),
      },
    },
    async (request, reply) => {
      const html = await renderPrint(app.db, request.user!, request.params.id, request.params.doc);
      return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'private, no-store').send(html);
    },
  );
}
