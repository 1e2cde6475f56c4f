import type { FastifyInstance } from 'fastify';
import type { CalendarDefinition } from '../../core/working-time.js';
import { AppError } from '../errors.js';
import { CALENDAR_CHANNEL, calendarCache, getCalendar, putCalendar } from '../services/offices/calendars.js';
import { mayEditCalendar, mayReadCalendar } from '../services/cockpit/cockpit-access.js';
import { heatmap, overview, scopeOf, stepDetail, workload, type AnalyticsFilter } from '../services/cockpit/analytics.js';
import { exportTables, type ExportFormat, type ExportTable } from '../services/cockpit/analytics-export.js';
import { createDelegation, deleteDelegation, listDelegations, type NewDelegation } from '../services/workspace/delegations.js';
import { reassignTask, takeTask } from '../services/workspace/escalation.js';
import { taskView } from '../services/runtime/runtime.js';
import { Task } from '../../contracts/runtime.js';
import { errorResponses, IdParams } from '../../contracts/common.js';
import { contentDisposition } from '../../core/content-disposition.js';

const officeParams = { type: 'object', additionalProperties: false, properties: { key: { type: 'string', minLength: 1, maxLength: 64 } }, required: ['key'] } as const;
const dayHours = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: { open: { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }, close: { type: 'string', pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' } },
  required: ['open', 'close'],
} as const;
const holiday = {
  type: 'object',
  additionalProperties: false,
  properties: {
    date: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    kind: { type: 'string', enum: ['libur-nasional', 'cuti-bersama', 'libur-lokal'] },
    assumption: { type: 'boolean', default: false },
  },
  required: ['date', 'name', 'kind'],
} as const;
const calendarBody = {
  type: 'object',
  additionalProperties: false,
  properties: { week: { type: 'array', minItems: 7, maxItems: 7, items: dayHours }, holidays: { type: 'array', maxItems: 1000, items: holiday } },
  required: ['week', 'holidays'],
} as const;
const calendarAnswer = {
  type: 'object',
  properties: {
    office: { type: 'string' },
    week: calendarBody.properties.week,
    holidays: calendarBody.properties.holidays,
    custom: { type: 'boolean' },
    updatedBy: { type: ['string', 'null'] },
    updatedAt: { type: ['string', 'null'] },
    tasksUpdated: { type: 'integer' },
  },
  required: ['office', 'week', 'holidays', 'custom', 'updatedBy', 'updatedAt'],
} as const;

/**
 * The managers' cockpit (issue 18): office working calendars, supervisors' actions on tasks.
 */
export default async function cockpitRoutes(app: FastifyInstance): Promise<void> {
  if (app.listener) {
    // Another server changed a calendar (or the LISTEN connection came back): reload on next use.
    const cache = calendarCache(app.db);
    const stop = await app.listener.listen(CALENDAR_CHANNEL, { notify: () => cache.invalidate(), state: () => cache.invalidate() });
    app.addHook('onClose', async () => stop());
  }

  app.get<{ Params: { key: string } }>(
    '/api/admin/offices/:key/calendar',
    {
      preHandler: [app.authenticate],
      schema: {
        tags: ['admin'],
        summary: 'Kalender kerja kantor: jam buka per hari (Minggu…Sabtu, Asia/Jakarta), hari libur dan cuti bersama (admin, manajer kantor itu)',
        params: officeParams,
        response: { 200: calendarAnswer, ...errorResponses },
      },
    },
    async (request) => {
      if (!mayReadCalendar(request.user!, request.params.key)) throw new AppError('FORBIDDEN', 'Anda tidak berwenang melihat kalender kantor ini', { office: request.params.key });
      return getCalendar(app.db, request.params.key);
    },
  );

  app.put<{ Params: { key: string }; Body: CalendarDefinition }>(
    '/api/admin/offices/:key/calendar',
    {
      preHandler: [app.authenticate],
      schema: {
        tags: ['admin'],
        summary: 'Ubah kalender kerja kantor (admin); tenggat tugas terbuka kantor itu dihitung ulang dalam transaksi yang sama',
        params: officeParams,
        body: calendarBody,
        response: { 200: calendarAnswer, ...errorResponses },
      },
    },
    async (request) => {
      if (!mayEditCalendar(request.user!)) throw new AppError('FORBIDDEN', 'Hanya admin yang dapat mengubah kalender kantor', { office: request.params.key });
      const { calendar, tasksUpdated } = await putCalendar(app.db, request.params.key, request.body, request.user!.username);
      return { ...calendar, tasksUpdated };
    },
  );

  app.post<{ Params: { id: string }; Body: { username: string } }>(
    '/api/tasks/:id/reassign',
    {
      preHandler: [app.authenticate],
      schema: {
        tags: ['tasks'],
        summary: 'Pengawas mengalihkan tugas terbuka ke petugas lain dengan jabatan dan kantor yang sama (tercatat di riwayat)',
        params: IdParams,
        body: { type: 'object', additionalProperties: false, properties: { username: { type: 'string', minLength: 1, maxLength: 64 } }, required: ['username'] },
        response: { 200: Task, ...errorResponses },
      },
    },
    async (request) => taskView(await reassignTask(app.db, request.user!, request.params.id, request.body.username)),
  );

  app.post<{ Params: { id: string } }>(
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

  const delegation = {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      role: { type: 'string' },
      office: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      startsOn: { type: 'string' },
      endsOn: { type: 'string' },
      reason: { type: ['string', 'null'] },
      createdBy: { type: 'string' },
      createdAt: { type: 'string' },
    },
    required: ['id', 'role', 'office', 'from', 'to', 'startsOn', 'endsOn', 'reason', 'createdBy', 'createdAt'],
  } as const;
  const day = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' } as const;

  app.get(
    '/api/delegations',
    {
      preHandler: [app.authenticate],
      schema: {
        tags: ['delegations'],
        summary: 'Delegasi jabatan: milik sendiri (diberikan/diterima) dan, bagi manajer/admin, delegasi di kantor yang dikelola',
        response: { 200: { type: 'array', items: delegation }, ...errorResponses },
      },
    },
    async (request) => listDelegations(app.db, request.user!),
  );

  app.post<{ Body: NewDelegation }>(
    '/api/delegations',
    {
      preHandler: [app.authenticate],
      schema: {
        tags: ['delegations'],
        summary: 'Delegasikan jabatan (peran × kantor) ke rekan dengan peran yang sama untuk rentang tanggal (Asia/Jakarta); oleh petugas itu, admin atau pengawas kantor',
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            role: { type: 'string', minLength: 1, maxLength: 64 },
            office: { type: 'string', minLength: 1, maxLength: 64 },
            from: { type: 'string', minLength: 1, maxLength: 64 },
            to: { type: 'string', minLength: 1, maxLength: 64 },
            startsOn: day,
            endsOn: day,
            reason: { type: 'string', maxLength: 500 },
          },
          required: ['role', 'office', 'to', 'startsOn', 'endsOn'],
        },
        response: { 201: delegation, ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return createDelegation(app.db, request.user!, request.body);
    },
  );

  app.delete<{ Params: { id: number } }>(
    '/api/delegations/:id',
    {
      preHandler: [app.authenticate],
      schema: {
        tags: ['delegations'],
        summary: 'Hapus (akhiri) delegasi',
        params: { type: 'object', additionalProperties: false, properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] },
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteDelegation(app.db, request.user!, request.params.id);
      reply.code(204);
    },
  );

  const analyticsQuery = {
    type: 'object',
    additionalProperties: false,
    properties: {
      process: { type: 'string', minLength: 1, maxLength: 128 },
      office: { type: 'string', minLength: 1, maxLength: 64 },
      from: day,
      to: day,
      publication: { type: 'integer', minimum: 1 },
      format: { type: 'string', enum: ['json', 'csv', 'xlsx'] },
    },
    required: ['process'],
  } as const;
  type Q = AnalyticsFilter & { format?: 'json' | ExportFormat };
  const send = async (reply: import('fastify').FastifyReply, q: Q, name: string, body: { filter: Record<string, unknown> }, tables: () => ExportTable[]) => {
    if (!q.format || q.format === 'json') return body;
    const file = await exportTables(q.format, `Kinerja ${name}: ${q.process}`, body.filter, tables());
    const fileName = `kinerja-${name}-${q.process}-${String(body.filter.from)}-${String(body.filter.to)}.${q.format}`;
    reply.header('content-type', q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    reply.header('content-disposition', contentDisposition('attachment', fileName));
    return reply.send(file);
  };
  const exported = { 200: { description: 'JSON, or the tables as CSV / XLSX with ?format=csv|xlsx (filters in the file)', type: 'object', additionalProperties: true }, ...errorResponses };

  app.get<{ Querystring: Q }>(
    '/api/analytics/overview',
    {
      preHandler: [app.authenticate],
      schema: {
        tags: ['analytics'],
        summary: 'Kinerja per proses dan kantor: dimulai, selesai, terbuka, waktu siklus p50/p90 vs total Waktu SOP, ketepatan waktu, umur tunggakan, throughput mingguan, tingkat keputusan (manajer kantor, admin)',
        querystring: analyticsQuery,
        response: exported,
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

  app.get<{ Querystring: Q }>(
    '/api/analytics/heatmap',
    {
      preHandler: [app.authenticate],
      schema: {
        tags: ['analytics'],
        summary: 'Peta panas diagram: per tugas tingkat pelanggaran tenggat dan p90 waktu di langkah vs sop:duration; jumlah tiap alur dilalui',
        querystring: analyticsQuery,
        response: exported,
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

  app.get<{ Querystring: Q }>(
    '/api/analytics/workload',
    {
      preHandler: [app.authenticate],
      schema: {
        tags: ['analytics'],
        summary: 'Beban kerja per jabatan (peran × kantor: tugas terbuka, terlambat) dan per petugas (selesai dalam periode, rata-rata waktu)',
        querystring: analyticsQuery,
        response: exported,
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

  app.get<{ Params: { elementId: string }; Querystring: Q }>(
    '/api/analytics/steps/:elementId',
    {
      preHandler: [app.authenticate],
      schema: {
        tags: ['analytics'],
        summary: 'Satu langkah: sebaran waktu di langkah dan kasus terbuka terlama',
        params: { type: 'object', additionalProperties: false, properties: { elementId: { type: 'string', minLength: 1, maxLength: 128 } }, required: ['elementId'] },
        querystring: analyticsQuery,
        response: exported,
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
