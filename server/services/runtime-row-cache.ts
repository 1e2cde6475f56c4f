import type { InstanceState, TaskRow } from '../../runtime/store.js';
import type { StepGuard } from './runtime-step-statement.js';

/**
 * The rows this server's last optimistic step wrote: the instance as it left it and the tasks it
 * opened, each with its version (xmin: the transaction that wrote it). The next completion of one
 * of those tasks can then skip the read and go straight to the guarded write, which applies only
 * if both rows are still at those versions — so a stale entry (another server moved the instance,
 * a claim, a cancel) costs one refused statement, never a wrong step: the caller then reads afresh.
 *
 * Nothing here is the truth: the database is. Entries are kept as the JSON that was written and
 * parsed anew on each use, so a step that mutates what it was handed and then gives up leaves no
 * trace here. Bounded in count and age.
 */
export interface CachedStep {
  instance: InstanceState;
  /** the variables document as JSON.stringify wrote it (the store compares it at write) */
  variablesJson: string;
  task: TaskRow;
  guard: StepGuard;
}

interface InstanceEntry {
  json: string;
  variablesJson: string;
  xmin: string;
  at: number;
  tasks: Set<string>;
}

const MAX_INSTANCES = 5_000;
/** A consecutive step by the same server comes within seconds (the officer's "next step is yours"). */
const MAX_AGE_MS = 30_000;

/** The instance without its variables (kept apart: the store already has them as JSON). */
const instanceJson = (i: InstanceState): string => JSON.stringify({ ...i, variables: undefined });

const reviveInstance = (json: string, variablesJson: string): InstanceState => {
  const i = JSON.parse(json) as InstanceState & { createdAt: string; endedAt: string | null };
  return {
    ...i,
    variables: JSON.parse(variablesJson) as InstanceState['variables'],
    createdAt: new Date(i.createdAt),
    endedAt: i.endedAt === null ? null : new Date(i.endedAt),
  };
};

const reviveTask = (json: string): TaskRow => {
  const t = JSON.parse(json) as TaskRow & { dueAt: string | null; createdAt: string; completedAt: string | null };
  return {
    ...t,
    dueAt: t.dueAt === null ? null : new Date(t.dueAt),
    createdAt: new Date(t.createdAt),
    completedAt: t.completedAt === null ? null : new Date(t.completedAt),
  };
};

export class RuntimeRowCache {
  readonly #instances = new Map<string, InstanceEntry>();
  /** task id → its instance and the task as written */
  readonly #tasks = new Map<string, { instanceId: string; json: string }>();

  constructor(private readonly now: () => number = Date.now) {}

  get size(): number {
    return this.#instances.size;
  }

  /** The task and its instance as this server last wrote them, or undefined. */
  get(taskId: string): CachedStep | undefined {
    const t = this.#tasks.get(taskId);
    if (!t) return undefined;
    const e = this.#instances.get(t.instanceId);
    if (!e || this.now() - e.at > MAX_AGE_MS) {
      this.forgetInstance(t.instanceId);
      return undefined;
    }
    return {
      instance: reviveInstance(e.json, e.variablesJson),
      variablesJson: e.variablesJson,
      task: reviveTask(t.json),
      guard: { instanceId: t.instanceId, instanceXmin: e.xmin, taskId, taskXmin: e.xmin },
    };
  }

  /**
   * After a guarded write committed at transaction `xmin`: the instance as written, the tasks it
   * opened (written in that transaction too) and the tasks it closed. Open tasks written by an
   * earlier step keep their own versions, which this cache does not know: they are dropped.
   */
  remember(instance: InstanceState, variablesJson: string, opened: TaskRow[], closed: Iterable<string>, xmin: string): void {
    this.forgetInstance(instance.id);
    const closedIds = new Set(closed);
    for (const id of closedIds) this.#tasks.delete(id);
    const stillOpen = opened.filter((t) => t.status === 'open' && !closedIds.has(t.id));
    if (instance.status !== 'running' || stillOpen.length === 0) return;
    const entry: InstanceEntry = { json: instanceJson(instance), variablesJson, xmin, at: this.now(), tasks: new Set() };
    for (const t of stillOpen) {
      entry.tasks.add(t.id);
      this.#tasks.set(t.id, { instanceId: instance.id, json: JSON.stringify(t) });
    }
    this.#instances.set(instance.id, entry);
    if (this.#instances.size > MAX_INSTANCES) {
      // Map order is insertion order: the oldest entry goes.
      const oldest = this.#instances.keys().next().value;
      if (oldest !== undefined) this.forgetInstance(oldest);
    }
  }

  forgetInstance(instanceId: string): void {
    const e = this.#instances.get(instanceId);
    if (!e) return;
    for (const id of e.tasks) this.#tasks.delete(id);
    this.#instances.delete(instanceId);
  }

  forgetTask(taskId: string): void {
    const t = this.#tasks.get(taskId);
    if (t) this.forgetInstance(t.instanceId);
  }
}
