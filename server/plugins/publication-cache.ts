import fp from 'fastify-plugin';
import { PUBLICATIONS_CHANNEL, publicationCache } from '../services/runtime/publication-cache.js';

/**
 * The server keeps which publication is in force (services/runtime/publication-cache.ts), and
 * trusts it only while every publication change can be heard by its listener.
 */
export default fp(
  async (app) => {
    if (!app.listener) return;
    const cache = publicationCache(app.db);
    const stop = await app.listener.listen(PUBLICATIONS_CHANNEL, { notify: () => cache.invalidate(), state: (up) => cache.listening(up) });
    app.addHook('onClose', async () => stop());
  },
  { name: 'publication-cache', dependencies: ['db'] },
);
