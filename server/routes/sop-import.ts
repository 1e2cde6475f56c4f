import type { FastifyInstance } from 'fastify';
import { xlsxGrid } from '../documents/table-file.js';
import { requireRole } from '../plugins/auth.js';
import { createRole, listRoles } from '../services/accounts/roles.js';
import { errorResponses } from '../../contracts/common.js';
import { Role as role } from '../../contracts/meta.js';

/** What the "new from SOP table" import needs of the server: a spreadsheet's cells, the roles catalogue and new roles. */
export default async function sopImportRoutes(app: FastifyInstance): Promise<void> {
  const admins = [app.authenticate, requireRole('admin')];

  app.get(
    '/api/roles',
    {
      preHandler: app.authenticate,
      schema: { tags: ['meta'], summary: 'Daftar peran, dengan instansi yang memilikinya', response: { 200: { type: 'array', items: role }, ...errorResponses } },
    },
    async () => listRoles(app.db),
  );

  app.post<{ Body: { key: string; name: string; agencies?: string[] } }>(
    '/api/admin/roles',
    {
      preHandler: admins,
      schema: {
        tags: ['admin'],
        summary: 'Buat peran baru (admin), mis. jabatan yang disebut tabel SOP yang diimpor',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['key', 'name'],
          properties: {
            key: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,63}$' },
            name: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
            agencies: { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 64 } },
          },
        },
        response: { 201: role, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createRole(app.db, request.user!.username, { key: request.body.key, name: request.body.name, agencies: request.body.agencies ?? [] })),
  );

  app.post<{ Body: { data: string } }>(
    '/api/import/sop-table',
    {
      preHandler: admins,
      // a spreadsheet of one SOP is a few dozen KB; base64 in JSON keeps the route free of multipart
      bodyLimit: 3 * 1024 * 1024,
      schema: {
        tags: ['processes'],
        summary: 'Sel-sel tabel SOP dari lembar kerja .xlsx (base64), untuk impor "baru dari tabel SOP"',
        body: { type: 'object', additionalProperties: false, required: ['data'], properties: { data: { type: 'string', minLength: 4, maxLength: 2_800_000, contentEncoding: 'base64' } } },
        response: { 200: { type: 'object', properties: { rows: { type: 'array', items: { type: 'array', items: { type: 'string' } } } }, required: ['rows'] }, ...errorResponses },
      },
    },
    async (request) => ({ rows: await xlsxGrid(Buffer.from(request.body.data, 'base64')) }),
  );
}
