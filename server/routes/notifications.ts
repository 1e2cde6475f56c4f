import type { FastifyInstance } from 'fastify';
import { CHANNELS, EVENT_KEYS, LANGUAGES, TEMPLATE_LIMITS, type Channel, type Language } from '../../core/notification-events.js';
import { requireRole } from '../plugins/auth.js';
import { requestRecoveryCode, resetPassword } from '../services/accounts/account-recovery.js';
import { channelSettings, listTemplates, readServiceSettings, resetTemplate, saveChannelSettings, saveServiceSettings, saveTemplate, type ServiceSettingsInput } from '../services/notifications/notification-settings.js';
import { errorResponses } from '../../contracts/common.js';

const template = {
  type: 'object',
  properties: { subject: { type: 'string' }, body: { type: 'string' }, custom: { type: 'boolean' }, default: { type: 'object', properties: { subject: { type: 'string' }, body: { type: 'string' } } } },
  required: ['subject', 'body'],
} as const;
const eventTemplates = {
  type: 'object',
  properties: {
    event: { type: 'string' },
    audience: { type: 'string', enum: ['applicant', 'officer', 'account'] },
    fields: { type: 'array', items: { type: 'string' } },
    templates: { type: 'object', properties: { id: template, en: template }, required: ['id', 'en'] },
  },
  required: ['event', 'audience', 'fields', 'templates'],
} as const;
const templateParams = {
  type: 'object',
  additionalProperties: false,
  properties: { event: { type: 'string', maxLength: 64 }, language: { type: 'string', enum: LANGUAGES } },
  required: ['event', 'language'],
} as const;
const channel = { type: 'object', properties: { address: { type: ['string', 'null'] }, enabled: { type: 'boolean' } }, required: ['address', 'enabled'] } as const;
const channelAnswer = { type: 'object', properties: { email: channel, whatsapp: channel, language: { type: 'string', enum: LANGUAGES } }, required: ['email', 'whatsapp', 'language'] } as const;
const dayCount = (max: number) => ({ type: ['integer', 'null'], minimum: 1, maximum: max }) as const;
const serviceSettings = {
  type: 'object',
  properties: { processKey: { type: 'string' }, paymentDueDays: { type: 'integer' }, validMonths: { type: ['integer', 'null'] }, remindDaysBefore: { type: ['integer', 'null'] } },
  required: ['processKey', 'paymentDueDays', 'validMonths', 'remindDaysBefore'],
} as const;
const processParams = { type: 'object', additionalProperties: false, properties: { key: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['key'] } as const;
const identifier = { type: 'string', minLength: 3, maxLength: 200, description: 'nama pengguna, email, atau nomor telepon dalam bentuk apa pun (0812…, +62812…, 62812…)' } as const;

/**
 * Notifications (issue 21): the applicant's channels, the admin's templates of the catalogue
 * (core/notification-events.ts) and per-service settings, and password recovery by a one-time
 * code. The outbox itself is sent by the server's worker (plugins/notifications.ts).
 */
export default async function notificationRoutes(app: FastifyInstance): Promise<void> {
  const admins = [app.authenticate, requireRole('admin')];
  const readers = [app.authenticate, requireRole('admin', 'manager')];

  app.get(
    '/api/me/notification-settings',
    { preHandler: app.authenticate, schema: { tags: ['notifications'], summary: 'Kanal notifikasi saya (email, WhatsApp) dan bahasanya', response: { 200: channelAnswer, ...errorResponses } } },
    async (request) => channelSettings(app.db, request.user!.id),
  );

  app.put<{ Body: { email: boolean; whatsapp: boolean; language: Language } }>(
    '/api/me/notification-settings',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['notifications'],
        summary: 'Memilih kanal notifikasi (notifikasi dalam aplikasi selalu ada)',
        body: { type: 'object', additionalProperties: false, required: ['email', 'whatsapp', 'language'], properties: { email: { type: 'boolean' }, whatsapp: { type: 'boolean' }, language: { type: 'string', enum: LANGUAGES } } },
        response: { 200: channelAnswer, ...errorResponses },
      },
    },
    async (request) => saveChannelSettings(app.db, request.user!.id, request.body),
  );

  app.get(
    '/api/admin/notification-templates',
    { preHandler: readers, schema: { tags: ['notifications'], summary: `Katalog peristiwa notifikasi dan templatnya (id, en): ${EVENT_KEYS.join(', ')}`, response: { 200: { type: 'array', items: eventTemplates }, ...errorResponses } } },
    async () => listTemplates(app.db),
  );

  app.put<{ Params: { event: string; language: Language }; Body: { subject: string; body: string } }>(
    '/api/admin/notification-templates/:event/:language',
    {
      preHandler: admins,
      schema: {
        tags: ['notifications'],
        summary: 'Mengubah templat satu peristiwa dan bahasa ({{field}} dari daftar field peristiwa itu; lainnya 400 TEMPLATE_INVALID)',
        params: templateParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['subject', 'body'],
          properties: { subject: { type: 'string', maxLength: TEMPLATE_LIMITS.subject }, body: { type: 'string', maxLength: TEMPLATE_LIMITS.body } },
        },
        response: { 200: { type: 'array', items: eventTemplates }, ...errorResponses },
      },
    },
    async (request) => {
      await saveTemplate(app.db, request.user!.username, request.params.event, request.params.language, request.body);
      return listTemplates(app.db);
    },
  );

  app.delete<{ Params: { event: string; language: Language } }>(
    '/api/admin/notification-templates/:event/:language',
    { preHandler: admins, schema: { tags: ['notifications'], summary: 'Mengembalikan templat bawaan', params: templateParams, response: { 200: { type: 'array', items: eventTemplates }, ...errorResponses } } },
    async (request) => {
      await resetTemplate(app.db, request.user!.username, request.params.event, request.params.language);
      return listTemplates(app.db);
    },
  );

  app.get<{ Params: { key: string } }>(
    '/api/admin/service-notification-settings/:key',
    { preHandler: readers, schema: { tags: ['notifications'], summary: 'Pengaturan notifikasi layanan: hari jatuh tempo pembayaran, masa berlaku izin, pengingat', params: processParams, response: { 200: serviceSettings, ...errorResponses } } },
    async (request) => readServiceSettings(app.db, request.params.key),
  );

  app.put<{ Params: { key: string }; Body: ServiceSettingsInput }>(
    '/api/admin/service-notification-settings/:key',
    {
      preHandler: admins,
      schema: {
        tags: ['notifications'],
        summary: 'Mengatur hari jatuh tempo pembayaran setelah nota, masa berlaku izin (bulan) dan pengingat N hari sebelum berakhir',
        params: processParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['paymentDueDays', 'validMonths', 'remindDaysBefore'],
          properties: { paymentDueDays: dayCount(365), validMonths: dayCount(600), remindDaysBefore: dayCount(365) },
        },
        response: { 200: serviceSettings, ...errorResponses },
      },
    },
    async (request) => saveServiceSettings(app.db, request.user!.username, request.params.key, request.body),
  );

  app.post<{ Body: { identifier: string; channel?: Channel } }>(
    '/api/auth/recovery/request',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Meminta kode pemulihan kata sandi (dikirim lewat email atau WhatsApp akun; jawaban sama untuk akun yang tidak ada)',
        body: { type: 'object', additionalProperties: false, required: ['identifier'], properties: { identifier, channel: { type: 'string', enum: CHANNELS } } },
        response: { 202: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] }, ...errorResponses },
      },
    },
    async (request, reply) => {
      await requestRecoveryCode(app.db, request.body, request.ip);
      return reply.status(202).send({ message: 'Jika akun terdaftar, kode pemulihan telah dikirim.' });
    },
  );

  app.post<{ Body: { identifier: string; code: string; password: string } }>(
    '/api/auth/recovery/reset',
    {
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Mengganti kata sandi dengan kode pemulihan (sekali pakai; semua sesi berakhir)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['identifier', 'code', 'password'],
          properties: { identifier, code: { type: 'string', minLength: 1, maxLength: 12 }, password: { type: 'string', minLength: 1, maxLength: 1024 } },
        },
        response: { 200: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] }, ...errorResponses },
      },
    },
    async (request) => {
      await resetPassword(app.db, request.body);
      return { message: 'Kata sandi diganti. Silakan masuk.' };
    },
  );
}
