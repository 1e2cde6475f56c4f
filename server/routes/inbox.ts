import type { FastifyInstance } from 'fastify';
import { applicationStatus, myApplications } from '../services/applications.js';
import { inbox, type InboxQuery } from '../services/inbox.js';
import { taskContext } from '../services/task-context.js';
import { taskBody } from './runtime-schemas.js';
import { errorResponses } from './schemas.js';

// The task row's own fields as the runtime's routes describe them, plus what the inbox adds.
const { id, instanceId, processKey, processName, elementId, elementName, role, office, businessKey, claimedBy, assignee, createdAt, dueAt } = taskBody.properties;
const inboxTask = {
  type: 'object',
  properties: {
    id,
    instanceId,
    processKey,
    processName,
    elementId,
    elementName,
    role,
    office,
    businessKey,
    registrationNumber: { type: ['string', 'null'] },
    applicantName: { type: ['string', 'null'] },
    claimedBy,
    claimedByName: { type: ['string', 'null'] },
    assignee,
    createdAt,
    dueAt,
    sla: { type: 'string', enum: ['none', 'on-time', 'warning', 'late'] },
  },
} as const;

const anyObject = { type: 'object', additionalProperties: true } as const;

/** The officer's inbox, the generated task page's context, and the applicant's applications. */
export default async function inboxRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: InboxQuery }>(
    '/api/inbox',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['workspace'],
        summary: 'Kotak tugas petugas: "mine" (Tugas saya) atau "available" (Tersedia), urut tenggat, dengan status SLA',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            tab: { type: 'string', enum: ['mine', 'available'], default: 'available' },
            office: { type: 'string', maxLength: 64 },
            process: { type: 'string', maxLength: 64 },
            step: { type: 'string', maxLength: 128 },
            q: { type: 'string', maxLength: 64 },
            applicant: { type: 'string', maxLength: 100 },
            limit: { type: 'integer', minimum: 1, maximum: 200 },
            offset: { type: 'integer', minimum: 0, maximum: 100000 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              tasks: { type: 'array', items: inboxTask },
              counts: { type: 'object', properties: { mine: { type: 'integer' }, available: { type: 'integer' } } },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => inbox(app.db, request.user!, request.query),
  );

  app.get<{ Params: { id: string } }>(
    '/api/workspace/tasks/:id/context',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['workspace'],
        summary: 'Halaman tugas: formulir, daftar persyaratan, nota biaya, tombol keputusan, diagram',
        params: { type: 'object', properties: { id: { type: 'string', maxLength: 64 } }, required: ['id'] },
        response: { 200: anyObject, ...errorResponses },
      },
    },
    async (request) => taskContext(app.db, request.user!, request.params.id),
  );

  app.get(
    '/api/workspace/applications',
    {
      preHandler: app.authenticate,
      schema: { tags: ['workspace'], summary: 'Permohonan saya (pemohon)', response: { 200: { type: 'array', items: anyObject }, ...errorResponses } },
    },
    async (request) => myApplications(app.db, request.user!),
  );

  app.get<{ Params: { id: string } }>(
    '/api/workspace/applications/:id',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['workspace'],
        summary: 'Status permohonan dalam bahasa sederhana: langkah sekarang, yang diharapkan dari pemohon, linimasa',
        params: { type: 'object', properties: { id: { type: 'string', maxLength: 64 } }, required: ['id'] },
        response: { 200: anyObject, ...errorResponses },
      },
    },
    async (request) => applicationStatus(app.db, request.user!, request.params.id),
  );
}
