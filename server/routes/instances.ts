import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { errorResponses, IdParams } from '../../contracts/common.js';
import { CancelBody, History, Instance, InstancePage, InstanceQuery, ProcessKeyParams, StartBody, StartedInstance } from '../../contracts/runtime.js';
import {
  cancelInstance,
  getHistory,
  getInstance,
  listInstances,
  startInstance,
} from '../services/runtime/runtime.js';
import { KEY_PATTERN } from '../services/store/store.js';
import messageRoutes from './messages.js';
import signalRoutes from './signals.js';
import taskRoutes from './tasks.js';

export default async function instanceRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/processes/:key/instances',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['runtime'],
        summary: 'Start an application (process instance) of the publication in force',
        params: ProcessKeyParams(KEY_PATTERN),
        body: StartBody,
        response: { 201: StartedInstance, ...errorResponses },
      },
    },
    async (req, reply) => {
      const inst = await startInstance(app.db, req.user!, req.params.key, req.body, { runtime: app.runtime });
      return reply.code(201).send(inst);
    },
  );

  app.get(
    '/api/instances',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['runtime'],
        summary: 'List applications the caller may see (paged, newest first)',
        querystring: InstanceQuery,
        response: { 200: InstancePage, ...errorResponses },
      },
    },
    async (req) => listInstances(app.db, req.user!, req.query),
  );

  app.get(
    '/api/instances/:id',
    {
      preHandler: app.authenticate,
      schema: { tags: ['runtime'], summary: 'An application: state, active elements, open tasks, variables', params: IdParams, response: { 200: Instance, ...errorResponses } },
    },
    async (req) => getInstance(app.db, req.user!, req.params.id),
  );

  app.get(
    '/api/instances/:id/history',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['runtime'],
        summary: 'Every step of an application: element, who, when, duration against the SOP time',
        params: IdParams,
        response: { 200: History, ...errorResponses },
      },
    },
    async (req) => getHistory(app.db, req.user!, req.params.id),
  );

  app.post(
    '/api/instances/:id/cancel',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['runtime'],
        summary: 'Cancel a running application (admin, manager) with a reason',
        params: IdParams,
        body: CancelBody,
        response: { 200: Instance, ...errorResponses },
      },
    },
    async (req) => cancelInstance(app.db, req.user!, req.params.id, req.body.reason),
  );

  // The runtime's other routes ride on this one registration (one line in routes/index.ts).
  await taskRoutes(app);
  await messageRoutes(app);
  await signalRoutes(app);
}
