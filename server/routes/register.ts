import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { RegisterBody, SessionAnswer } from '../../contracts/auth.js';
import { errorResponses } from '../../contracts/common.js';
import { openSession } from '../plugins/auth.js';
import { registerApplicant } from '../services/accounts/registration.js';

/** Applicant self-registration: creates a `pemohon` account and opens its session at once. */
export default async function registerRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/auth/register',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Pendaftaran pemohon dengan email atau nomor telepon + kata sandi',
        body: RegisterBody,
        response: {
          201: SessionAnswer,
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const session = await registerApplicant(app.db, request.body, request.ip);
      return reply.status(201).send(openSession(reply, session));
    },
  );
}
