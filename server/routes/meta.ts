import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../contracts/common.js';
import { Health, Office } from '../../contracts/meta.js';
import { VERSION } from '../version.js';

export default async function metaRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['meta'],
        summary: 'Kesehatan server dan basis data',
        response: { 200: Health },
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
        response: { 200: Type.Array(Office), ...errorResponses },
      },
    },
    async () => app.db.selectFrom('offices').select(['key', 'name', 'agency']).orderBy('agency').orderBy('key').execute(),
  );
}
