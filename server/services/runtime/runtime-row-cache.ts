import type { Variables } from '../../../runtime/conditions.js';
import type { InstanceState, TaskRow, Token } from '../../../runtime/store.js';
import type { StepGuard } from './runtime-step-statement.js';

/**
 * The rows this server's last optimistic step wrote: the instance as it left it and the tasks it
 * opened, each with its version (xmin: the transaction that wrote it). The next completion of one
 * of those tasks can then skip the read and go straight to the guarded write, which applies only
 * if both rows are still at those versions — so a stale entry (another server moved the instance,
 * a claim, a cancel) costs one refused statement, never a wrong step: the caller then reads afresh.
 *
 * Nothing here is the truth: the database is. What a step changes in place (the instance's tokens
 * and variables) is kept as JSON and parsed anew for each use, so a step that changes what it was
 * handed and then gives up leaves no trace here; a task row is never changed by a step (its
 * completion is a TaskClose), so each use gets a shallow copy. Bounded in count and age.
 */
export interface CachedStep {
  instance: InstanceState;
  /** the variables document as JSON.stringify wrote it (the store compares it at write) */
  variablesJson: string;
  task: TaskRow;
  guard: StepGuard;
}

interface InstanceEntry {
  /** the instance but its tokens and variables, which are kept as JSON */
  fields: Omit<InstanceState, 'tokens' | 'variables'>;
  tokensJson: string;
  variablesJson: string;
  xmin: string;
  at: number;
  tasks: Set<string>;
}

const MAX_INSTANCES = 5_000;
/** A consecutive step by the same server comes within seconds (the officer's "next step is yours"). */
const MAX_AGE_MS = 30_000;

export class RuntimeRowCache {
  readonly #instances = new Map<string, InstanceEntry>();
  /** task id → the task as written, and its version when a claim wrote it after the instance's step */
  readonly #tasks = new Map<string, { task: TaskRow; xmin?: string }>();

  constructor(private readonly now: () => number = Date.now) {}

  get size(): number {
    return this.#instances.size;
  }

  /** This server remembers the task (its entry may still have aged out: `get` tells). */
  has(taskId: string): boolean {
    return this.#tasks.has(taskId);
  }

  /** The task and its instance as this server last wrote them, or undefined. */
  get(taskId: string): CachedStep | undefined {
    const hit = this.#tasks.get(taskId);
    if (!hit) return undefined;
    const t = hit.task;
    const e = this.#instances.get(t.instanceId);
    if (!e || this.now() - e.at > MAX_AGE_MS) {
      this.forgetInstance(t.instanceId);
      return undefined;
    }
    return {
      instance: { ...e.fields, tokens: JSON.parse(e.tokensJson) as Token[], variables: JSON.parse(e.variablesJson) as Variables },
      variablesJson: e.variablesJson,
      task: { ...t },
      guard: { instanceId: t.instanceId, instanceXmin: e.xmin, taskId, taskXmin: hit.xmin ?? e.xmin },
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
    const { tokens, variables: _variables, ...fields } = instance;
    const entry: InstanceEntry = { fields, tokensJson: JSON.stringify(tokens), variablesJson, xmin, at: this.now(), tasks: new Set() };
    for (const t of stillOpen) {
      entry.tasks.add(t.id);
      this.#tasks.set(t.id, { task: { ...t } });
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
    if (t) this.forgetInstance(t.task.instanceId);
  }

  /**
   * A claim or unclaim on this server rewrote one task row (its holder) at transaction `xmin`, and
   * nothing else: the instance stays as remembered. The entry is kept with the task as that
   * statement returned it, so the claimer's completion that follows needs no read. A claim whose
   * answer arrives late (another claim overtook it) leaves a version that is no longer the row's:
   * the guarded write is then refused and the completion reads afresh, as for any stale entry.
   */
  claimed(task: TaskRow, xmin: string): void {
    const hit = this.#tasks.get(task.id);
    if (!hit || hit.task.instanceId !== task.instanceId) return;
    if (task.status !== 'open') {
      this.forgetInstance(task.instanceId);
      return;
    }
    this.#tasks.set(task.id, { task: { ...task }, xmin });
  }
}
