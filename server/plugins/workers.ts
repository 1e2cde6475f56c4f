import fp from 'fastify-plugin';
import { refreshAnalytics } from '../services/cockpit/analytics.js';
import { escalateOverdue } from '../services/workspace/escalation.js';
import { startPurgeWorker } from '../services/workspace/purge.js';
import { inviteEndedApplications } from '../services/notifications/skm.js';
import { forgetOldAttempts } from '../services/workspace/tracking.js';
import { everyInterval, type Worker } from '../workers.js';

export interface WorkersPluginOptions {
  /** run the background loops from ready to close (main.ts; tests build apps without them) */
  start?: boolean;
}

/**
 * The background loops every server runs beside its routes, listed here (the runtime's job worker
 * and the regulation-change runs belong to their own plugins, `runtime` and `change-jobs`, which
 * their routes kick). Each is safe on several servers at once (SKIP LOCKED, unique rows).
 */
export default fp<WorkersPluginOptions>(
  async (app, opts) => {
    if (!opts.start) return;
    let running: Worker[] = [];
    app.addHook('onReady', async () => {
      running = [
        // Escalates late tasks and adds new task history to the analytics summaries (every
        // COCKPIT_POLL_MS, 30 s by default): each task is escalated by exactly one server (escalation.ts).
        everyInterval(
          Number(process.env.COCKPIT_POLL_MS ?? 30_000),
          async () => {
            while ((await escalateOverdue(app.db)) > 0) {
              /* a backlog is taken batch by batch */
            }
            while ((await refreshAnalytics(app.db)) > 0) {
              /* history not yet in the summaries */
            }
          },
          (e) => app.log.error(e, 'cockpit escalation job'),
        ),
        // The clean-up, when due (maintenance_jobs: one server takes it).
        startPurgeWorker(app.db, { onError: (e) => app.log.error(e, 'purge'), onPurged: (r) => app.log.info(r, 'purge') }),
        // The notification outbox and the permit reminders (plugins/notifications.ts).
        app.notifications.startWorker((e) => app.log.error(e, 'notifications')),
        // The survey invitations (issue 21): every SKM_POLL_MS (60 s by default) each server invites
        // the applicants of applications that ended (the unique invitation per application makes a
        // second server's try a no-op) and forgets tracking attempts older than a day.
        everyInterval(
          Number(process.env.SKM_POLL_MS ?? 60_000),
          async () => {
            while ((await inviteEndedApplications(app.db)) > 0) {
              /* a backlog batch by batch */
            }
            await forgetOldAttempts(app.db);
          },
          (e) => app.log.error(e, 'survey invitation job'),
        ),
      ];
    });
    app.addHook('onClose', async () => {
      await Promise.all(running.map((w) => w.stop()));
      running = [];
    });
  },
  { name: 'workers', dependencies: ['db', 'notifications'] },
);
