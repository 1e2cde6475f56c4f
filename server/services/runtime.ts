/**
 * The runtime on the server, one module per job (this file only gathers their public names):
 * runtime-forms.ts (form loading), runtime-engine.ts (the engine and a step's store),
 * runtime-steps.ts (transaction strategies, chosen once per database), runtime-access.ts
 * (authorization), runtime-views.ts (response mapping), runtime-instances.ts, runtime-tasks.ts,
 * runtime-claims.ts, runtime-completion.ts, runtime-messages.ts (messages and signals),
 * runtime-jobs.ts, runtime-timer-starts.ts and runtime-job-worker.ts.
 */
export { mayActOnTask } from './runtime-access.js';
export { claimTask, takeNextTask, unclaimTask, type TakeNextInput } from './runtime-claims.js';
export { completeTask } from './runtime-completion.js';
export { engineFor, rowCacheFor } from './runtime-engine.js';
export { cancelInstance, getHistory, getInstance, listInstances, publishedModel, startInstance, startOffered, type InstanceQuery, type StartInput } from './runtime-instances.js';
export { drainJobs, startJobWorker, type JobWorker, type JobWorkerOptions } from './runtime-job-worker.js';
export { MAX_JOB_ATTEMPTS, runOneJob } from './runtime-jobs.js';
export { correlateMessage, sendSignal } from './runtime-messages.js';
export { inTransaction, lockingSteps, optimisticSteps, runtimeContext, stepStrategyFor, type RuntimeContext, type StepStrategy } from './runtime-steps.js';
export { getTask, listTasks, type TaskQuery } from './runtime-tasks.js';
export { runOneTimerStart } from './runtime-timer-starts.js';
export { activeElements, taskView } from './runtime-views.js';
