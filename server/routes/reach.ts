import type { FastifyInstance } from 'fastify';
import { isAdmin } from '../../core/access.js';
import { SKM_ITEMS } from '../../core/skm.js';
import { AppError } from '../errors.js';
import { exportTables, type ExportFormat } from '../services/cockpit/analytics-export.js';
import { mayUseCockpit } from '../services/cockpit/cockpit-access.js';
import { paymentDueDays, setPaymentDueDays } from '../services/workspace/payment-due.js';
import { answerSurvey, ikmReport, ikmReportTables, surveyForm, type IkmFilter } from '../services/notifications/skm.js';
import { trackApplication } from '../services/workspace/tracking.js';
import { complainAboutTracked, type PublicComplaint } from '../services/workspace/complaints.js';
import { KEY_PATTERN } from '../services/store/store.js';
import { errorResponses } from '../../contracts/common.js';
import { contentDisposition } from '../../core/content-disposition.js';

const day = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' } as const;
const tokenParams = { type: 'object', additionalProperties: false, properties: { token: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' } }, required: ['token'] } as const;
const str = { type: 'string' } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const expected = { type: 'object', additionalProperties: true, properties: { kind: str } } as const;

/** Reaching the applicant: public tracking, the satisfaction survey and its IKM, payment due days. */
export default async function reachRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Body: { number: string; pin: string } }>(
    '/api/public/track',
    {
      schema: {
        tags: ['public'],
        summary: 'Lacak permohonan dengan nomor pendaftaran dan PIN (tanpa masuk). Nomor tak dikenal dan PIN salah dijawab sama (404 TRACKING_NOT_FOUND); dibatasi per nomor dan per alamat (429 RATE_LIMITED)',
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { number: { type: 'string', minLength: 1, maxLength: 64 }, pin: { type: 'string', pattern: '^[0-9]{6}$' } },
          required: ['number', 'pin'],
        },
        response: {
          200: {
            type: 'object',
            properties: {
              number: str,
              service: str,
              office: str,
              firstName: nullableStr,
              status: str,
              submittedAt: str,
              endedAt: nullableStr,
              currentSteps: { type: 'array', items: str },
              stepsDone: { type: 'array', items: { type: 'object', properties: { step: str, at: str } } },
              applicantActions: { type: 'array', items: expected },
              expectedCompletion: { type: ['object', 'null'], properties: { date: str, workingDays: { type: 'integer' } } },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => trackApplication(app.db, { number: request.body.number, pin: request.body.pin, address: request.ip }),
  );

  app.post<{ Body: PublicComplaint }>(
    '/api/public/complaints',
    {
      schema: {
        tags: ['public'],
        summary:
          'Pengaduan dari halaman lacak (tanpa masuk): nomor pendaftaran dan PIN permohonan yang diadukan (cek dan batas yang sama dengan pelacakan); pengaduan diteruskan ke pos pengelola pengaduan kantor itu, jawabannya dikirim ke pemohon',
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            number: { type: 'string', minLength: 1, maxLength: 64 },
            pin: { type: 'string', pattern: '^[0-9]{6}$' },
            perihal: { type: 'string', minLength: 3, maxLength: 200 },
            isiPengaduan: { type: 'string', minLength: 10, maxLength: 4000 },
          },
          required: ['number', 'pin', 'perihal', 'isiPengaduan'],
        },
        response: { 201: { type: 'object', properties: { number: str } }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const filed = await complainAboutTracked(app.db, { ...request.body, address: request.ip, runtime: app.runtime });
      return reply.code(201).send(filed);
    },
  );

  app.get<{ Params: { token: string } }>(
    '/api/public/survey/:token',
    {
      schema: {
        tags: ['public'],
        summary: 'Survei Kepuasan Masyarakat dari tautan undangan (tanpa masuk): layanan, kantor, 9 unsur (409 bila sudah diisi)',
        params: tokenParams,
        response: {
          200: { type: 'object', properties: { service: str, office: str, items: { type: 'array', items: { type: 'object', properties: { code: str, id: str, en: str } } } } },
          ...errorResponses,
        },
      },
    },
    async (request) => surveyForm(app.db, request.params.token),
  );

  app.post<{ Params: { token: string }; Body: { answers: number[]; comment?: string } }>(
    '/api/public/survey/:token',
    {
      schema: {
        tags: ['public'],
        summary: 'Jawab survei: 9 nilai 1–4 (urut unsur U1–U9) dan komentar; sekali pakai (409 SURVEY_ALREADY_ANSWERED)',
        params: tokenParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            answers: { type: 'array', minItems: SKM_ITEMS.length, maxItems: SKM_ITEMS.length, items: { type: 'integer', minimum: 1, maximum: 4 } },
            comment: { type: 'string', maxLength: 2000 },
          },
          required: ['answers'],
        },
        response: { 200: { type: 'object', properties: { answered: { type: 'boolean' } } }, ...errorResponses },
      },
    },
    async (request) => answerSurvey(app.db, request.params.token, request.body),
  );

  type IkmQuery = IkmFilter & { format?: 'json' | ExportFormat };
  app.get<{ Querystring: IkmQuery }>(
    '/api/analytics/ikm',
    {
      preHandler: [app.authenticate],
      schema: {
        tags: ['analytics'],
        summary: 'Indeks Kepuasan Masyarakat per kantor dan layanan dalam periode (Permenpan-RB 14/2017) dengan komentar; ?format=csv|xlsx: tabel laporan',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            office: { type: 'string', minLength: 1, maxLength: 64 },
            process: { type: 'string', minLength: 1, maxLength: 128 },
            from: day,
            to: day,
            format: { type: 'string', enum: ['json', 'csv', 'xlsx'] },
          },
        },
        response: { 200: { description: 'JSON, or the report table as CSV / XLSX', type: 'object', additionalProperties: true }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const report = await ikmReport(app.db, request.user!, q);
      if (!q.format || q.format === 'json') return report;
      const file = await exportTables(q.format, 'Indeks Kepuasan Masyarakat (Permenpan-RB 14/2017)', report.filter, ikmReportTables(report));
      reply.header('content-type', q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('content-disposition', contentDisposition('attachment', `ikm-${report.filter.from}-${report.filter.to}.${q.format}`));
      return reply.send(file);
    },
  );

  const serviceParams = { type: 'object', additionalProperties: false, properties: { key: { type: 'string', pattern: KEY_PATTERN } }, required: ['key'] } as const;
  const dueBody = { type: 'object', properties: { processKey: str, paymentDueDays: { type: ['integer', 'null'] } } } as const;
  app.get<{ Params: { key: string } }>(
    '/api/admin/services/:key/payment-due',
    {
      preHandler: [app.authenticate],
      schema: { tags: ['admin'], summary: 'Jatuh tempo pembayaran biaya layanan: hari sejak nota (null: tidak diatur)', params: serviceParams, response: { 200: dueBody, ...errorResponses } },
    },
    async (request) => {
      if (!mayUseCockpit(request.user!)) throw new AppError('FORBIDDEN', 'Hanya admin dan manajer', {});
      return { processKey: request.params.key, paymentDueDays: await paymentDueDays(app.db, request.params.key) };
    },
  );
  app.put<{ Params: { key: string }; Body: { paymentDueDays: number } }>(
    '/api/admin/services/:key/payment-due',
    {
      preHandler: [app.authenticate],
      schema: {
        tags: ['admin'],
        summary: 'Atur jatuh tempo pembayaran biaya layanan (hari sejak nota, 1–365; admin)',
        params: serviceParams,
        body: { type: 'object', additionalProperties: false, properties: { paymentDueDays: { type: 'integer', minimum: 1, maximum: 365 } }, required: ['paymentDueDays'] },
        response: { 200: dueBody, ...errorResponses },
      },
    },
    async (request) => {
      if (!isAdmin(request.user!)) throw new AppError('FORBIDDEN', 'Hanya admin', {});
      return setPaymentDueDays(app.db, request.params.key, request.body.paymentDueDays, request.user!.id);
    },
  );
}
