import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { errorResponses, IdParams, NoContent } from '../../contracts/common.js';
import { AdminUser, IdentityBody, NewUser, PasswordBody, RolesBody, UserPage, UserQuery } from '../../contracts/users.js';
import { requireRole } from '../plugins/auth.js';
import type { SessionUser } from '../services/accounts/accounts.js';
import { managedOffices } from '../services/cockpit/cockpit-access.js';
import { adminCreateUser, adminSetPassword, listUsers, type UserScope, replaceRoles, setDisabled, setIdentity, USERS_PAGE_SIZE } from '../services/accounts/user-admin.js';

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
export default async function userAdminRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const readers = [app.authenticate, requireRole('admin', 'manager')];
  const admins = [app.authenticate, requireRole('admin')];

  app.get(
    '/api/admin/users',
    {
      preHandler: readers,
      schema: {
        tags: ['admin'],
        summary: 'Daftar pengguna (admin dan manajer): cari nama/nama pengguna/email/telepon, saring peran dan kantor, per halaman',
        querystring: UserQuery(USERS_PAGE_SIZE),
        response: { 200: UserPage, ...errorResponses },
      },
    },
    async (request) => listUsers(app.db, request.query, readerScope(request.user!)),
  );

  app.post(
    '/api/admin/users',
    {
      preHandler: admins,
      schema: {
        tags: ['admin'],
        summary: 'Buat pengguna dengan peran per kantor (admin)',
        body: NewUser,
        response: { 201: AdminUser, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { email, phone, ...rest } = request.body;
      const user = await adminCreateUser(app.db, { ...rest, email: email || null, phone: phone || null }, request.user!);
      return reply.status(201).send(user);
    },
  );

  app.put(
    '/api/admin/users/:id/roles',
    {
      preHandler: admins,
      schema: {
        tags: ['admin'],
        summary: 'Ganti seluruh peran pengguna (admin); berlaku pada permintaan berikutnya pengguna itu',
        params: IdParams,
        body: RolesBody,
        response: { 200: AdminUser, ...errorResponses },
      },
    },
    async (request) => replaceRoles(app.db, request.params.id, request.body.roles, request.user!),
  );

  app.put(
    '/api/admin/users/:id/identity',
    {
      preHandler: admins,
      schema: {
        tags: ['admin'],
        summary: 'Identitas pejabat penanda tangan (admin): nama lengkap, NIP, jabatan, NIK (untuk layanan TTE); tercetak pada dokumen yang ditandatanganinya',
        params: IdParams,
        body: IdentityBody,
        response: { 200: AdminUser, ...errorResponses },
      },
    },
    async (request) => setIdentity(app.db, request.params.id, request.body, request.user!),
  );

  for (const action of ['disable', 'enable'] as const) {
    app.post(
      `/api/admin/users/:id/${action}`,
      {
        preHandler: admins,
        schema: {
          tags: ['admin'],
          summary:
            action === 'disable'
              ? 'Nonaktifkan pengguna (admin): tidak bisa masuk, sesi terbuka langsung berhenti; tidak untuk akun sendiri'
              : 'Aktifkan kembali pengguna (admin)',
          params: IdParams,
          response: { 200: AdminUser, ...errorResponses },
        },
      },
      async (request) => setDisabled(app.db, request.params.id, action === 'disable', request.user!),
    );
  }

  app.post(
    '/api/admin/users/:id/password',
    {
      preHandler: admins,
      schema: {
        tags: ['admin'],
        summary: 'Tetapkan kata sandi baru (admin); semua sesi pengguna itu dicabut',
        params: IdParams,
        body: PasswordBody,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await adminSetPassword(app.db, request.params.id, request.body.password, request.user!);
      return reply.status(204).send();
    },
  );
}
