/**
 * Serves the built studio (studio/dist) at / with an SPA fallback: any GET that is not /api/…
 * and not a file gets index.html, so deep links (/processes/x) survive a reload.
 * Hashed assets are cached for a year; index.html never (it names the current assets).
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = fileURLToPath(new URL('../../studio/dist', import.meta.url));

export default async function studioStaticRoutes(app: FastifyInstance): Promise<void> {
  if (!existsSync(join(DIST, 'index.html'))) {
    app.log.warn('studio/dist is missing: run `npm run build` (npm start does it in prestart)');
    return;
  }
  await app.register(fastifyStatic, {
    root: DIST,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    setHeaders(res, path) {
      void res.header('cache-control', path.includes(`${join('dist', 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  // SPA fallback as a catch-all route (lower priority than every file and /api route), so the
  // errors plugin's JSON 404 stays the answer for unknown API paths.
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const url = request.raw.url ?? '/';
    if (url.startsWith('/api/') || url === '/api') {
      return reply.status(404).send({ code: 'NOT_FOUND', message: `Tidak ditemukan: GET ${url.split('?')[0]}` });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
