import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../plugins/auth.js';
import { login, logout } from '../services/accounts.js';
import { errorResponses, userBody } from './schemas.js';

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
          200: {
            type: 'object',
            properties: { token: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' }, user: userBody },
            required: ['token', 'expiresAt', 'user'],
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const result = await login(app.db, request.body.username, request.body.password, request.ip);
      void reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: process.env.NODE_ENV === 'production',
        path: '/',
        expires: result.expiresAt,
      });
      return { token: result.token, expiresAt: result.expiresAt.toISOString(), user: result.user };
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
