import type { FastifyInstance } from 'fastify';
import { requireRole } from '../plugins/auth.js';
import type { RoleGrant, SessionUser } from '../services/accounts.js';
import { managedOffices } from '../services/cockpit-access.js';
import { adminCreateUser, adminSetPassword, listUsers, type UserScope, replaceRoles, setDisabled, setIdentity, USERS_PAGE_SIZE, type OfficialIdentity, type UserQuery } from '../services/user-admin.js';
import { errorResponses, roleGrant } from './schemas.js';

const adminUser = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    username: { type: 'string' },
    name: { type: 'string' },
    email: { type: ['string', 'null'] },
    phone: { type: ['string', 'null'] },
    disabled: { type: 'boolean' },
    roles: { type: 'array', items: roleGrant },
    createdAt: { type: 'string', format: 'date-time' },
    identity: {
      type: 'object',
      properties: { fullName: { type: ['string', 'null'] }, nip: { type: ['string', 'null'] }, jabatan: { type: ['string', 'null'] }, nik: { type: ['string', 'null'] } },
    },
  },
  required: ['id', 'username', 'name', 'email', 'phone', 'disabled', 'roles', 'createdAt'],
} as const;

const grantInput = {
  type: 'object',
  additionalProperties: false,
  properties: { role: { type: 'string', minLength: 1, maxLength: 64 }, office: { type: ['string', 'null'], maxLength: 64 } },
  required: ['role', 'office'],
} as const;
const grantsInput = { type: 'array', maxItems: 100, items: grantInput } as const;

const idParams = { type: 'object', additionalProperties: false, properties: { id: { type: 'string', minLength: 1, maxLength: 64 } }, required: ['id'] } as const;
// Length rules (minimum password, username pattern) are createUser's and setPassword's, so the
// CLI and the browser give the same errors; the schema only bounds the sizes.
const password = { type: 'string', minLength: 1, maxLength: 1024 } as const;

/** An admin reads every account; a manager the staff of the offices they manage. */
function readerScope(user: SessionUser): UserScope {
  if (user.roles.some((r) => r.role === 'admin')) return 'everyone';
  const offices = managedOffices(user);
  return offices === 'all' ? 'all-offices' : offices;
}

/**
 * Account administration. Admins change accounts; managers may read the list (they design the
 * lanes and need to see who holds which role in which office) but change nothing.
 */
export default async function userAdminRoutes(app: FastifyInstance): Promise<void> {
  const readers = [app.authenticate, requireRole('admin', 'manager')];
  const admins = [app.authenticate, requireRole('admin')];

  app.get<{ Querystring: UserQuery }>(
    '/api/admin/users',
    {
      preHandler: readers,
      schema: {
        tags: ['admin'],
        summary: 'Daftar pengguna (admin dan manajer): cari nama/nama pengguna/email/telepon, saring peran dan kantor, per halaman',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            search: { type: 'string', maxLength: 100 },
            role: { type: 'string', maxLength: 64 },
            office: { type: 'string', maxLength: 64 },
            page: { type: 'integer', minimum: 1, maximum: 100000, default: 1 },
            pageSize: { type: 'integer', minimum: 1, maximum: 200, default: USERS_PAGE_SIZE },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: { items: { type: 'array', items: adminUser }, total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' } },
            required: ['items', 'total', 'page', 'pageSize'],
          },
          ...errorResponses,
        },
      },
    },
    async (request) => listUsers(app.db, request.query, readerScope(request.user!)),
  );

  app.post<{ Body: { username: string; name?: string; email?: string | null; phone?: string | null; password: string; roles: RoleGrant[] } }>(
    '/api/admin/users',
    {
      preHandler: admins,
      schema: {
        tags: ['admin'],
        summary: 'Buat pengguna dengan peran per kantor (admin)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['username', 'password', 'roles'],
          properties: {
            username: { type: 'string', minLength: 1, maxLength: 64 },
            name: { type: 'string', minLength: 1, maxLength: 200 },
            email: { type: ['string', 'null'], maxLength: 200 },
            phone: { type: ['string', 'null'], maxLength: 32 },
            password,
            roles: grantsInput,
          },
        },
        response: { 201: adminUser, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { email, phone, ...rest } = request.body;
      const user = await adminCreateUser(app.db, { ...rest, email: email || null, phone: phone || null }, request.user!);
      return reply.status(201).send(user);
    },
  );

  app.put<{ Params: { id: string }; Body: { roles: RoleGrant[] } }>(
    '/api/admin/users/:id/roles',
    {
      preHandler: admins,
      schema: {
        tags: ['admin'],
        summary: 'Ganti seluruh peran pengguna (admin); berlaku pada permintaan berikutnya pengguna itu',
        params: idParams,
        body: { type: 'object', additionalProperties: false, required: ['roles'], properties: { roles: grantsInput } },
        response: { 200: adminUser, ...errorResponses },
      },
    },
    async (request) => replaceRoles(app.db, request.params.id, request.body.roles, request.user!),
  );

  const field = (max: number) => ({ type: ['string', 'null'], maxLength: max }) as const;
  app.put<{ Params: { id: string }; Body: Partial<Record<keyof OfficialIdentity, string | null>> }>(
    '/api/admin/users/:id/identity',
    {
      preHandler: admins,
      schema: {
        tags: ['admin'],
        summary: 'Identitas pejabat penanda tangan (admin): nama lengkap, NIP, jabatan, NIK (untuk layanan TTE); tercetak pada dokumen yang ditandatanganinya',
        params: idParams,
        body: { type: 'object', additionalProperties: false, properties: { fullName: field(200), nip: field(32), jabatan: field(200), nik: field(32) } },
        response: { 200: adminUser, ...errorResponses },
      },
    },
    async (request) => setIdentity(app.db, request.params.id, request.body, request.user!),
  );

  for (const action of ['disable', 'enable'] as const) {
    app.post<{ Params: { id: string } }>(
      `/api/admin/users/:id/${action}`,
      {
        preHandler: admins,
        schema: {
          tags: ['admin'],
          summary:
            action === 'disable'
              ? 'Nonaktifkan pengguna (admin): tidak bisa masuk, sesi terbuka langsung berhenti; tidak untuk akun sendiri'
              : 'Aktifkan kembali pengguna (admin)',
          params: idParams,
          response: { 200: adminUser, ...errorResponses },
        },
      },
      async (request) => setDisabled(app.db, request.params.id, action === 'disable', request.user!),
    );
  }

  app.post<{ Params: { id: string }; Body: { password: string } }>(
    '/api/admin/users/:id/password',
    {
      preHandler: admins,
      schema: {
        tags: ['admin'],
        summary: 'Tetapkan kata sandi baru (admin); semua sesi pengguna itu dicabut',
        params: idParams,
        body: { type: 'object', additionalProperties: false, required: ['password'], properties: { password } },
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      await adminSetPassword(app.db, request.params.id, request.body.password, request.user!);
      return reply.status(204).send();
    },
  );
}
