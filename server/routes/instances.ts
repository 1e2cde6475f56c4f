import type { FastifyInstance } from 'fastify';
import {
  cancelInstance,
  getHistory,
  getInstance,
  listInstances,
  startInstance,
  type InstanceQuery,
  type StartInput,
} from '../services/runtime.js';
import { KEY_PATTERN } from '../services/store.js';
import messageRoutes from './messages.js';
import signalRoutes from './signals.js';
import taskRoutes from './tasks.js';
import { instanceBody, idParams, open, paging, startedBody } from './runtime-schemas.js';
import { errorResponses } from './schemas.js';

const startBody = {
  type: 'object',
  properties: {
    office: { type: 'string', minLength: 1, maxLength: 64 },
    variables: open,
    businessKey: { type: 'string', minLength: 1, maxLength: 128 },
    applicant: {
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 200 },
        nik: { type: 'string', pattern: '^[0-9]{16}$' },
        phone: { type: 'string', maxLength: 32 },
        email: { type: 'string', maxLength: 200 },
      },
      required: ['name'],
      additionalProperties: false,
    },
  },
  required: ['office'],
  additionalProperties: false,
} as const;

const historyItem = {
  type: 'object',
  properties: {
    elementId: { type: 'string' },
    elementName: { type: 'string' },
    elementKind: { type: 'string' },
    event: { type: 'string' },
    actor: { type: ['string', 'null'] },
    onBehalf: { type: 'boolean' },
    startedAt: { type: 'string' },
    endedAt: { type: 'string' },
    durationMs: { type: 'integer' },
    slaMs: { type: ['integer', 'null'] },
    withinSla: { type: ['boolean', 'null'] },
    taskId: { type: ['string', 'null'] },
    details: { type: ['object', 'null'], additionalProperties: true },
  },
} as const;

export default async function instanceRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Params: { key: string }; Body: StartInput }>(
    '/api/processes/:key/instances',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['runtime'],
        summary: 'Start an application (process instance) of the publication in force',
        params: { type: 'object', properties: { key: { type: 'string', pattern: KEY_PATTERN } }, required: ['key'], additionalProperties: false },
        body: startBody,
        response: { 201: startedBody, ...errorResponses },
      },
    },
    async (req, reply) => {
      const inst = await startInstance(app.db, req.user!, req.params.key, req.body, { runtime: app.runtime });
      return reply.code(201).send(inst);
    },
  );

  app.get<{ Querystring: InstanceQuery }>(
    '/api/instances',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['runtime'],
        summary: 'List applications the caller may see (paged, newest first)',
        querystring: {
          type: 'object',
          properties: {
            process: { type: 'string', maxLength: 64 },
            office: { type: 'string', maxLength: 64 },
            status: { type: 'string', enum: ['running', 'completed', 'cancelled', 'failed'] },
            businessKey: { type: 'string', maxLength: 128 },
            ...paging,
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: {
              items: { type: 'array', items: { type: 'object', additionalProperties: true } },
              limit: { type: 'integer' },
              offset: { type: 'integer' },
              hasMore: { type: 'boolean' },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (req) => listInstances(app.db, req.user!, req.query),
  );

  app.get<{ Params: { id: string } }>(
    '/api/instances/:id',
    {
      preHandler: app.authenticate,
      schema: { tags: ['runtime'], summary: 'An application: state, active elements, open tasks, variables', params: idParams, response: { 200: instanceBody, ...errorResponses } },
    },
    async (req) => getInstance(app.db, req.user!, req.params.id),
  );

  app.get<{ Params: { id: string } }>(
    '/api/instances/:id/history',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['runtime'],
        summary: 'Every step of an application: element, who, when, duration against the SOP time',
        params: idParams,
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: historyItem } } }, ...errorResponses },
      },
    },
    async (req) => getHistory(app.db, req.user!, req.params.id),
  );

  app.post<{ Params: { id: string }; Body: { reason: string } }>(
    '/api/instances/:id/cancel',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['runtime'],
        summary: 'Cancel a running application (admin, manager) with a reason',
        params: idParams,
        body: { type: 'object', properties: { reason: { type: 'string', minLength: 3, maxLength: 1000 } }, required: ['reason'], additionalProperties: false },
        response: { 200: instanceBody, ...errorResponses },
      },
    },
    async (req) => cancelInstance(app.db, req.user!, req.params.id, req.body.reason),
  );

  // The runtime's other routes ride on this one registration (one line in routes/index.ts).
  await taskRoutes(app);
  await messageRoutes(app);
  await signalRoutes(app);
}
