import type { FastifyInstance } from 'fastify';
import { openSession, SESSION_COOKIE } from '../plugins/auth.js';
import { login, logout } from '../services/accounts.js';
import { errorResponses, sessionAnswer, userBody } from './schemas.js';

export default async function authRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Body: { username: string; password: string } }>(
    '/api/auth/login',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Masuk: membuka sesi (cookie httpOnly + token bearer)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['username', 'password'],
          properties: { username: { type: 'string', minLength: 1, maxLength: 200 }, password: { type: 'string', minLength: 1, maxLength: 1024 } },
        },
        response: {
          200: sessionAnswer,
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
      schema: { tags: ['auth'], summary: 'Pengguna yang sedang masuk dan perannya per kantor', response: { 200: userBody, ...errorResponses } },
    },
    async (request) => request.user,
  );

  app.post(
    '/api/auth/logout',
    {
      preHandler: app.authenticate,
      schema: { tags: ['auth'], summary: 'Keluar: sesi dicabut di server', response: { 204: { type: 'null' }, ...errorResponses } },
    },
    async (request, reply) => {
      if (request.sessionToken) await logout(app.db, request.sessionToken);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );
}
