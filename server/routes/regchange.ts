import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { supervisedOffices } from '../../core/access.js';
import { requirePolicy, requireRole } from '../plugins/auth.js';
import { mayEditProcesses } from '../../core/access.js';
import { approve, listApprovals, reject, setApprovalRequired, submitForApproval } from '../services/store/approvals.js';
import { getChangeJob } from '../services/store/change-jobs.js';
import { DATE_PATTERN } from '../services/offices/dates.js';
import { impactView, startProcessImpact, startRuleSetImpact } from '../services/store/impact.js';
import { migrationOptions, migrationView, startMigration } from '../services/store/migrations.js';
import { KEY_PATTERN, type DocumentKind } from '../services/store/store.js';
import { errorResponses } from '../../contracts/common.js';
import {
  ApprovalList,
  ApprovalSetting,
  Approved,
  JobAnswer,
  JobParams,
  JobQuery,
  MigrationBody,
  MigrationOptions,
  MigrationOptionsQuery,
  RejectBody,
  RuleImpactBody,
  Started,
} from '../../contracts/regchange.js';
import { Approval, KeyParams, PublishBody } from '../../contracts/store.js';

const keyParams = KeyParams(KEY_PATTERN);
const jobParams = JobParams(KEY_PATTERN);

/**
 * Regulation change (issue 19): "Dampak" of a rule-set or process draft and the migration of
 * running applications, both background runs (services/store/change-jobs.ts) started by POST (202
 * `{id}`) and polled by GET. Managers and admins; a manager's run covers the applications of
 * the offices they are granted (office null = every office).
 */
export default async function regchangeRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const editors = [app.authenticate, requireRole('admin', 'manager')];
  // who changes what every office runs (core/access.ts): admins and managers of every office
  const writers = [app.authenticate, requirePolicy(mayEditProcesses)];

  app.post(
    '/api/rulesets/:key/impact',
    {
      preHandler: editors,
      schema: {
        tags: ['rulesets'],
        summary: 'Dampak draf aturan: mulai menghitung ulang nota permohonan (terbuka, dan terdaftar sejak `since`, bawaan 3 bulan) dengan draf pada tanggal `asOf` (bawaan: awal periode terbaru draf)',
        params: keyParams,
        body: RuleImpactBody(DATE_PATTERN),
        response: { 202: Started, ...errorResponses },
      },
    },
    async (request, reply) => {
      const out = await startRuleSetImpact(app.db, request.params.key, request.body ?? {}, request.user!.username, supervisedOffices(request.user!));
      app.changeJobs.kick();
      return reply.code(202).send(out);
    },
  );

  app.get(
    '/api/rulesets/:key/impact/:id',
    {
      preHandler: editors,
      schema: {
        tags: ['rulesets'],
        summary: 'Dampak draf aturan: status, kemajuan 0–1, ringkasan (berubah, jumlah rupiah sebelum/sesudah, perubahan terbesar) dan per permohonan, terbesar dulu',
        params: jobParams,
        querystring: JobQuery(200),
        response: { 200: JobAnswer, ...errorResponses },
      },
    },
    async (request) => impactView(app.db, await getChangeJob(app.db, 'ruleset-impact', request.params.key, request.params.id), request.query.limit),
  );

  app.post(
    '/api/processes/:key/impact',
    {
      preHandler: editors,
      schema: {
        tags: ['processes'],
        summary: 'Dampak draf proses: mulai mencari permohonan terbuka yang berada pada langkah yang dihapus atau diubah draf',
        params: keyParams,
        response: { 202: Started, ...errorResponses },
      },
    },
    async (request, reply) => {
      const out = await startProcessImpact(app.db, request.params.key, request.user!.username, supervisedOffices(request.user!));
      app.changeJobs.kick();
      return reply.code(202).send(out);
    },
  );

  app.get(
    '/api/processes/:key/impact/:id',
    {
      preHandler: editors,
      schema: {
        tags: ['processes'],
        summary: 'Dampak draf proses: per langkah, berapa permohonan terbuka berada di sana; per permohonan, langkahnya',
        params: jobParams,
        querystring: JobQuery(200),
        response: { 200: JobAnswer, ...errorResponses },
      },
    },
    async (request) => impactView(app.db, await getChangeJob(app.db, 'process-impact', request.params.key, request.params.id), request.query.limit),
  );

  app.get(
    '/api/processes/:key/migrations/options',
    {
      preHandler: editors,
      schema: {
        tags: ['processes'],
        summary: 'Penyunting pemetaan migrasi: elemen versi asal tanpa elemen sama-id di versi tujuan, dan elemen versi tujuan',
        params: keyParams,
        querystring: MigrationOptionsQuery,
        response: { 200: MigrationOptions, ...errorResponses },
      },
    },
    async (request) => migrationOptions(app.db, request.params.key, request.query.from, request.query.to),
  );

  app.post(
    '/api/processes/:key/migrations',
    {
      preHandler: writers,
      schema: {
        tags: ['processes'],
        summary: 'Migrasi permohonan berjalan dari versi `from` ke `to` (pemetaan id elemen lama → baru; bawaan id yang sama); `dryRun` hanya memeriksa',
        params: keyParams,
        body: MigrationBody,
        response: { 202: Started, ...errorResponses },
      },
    },
    async (request, reply) => {
      const out = await startMigration(app.db, request.params.key, request.body, request.user!.username, supervisedOffices(request.user!));
      app.changeJobs.kick();
      return reply.code(202).send(out);
    },
  );

  app.get(
    '/api/processes/:key/migrations/:id',
    {
      preHandler: editors,
      schema: {
        tags: ['processes'],
        summary: 'Migrasi: status, kemajuan 0–1, hitungan dan hasil per permohonan {instanceId, status: ok|blocked|moved|failed, reason?}',
        params: jobParams,
        querystring: JobQuery(1000),
        response: { 200: JobAnswer, ...errorResponses },
      },
    },
    async (request) => migrationView(app.db, await getChangeJob(app.db, 'migration', request.params.key, request.params.id), request.query.limit),
  );
}

