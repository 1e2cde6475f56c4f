import type { FastifyInstance } from 'fastify';
import type { CalendarDefinition } from '../../core/working-time.js';
import { AppError } from '../errors.js';
import { CALENDAR_CHANNEL, calendarCache, getCalendar, putCalendar } from '../services/calendars.js';
import { mayEditCalendar, mayReadCalendar } from '../services/cockpit-access.js';
import { errorResponses } from './schemas.js';

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
 * The managers' cockpit (issue 18): office working calendars.
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
}
