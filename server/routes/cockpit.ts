import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypedApp as App } from './typed-app.js';
import { AppError } from '../errors.js';
import { CALENDAR_CHANNEL, calendarCache, getCalendar, putCalendar, type OfficeCalendar as Calendar } from '../services/offices/calendars.js';
import { mayEditCalendar, mayReadCalendar } from '../services/cockpit/cockpit-access.js';
import { heatmap, overview, scopeOf, stepDetail, workload } from '../services/cockpit/analytics.js';
import { exportTables, type ExportTable } from '../services/cockpit/analytics-export.js';
import { createDelegation, deleteDelegation, listDelegations } from '../services/workspace/delegations.js';
import { reassignTask, takeTask } from '../services/workspace/escalation.js';
import { taskView } from '../services/runtime/runtime.js';
import { Task } from '../../contracts/runtime.js';
import { contentDisposition } from '../../core/content-disposition.js';
import { errorResponses, IdParams, NoContent } from '../../contracts/common.js';
import {
  AnalyticsQuery,
  CalendarBody,
  CalendarParams,
  Delegation,
  DelegationParams,
  HeatmapAnswer,
  NewDelegation,
  OfficeCalendar,
  OverviewAnswer,
  ReassignBody,
  StepDetailAnswer,
  StepParams,
  WorkloadAnswer,
} from '../../contracts/cockpit.js';

/** The calendar as the answer's schema types it (its own arrays, not the cache's read-only ones). */
const answer = (c: Calendar): OfficeCalendar => ({ ...c, week: [...c.week], holidays: [...c.holidays] });

/**
 * The managers' cockpit (issue 18): office working calendars, supervisors' actions on tasks.
 */

export default async function cockpitRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  await calendarRoutes(app);
  supervisorRoutes(app);
  delegationRoutes(app);
  analyticsRoutes(app);
}

/** Office working calendars (admin edits; the office's managers read). */
async function calendarRoutes(app: App): Promise<void> {
  if (app.listener) {
    // Another server changed a calendar (or the LISTEN connection came back): reload on next use.
    const cache = calendarCache(app.db);
    const stop = await app.listener.listen(CALENDAR_CHANNEL, { notify: () => cache.invalidate(), state: () => cache.invalidate() });
    app.addHook('onClose', async () => stop());
  }

  app.get(
    '/api/admin/offices/:key/calendar',
    {
      preHandler: [app.authenticate],
      schema: {
        tags: ['admin'],
        summary: 'Kalender kerja kantor: jam buka per hari (Minggu…Sabtu, Asia/Jakarta), hari libur dan cuti bersama (admin, manajer kantor itu)',
        params: CalendarParams,
        response: { 200: OfficeCalendar, ...errorResponses },
      },
    },
    async (request) => {
      if (!mayReadCalendar(request.user!, request.params.key)) throw new AppError('FORBIDDEN', 'Anda tidak berwenang melihat kalender kantor ini', { office: request.params.key });
      return answer(await getCalendar(app.db, request.params.key));
    },
  );

  app.put(
    '/api/admin/offices/:key/calendar',
    {
      preHandler: [app.authenticate],
      schema: {
        tags: ['admin'],
        summary: 'Ubah kalender kerja kantor (admin); tenggat tugas terbuka kantor itu dihitung ulang dalam transaksi yang sama',
        params: CalendarParams,
        body: CalendarBody,
        response: { 200: OfficeCalendar, ...errorResponses },
      },
    },
    async (request) => {
      if (!mayEditCalendar(request.user!)) throw new AppError('FORBIDDEN', 'Hanya admin yang dapat mengubah kalender kantor', { office: request.params.key });
      // the schema's default has filled in `assumption`
      const holidays = request.body.holidays.map((h) => ({ ...h, assumption: h.assumption ?? false }));
      const { calendar, tasksUpdated } = await putCalendar(app.db, request.params.key, { week: request.body.week, holidays }, request.user!.username);
      return { ...answer(calendar), tasksUpdated };
    },
  );
}

