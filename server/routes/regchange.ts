import type { FastifyInstance } from 'fastify';
import { supervisedOffices } from '../../core/access.js';
import { requirePolicy, requireRole } from '../plugins/auth.js';
import { mayEditProcesses } from '../../core/access.js';
import { approve, listApprovals, reject, setApprovalRequired, submitForApproval } from '../services/store/approvals.js';
import { getChangeJob } from '../services/store/change-jobs.js';
import { DATE_PATTERN } from '../services/offices/dates.js';
import { impactView, startProcessImpact, startRuleSetImpact } from '../services/store/impact.js';
import { migrationOptions, migrationView, startMigration, type MigrationInput } from '../services/store/migrations.js';
import { KEY_PATTERN, type DocumentKind, type LegalBasis } from '../services/store/store.js';
import { errorResponses } from '../../contracts/common.js';

/**
 * Regulation change (issue 19): "Dampak" of a rule-set or process draft and the migration of
 * running applications, both background runs (services/store/change-jobs.ts) started by POST (202
 * `{id}`) and polled by GET. Managers and admins; a manager's run covers the applications of
 * the offices they are granted (office null = every office).
 */
const keyParams = { type: 'object', properties: { key: { type: 'string', pattern: KEY_PATTERN } }, required: ['key'], additionalProperties: false } as const;
const jobParams = {
  type: 'object',
  properties: { key: { type: 'string', pattern: KEY_PATTERN }, id: { type: 'string', minLength: 1, maxLength: 64 } },
  required: ['key', 'id'],
  additionalProperties: false,
} as const;
const started = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const;
const free = { type: 'object', additionalProperties: true } as const;
const jobAnswer = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    status: { type: 'string', enum: ['queued', 'running', 'done', 'failed'] },
    progress: { type: 'number', minimum: 0, maximum: 1 },
    total: { type: ['integer', 'null'] },
    createdBy: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: ['string', 'null'], format: 'date-time' },
    error: { type: ['string', 'null'] },
    params: free,
    result: { type: ['object', 'null'], additionalProperties: true },
    counts: { type: 'object', additionalProperties: { type: 'integer' } },
    items: { type: 'array', items: free },
  },
  required: ['id', 'status', 'progress', 'result', 'items'],
} as const;
const limitQuery = { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 5000, default: 200 } }, additionalProperties: false } as const;

