import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';
import { userFromToken, type LoginResult, type SessionUser } from '../services/accounts.js';
import { AUTH_CHANNEL, sessionCache } from '../services/session-cache.js';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    sessionToken: string | null;
  }
  interface FastifyInstance {
    /** preHandler: 401 unless a valid session (cookie or bearer token) is presented */
    authenticate: preHandlerAsyncHookHandler;
  }
}

export const SESSION_COOKIE = 'sop_session';

function tokenOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header && /^Bearer\s+/i.test(header)) return header.replace(/^Bearer\s+/i, '').trim() || null;
  return request.cookies[SESSION_COOKIE] ?? null;
}

/** Hands a new session to the browser (httpOnly cookie) and to API clients (bearer token in the body). */
export function openSession(reply: FastifyReply, session: LoginResult): { token: string; expiresAt: string; user: SessionUser } {
  void reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: process.env.NODE_ENV === 'production',
    path: '/',
    expires: session.expiresAt,
  });
  return { token: session.token, expiresAt: session.expiresAt.toISOString(), user: session.user };
}

export function hasRole(user: SessionUser | null, ...roles: string[]): boolean {
  return !!user && user.roles.some((r) => roles.includes(r.role));
}

export function isAdminOrManager(user: SessionUser | null): boolean {
  return hasRole(user, 'admin', 'manager');
}

/** preHandler factory: the user must hold one of these roles (in any office). */
export function requireRole(...roles: string[]): preHandlerAsyncHookHandler {
  return async function (request: FastifyRequest, _reply: FastifyReply) {
    if (!request.user) throw new AppError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu');
    if (!hasRole(request.user, ...roles)) throw new AppError('FORBIDDEN', 'Anda tidak berwenang untuk tindakan ini', { required: roles });
  };
}

export default fp(
  async (app) => {
    await app.register(cookie);
    app.decorateRequest('user', null);
    app.decorateRequest('sessionToken', null);
    if (app.listener) {
      // Kept sessions are trusted only while every change to them can be heard (see session-cache.ts).
      const cache = sessionCache(app.db);
      const stop = await app.listener.listen(AUTH_CHANNEL, { notify: () => cache.invalidate(), state: (up) => cache.listening(up) });
      app.addHook('onClose', async () => stop());
    }
    // Every request that carries a token resolves its session once: from the session cache, or
    // with one indexed query.
    app.addHook('onRequest', async (request) => {
      const token = tokenOf(request);
      if (!token) return;
      const user = await userFromToken(app.db, token);
      if (user) {
        request.user = user;
        request.sessionToken = token;
      }
    });
    app.decorate('authenticate', async function (request: FastifyRequest) {
      if (!request.user) throw new AppError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu');
    });
  },
  { name: 'auth', dependencies: ['db'] },
);
