import type { FastifyInstance } from 'fastify';
import { startMode } from '../../core/access.js';
import { servicesCatalog } from '../services/services-catalog.js';
import { errorResponses } from '../../contracts/common.js';

const service = {
  type: 'object',
  properties: {
    key: { type: 'string' },
    name: { type: 'string' },
    agency: { type: ['string', 'null'] },
    publication: { type: 'integer' },
    offices: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, name: { type: 'string' } } } },
    starterRoles: { type: 'array', items: { type: 'string' } },
    online: { type: 'boolean' },
    requirementsRuleSet: { type: ['string', 'null'] },
    requirements: {
      type: 'array',
      items: {
        type: 'object',
        properties: { code: { type: 'string' }, label: { type: 'string' }, required: { type: 'boolean' }, conditional: { type: 'boolean' }, note: { type: 'string' } },
      },
    },
    feeRuleSets: { type: 'array', items: { type: 'string' } },
    feeFacts: { type: 'object', additionalProperties: true },
    requirementFacts: { type: 'object', additionalProperties: true },
    startForm: { type: 'object', additionalProperties: true },
    slaMs: { type: 'integer' },
    slaText: { type: 'string' },
    steps: { type: 'integer' },
  },
} as const;

/** Public list of services (published processes) per office, and what an officer may start. */
export default async function servicesCatalogRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { office?: string } }>(
    '/api/services',
    {
      schema: {
        tags: ['workspace'],
        summary: 'Layanan yang tersedia per kantor: persyaratan, lama layanan, aturan biaya (publik)',
        querystring: { type: 'object', additionalProperties: false, properties: { office: { type: 'string', maxLength: 64 } } },
        response: { 200: { type: 'array', items: service }, ...errorResponses },
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
        response: { 200: { type: 'array', items: service }, ...errorResponses },
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
