import fp from 'fastify-plugin';
import { notificationConfig } from '../config.js';
import { remindDue } from '../services/notifications/notification-jobs.js';
import { DEFAULT_RETRY, deliverDue, httpWhatsApp, smtpEmail, type DeliveryOutcome, type DeliveryPort, type OutboxPorts, type RetryPolicy } from '../services/notifications/notification-outbox.js';
import type { Worker } from '../workers.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** the outbox sender and the reminders of this server (notification-outbox.ts, notification-jobs.ts) */
    notifications: NotificationDelivery;
  }
}

export interface NotificationDelivery {
  readonly ports: OutboxPorts;
  /** sends every outbox row due at `now` */
  deliverDue(now?: Date): Promise<DeliveryOutcome[]>;
  /** raises every permit-expiry reminder due at `now` */
  remindDue(now?: Date): Promise<number>;
  /** the background loop (every `pollMs`): reminders, then due messages */
  startWorker(onError: (e: unknown) => void): Worker;
}

/** The delivery ports; without them, SMTP and WhatsApp come from the environment (config.ts notificationConfig). */
export interface NotificationsPluginOptions {
  email?: DeliveryPort;
  whatsapp?: DeliveryPort;
  retry?: Partial<RetryPolicy>;
  pollMs?: number;
}

export default fp<{ delivery?: NotificationsPluginOptions }>(
  async (app, opts) => {
    const env = opts.delivery ? undefined : notificationConfig();
    const smtp = env?.smtp ? smtpEmail(env.smtp) : undefined;
    const ports: OutboxPorts = {
      email: opts.delivery ? opts.delivery.email : smtp,
      whatsapp: opts.delivery ? opts.delivery.whatsapp : env?.whatsapp ? httpWhatsApp(env.whatsapp) : undefined,
      retry: { ...DEFAULT_RETRY, ...(env?.retry ?? {}), ...(opts.delivery?.retry ?? {}) },
    };
    const pollMs = opts.delivery?.pollMs ?? env?.pollMs ?? 2000;
    app.decorate('notifications', {
      ports,
      deliverDue: (now?: Date) => deliverDue(app.db, ports, now),
      remindDue: (now?: Date) => remindDue(app.db, now),
      startWorker(onError) {
        let running: Promise<void> | undefined;
        const tick = () => {
          running ??= (async () => {
            await remindDue(app.db);
            await deliverDue(app.db, ports);
          })()
            .catch(onError)
            .finally(() => {
              running = undefined;
            });
        };
        const timer = setInterval(tick, pollMs);
        timer.unref();
        return {
          async stop() {
            clearInterval(timer);
            await running;
          },
        };
      },
    } satisfies NotificationDelivery);
    app.addHook('onClose', async () => smtp?.close());
  },
  { name: 'notifications', dependencies: ['db'] },
);
