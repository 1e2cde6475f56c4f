import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { LoginBody, SessionAnswer, SessionState, User } from '../../contracts/auth.js';
import { errorResponses, NoContent } from '../../contracts/common.js';
import { openSession, SESSION_COOKIE } from '../plugins/auth.js';
import { login, logout } from '../services/accounts/accounts.js';

export default async function authRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/auth/login',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Masuk: membuka sesi (cookie httpOnly + token bearer)',
        body: LoginBody,
        response: {
          200: SessionAnswer,
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      return openSession(reply, await login(app.db, request.body.username, request.body.password, request.ip));
    },
  );

  app.get(
    '/api/auth/me',
    {
      preHandler: app.authenticate,
      schema: { tags: ['auth'], summary: 'Pengguna yang sedang masuk dan perannya per kantor', response: { 200: User, ...errorResponses } },
    },
    async (request) => request.user!,
  );

  // What the studio asks when it opens: without a session the answer is still 200 (user null),
  // so a first visit does not start with a failed request in the browser's console.
  app.get(
    '/api/auth/session',
    {
      schema: { tags: ['auth'], summary: 'Sesi saat ini: pengguna yang masuk, atau null bila belum masuk', response: { 200: SessionState, ...errorResponses } },
    },
    async (request) => ({ user: request.user ?? null }),
  );

  app.post(
    '/api/auth/logout',
    {
      preHandler: app.authenticate,
      schema: { tags: ['auth'], summary: 'Keluar: sesi dicabut di server', response: { 204: NoContent, ...errorResponses } },
    },
    async (request, reply) => {
      if (request.sessionToken) await logout(app.db, request.sessionToken);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );
}
