import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';

/**
 * Strict content security policy: scripts only from our origin and never eval (form
 * validators are precompiled). Styles allow inline because MUI/emotion and bpmn-js inject them.
 */
export default fp(
  async (app) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
        },
      },
      // the studio opens uploaded PDFs in a new tab
      crossOriginEmbedderPolicy: false,
    });
    // Routes opt in with `config: { rateLimit: {...} }`; limits are per server process,
    // a first line in front of the database-backed limits (log-in failures).
    await app.register(rateLimit, { global: false });
  },
  { name: 'security' },
);
