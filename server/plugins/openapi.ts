import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';

/**
 * The OpenAPI document is generated from the route schemas; browsable at /docs unless turned
 * off (API_DOCS=off, the default in production), so a public server need not publish its map.
 */
export default fp(
  async (app, opts: { version: string; ui: boolean }) => {
    await app.register(swagger, {
      openapi: {
        info: { title: 'SOP Studio API', version: opts.version, description: 'Proses SOP, aturan, permohonan dan tugas.' },
        components: {
          securitySchemes: {
            bearer: { type: 'http', scheme: 'bearer' },
            cookie: { type: 'apiKey', in: 'cookie', name: 'sop_session' },
          },
        },
        security: [{ bearer: [] }, { cookie: [] }],
      },
    });
    if (opts.ui) await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, transformStaticCSP: (h) => h });
  },
  { name: 'openapi' },
);
