import type { FastifyInstance } from 'fastify';
import { listNotifications, markRead } from '../services/notifications/notifications.js';
import { WorkspaceEventsHub } from '../services/workspace/workspace-events.js';
import { officesOf } from '../../core/access.js';
import { errorResponses } from '../../contracts/common.js';

const HEARTBEAT_MS = 20_000;

const notification = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    instanceId: { type: ['string', 'null'] },
    kind: { type: 'string' },
    message: { type: 'string' },
    link: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
    readAt: { type: ['string', 'null'] },
  },
  required: ['id', 'kind', 'message', 'createdAt'],
} as const;

/** Live updates (server-sent events) and in-app notifications. */
export default async function eventsRoutes(app: FastifyInstance): Promise<void> {
  const hub = new WorkspaceEventsHub(app.db, app.dbKind, { listener: app.listener });
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

  app.get<{ Querystring: { unread?: boolean } }>(
    '/api/notifications',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['workspace'],
        summary: 'Notifikasi dalam aplikasi untuk saya (terbaru dulu)',
        querystring: { type: 'object', additionalProperties: false, properties: { unread: { type: 'boolean' } } },
        response: { 200: { type: 'array', items: notification }, ...errorResponses },
      },
    },
    async (request) => listNotifications(app.db, request.user!.id, { unreadOnly: request.query.unread }),
  );

  app.post<{ Body: { ids?: number[]; all?: boolean } }>(
    '/api/notifications/read',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['workspace'],
        summary: 'Tandai notifikasi sudah dibaca',
        body: { type: 'object', additionalProperties: false, properties: { ids: { type: 'array', maxItems: 500, items: { type: 'integer' } }, all: { type: 'boolean' } } },
        response: { 200: { type: 'object', properties: { updated: { type: 'integer' } }, required: ['updated'] }, ...errorResponses },
      },
    },
    async (request) => ({ updated: await markRead(app.db, request.user!.id, request.body.all ? 'all' : (request.body.ids ?? [])) }),
  );
}
