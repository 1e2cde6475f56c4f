import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';
import { userFromToken, type LoginResult, type SessionUser } from '../services/accounts/accounts.js';
import { AUTH_CHANNEL, sessionCache } from '../services/accounts/session-cache.js';

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

function tokenOf(request: FastifyRequest): { token: string; viaCookie: boolean } | null {
  const header = request.headers.authorization;
  if (header && /^Bearer\s+/i.test(header)) {
    const token = header.replace(/^Bearer\s+/i, '').trim();
    return token ? { token, viaCookie: false } : null;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? { token: cookie, viaCookie: true } : null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A browser attaches the session cookie to requests that another page makes, and SameSite=Lax
 * does not stop a page of the same site (another port of the same host). So a state-changing
 * request authenticated by the cookie must say it comes from our own page: `Origin` equal to
 * this server's origin, or `Sec-Fetch-Site: same-origin`. With neither, it is refused. A bearer
 * token is never attached by a browser on its own, so those requests are not checked.
 */
function sameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site === 'same-origin') return true;
  const origin = request.headers.origin;
  if (typeof origin !== 'string' || origin === 'null') return false;
  return origin === `${request.protocol}://${request.host}`;
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

function hasRole(user: SessionUser | null, ...roles: string[]): boolean {
  return !!user && user.roles.some((r) => roles.includes(r.role));
}

/** preHandler factory: the user must hold one of these roles (in any office). */
export function requireRole(...roles: string[]): preHandlerAsyncHookHandler {
  return async function (request: FastifyRequest, _reply: FastifyReply) {
    if (!request.user) throw new AppError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu');
    if (!hasRole(request.user, ...roles)) throw new AppError('FORBIDDEN', 'Anda tidak berwenang untuk tindakan ini', { required: roles });
  };
}

/** preHandler factory: the one access policy (core/access.ts) must allow the user this. */
export function requirePolicy(allows: (user: SessionUser) => boolean): preHandlerAsyncHookHandler {
  return async function (request: FastifyRequest, _reply: FastifyReply) {
    if (!request.user) throw new AppError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu');
    if (!allows(request.user)) throw new AppError('FORBIDDEN', 'Anda tidak berwenang untuk tindakan ini', {});
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
      const found = tokenOf(request);
      if (!found) return;
      const user = await userFromToken(app.db, found.token);
      if (user) {
        if (found.viaCookie && !SAFE_METHODS.has(request.method) && !sameOrigin(request)) {
          throw new AppError('ORIGIN_REFUSED', 'Permintaan dari halaman lain ditolak', { origin: request.headers.origin ?? null });
        }
        request.user = user;
        request.sessionToken = found.token;
      }
    });
    app.decorate('authenticate', async function (request: FastifyRequest) {
      if (!request.user) throw new AppError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu');
    });
  },
  { name: 'auth', dependencies: ['db'] },
);
