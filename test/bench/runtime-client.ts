/**
 * Load client of the runtime benchmark, run in its own process (`test/bench/runtime.ts` forks it),
 * so the HTTP server under test does not share its event loop with the load it is measured by.
 * Receives {address, token, first, clients} over IPC; each of `clients` concurrent loops walks its
 * instances by completing the task the previous completion returned as `nextTasks[0]`.
 * Replies {tasks, seconds, cpuMs} (timed from the first request to the last response of this process;
 * cpuMs: this process's CPU time over the same span).
 */
import { Agent, request } from 'node:http';

interface Job {
  address: string;
  token: string;
  first: string[];
  clients: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1024 });

function post(url: URL, token: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function run(job: Job): Promise<{ tasks: number; seconds: number; cpuMs: number }> {
  const body = JSON.stringify({ variables: { ok: true } });
  let tasks = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: job.clients }, async (_, c) => {
      for (let i = c; i < job.first.length; i += job.clients) {
        let next: string | undefined = job.first[i];
        while (next) {
          const r = await post(new URL(`/api/tasks/${next}/complete`, job.address), job.token, body);
          if (r.status !== 200) throw new Error(`complete ${r.status}: ${r.text}`);
          tasks++;
          next = (JSON.parse(r.text) as { nextTasks: Array<{ id: string }> }).nextTasks[0]?.id;
        }
      }
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  return { tasks, seconds: (performance.now() - t0) / 1000, cpuMs: (cpu.user + cpu.system) / 1000 };
}

process.once('message', (job: Job) => {
  run(job).then(
    (r) => process.send!({ ok: true, ...r }, undefined, undefined, () => process.exit(0)),
    (e: unknown) => process.send!({ ok: false, error: e instanceof Error ? e.message : String(e) }, undefined, undefined, () => process.exit(1)),
  );
});
process.send!({ ready: true });
