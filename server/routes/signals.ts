import type { FastifyInstance } from 'fastify';
import { sendSignal } from '../services/runtime.js';
import { open } from './runtime-schemas.js';
import { errorResponses } from './schemas.js';

export default async function signalRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Body: { name: string; office: string; variables?: Record<string, unknown> } }>(
    '/api/signals',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['runtime'],
        summary: "Broadcast a signal (e.g. the bank's payment system is down) to the sender's office: every waiting signal catch there, and signal start events",
        body: {
          type: 'object',
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 128 },
            office: { type: 'string', minLength: 1, maxLength: 64 },
            variables: open,
          },
          required: ['name', 'office'],
          additionalProperties: false,
        },
        response: {
          200: { type: 'object', properties: { instanceIds: { type: 'array', items: { type: 'string' } }, started: { type: 'array', items: { type: 'string' } } } },
          ...errorResponses,
        },
      },
    },
    async (req) => sendSignal(app.db, req.user!, { name: req.body.name, office: req.body.office, variables: req.body.variables ?? {} }, { runtime: app.runtime }),
  );
}
