import type { FastifyInstance } from 'fastify';
import { claimTask, completeTask, getTask, listTasks, takeNextTask, unclaimTask, type TakeNextInput, type TaskQuery } from '../services/runtime.js';
import { idParams, open, paging, taskBody } from './runtime-schemas.js';
import { errorResponses } from './schemas.js';

export default async function taskRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: TaskQuery }>(
    '/api/tasks',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['runtime'],
        summary: 'The inbox: tasks of the caller (mine) or of their roles in their offices (available), by due time',
        querystring: {
          type: 'object',
          properties: { scope: { type: 'string', enum: ['mine', 'available'], default: 'available' }, office: { type: 'string', maxLength: 64 }, ...paging },
          additionalProperties: false,
        },
        response: {
          200: { type: 'object', properties: { items: { type: 'array', items: taskBody }, limit: { type: 'integer' }, offset: { type: 'integer' }, hasMore: { type: 'boolean' } } },
          ...errorResponses,
        },
      },
    },
    async (req) => listTasks(app.db, req.user!, req.query),
  );

  app.post<{ Body: TakeNextInput }>(
    '/api/tasks/next',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['runtime'],
        summary: 'Ambil tugas berikutnya: claim the first available task of one of the caller\'s posts (role × office, optionally one process), in inbox order; task null when none',
        body: {
          type: 'object',
          properties: { role: { type: 'string', minLength: 1, maxLength: 64 }, office: { type: 'string', minLength: 1, maxLength: 64 }, processKey: { type: 'string', minLength: 1, maxLength: 128 } },
          required: ['role', 'office'],
          additionalProperties: false,
        },
        response: { 200: { type: 'object', properties: { task: { anyOf: [taskBody, { type: 'null' }] } }, required: ['task'] }, ...errorResponses },
      },
    },
    async (req) => takeNextTask(app.db, req.user!, req.body),
  );

  app.get<{ Params: { id: string } }>(
    '/api/tasks/:id',
    { preHandler: app.authenticate, schema: { tags: ['runtime'], summary: 'One task the caller may act on', params: idParams, response: { 200: taskBody, ...errorResponses } } },
    async (req) => getTask(app.db, req.user!, req.params.id),
  );

  app.post<{ Params: { id: string } }>(
    '/api/tasks/:id/claim',
    { preHandler: app.authenticate, schema: { tags: ['runtime'], summary: 'Take a task (nobody else can complete it then)', params: idParams, response: { 200: taskBody, ...errorResponses } } },
    async (req) => claimTask(app.db, req.user!, req.params.id),
  );

  app.post<{ Params: { id: string } }>(
    '/api/tasks/:id/unclaim',
    { preHandler: app.authenticate, schema: { tags: ['runtime'], summary: 'Give a claimed task back to the queue', params: idParams, response: { 200: taskBody, ...errorResponses } } },
    async (req) => unclaimTask(app.db, req.user!, req.params.id),
  );

  app.post<{ Params: { id: string }; Body: { variables?: Record<string, unknown>; claimNext?: boolean; passphrase?: string } }>(
    '/api/tasks/:id/complete',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['runtime'],
        summary: 'Complete a task with its form variables (validated against the task form)',
        params: idParams,
        body: {
          type: 'object',
          // claimNext: the steps this completion opens for the same officer are claimed for them ("the next step is yours")
          // passphrase: a signing step's (sop:handler="sign-document" on a user task) — the official's, never stored
          properties: { variables: open, claimNext: { type: 'boolean' }, passphrase: { type: 'string', maxLength: 256, writeOnly: true } },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: {
              task: taskBody,
              instance: { type: 'object', properties: { id: { type: 'string' }, status: { type: 'string' }, activeElements: { type: 'array', items: { type: 'string' } } } },
              nextTasks: {
                type: 'array',
                items: { type: 'object', properties: { id: { type: 'string' }, elementId: { type: 'string' }, elementName: { type: 'string' }, instanceId: { type: 'string' } } },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (req) =>
      completeTask(app.db, req.user!, req.params.id, req.body?.variables ?? {}, {
        runtime: app.runtime,
        claimNext: req.body?.claimNext === true,
        ...(typeof req.body?.passphrase === 'string' ? { signing: { passphrase: req.body.passphrase, origin: `${req.protocol}://${req.host}` } } : {}),
      }),
  );
}
