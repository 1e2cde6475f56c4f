export interface Worker {
  stop(): Promise<void>;
}

/**
 * Runs `work` every `intervalMs` (the timer does not keep the process alive); stop() ends the
 * timer and waits for the run under way. The background loops of plugins/workers.ts.
 */
export function everyInterval(intervalMs: number, work: () => Promise<unknown>, onError: (e: unknown) => void): Worker {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = work().catch(onError);
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
