import type { FastifyInstance } from 'fastify';
import { openSession } from '../plugins/auth.js';
import { registerApplicant } from '../services/registration.js';
import { errorResponses, sessionAnswer } from './schemas.js';

/** Applicant self-registration: creates a `pemohon` account and opens its session at once. */
export default async function registerRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Body: { name: string; email?: string; phone?: string; password: string } }>(
    '/api/auth/register',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Pendaftaran pemohon dengan email atau nomor telepon + kata sandi',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'password'],
          properties: {
            name: { type: 'string', minLength: 2, maxLength: 200 },
            email: { type: 'string', format: 'email', maxLength: 200 },
            phone: { type: 'string', pattern: '^[+0-9 ()-]{8,20}$' },
            password: { type: 'string', minLength: 1, maxLength: 1024 },
          },
        },
        response: {
          201: sessionAnswer,
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
