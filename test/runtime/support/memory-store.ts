import type {
  InstanceState,
  JobRow,
  PublicationRef,
  RuntimeStore,
  StepChanges,
  SubscriptionRow,
  TaskRow,
  HistoryRow,
} from '../../../runtime/store.js';

/**
 * An in-memory implementation of the runtime's store port, for pure engine tests.
 * Reads hand out copies and `write` applies a whole step at once, so a step that throws
 * leaves nothing behind — the same all-or-nothing a database transaction gives.
 */
export class MemoryStore implements RuntimeStore {
  instances = new Map<string, InstanceState>();
  tasks = new Map<string, TaskRow>();
  jobs = new Map<string, JobRow>();
  subscriptions: SubscriptionRow[] = [];
  history: HistoryRow[] = [];
  publications = new Map<string, Array<{ n: number; xml: string; effectiveFrom: string }>>();

  publish(key: string, xml: string, effectiveFrom = '2000-01-01'): number {
    const list = this.publications.get(key) ?? [];
    const n = list.length + 1;
    list.push({ n, xml, effectiveFrom });
    this.publications.set(key, list);
    return n;
  }

  async lockInstance(id: string) {
    const s = this.instances.get(id);
    return s ? structuredClone(s) : undefined;
  }
  async getTask(id: string) {
    const t = this.tasks.get(id);
    return t ? structuredClone(t) : undefined;
  }
  async currentPublication(key: string, at: Date): Promise<PublicationRef | undefined> {
    const day = jakartaDate(at);
    const list = (this.publications.get(key) ?? []).filter((p) => p.effectiveFrom <= day);
    const last = list[list.length - 1];
    return last ? { key, n: last.n } : undefined;
  }
  async currentPublications(at: Date) {
    const out: PublicationRef[] = [];
    for (const key of this.publications.keys()) {
      const p = await this.currentPublication(key, at);
      if (p) out.push(p);
    }
    return out;
  }
  async publicationXml(key: string, n: number) {
    const p = (this.publications.get(key) ?? []).find((x) => x.n === n);
    if (!p) throw new Error(`no publication ${key}#${n}`);
    return p.xml;
  }
  async findSubscriptions(messageName: string, correlationKey: string) {
    return this.subscriptions.filter((s) => s.messageName === messageName && s.correlationKey === correlationKey).map((s) => ({ ...s }));
  }
  async write(c: StepChanges) {
    for (const i of [...c.instancesInserted, ...c.instancesUpdated]) this.instances.set(i.id, structuredClone(i));
    for (const t of c.tasksInserted) this.tasks.set(t.id, structuredClone(t));
    for (const close of c.tasksClosed) {
      const t = this.tasks.get(close.id);
      if (t) Object.assign(t, { status: close.status, completedAt: close.at, completedBy: close.by, onBehalf: close.onBehalf || t.onBehalf });
    }
    const deadJobs = new Set(c.jobsOfTokensDeleted);
    for (const [id, j] of this.jobs) if (deadJobs.has(j.tokenId)) this.jobs.delete(id);
    for (const j of c.jobsInserted) this.jobs.set(j.id, { ...j });
    const deadSubs = new Set(c.subscriptionsOfTokensDeleted);
    this.subscriptions = this.subscriptions.filter((s) => !deadSubs.has(s.tokenId));
    this.subscriptions.push(...c.subscriptionsInserted.map((s) => ({ ...s })));
    this.history.push(...c.history.map((h) => ({ ...h })));
  }
}

function jakartaDate(at: Date): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
