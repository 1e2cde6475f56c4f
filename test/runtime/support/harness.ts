import { Engine, type StartCommand } from '../../../runtime/engine.js';
import type { RuleEvaluator } from '../../../runtime/rules-port.js';
import type { Variables } from '../../../runtime/conditions.js';
import type { FormLoader } from '../../../runtime/forms.js';
import type { ServiceHandler } from '../../../runtime/handlers.js';
import type { WorkingCalendar } from '../../../core/working-time.js';
import { MemoryStore } from './memory-store.js';

/**
 * Drives the real engine over the in-memory store with a controllable clock:
 * publish models, start instances, complete tasks, let time pass and run due jobs.
 */
export class Harness {
  readonly store = new MemoryStore();
  clock = new Date('2025-03-03T01:00:00Z');
  readonly engine: Engine;

  constructor(opts: { rules?: RuleEvaluator; forms?: FormLoader; workingTime?: (office: string) => WorkingCalendar | undefined; handlers?: ReadonlyMap<string, ServiceHandler> } = {}) {
    this.engine = new Engine({ ...opts, now: () => new Date(this.clock) });
  }

  publish(key: string, xml: string, effectiveFrom?: string): number {
    return this.store.publish(key, xml, effectiveFrom);
  }

  start(processKey: string, variables: Variables = {}, extra: Partial<StartCommand> = {}) {
    return this.engine.start(this.store, { processKey, office: 'kantor-a', variables, startedBy: 'petugas-1', ...extra });
  }

  instance(id: string) {
    const s = this.store.instances.get(id);
    if (!s) throw new Error(`no instance ${id}`);
    return s;
  }

  openTasks(instanceId?: string) {
    return [...this.store.tasks.values()]
      .filter((t) => t.status === 'open' && (!instanceId || t.instanceId === instanceId))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.elementId.localeCompare(b.elementId));
  }

  /** The one open task at `elementId` (fails loudly when there is not exactly one). */
  task(instanceId: string, elementId: string) {
    const found = this.openTasks(instanceId).filter((t) => t.elementId === elementId);
    if (found.length !== 1) throw new Error(`expected one open task at ${elementId}, found ${found.length}: ${this.openTasks(instanceId).map((t) => t.elementId).join(',')}`);
    return found[0];
  }

  complete(taskId: string, variables: Variables = {}, actor = 'petugas-1') {
    return this.engine.completeTask(this.store, { taskId, actor, variables });
  }

  async completeAt(instanceId: string, elementId: string, variables: Variables = {}, actor = 'petugas-1') {
    return this.complete(this.task(instanceId, elementId).id, variables, actor);
  }

  /** Moves the clock and runs every job due by then, oldest first (as the worker would). */
  async advance(ms: number): Promise<number> {
    this.clock = new Date(this.clock.getTime() + ms);
    return this.runDueJobs();
  }

  async runDueJobs(): Promise<number> {
    let fired = 0;
    for (;;) {
      const due = [...this.store.jobs.values()].filter((j) => j.dueAt.getTime() <= this.clock.getTime()).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
      if (due.length === 0) return fired;
      const job = due[0];
      this.store.jobs.delete(job.id);
      if ((await this.engine.fireJob(this.store, job)) === 'fired') fired++;
    }
  }

  message(name: string, correlationKey: string, variables: Variables = {}) {
    return this.engine.correlate(this.store, { name, correlationKey, variables, office: 'kantor-a' });
  }

  activeElements(instanceId: string): string[] {
    return this.instance(instanceId).tokens.map((t) => t.element).sort();
  }

  historyOf(instanceId: string) {
    return this.store.history.filter((h) => h.instanceId === instanceId);
  }
}
