import type { FastifyInstance } from 'fastify';
import { VERSION } from '../version.js';
import { errorResponses } from './schemas.js';

export default async function metaRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['meta'],
        summary: 'Kesehatan server dan basis data',
        response: {
          200: {
            type: 'object',
            properties: { status: { type: 'string' }, database: { type: 'string', enum: ['pglite', 'postgres'] }, version: { type: 'string' } },
            required: ['status', 'database', 'version'],
          },
        },
      },
    },
    async () => {
      await app.db.selectFrom('offices').select('key').limit(1).execute();
      return { status: 'ok', database: app.dbKind, version: VERSION };
    },
  );

  app.get(
    '/api/offices',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['meta'],
        summary: 'Daftar kantor',
        response: {
          200: {
            type: 'array',
            items: { type: 'object', properties: { key: { type: 'string' }, name: { type: 'string' }, agency: { type: 'string' } }, required: ['key', 'name', 'agency'] },
          },
          ...errorResponses,
        },
      },
    },
    async () => app.db.selectFrom('offices').select(['key', 'name', 'agency']).orderBy('agency').orderBy('key').execute(),
  );
}
