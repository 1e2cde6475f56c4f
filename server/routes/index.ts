import type { FastifyInstance } from 'fastify';
import authRoutes from './auth.js';
import metaRoutes from './meta.js';
import { processStoreRoutes, rulesetStoreRoutes } from './store.js';
import rulesetEvalRoutes from './rulesets-eval.js';
import runtimeRoutes from './instances.js';
import studioStaticRoutes from './studio-static.js';
import uploadRoutes from './uploads.js';
import registerRoutes from './register.js';
import eventsRoutes from './events.js';
import inboxRoutes from './inbox.js';
import servicesCatalogRoutes from './services-catalog.js';
import printRoutes from './print.js';
import userAdminRoutes from './users.js';
import officeAdminRoutes from './offices.js';
import cockpitRoutes from './cockpit.js';
import notificationRoutes from './notifications.js';
import reachRoutes from './reach.js';
import regchangeRoutes, { processApprovalRoutes, rulesetApprovalRoutes } from './regchange.js';
import sopDocumentRoutes from './sop-documents.js';
import serviceStandardRoutes from './service-standards.js';
import documentRoutes from './documents.js';
import sopImportRoutes from './sop-import.js';

/**
 * Every route module of the server, registered in this order by app.ts.
 * Adding a module is one import and one entry here.
 */
export const routeModules: Array<(app: FastifyInstance) => Promise<void>> = [
  authRoutes,
  metaRoutes,
  sopImportRoutes,
  processStoreRoutes,
  rulesetStoreRoutes,
  rulesetEvalRoutes,
  runtimeRoutes,
  uploadRoutes,
  registerRoutes,
  eventsRoutes,
  inboxRoutes,
  servicesCatalogRoutes,
  printRoutes,
  userAdminRoutes,
  officeAdminRoutes,
  cockpitRoutes,
  notificationRoutes,
  reachRoutes,
  regchangeRoutes,
  processApprovalRoutes,
  rulesetApprovalRoutes,
  sopDocumentRoutes,
  serviceStandardRoutes,
  documentRoutes,
  // last: its catch-all GET serves the studio for every path no other module claims
  studioStaticRoutes,
];
