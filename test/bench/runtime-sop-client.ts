/**
 * Load client of the real-SOP workload of the runtime benchmark (`test/bench/runtime.ts` forks it):
 * SOP 02 (samsat-02-pengesahan-tahunan) at one office, worked the way its officers work it.
 *
 * Each desk is a counter desk that runs whole applications, one after the other, from start to end:
 * - the desk's petugas pendaftaran registers the walk-in (start), does the applicant's step on their
 *   behalf and their own three steps, following "the next step is yours" (`nextTasks`); every
 *   completion asks `claimNext`, so the same officer's next step is theirs as it opens (a
 *   colleague's "Ambil tugas berikutnya" would otherwise take it between the two requests);
 * - every hand-off to another post is worked by that post's officer at the desk (the post's account,
 *   signed in at each desk; BENCH_SOP_ACCOUNTS=desk: an account per desk) as an officer works: `next` — "Ambil tugas berikutnya" (POST /api/tasks/next),
 *   then complete; `list` — list the post's Tersedia inbox (GET /api/inbox?tab=available), claim
 *   the first task, complete (a claim lost to another desk takes the next one); `page` — as `list`,
 *   and the officer opens the task page (GET /api/workspace/tasks/:id/context) before completing;
 * - police data entry enters the vehicle (the fee facts), the business rule task computes the fee
 *   on the way to penetapan, the korektor approves and hands over to the kasir (the call activity
 *   to samsat-pembayaran); the applicant's payment steps there are in the registering officer's
 *   "Tugas saya" (GET /api/tasks?scope=mine), the kasir's in the kasir's queue.
 * A desk that took another desk's task carries that application on: every application is done once.
 *
 * Receives the Job over IPC; replies {tasks, requests, seconds, cpuMs, completionMs[]} (timed from the
 * first request to the last response of this process, starts included).
 */
import { Connection } from './http-connection.js';

export type Handoff = 'next' | 'list' | 'page';
export type SopRole = 'petugas-pendaftaran' | 'petugas-kepolisian' | 'petugas-penetapan' | 'korektor' | 'kasir';

export interface SopJob {
  /** the server processes' addresses: desk i works on addresses[i % n] */
  addresses: string[];
  office: string;
  /** per post, one session per desk (desk i works as tokens[role][i]) */
  tokens: Record<SopRole, string[]>;
  desks: number;
  /** business keys of the applications this process starts */
  businessKeys: string[];
  /** the vehicle entered for each application (its fee facts), by business key */
  vehicles: Record<string, Record<string, unknown>>;
  /** what the kasir receives for each application (the NPPKB's total), by business key */
  fees: Record<string, string>;
  handoff: Handoff;
}

export interface SopResult {
  tasks: number;
  requests: number;
  seconds: number;
  cpuMs: number;
  /** the latency of every task completion (ms) */
  completionMs: number[];
  /** the same latencies by the completed step's element id (which steps make the tail) */
  completionMsByStep: Record<string, number[]>;
}

const PROCESS = 'samsat-02-pengesahan-tahunan';
const PAYMENT = 'samsat-pembayaran';

interface TaskRef {
  id: string;
  elementId: string;
  businessKey?: string | null;
}

