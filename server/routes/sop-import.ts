import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { xlsxGrid } from '../documents/table-file.js';
import { requireRole } from '../plugins/auth.js';
import { createRole, listRoles } from '../services/accounts/roles.js';
import { errorResponses } from '../../contracts/common.js';
import { NewRole, Role, SopTableAnswer, SopTableBody } from '../../contracts/meta.js';

/** What the "new from SOP table" import needs of the server: a spreadsheet's cells, the roles catalogue and new roles. */
export default async function sopImportRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const admins = [app.authenticate, requireRole('admin')];

  app.get(
    '/api/roles',
    {
      preHandler: app.authenticate,
      schema: { tags: ['meta'], summary: 'Daftar peran, dengan instansi yang memilikinya', response: { 200: Type.Array(Role), ...errorResponses } },
    },
    async () => listRoles(app.db),
  );

  app.post(
    '/api/admin/roles',
    {
      preHandler: admins,
      schema: {
        tags: ['admin'],
        summary: 'Buat peran baru (admin), mis. jabatan yang disebut tabel SOP yang diimpor',
        body: NewRole,
        response: { 201: Role, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createRole(app.db, request.user!.username, { key: request.body.key, name: request.body.name, agencies: request.body.agencies ?? [] })),
  );

  app.post(
    '/api/import/sop-table',
    {
      preHandler: admins,
      // a spreadsheet of one SOP is a few dozen KB; base64 in JSON keeps the route free of multipart
      bodyLimit: 3 * 1024 * 1024,
      schema: {
        tags: ['processes'],
        summary: 'Sel-sel tabel SOP dari lembar kerja .xlsx (base64), untuk impor "baru dari tabel SOP"',
        body: SopTableBody,
        response: { 200: SopTableAnswer, ...errorResponses },
      },
    },
    async (request) => ({ rows: await xlsxGrid(Buffer.from(request.body.data, 'base64')) }),
  );
}
