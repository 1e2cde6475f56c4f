import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';
import { requireRole } from '../plugins/auth.js';
import { createOffice, getOffice, listOffices, MAX_LOGO_BYTES, officeLogo, updateOffice, type OfficeInput } from '../services/offices.js';
import { errorResponses } from '../../contracts/common.js';

const KEY = { type: 'string', minLength: 2, maxLength: 64, pattern: '^[a-z0-9][a-z0-9-]*$' } as const;
const text = (max: number) => ({ type: 'string', maxLength: max }) as const;

const contacts = {
  type: 'object',
  additionalProperties: false,
  properties: { phone: text(40), email: text(200), website: text(200), complaints: text(2000) },
} as const;

const numbering = {
  type: 'object',
  description: 'jenis dokumen → format nomor; token {seq}, {seq:N}, {year}, {month}, {office}, {kind}',
  maxProperties: 50,
  propertyNames: { pattern: '^[a-z0-9][a-z0-9-]{0,39}$' },
  additionalProperties: { type: 'string', minLength: 1, maxLength: 120 },
} as const;

const processes = { type: 'array', maxItems: 500, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 100 } } as const;

const office = {
  type: 'object',
  properties: {
    key: { type: 'string' },
    name: { type: 'string' },
    agency: { type: 'string' },
    address: { type: 'string' },
    contacts,
    logo: { type: ['object', 'null'], properties: { contentType: { type: 'string' } } },
    numbering: { type: 'object', additionalProperties: { type: 'string' } },
    processes: { type: 'array', items: { type: 'string' } },
    revision: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    updatedBy: { type: 'string' },
  },
  required: ['key', 'name', 'agency', 'address', 'contacts', 'logo', 'numbering', 'processes', 'revision', 'createdAt', 'updatedAt', 'updatedBy'],
} as const;

const inputProperties = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  agency: { type: 'string', minLength: 1, maxLength: 64 },
  address: text(500),
  contacts,
  numbering,
  processes,
  logo: {
    type: ['object', 'null'],
    additionalProperties: false,
    properties: { contentType: { type: 'string', enum: ['image/png', 'image/jpeg'] }, base64: { type: 'string', maxLength: Math.ceil((MAX_LOGO_BYTES * 4) / 3) + 4 } },
    required: ['contentType', 'base64'],
  },
} as const;

const keyParams = { type: 'object', additionalProperties: false, properties: { key: KEY }, required: ['key'] } as const;

/** `If-Match: "7"` → 7; absent → undefined (the last write wins); anything else → 400. */
function ifMatchRevision(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(Array.isArray(header) ? header[0] : header);
  if (!m) throw new AppError('BAD_REQUEST', 'If-Match harus berisi revisi kantor, mis. "3"', { ifMatch: header });
  return Number(m[1]);
}

/**
 * Offices as data (issue 16): admins create and change offices; managers may read them. Every
 * write is one transaction with its audit entry (services/offices.ts). GET and PUT answer with
 * `ETag: "<revision>"`; a PUT with `If-Match` is refused with 409 OFFICE_CONFLICT when the office
 * changed meanwhile; without it the last write wins.
 */
export default async function officeAdminRoutes(app: FastifyInstance): Promise<void> {
  const readers = [app.authenticate, requireRole('admin', 'manager')];
  const admins = [app.authenticate, requireRole('admin')];

  app.get(
    '/api/admin/offices',
    {
      preHandler: readers,
      schema: {
        tags: ['admin'],
        summary: 'Daftar kantor dengan pengaturannya (admin dan manajer)',
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: office } }, required: ['items'] }, ...errorResponses },
      },
    },
    async () => ({ items: await listOffices(app.db) }),
  );

  app.get<{ Params: { key: string } }>(
    '/api/admin/offices/:key',
    {
      preHandler: readers,
      schema: { tags: ['admin'], summary: 'Satu kantor (ETag: revisinya)', params: keyParams, response: { 200: office, ...errorResponses } },
    },
    async (request, reply) => {
      const o = await getOffice(app.db, request.params.key);
      reply.header('etag', `"${o.revision}"`);
      return o;
    },
  );

  app.get<{ Params: { key: string } }>(
    '/api/admin/offices/:key/logo',
    {
      preHandler: readers,
      schema: { tags: ['admin'], summary: 'Logo kantor (PNG atau JPEG; 204 bila belum ada)', params: keyParams, response: { ...errorResponses } },
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

  app.post<{ Body: OfficeInput & { key: string } }>(
    '/api/admin/offices',
    {
      preHandler: admins,
      schema: {
        tags: ['admin'],
        summary: 'Buat kantor (admin)',
        body: { type: 'object', additionalProperties: false, properties: { key: KEY, ...inputProperties }, required: ['key', 'name', 'agency'] },
        response: { 201: office, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { key, ...input } = request.body;
      const o = await createOffice(app.db, request.user!.username, key, input);
      reply.code(201).header('etag', `"${o.revision}"`);
      return o;
    },
  );

  app.put<{ Params: { key: string }; Body: OfficeInput }>(
    '/api/admin/offices/:key',
    {
      preHandler: admins,
      schema: {
        tags: ['admin'],
        summary: 'Ubah pengaturan kantor (admin): nama, alamat, kontak, logo, format penomoran, layanan yang dilayani',
        params: keyParams,
        headers: { type: 'object', properties: { 'if-match': { type: 'string', maxLength: 20 } } },
        body: { type: 'object', additionalProperties: false, properties: inputProperties, required: ['name', 'agency'] },
        response: { 200: office, ...errorResponses },
      },
    },
    async (request, reply) => {
      const o = await updateOffice(app.db, request.user!.username, request.params.key, request.body, ifMatchRevision(request.headers['if-match']));
      reply.header('etag', `"${o.revision}"`);
      return o;
    },
  );
}