export default async function regchangeRoutes(app: FastifyInstance): Promise<void> {
  const editors = [app.authenticate, requireRole('admin', 'manager')];
  // who changes what every office runs (core/access.ts): admins and managers of every office
  const writers = [app.authenticate, requirePolicy(mayEditProcesses)];

  app.post<{ Params: { key: string }; Body: { asOf?: string; since?: string } }>(
    '/api/rulesets/:key/impact',
    {
      preHandler: editors,
      schema: {
        tags: ['rulesets'],
        summary: 'Dampak draf aturan: mulai menghitung ulang nota permohonan (terbuka, dan terdaftar sejak `since`, bawaan 3 bulan) dengan draf pada tanggal `asOf` (bawaan: awal periode terbaru draf)',
        params: keyParams,
        body: { type: 'object', properties: { asOf: { type: 'string', pattern: DATE_PATTERN }, since: { type: 'string', pattern: DATE_PATTERN } }, additionalProperties: false },
        response: { 202: started, ...errorResponses },
      },
    },
    async (request, reply) => {
      const out = await startRuleSetImpact(app.db, request.params.key, request.body ?? {}, request.user!.username, supervisedOffices(request.user!));
      app.changeJobs.kick();
      return reply.code(202).send(out);
    },
  );

  app.get<{ Params: { key: string; id: string }; Querystring: { limit: number } }>(
    '/api/rulesets/:key/impact/:id',
    {
      preHandler: editors,
      schema: {
        tags: ['rulesets'],
        summary: 'Dampak draf aturan: status, kemajuan 0–1, ringkasan (berubah, jumlah rupiah sebelum/sesudah, perubahan terbesar) dan per permohonan, terbesar dulu',
        params: jobParams,
        querystring: limitQuery,
        response: { 200: jobAnswer, ...errorResponses },
      },
    },
    async (request) => impactView(app.db, await getChangeJob(app.db, 'ruleset-impact', request.params.key, request.params.id), request.query.limit),
  );

  app.post<{ Params: { key: string } }>(
    '/api/processes/:key/impact',
    {
      preHandler: editors,
      schema: {
        tags: ['processes'],
        summary: 'Dampak draf proses: mulai mencari permohonan terbuka yang berada pada langkah yang dihapus atau diubah draf',
        params: keyParams,
        response: { 202: started, ...errorResponses },
      },
    },
    async (request, reply) => {
      const out = await startProcessImpact(app.db, request.params.key, request.user!.username, supervisedOffices(request.user!));
      app.changeJobs.kick();
      return reply.code(202).send(out);
    },
  );

  app.get<{ Params: { key: string; id: string }; Querystring: { limit: number } }>(
    '/api/processes/:key/impact/:id',
    {
      preHandler: editors,
      schema: {
        tags: ['processes'],
        summary: 'Dampak draf proses: per langkah, berapa permohonan terbuka berada di sana; per permohonan, langkahnya',
        params: jobParams,
        querystring: limitQuery,
        response: { 200: jobAnswer, ...errorResponses },
      },
    },
    async (request) => impactView(app.db, await getChangeJob(app.db, 'process-impact', request.params.key, request.params.id), request.query.limit),
  );

  app.get<{ Params: { key: string }; Querystring: { from: number; to: number } }>(
    '/api/processes/:key/migrations/options',
    {
      preHandler: editors,
      schema: {
        tags: ['processes'],
        summary: 'Penyunting pemetaan migrasi: elemen versi asal tanpa elemen sama-id di versi tujuan, dan elemen versi tujuan',
        params: keyParams,
        querystring: { type: 'object', properties: { from: { type: 'integer', minimum: 1 }, to: { type: 'integer', minimum: 1 } }, required: ['from', 'to'], additionalProperties: false },
        response: {
          200: {
            type: 'object',
            properties: {
              unmatched: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' } } } },
              targets: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' } } } },
            },
            required: ['unmatched', 'targets'],
          },
          ...errorResponses,
        },
      },
    },
    async (request) => migrationOptions(app.db, request.params.key, request.query.from, request.query.to),
  );

  app.post<{ Params: { key: string }; Body: MigrationInput }>(
    '/api/processes/:key/migrations',
    {
      preHandler: writers,
      schema: {
        tags: ['processes'],
        summary: 'Migrasi permohonan berjalan dari versi `from` ke `to` (pemetaan id elemen lama → baru; bawaan id yang sama); `dryRun` hanya memeriksa',
        params: keyParams,
        body: {
          type: 'object',
          properties: {
            from: { type: 'integer', minimum: 1 },
            to: { type: 'integer', minimum: 1 },
            mapping: { type: 'object', additionalProperties: { type: 'string', minLength: 1, maxLength: 200 }, maxProperties: 500 },
            dryRun: { type: 'boolean', default: false },
          },
          required: ['from', 'to'],
          additionalProperties: false,
        },
        response: { 202: started, ...errorResponses },
      },
    },
    async (request, reply) => {
      const out = await startMigration(app.db, request.params.key, request.body, request.user!.username, supervisedOffices(request.user!));
      app.changeJobs.kick();
      return reply.code(202).send(out);
    },
  );

  app.get<{ Params: { key: string; id: string }; Querystring: { limit: number } }>(
    '/api/processes/:key/migrations/:id',
    {
      preHandler: editors,
      schema: {
        tags: ['processes'],
        summary: 'Migrasi: status, kemajuan 0–1, hitungan dan hasil per permohonan {instanceId, status: ok|blocked|moved|failed, reason?}',
        params: jobParams,
        querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 5000, default: 1000 } }, additionalProperties: false },
        response: { 200: jobAnswer, ...errorResponses },
      },
    },
    async (request) => migrationView(app.db, await getChangeJob(app.db, 'migration', request.params.key, request.params.id), request.query.limit),
  );
}

const approvalBody = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    kind: { type: 'string' },
    key: { type: 'string' },
    status: { type: 'string', enum: ['pending', 'approved', 'rejected'] },
    draftRevision: { type: 'integer' },
    effectiveFrom: { type: 'string' },
    note: { type: 'string' },
    legalBasis: { type: ['object', 'null'], properties: { regulation: { type: 'string' }, article: { type: 'string' }, date: { type: 'string' } } },
    submittedBy: { type: 'string' },
    submittedAt: { type: 'string', format: 'date-time' },
    decidedBy: { type: ['string', 'null'] },
    decidedAt: { type: ['string', 'null'], format: 'date-time' },
    comment: { type: ['string', 'null'] },
    publication: { type: ['integer', 'null'] },
  },
  required: ['id', 'status', 'draftRevision', 'effectiveFrom', 'submittedBy'],
} as const;
const submitBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    effectiveFrom: { type: 'string', pattern: DATE_PATTERN },
    note: { type: 'string', maxLength: 2000 },
    legalBasis: {
      type: 'object',
      additionalProperties: false,
      properties: { regulation: { type: 'string', maxLength: 500 }, article: { type: 'string', maxLength: 500 }, date: { type: 'string', anyOf: [{ pattern: DATE_PATTERN }, { maxLength: 0 }] } },
    },
  },
} as const;

