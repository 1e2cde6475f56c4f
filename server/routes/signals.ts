import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { errorResponses } from '../../contracts/common.js';
import { DeliveryAnswer, SignalBody } from '../../contracts/runtime.js';
import { sendSignal } from '../services/runtime/runtime.js';

export default async function signalRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/signals',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['runtime'],
        summary: "Broadcast a signal (e.g. the bank's payment system is down) to the sender's office: every waiting signal catch there, and signal start events",
        body: SignalBody,
        response: { 200: DeliveryAnswer, ...errorResponses },
      },
    },
    async (req) => sendSignal(app.db, req.user!, { name: req.body.name, office: req.body.office, variables: req.body.variables ?? {} }, { runtime: app.runtime }),
  );
}
