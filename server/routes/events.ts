import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { listNotifications, markRead } from '../services/notifications/notifications.js';
import { WorkspaceEventsHub } from '../services/workspace/workspace-events.js';
import { officesOf } from '../../core/access.js';
import { errorResponses } from '../../contracts/common.js';
import { MarkReadAnswer, MarkReadBody, Notification, NotificationQuery } from '../../contracts/workspace.js';

const HEARTBEAT_MS = 20_000;

/** Live updates (server-sent events) and in-app notifications. */
export default async function eventsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const hub = new WorkspaceEventsHub(app.db, { listener: app.listener });
  // Open streams end when the server closes, or `close()` would wait on them forever.
  const open = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const end of [...open]) end();
    await hub.close();
  });

  app.get(
    '/api/events',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['workspace'],
        summary: 'Aliran peristiwa (text/event-stream): event "inbox" saat tugas kantor saya berubah, "notification" untuk saya',
      },
    },
    async (request, reply) => {
      const user = request.user!;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      // The head goes out with the first write, after the subscription is in place: a client that
      // sees the stream open is sure to hear of every change from then on.
      const unsubscribe = await hub.subscribe({
        userId: user.id,
        offices: new Set(officesOf(user)),
        send(change) {
          const event = change.kind === 'notification' ? 'notification' : 'inbox';
          res.write(`id: ${change.seq}\nevent: ${event}\ndata: ${JSON.stringify({ office: change.office, ref: change.ref, kind: change.kind })}\n\n`);
        },
      });
      res.write('retry: 3000\n\n');
      const beat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      const end = () => {
        if (!open.delete(end)) return;
        clearInterval(beat);
        unsubscribe();
        res.end();
      };
      open.add(end);
      request.raw.on('close', end);
      // gone while subscribing
      if (request.raw.destroyed) end();
    },
  );

  app.get(
    '/api/notifications',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['workspace'],
        summary: 'Notifikasi dalam aplikasi untuk saya (terbaru dulu)',
        querystring: NotificationQuery,
        response: { 200: Type.Array(Notification), ...errorResponses },
      },
    },
    async (request) => listNotifications(app.db, request.user!.id, { unreadOnly: request.query.unread }),
  );

  app.post(
    '/api/notifications/read',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['workspace'],
        summary: 'Tandai notifikasi sudah dibaca',
        body: MarkReadBody,
        response: { 200: MarkReadAnswer, ...errorResponses },
      },
    },
    async (request) => ({ updated: await markRead(app.db, request.user!.id, request.body.all ? 'all' : (request.body.ids ?? [])) }),
  );
}
