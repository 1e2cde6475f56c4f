import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { errorResponses } from '../../contracts/common.js';
import { AnyObject, AnyObjects, InboxPage, InboxQuery, WorkspaceIdParams } from '../../contracts/workspace.js';
import { applicationStatus, myApplications } from '../services/workspace/applications.js';
import { inbox } from '../services/workspace/inbox.js';
import { taskContext } from '../services/runtime/task-context.js';

/** The officer's inbox, the generated task page's context, and the applicant's applications. */
export default async function inboxRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/inbox',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['workspace'],
        summary: 'Kotak tugas petugas: "mine" (Tugas saya) atau "available" (Tersedia), urut tenggat, dengan status SLA',
        querystring: InboxQuery,
        response: { 200: InboxPage, ...errorResponses },
      },
    },
    // tab has its default from the schema; the fallback only tells the type so
    async (request) => inbox(app.db, request.user!, { ...request.query, tab: request.query.tab ?? 'available' }),
  );

  app.get(
    '/api/workspace/tasks/:id/context',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['workspace'],
        summary: 'Halaman tugas: formulir, daftar persyaratan, nota biaya, tombol keputusan, diagram',
        params: WorkspaceIdParams,
        response: { 200: AnyObject, ...errorResponses },
      },
    },
    async (request) => taskContext(app.db, request.user!, request.params.id),
  );

  app.get(
    '/api/workspace/applications',
    {
      preHandler: app.authenticate,
      schema: { tags: ['workspace'], summary: 'Permohonan saya (pemohon)', response: { 200: AnyObjects, ...errorResponses } },
    },
    async (request) => myApplications(app.db, request.user!),
  );

  app.get(
    '/api/workspace/applications/:id',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['workspace'],
        summary: 'Status permohonan dalam bahasa sederhana: langkah sekarang, yang diharapkan dari pemohon, linimasa',
        params: WorkspaceIdParams,
        response: { 200: AnyObject, ...errorResponses },
      },
    },
    async (request) => applicationStatus(app.db, request.user!, request.params.id),
  );
}
