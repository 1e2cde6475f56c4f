import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { isAdmin } from '../../core/access.js';
import { SKM_ITEMS } from '../../core/skm.js';
import { AppError } from '../errors.js';
import { exportTables } from '../services/cockpit/analytics-export.js';
import { mayUseCockpit } from '../services/cockpit/cockpit-access.js';
import { paymentDueDays, setPaymentDueDays } from '../services/workspace/payment-due.js';
import { answerSurvey, ikmReport, ikmReportTables, surveyForm } from '../services/notifications/skm.js';
import { trackApplication } from '../services/workspace/tracking.js';
import { complainAboutTracked } from '../services/workspace/complaints.js';
import { KEY_PATTERN } from '../services/store/store.js';
import { errorResponses } from '../../contracts/common.js';
import { contentDisposition } from '../../core/content-disposition.js';
import {
  ComplaintAnswer,
  ComplaintBody,
  IkmAnswer,
  IkmQuery,
  PaymentDue,
  PaymentDueBody,
  SurveyAnswered,
  SurveyBody,
  SurveyForm,
  SurveyParams,
  TrackBody,
  TrackingAnswer,
} from '../../contracts/reach.js';
import { KeyParams } from '../../contracts/store.js';

/** Reaching the applicant: public tracking, the satisfaction survey and its IKM, payment due days. */
export default async function reachRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/public/track',
    {
      schema: {
        tags: ['public'],
        summary: 'Lacak permohonan dengan nomor pendaftaran dan PIN (tanpa masuk). Nomor tak dikenal dan PIN salah dijawab sama (404 TRACKING_NOT_FOUND); dibatasi per nomor dan per alamat (429 RATE_LIMITED)',
        body: TrackBody,
        response: { 200: TrackingAnswer, ...errorResponses },
      },
    },
    async (request) => trackApplication(app.db, { number: request.body.number, pin: request.body.pin, address: request.ip }),
  );

  app.post(
    '/api/public/complaints',
    {
      schema: {
        tags: ['public'],
        summary:
          'Pengaduan dari halaman lacak (tanpa masuk): nomor pendaftaran dan PIN permohonan yang diadukan (cek dan batas yang sama dengan pelacakan); pengaduan diteruskan ke pos pengelola pengaduan kantor itu, jawabannya dikirim ke pemohon',
        body: ComplaintBody,
        response: { 201: ComplaintAnswer, ...errorResponses },
      },
    },
    async (request, reply) => {
      const filed = await complainAboutTracked(app.db, { ...request.body, address: request.ip, runtime: app.runtime });
      return reply.code(201).send(filed);
    },
  );

  app.get(
    '/api/public/survey/:token',
    {
      schema: {
        tags: ['public'],
        summary: 'Survei Kepuasan Masyarakat dari tautan undangan (tanpa masuk): layanan, kantor, 9 unsur (409 bila sudah diisi)',
        params: SurveyParams,
        response: { 200: SurveyForm, ...errorResponses },
      },
    },
    async (request) => surveyForm(app.db, request.params.token),
  );

  app.post(
    '/api/public/survey/:token',
    {
      schema: {
        tags: ['public'],
        summary: 'Jawab survei: 9 nilai 1–4 (urut unsur U1–U9) dan komentar; sekali pakai (409 SURVEY_ALREADY_ANSWERED)',
        params: SurveyParams,
        body: SurveyBody(SKM_ITEMS.length),
        response: { 200: SurveyAnswered, ...errorResponses },
      },
    },
    async (request) => answerSurvey(app.db, request.params.token, request.body),
  );

  app.get(
    '/api/analytics/ikm',
    {
      preHandler: [app.authenticate],
      schema: {
        tags: ['analytics'],
        summary: 'Indeks Kepuasan Masyarakat per kantor dan layanan dalam periode (Permenpan-RB 14/2017) dengan komentar; ?format=csv|xlsx: tabel laporan',
        querystring: IkmQuery,
        response: { 200: IkmAnswer, ...errorResponses },
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

  const serviceParams = KeyParams(KEY_PATTERN);
  app.get(
    '/api/admin/services/:key/payment-due',
    {
      preHandler: [app.authenticate],
      schema: { tags: ['admin'], summary: 'Jatuh tempo pembayaran biaya layanan: hari sejak nota (null: tidak diatur)', params: serviceParams, response: { 200: PaymentDue, ...errorResponses } },
    },
    async (request) => {
      if (!mayUseCockpit(request.user!)) throw new AppError('FORBIDDEN', 'Hanya admin dan manajer', {});
      return { processKey: request.params.key, paymentDueDays: await paymentDueDays(app.db, request.params.key) };
    },
  );
  app.put(
    '/api/admin/services/:key/payment-due',
    {
      preHandler: [app.authenticate],
      schema: {
        tags: ['admin'],
        summary: 'Atur jatuh tempo pembayaran biaya layanan (hari sejak nota, 1–365; admin)',
        params: serviceParams,
        body: PaymentDueBody,
        response: { 200: PaymentDue, ...errorResponses },
      },
    },
    async (request) => {
      if (!isAdmin(request.user!)) throw new AppError('FORBIDDEN', 'Hanya admin', {});
      return setPaymentDueDays(app.db, request.params.key, request.body.paymentDueDays, request.user!.id);
    },
  );
}
