import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { errorResponses } from '../../contracts/common.js';
import { DeliveryAnswer, MessageBody } from '../../contracts/runtime.js';
import { correlateMessage } from '../services/runtime/runtime.js';

export default async function messageRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/messages',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['runtime'],
        summary: 'Deliver a message (e.g. payment confirmed) to the applications waiting for it, or start one',
        body: MessageBody,
        response: { 200: DeliveryAnswer, ...errorResponses },
      },
    },
    async (req) => correlateMessage(app.db, req.user!, req.body, { runtime: app.runtime }),
  );
}