/** Two people for a publication (issue 19), the same routes for processes and rule sets. */
function approvalRoutes(kind: DocumentKind, base: string, tag: string) {
  return async function (app: FastifyInstance): Promise<void> {
    const editors = [app.authenticate, requireRole('admin', 'manager')];
    // who changes what every office runs (core/access.ts): admins and managers of every office
    const writers = [app.authenticate, requirePolicy(mayEditProcesses)];
    app.get<{ Params: { key: string } }>(
      `${base}/:key/approvals`,
      {
        preHandler: editors,
        schema: {
          tags: [tag],
          summary: 'Persetujuan penerbitan: apakah dokumen mensyaratkannya, dan pengajuannya (terbaru dulu)',
          params: keyParams,
          response: { 200: { type: 'object', properties: { required: { type: 'boolean' }, approvals: { type: 'array', items: approvalBody } }, required: ['required', 'approvals'] }, ...errorResponses },
        },
      },
      async (request) => listApprovals(app.db, kind, request.params.key),
    );
    app.put<{ Params: { key: string }; Body: { required: boolean } }>(
      `${base}/:key/approval-setting`,
      {
        preHandler: [app.authenticate, requireRole('admin')],
        schema: {
          tags: [tag],
          summary: 'Admin: penerbitan dokumen ini harus disetujui orang kedua (ya/tidak)',
          params: keyParams,
          body: { type: 'object', properties: { required: { type: 'boolean' } }, required: ['required'], additionalProperties: false },
          response: { 200: { type: 'object', properties: { required: { type: 'boolean' } }, required: ['required'] }, ...errorResponses },
        },
      },
      async (request) => setApprovalRequired(app.db, kind, request.params.key, request.body.required, request.user!.username),
    );
    app.post<{ Params: { key: string }; Body: { effectiveFrom?: string; note?: string; legalBasis?: LegalBasis } }>(
      `${base}/:key/approvals`,
      {
        preHandler: editors,
        schema: {
          tags: [tag],
          summary: 'Ajukan draf untuk diterbitkan setelah disetujui orang kedua (tanggal berlaku, catatan, dasar hukum)',
          params: keyParams,
          body: submitBody,
          response: { 201: approvalBody, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await submitForApproval(app.db, { kind, key: request.params.key, ...(request.body ?? {}), actor: request.user!.username })),
    );
    app.post<{ Params: { key: string; id: string } }>(
      `${base}/:key/approvals/:id/approve`,
      {
        preHandler: writers,
        schema: {
          tags: [tag],
          summary: 'Setujui pengajuan (bukan oleh pengajunya): revisi yang diajukan diterbitkan',
          params: jobParams,
          response: { 200: { type: 'object', properties: { approval: approvalBody, version: { type: 'integer' } }, required: ['approval', 'version'] }, ...errorResponses },
        },
      },
      async (request) => {
        const out = await approve(app.db, kind, request.params.key, request.params.id, request.user!.username);
        return { approval: out.approval, version: out.published.publication.n };
      },
    );
    app.post<{ Params: { key: string; id: string }; Body: { comment: string } }>(
      `${base}/:key/approvals/:id/reject`,
      {
        preHandler: editors,
        schema: {
          tags: [tag],
          summary: 'Kembalikan pengajuan dengan komentar (bukan oleh pengajunya)',
          params: jobParams,
          body: { type: 'object', properties: { comment: { type: 'string', minLength: 1, maxLength: 2000 } }, required: ['comment'], additionalProperties: false },
          response: { 200: approvalBody, ...errorResponses },
        },
      },
      async (request) => reject(app.db, kind, request.params.key, request.params.id, request.user!.username, request.body.comment),
    );
  };
}

export const processApprovalRoutes = approvalRoutes('process', '/api/processes', 'processes');
export const rulesetApprovalRoutes = approvalRoutes('ruleset', '/api/rulesets', 'rulesets');
