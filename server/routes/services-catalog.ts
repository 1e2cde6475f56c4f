import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { startMode } from '../../core/access.js';
import { servicesCatalog } from '../services/publications/services-catalog.js';
import { errorResponses } from '../../contracts/common.js';
import { Service, ServicesQuery } from '../../contracts/services.js';

/** Public list of services (published processes) per office, and what an officer may start. */
export default async function servicesCatalogRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/services',
    {
      schema: {
        tags: ['workspace'],
        summary: 'Layanan yang tersedia per kantor: persyaratan, lama layanan, aturan biaya (publik)',
        querystring: ServicesQuery,
        response: { 200: Type.Array(Service), ...errorResponses },
      },
    },
    async (request) => servicesCatalog(app.db, { office: request.query.office }),
  );

  app.get(
    '/api/services/startable',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['workspace'],
        summary: 'Layanan yang boleh saya mulai di loket (peran saya termasuk starterRoles di kantor saya)',
        response: { 200: Type.Array(Service), ...errorResponses },
      },
    },
    async (request) => {
      const user = request.user!;
      const all = await servicesCatalog(app.db);
      return all
        .map((s) => ({ ...s, offices: s.offices.filter((o) => startMode(user, o.key, s.starterRoles) === 'officer') }))
        .filter((s) => s.offices.length > 0);
    },
  );
}
