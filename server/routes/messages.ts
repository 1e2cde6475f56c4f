import type { FastifyInstance } from 'fastify';
import { correlateMessage } from '../services/runtime.js';
import { open } from './runtime-schemas.js';
import { errorResponses } from './schemas.js';

export default async function messageRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Body: { name: string; correlationKey: string; variables?: Record<string, unknown>; office?: string } }>(
    '/api/messages',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['runtime'],
        summary: 'Deliver a message (e.g. payment confirmed) to the applications waiting for it, or start one',
        body: {
          type: 'object',
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 128 },
            correlationKey: { type: 'string', minLength: 1, maxLength: 128 },
            variables: open,
            office: { type: 'string', maxLength: 64 },
          },
          required: ['name', 'correlationKey'],
          additionalProperties: false,
        },
        response: {
          200: { type: 'object', properties: { instanceIds: { type: 'array', items: { type: 'string' } }, started: { type: 'array', items: { type: 'string' } } } },
          ...errorResponses,
        },
      },
    },
    async (req) => correlateMessage(app.db, req.user!, req.body, { runtime: app.runtime }),
  );
}