/** A supervisor's actions on an open task of their post and office. */
function supervisorRoutes(app: App): void {
  app.post(
    '/api/tasks/:id/reassign',
    {
      preHandler: [app.authenticate],
      schema: {
        tags: ['tasks'],
        summary: 'Pengawas mengalihkan tugas terbuka ke petugas lain dengan jabatan dan kantor yang sama (tercatat di riwayat)',
        params: IdParams,
        body: ReassignBody,
        response: { 200: Task, ...errorResponses },
      },
    },
    async (request) => taskView(await reassignTask(app.db, request.user!, request.params.id, request.body.username)),
  );

  app.post(
    '/api/tasks/:id/take',
    {
      preHandler: [app.authenticate],
      schema: {
        tags: ['tasks'],
        summary: 'Pengawas mengambil alih tugas terbuka (tercatat di riwayat)',
        params: IdParams,
        response: { 200: Task, ...errorResponses },
      },
    },
    async (request) => taskView(await takeTask(app.db, request.user!, request.params.id)),
  );
}

/** Posts delegated for a date range (an officer on leave, or set by an admin or supervisor). */
function delegationRoutes(app: App): void {
  app.get(
    '/api/delegations',
    {
      preHandler: [app.authenticate],
      schema: {
        tags: ['delegations'],
        summary: 'Delegasi jabatan: milik sendiri (diberikan/diterima) dan, bagi manajer/admin, delegasi di kantor yang dikelola',
        response: { 200: Type.Array(Delegation), ...errorResponses },
      },
    },
    async (request) => listDelegations(app.db, request.user!),
  );

  app.post(
    '/api/delegations',
    {
      preHandler: [app.authenticate],
      schema: {
        tags: ['delegations'],
        summary: 'Delegasikan jabatan (peran × kantor) ke rekan dengan peran yang sama untuk rentang tanggal (Asia/Jakarta); oleh petugas itu, admin atau pengawas kantor',
        body: NewDelegation,
        response: { 201: Delegation, ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return createDelegation(app.db, request.user!, request.body);
    },
  );

  app.delete(
    '/api/delegations/:id',
    {
      preHandler: [app.authenticate],
      schema: {
        tags: ['delegations'],
        summary: 'Hapus (akhiri) delegasi',
        params: DelegationParams,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteDelegation(app.db, request.user!, request.params.id);
      reply.code(204);
    },
  );
}

/** Kinerja: the dashboard's tables and the heatmap, as JSON, CSV or XLSX. */
function analyticsRoutes(app: App): void {
  type Q = Static<typeof AnalyticsQuery>;
  const send = async <B extends { filter: { from: string; to: string } }>(reply: FastifyReply, q: Q, name: string, body: B, tables: () => ExportTable[]): Promise<B | FastifyReply> => {
    if (!q.format || q.format === 'json') return body;
    const file = await exportTables(q.format, `Kinerja ${name}: ${q.process}`, body.filter, tables());
    const fileName = `kinerja-${name}-${q.process}-${body.filter.from}-${body.filter.to}.${q.format}`;
    reply.header('content-type', q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    reply.header('content-disposition', contentDisposition('attachment', fileName));
    return reply.send(file);
  };

  app.get(
    '/api/analytics/overview',
    {
      preHandler: [app.authenticate],
      schema: {
        tags: ['analytics'],
        summary: 'Kinerja per proses dan kantor: dimulai, selesai, terbuka, waktu siklus p50/p90 vs total Waktu SOP, ketepatan waktu, umur tunggakan, throughput mingguan, tingkat keputusan (manajer kantor, admin)',
        querystring: AnalyticsQuery,
        response: { 200: OverviewAnswer, ...errorResponses },
      },
    },
    async (request, reply) => {
      const body = await overview(app.db, scopeOf(request.user!, request.query));
      return send(reply, request.query, 'ringkasan', body, () => [
        {
          name: 'Ringkasan',
          columns: ['dimulai', 'selesai', 'terbuka', 'siklus p50 (detik kerja)', 'siklus p90 (detik kerja)', 'total Waktu SOP (detik kerja)', 'tepat waktu'],
          rows: [[body.started, body.completed, body.open, body.cycleSeconds.p50, body.cycleSeconds.p90, body.sopTotalSeconds, body.onTimeRate]],
        },
        { name: 'Umur tunggakan', columns: ['umur', 'jumlah'], rows: body.backlog.map((b) => [b.bucket, b.n]) },
        { name: 'Throughput mingguan', columns: ['minggu (Senin)', 'selesai'], rows: body.throughput.map((w) => [w.week, w.completed]) },
        { name: 'Keputusan', columns: ['keputusan', 'alur', 'jumlah', 'tingkat'], rows: body.decisions.flatMap((d) => d.flows.map((f) => [d.name, f.name, f.n, f.rate])) },
      ]);
    },
  );

  app.get(
    '/api/analytics/heatmap',
    {
      preHandler: [app.authenticate],
      schema: {
        tags: ['analytics'],
        summary: 'Peta panas diagram: per tugas tingkat pelanggaran tenggat dan p90 waktu di langkah vs sop:duration; jumlah tiap alur dilalui',
        querystring: AnalyticsQuery,
        response: { 200: HeatmapAnswer, ...errorResponses },
      },
    },
    async (request, reply) => {
      const body = await heatmap(app.db, scopeOf(request.user!, request.query));
      return send(reply, request.query, 'peta-panas', body, () => [
        {
          name: 'Langkah',
          columns: ['langkah', 'id', 'selesai', 'terbuka', 'terlambat terbuka', 'tingkat pelanggaran', 'p50 (detik kerja)', 'p90 (detik kerja)', 'Waktu SOP (detik kerja)'],
          rows: body.tasks.map((t) => [t.name, t.elementId, t.completed, t.open, t.lateOpen, t.breachRate, t.p50Seconds, t.p90Seconds, t.slaSeconds]),
        },
        { name: 'Alur', columns: ['alur', 'id', 'dilalui'], rows: body.flows.map((f) => [f.name, f.flowId, f.n]) },
      ]);
    },
  );

  app.get(
    '/api/analytics/workload',
    {
      preHandler: [app.authenticate],
      schema: {
        tags: ['analytics'],
        summary: 'Beban kerja per jabatan (peran × kantor: tugas terbuka, terlambat) dan per petugas (selesai dalam periode, rata-rata waktu)',
        querystring: AnalyticsQuery,
        response: { 200: WorkloadAnswer, ...errorResponses },
      },
    },
    async (request, reply) => {
      const body = await workload(app.db, scopeOf(request.user!, request.query));
      return send(reply, request.query, 'beban-kerja', body, () => [
        { name: 'Per jabatan', columns: ['peran', 'kantor', 'terbuka', 'terlambat'], rows: body.posts.map((p) => [p.role, p.office, p.open, p.late]) },
        { name: 'Per petugas', columns: ['petugas', 'peran', 'kantor', 'selesai', 'rata-rata (detik kerja)'], rows: body.officers.map((o) => [o.officer, o.role, o.office, o.completed, o.avgSeconds]) },
      ]);
    },
  );

  app.get(
    '/api/analytics/steps/:elementId',
    {
      preHandler: [app.authenticate],
      schema: {
        tags: ['analytics'],
        summary: 'Satu langkah: sebaran waktu di langkah dan kasus terbuka terlama',
        params: StepParams,
        querystring: AnalyticsQuery,
        response: { 200: StepDetailAnswer, ...errorResponses },
      },
    },
    async (request, reply) => {
      const s = scopeOf(request.user!, request.query);
      const body = { filter: { process: s.process, offices: s.offices, from: s.from, to: s.to, publication: s.publication ?? null }, ...(await stepDetail(app.db, s, request.params.elementId)) };
      return send(reply, request.query, `langkah-${request.params.elementId}`, body, () => [
        { name: 'Sebaran', columns: ['dari (detik)', 'sampai (detik)', 'jumlah'], rows: body.buckets.map((b) => [b.fromSeconds, b.toSeconds, b.n]) },
        { name: 'Kasus terbuka terlama', columns: ['nomor', 'kantor', 'masuk', 'tenggat'], rows: body.slowestOpen.map((c) => [c.businessKey, c.office, c.createdAt, c.dueAt]) },
      ]);
    },
  );
}
