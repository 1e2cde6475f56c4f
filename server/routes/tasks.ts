import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errorResponses, IdParams } from '../../contracts/common.js';
import { CompleteAnswer, CompleteBody, Task, TakeNextAnswer, TakeNextBody, TaskPage, TaskQuery } from '../../contracts/runtime.js';
import { sessionRef } from '../services/accounts/accounts.js';
import { claimTask, completeTask, getTask, listTasks, takeNextTask, unclaimTask } from '../services/runtime/runtime.js';

/** The sign-in a claim comes from: two counter desks sharing one account are two sign-ins. */
const deskOf = (req: FastifyRequest): string | null => (req.sessionToken ? sessionRef(req.sessionToken) : null);

export default async function taskRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/tasks',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['runtime'],
        summary: 'The inbox: tasks of the caller (mine) or of their roles in their offices (available), by due time',
        querystring: TaskQuery,
        response: { 200: TaskPage, ...errorResponses },
      },
    },
    async (req) => listTasks(app.db, req.user!, req.query),
  );

  app.post(
    '/api/tasks/next',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['runtime'],
        summary: 'Ambil tugas berikutnya: claim the first available task of one of the caller\'s posts (role × office, optionally one process), in inbox order; task null when none',
        body: TakeNextBody,
        response: { 200: TakeNextAnswer, ...errorResponses },
      },
    },
    async (req) => takeNextTask(app.db, req.user!, req.body, deskOf(req)),
  );

  app.get(
    '/api/tasks/:id',
    { preHandler: app.authenticate, schema: { tags: ['runtime'], summary: 'One task the caller may act on', params: IdParams, response: { 200: Task, ...errorResponses } } },
    async (req) => getTask(app.db, req.user!, req.params.id),
  );

  app.post(
    '/api/tasks/:id/claim',
    { preHandler: app.authenticate, schema: { tags: ['runtime'], summary: 'Take a task (nobody else can complete it then)', params: IdParams, response: { 200: Task, ...errorResponses } } },
    async (req) => claimTask(app.db, req.user!, req.params.id, deskOf(req)),
  );

  app.post(
    '/api/tasks/:id/unclaim',
    { preHandler: app.authenticate, schema: { tags: ['runtime'], summary: 'Give a claimed task back to the queue', params: IdParams, response: { 200: Task, ...errorResponses } } },
    async (req) => unclaimTask(app.db, req.user!, req.params.id),
  );

  app.post(
    '/api/tasks/:id/complete',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['runtime'],
        summary: 'Complete a task with its form variables (validated against the task form)',
        params: IdParams,
        body: CompleteBody,
        response: { 200: CompleteAnswer, ...errorResponses },
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