/** Two people for a publication (issue 19), the same routes for processes and rule sets. */
function approvalRoutes(kind: DocumentKind, base: string, tag: string) {
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const editors = [app.authenticate, requireRole('admin', 'manager')];
    // who changes what every office runs (core/access.ts): admins and managers of every office
    const writers = [app.authenticate, requirePolicy(mayEditProcesses)];
    app.get(
      `${base}/:key/approvals`,
      {
        preHandler: editors,
        schema: {
          tags: [tag],
          summary: 'Persetujuan penerbitan: apakah dokumen mensyaratkannya, dan pengajuannya (terbaru dulu)',
          params: keyParams,
          response: { 200: ApprovalList, ...errorResponses },
        },
      },
      async (request) => listApprovals(app.db, kind, request.params.key),
    );
    app.put(
      `${base}/:key/approval-setting`,
      {
        preHandler: [app.authenticate, requireRole('admin')],
        schema: {
          tags: [tag],
          summary: 'Admin: penerbitan dokumen ini harus disetujui orang kedua (ya/tidak)',
          params: keyParams,
          body: ApprovalSetting,
          response: { 200: ApprovalSetting, ...errorResponses },
        },
      },
      async (request) => setApprovalRequired(app.db, kind, request.params.key, request.body.required, request.user!.username),
    );
    app.post(
      `${base}/:key/approvals`,
      {
        preHandler: editors,
        schema: {
          tags: [tag],
          summary: 'Ajukan draf untuk diterbitkan setelah disetujui orang kedua (tanggal berlaku, catatan, dasar hukum)',
          params: keyParams,
          // a submission carries what a publication would, decided later by a second person
          body: PublishBody(DATE_PATTERN),
          response: { 201: Approval, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await submitForApproval(app.db, { kind, key: request.params.key, ...(request.body ?? {}), actor: request.user!.username })),
    );
    app.post(
      `${base}/:key/approvals/:id/approve`,
      {
        preHandler: writers,
        schema: {
          tags: [tag],
          summary: 'Setujui pengajuan (bukan oleh pengajunya): revisi yang diajukan diterbitkan',
          params: jobParams,
          response: { 200: Approved, ...errorResponses },
        },
      },
      async (request) => {
        const out = await approve(app.db, kind, request.params.key, request.params.id, request.user!.username);
        return { approval: out.approval, version: out.published.publication.n };
      },
    );
    app.post(
      `${base}/:key/approvals/:id/reject`,
      {
        preHandler: editors,
        schema: {
          tags: [tag],
          summary: 'Kembalikan pengajuan dengan komentar (bukan oleh pengajunya)',
          params: jobParams,
          body: RejectBody,
          response: { 200: Approval, ...errorResponses },
        },
      },
      async (request) => reject(app.db, kind, request.params.key, request.params.id, request.user!.username, request.body.comment),
    );
  };
}

export const processApprovalRoutes = approvalRoutes('process', '/api/processes', 'processes');
export const rulesetApprovalRoutes = approvalRoutes('ruleset', '/api/rulesets', 'rulesets');
