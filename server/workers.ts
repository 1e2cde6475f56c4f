import type { FastifyInstance } from 'fastify';

export interface Worker {
  stop(): Promise<void>;
}

/** Background loops a server runs beside its routes (timers, asynchronous jobs). */
const workerFactories: Array<(app: FastifyInstance) => Worker> = [];

export function registerWorker(factory: (app: FastifyInstance) => Worker): void {
  workerFactories.push(factory);
}

export function startWorkers(app: FastifyInstance): Worker {
  const running = workerFactories.map((f) => f(app));
  return { stop: async () => void (await Promise.all(running.map((w) => w.stop()))) };
}
