import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';
import { requireRole } from '../plugins/auth.js';
import { createOffice, getOffice, listOffices, MAX_LOGO_BYTES, officeLogo, updateOffice } from '../services/offices/offices.js';
import { errorResponses, NoContent } from '../../contracts/common.js';
import { Binary } from '../../contracts/schema.js';
import { AdminOffice, AdminOfficeList, IfMatchHeaders, NewOffice, OfficeInput, OfficeKeyParams } from '../../contracts/offices.js';

const keyParams = OfficeKeyParams;

/** `If-Match: "7"` → 7; absent → undefined (the last write wins); anything else → 400. */
function ifMatchRevision(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(Array.isArray(header) ? header[0] : header);
  if (!m) throw new AppError('BAD_REQUEST', 'If-Match harus berisi revisi kantor, mis. "3"', { ifMatch: header });
  return Number(m[1]);
}

/**
 * Offices as data (issue 16): admins create and change offices; managers may read them. Every
 * write is one transaction with its audit entry (services/offices/offices.ts). GET and PUT answer with
 * `ETag: "<revision>"`; a PUT with `If-Match` is refused with 409 OFFICE_CONFLICT when the office
 * changed meanwhile; without it the last write wins.
 */
export default async function officeAdminRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const readers = [app.authenticate, requireRole('admin', 'manager')];
  const admins = [app.authenticate, requireRole('admin')];

  app.get(
    '/api/admin/offices',
    {
      preHandler: readers,
      schema: {
        tags: ['admin'],
        summary: 'Daftar kantor dengan pengaturannya (admin dan manajer)',
        response: { 200: AdminOfficeList, ...errorResponses },
      },
    },
    async () => ({ items: await listOffices(app.db) }),
  );

  app.get(
    '/api/admin/offices/:key',
    {
      preHandler: readers,
      schema: { tags: ['admin'], summary: 'Satu kantor (ETag: revisinya)', params: keyParams, response: { 200: AdminOffice, ...errorResponses } },
    },
    async (request, reply) => {
      const o = await getOffice(app.db, request.params.key);
      reply.header('etag', `"${o.revision}"`);
      return o;
    },
  );

  app.get(
    '/api/admin/offices/:key/logo',
    {
      preHandler: readers,
      schema: {
        tags: ['admin'],
        summary: 'Logo kantor (PNG atau JPEG; 204 bila belum ada)',
        params: keyParams,
        response: { 200: Binary({ description: 'image/png or image/jpeg' }), 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const logo = await officeLogo(app.db, request.params.key);
      // No logo is not an error: the office simply has none yet (an unknown office is a 404).
      if (!logo) {
        await getOffice(app.db, request.params.key);
        return reply.code(204).send();
      }
      reply.header('content-type', logo.contentType).header('cache-control', 'private, no-cache').header('x-content-type-options', 'nosniff');
      return reply.send(logo.bytes);
    },
  );

  app.post(
    '/api/admin/offices',
    {
      preHandler: admins,
      schema: {
        tags: ['admin'],
        summary: 'Buat kantor (admin)',
        body: NewOffice(MAX_LOGO_BYTES),
        response: { 201: AdminOffice, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { key, ...input } = request.body;
      const o = await createOffice(app.db, request.user!.username, key, input);
      reply.code(201).header('etag', `"${o.revision}"`);
      return o;
    },
  );

  app.put(
    '/api/admin/offices/:key',
    {
      preHandler: admins,
      schema: {
        tags: ['admin'],
        summary: 'Ubah pengaturan kantor (admin): nama, alamat, kontak, logo, format penomoran, layanan yang dilayani',
        params: keyParams,
        headers: IfMatchHeaders,
        body: OfficeInput(MAX_LOGO_BYTES),
        response: { 200: AdminOffice, ...errorResponses },
      },
    },
    async (request, reply) => {
      const o = await updateOffice(app.db, request.user!.username, request.params.key, request.body, ifMatchRevision(request.headers['if-match']));
      reply.header('etag', `"${o.revision}"`);
      return o;
    },
  );
}
