import type { FastifyInstance } from 'fastify';
import authRoutes from './auth.js';
import metaRoutes from './meta.js';
import { processStoreRoutes, rulesetStoreRoutes } from './store.js';

/**
 * Every route module of the server, registered in this order by app.ts.
 * Adding a module is one import and one entry here.
 */
export const routeModules: Array<(app: FastifyInstance) => Promise<void>> = [
  authRoutes,
  metaRoutes,
  processStoreRoutes,
  rulesetStoreRoutes,
];
