import type { FastifyInstance } from 'fastify';
import { PRINT_DOCUMENTS, renderPrint, type PrintDocument } from '../services/workspace/print.js';

/** Printable HTML outputs of an application (tanda terima, nota/SKPD, SKRD, surat penolakan, izin). */
export default async function printRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { id: string; doc: PrintDocument } }>(
    '/api/print/:id/:doc',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['workspace'],
        summary: 'Tampilan cetak HTML dokumen permohonan',
        params: {
          type: 'object',
          properties: { id: { type: 'string', maxLength: 64 }, doc: { type: 'string', enum: Object.keys(PRINT_DOCUMENTS) } },
          required: ['id', 'doc'],
        },
      },
    },
    async (request, reply) => {
      const html = await renderPrint(app.db, request.user!, request.params.id, request.params.doc);
      return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'private, no-store').send(html);
    },
  );
}
