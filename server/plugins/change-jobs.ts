import fp from 'fastify-plugin';
import { startChangeJobWorker, type ChangeJobWorker } from '../services/store/change-job-runner.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** the regulation-change runs of this app (services/store/change-job-runner.ts) */
    changeJobs: { kick(): void };
  }
}

export interface ChangeJobsPluginOptions {
  /** run the worker from ready to close (every CHANGE_JOB_POLL_MS, 2 s by default) */
  worker?: boolean;
}

/**
 * The background runs of regulation change (issue 19): every server runs a worker that takes the
 * oldest waiting run (FOR UPDATE SKIP LOCKED, under a lease); a POST on this server kicks this
 * app's worker at once.
 */
export default fp<ChangeJobsPluginOptions>(
  async (app, opts) => {
    let worker: ChangeJobWorker | undefined;
    app.decorate('changeJobs', { kick: () => worker?.kick() });
    if (!opts.worker) return;
    app.addHook('onReady', async () => {
      worker = startChangeJobWorker(app.db, { intervalMs: Number(process.env.CHANGE_JOB_POLL_MS ?? 2_000), onError: (e) => app.log.error(e, 'regulation change job') });
    });
    app.addHook('onClose', async () => {
      await worker?.stop();
      worker = undefined;
    });
  },
  { name: 'change-jobs', dependencies: ['db'] },
);
