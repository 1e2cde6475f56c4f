import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { CHANNELS, EVENT_KEYS, LANGUAGES, TEMPLATE_LIMITS } from '../../core/notification-events.js';
import { requireRole } from '../plugins/auth.js';
import { requestRecoveryCode, resetPassword } from '../services/accounts/account-recovery.js';
import { channelSettings, listTemplates, readServiceSettings, resetTemplate, saveChannelSettings, saveServiceSettings, saveTemplate } from '../services/notifications/notification-settings.js';
import { errorResponses } from '../../contracts/common.js';
import { Message, NotificationSchemas, ProcessParams, RecoveryReset, ServiceSettings, ServiceSettingsBody } from '../../contracts/notifications.js';

const {
  EventTemplatesList,
  TemplateParams,
  TemplateBody,
  ChannelSettings,
  ChannelBody,
  RecoveryRequest,
} = NotificationSchemas({ languages: LANGUAGES, channels: CHANNELS, limits: TEMPLATE_LIMITS });

/**
 * Notifications (issue 21): the applicant's channels, the admin's templates of the catalogue
 * (core/notification-events.ts) and per-service settings, and password recovery by a one-time
 * code. The outbox itself is sent by the server's worker (plugins/notifications.ts).
 */
export default async function notificationRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const admins = [app.authenticate, requireRole('admin')];
  const readers = [app.authenticate, requireRole('admin', 'manager')];

  app.get(
    '/api/me/notification-settings',
    { preHandler: app.authenticate, schema: { tags: ['notifications'], summary: 'Kanal notifikasi saya (email, WhatsApp) dan bahasanya', response: { 200: ChannelSettings, ...errorResponses } } },
    async (request) => channelSettings(app.db, request.user!.id),
  );

  app.put(
    '/api/me/notification-settings',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['notifications'],
        summary: 'Memilih kanal notifikasi (notifikasi dalam aplikasi selalu ada)',
        body: ChannelBody,
        response: { 200: ChannelSettings, ...errorResponses },
      },
    },
    async (request) => saveChannelSettings(app.db, request.user!.id, request.body),
  );

  app.get(
    '/api/admin/notification-templates',
    { preHandler: readers, schema: { tags: ['notifications'], summary: `Katalog peristiwa notifikasi dan templatnya (id, en): ${EVENT_KEYS.join(', ')}`, response: { 200: EventTemplatesList, ...errorResponses } } },
    async () => listTemplates(app.db),
  );

  app.put(
    '/api/admin/notification-templates/:event/:language',
    {
      preHandler: admins,
      schema: {
        tags: ['notifications'],
        summary: 'Mengubah templat satu peristiwa dan bahasa ({{field}} dari daftar field peristiwa itu; lainnya 400 TEMPLATE_INVALID)',
        params: TemplateParams,
        body: TemplateBody,
        response: { 200: EventTemplatesList, ...errorResponses },
      },
    },
    async (request) => {
      await saveTemplate(app.db, request.user!.username, request.params.event, request.params.language, request.body);
      return listTemplates(app.db);
    },
  );

  app.delete(
    '/api/admin/notification-templates/:event/:language',
    { preHandler: admins, schema: { tags: ['notifications'], summary: 'Mengembalikan templat bawaan', params: TemplateParams, response: { 200: EventTemplatesList, ...errorResponses } } },
    async (request) => {
      await resetTemplate(app.db, request.user!.username, request.params.event, request.params.language);
      return listTemplates(app.db);
    },
  );

  app.get(
    '/api/admin/service-notification-settings/:key',
    { preHandler: readers, schema: { tags: ['notifications'], summary: 'Pengaturan notifikasi layanan: hari jatuh tempo pembayaran, masa berlaku izin, pengingat', params: ProcessParams, response: { 200: ServiceSettings, ...errorResponses } } },
    async (request) => readServiceSettings(app.db, request.params.key),
  );

  app.put(
    '/api/admin/service-notification-settings/:key',
    {
      preHandler: admins,
      schema: {
        tags: ['notifications'],
        summary: 'Mengatur hari jatuh tempo pembayaran setelah nota, masa berlaku izin (bulan) dan pengingat N hari sebelum berakhir',
        params: ProcessParams,
        body: ServiceSettingsBody,
        response: { 200: ServiceSettings, ...errorResponses },
      },
    },
    async (request) => saveServiceSettings(app.db, request.user!.username, request.params.key, request.body),
  );

  app.post(
    '/api/auth/recovery/request',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Meminta kode pemulihan kata sandi (dikirim lewat email atau WhatsApp akun; jawaban sama untuk akun yang tidak ada)',
        body: RecoveryRequest,
        response: { 202: Message, ...errorResponses },
      },
    },
    async (request, reply) => {
      await requestRecoveryCode(app.db, request.body, request.ip);
      return reply.status(202).send({ message: 'Jika akun terdaftar, kode pemulihan telah dikirim.' });
    },
  );

  app.post(
    '/api/auth/recovery/reset',
    {
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Mengganti kata sandi dengan kode pemulihan (sekali pakai; semua sesi berakhir)',
        body: RecoveryReset,
        response: { 200: Message, ...errorResponses },
      },
    },
    async (request) => {
      await resetPassword(app.db, request.body);
      return { message: 'Kata sandi diganti. Silakan masuk.' };
    },
  );
}
