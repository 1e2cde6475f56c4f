/**
 * The runtime on the server, one module per job (this file only gathers their public names):
 * runtime-engine.ts (the engine and a step's store),
 * runtime-steps.ts (transaction strategies, chosen once per database), runtime-access.ts
 * (authorization), runtime-views.ts (response mapping), runtime-instances.ts, runtime-tasks.ts,
 * runtime-claims.ts, runtime-completion.ts, runtime-messages.ts (messages and signals),
 * runtime-jobs.ts, runtime-timer-starts.ts and runtime-job-worker.ts.
 */
export { claimTask, takeNextTask, unclaimTask } from './runtime-claims.js';
export { completeTask } from './runtime-completion.js';
export { engineFor, rowCacheFor } from './runtime-engine.js';
export { cancelInstance, getHistory, getInstance, listInstances, publishedModel, startInstance, startOffered } from './runtime-instances.js';
export { drainJobs } from './runtime-job-worker.js';
export { runOneJob } from './runtime-jobs.js';
export { correlateMessage, sendSignal } from './runtime-messages.js';
export { inTransaction, runtimeContext } from './runtime-steps.js';
export { getTask, listTasks } from './runtime-tasks.js';
export { runOneTimerStart } from './runtime-timer-starts.js';
export { taskView } from './runtime-views.js';