async function run(job: SopJob): Promise<SopResult> {
  let tasks = 0;
  let requests = 0;
  const completionMs: number[] = [];
  const completionMsByStep: Record<string, number[]> = {};
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const queue = [...job.businessKeys];
  /** which desk's petugas pendaftaran registered each application (its applicant's steps are theirs) */
  const registeredAt = new Map<string, number>();

  await Promise.all(
    Array.from({ length: job.desks }, async (_, desk) => {
      const url = new URL(job.addresses[desk % job.addresses.length]);
      const connection = new Connection(url);
      const call = async (role: SopRole, method: 'GET' | 'POST', path: string, body?: unknown, conflictOk = false, asDesk = desk): Promise<unknown> => {
        const text = body === undefined ? '' : JSON.stringify(body);
        const head =
          `${method} ${path} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${job.tokens[role][asDesk]}\r\n` +
          (body === undefined ? '\r\n' : `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n`);
        requests++;
        const r = await connection.request(head, text);
        if (r.status === 409 && conflictOk) return { conflict: true }; // a claim lost, or a completion a desk sharing the account made first
        if (r.status < 200 || r.status > 299) throw new Error(`${method} ${path} as ${role}: ${r.status} ${r.body}`);
        return JSON.parse(r.body) as unknown;
      };
      /** What the officer enters at each step (the SOP's happy path). */
      const variablesFor = (t: TaskRef, bk: string): Record<string, unknown> => {
        if (t.elementId === 'periksa_berkas') return { berkasLengkap: true };
        if (t.elementId === 'entry_data') return job.vehicles[bk];
        if (t.elementId === 'koreksi') return { koreksiSetuju: true };
        if (t.elementId === 'terima_bayar') return { jumlahDiterima: job.fees[bk], metodePembayaran: 'tunai' };
        return {};
      };
      /** Completes `first` and every step it opens for the same account; false when `first` was completed by another desk sharing the account. */
      const chain = async (role: SopRole, first: TaskRef, bk: string, asDesk = desk): Promise<boolean> => {
        let next: TaskRef | undefined = first;
        while (next) {
          const s = performance.now();
          const r = (await call(role, 'POST', `/api/tasks/${next.id}/complete`, { variables: variablesFor(next, bk), claimNext: true }, next === first, asDesk)) as { nextTasks: TaskRef[]; conflict?: boolean };
          if (r.conflict) return false;
          const ms = performance.now() - s;
          completionMs.push(ms);
          (completionMsByStep[next.elementId] ??= []).push(ms);
          tasks++;
          next = r.nextTasks[0];
        }
        return true;
      };
      /** A hand-off worked to its end: taken again when a desk sharing the account completed it first. */
      const takeAndWork = async (role: SopRole, processKey: string): Promise<string> => {
        for (;;) {
          const t = await take(role, processKey);
          if (await chain(role, t, t.businessKey)) return t.businessKey;
        }
      };
      /** A hand-off: the post takes a task from its Tersedia queue (any desk's application). */
      const take = async (role: SopRole, processKey: string): Promise<TaskRef & { businessKey: string }> => {
        for (let attempt = 0; attempt < 200; attempt++) {
          if (job.handoff === 'next') {
            const r = (await call(role, 'POST', '/api/tasks/next', { role, office: job.office, processKey })) as { task: (TaskRef & { businessKey: string }) | null };
            if (r.task) return r.task;
          } else {
            const list = (await call(role, 'GET', `/api/inbox?tab=available&office=${job.office}&process=${processKey}&limit=50`)) as { tasks: Array<TaskRef & { businessKey: string }> };
            for (const t of list.tasks) {
              const claimed = (await call(role, 'POST', `/api/tasks/${t.id}/claim`, {}, true)) as { conflict?: boolean };
              if (claimed.conflict) continue;
              // `page`: the officer opens the task page (applicant, checklist, history, diagram) before completing it
              if (job.handoff === 'page') await call(role, 'GET', `/api/workspace/tasks/${t.id}/context`);
              return t;
            }
          }
          // Every desk opens a task of a post before it takes one there, so an empty queue is a
          // moment's race with another desk: look again shortly.
          await new Promise((r) => setTimeout(r, 2));
        }
        throw new Error(`no task for ${role} after 200 tries`);
      };
      /** The applicant's step of `bk` in the "Tugas saya" of the officer who registered it (at desk `asDesk`). */
      const mine = async (bk: string, elementId: string, asDesk: number): Promise<TaskRef> => {
        for (let attempt = 0; attempt < 200; attempt++) {
          const list = (await call('petugas-pendaftaran', 'GET', `/api/tasks?scope=mine&limit=200`, undefined, false, asDesk)) as { items: TaskRef[] };
          const t = list.items.find((x) => x.businessKey === bk && x.elementId === elementId);
          if (t) return t;
          await new Promise((r) => setTimeout(r, 2));
        }
        throw new Error(`no ${elementId} of ${bk} in the officer's own tasks`);
      };
      try {
        for (let bk = queue.shift(); bk !== undefined; bk = queue.shift()) {
          // Registration at the counter: a walk-in without an account.
          const started = (await call('petugas-pendaftaran', 'POST', `/api/processes/${PROCESS}/instances`, {
            office: job.office,
            businessKey: bk,
            applicant: { name: `Wajib Pajak ${bk}` },
          })) as { tasks: TaskRef[] };
          registeredAt.set(bk, desk);
          await chain('petugas-pendaftaran', started.tasks[0], bk);
          let carried = bk;
          for (const role of ['petugas-kepolisian', 'petugas-penetapan', 'korektor'] as const) carried = await takeAndWork(role, PROCESS);
          // The korektor's hand-over started SOP Pembayaran: the applicant pays (done on their
          // behalf by the registering officer), the kasir validates, the applicant receives the SKPD.
          const payer = registeredAt.get(carried)!;
          await chain('petugas-pendaftaran', await mine(carried, 'bayar', payer), carried, payer);
          const paid = await takeAndWork('kasir', PAYMENT);
          const receiver = registeredAt.get(paid)!;
          await chain('petugas-pendaftaran', await mine(paid, 'terima_skpd', receiver), paid, receiver);
        }
      } finally {
        connection.close();
      }
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  return { tasks, requests, seconds: (performance.now() - t0) / 1000, cpuMs: (cpu.user + cpu.system) / 1000, completionMs, completionMsByStep };
}

process.once('message', (job: SopJob) => {
  run(job).then(
    (r) => process.send!({ ok: true, ...r }, undefined, undefined, () => process.exit(0)),
    (e: unknown) => process.send!({ ok: false, error: e instanceof Error ? e.message : String(e) }, undefined, undefined, () => process.exit(1)),
  );
});
process.send!({ ready: true });
