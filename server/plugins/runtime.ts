import fp from 'fastify-plugin';
import { startJobWorker, type JobWorker } from '../services/runtime/runtime-job-worker.js';
import { stepStrategyFor, type RuntimeContext } from '../services/runtime/runtime-steps.js';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * This app's runtime (services/runtime/runtime-steps.ts): the step strategy of its database, chosen
     * once here, and its job worker's wake-up. Routes hand it to the runtime's services.
     */
    runtime: RuntimeContext;
  }
}

export interface RuntimePluginOptions {
  /** run the job worker (timers, asynchronous service tasks, timer starts) from ready to close */
  worker?: { intervalMs?: number };
}

/**
 * The runtime of one app. Every app built in a process has its own: two apps on one database
 * (tests do this) do not share a worker, and a step on one wakes only its own app's worker.
 * The jobs table hands each due job to exactly one worker across servers (FOR UPDATE SKIP LOCKED).
 */
export default fp<RuntimePluginOptions>(
  async (app, opts) => {
    let worker: JobWorker | undefined;
    app.decorate('runtime', { steps: stepStrategyFor(app.dbKind), jobsQueued: () => worker?.wake() } satisfies RuntimeContext);
    const workerOptions = opts.worker;
    if (workerOptions) {
      app.addHook('onReady', async () => {
        worker = startJobWorker(app.db, {
          intervalMs: workerOptions.intervalMs,
          onError: (e) => app.log.error(e, 'runtime job worker'),
          onJobFailure: (job, e) => app.log.warn({ err: e, job: job.id, instance: job.instanceId, element: job.elementId, attempts: job.attempts + 1 }, 'runtime job failed'),
          onTimerStartFailure: (e) => app.log.warn({ err: e }, 'timer start failed'),
        });
      });
      app.addHook('onClose', async () => {
        await worker?.stop();
        worker = undefined;
      });
    }
  },
  { name: 'runtime', dependencies: ['db'] },
);
