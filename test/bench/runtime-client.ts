/**
 * Load client of the runtime benchmark, run in its own process (`test/bench/runtime.ts` forks it),
 * so the HTTP server under test does not share its event loop with the load it is measured by.
 * Receives {address, tokens, first} over IPC; one concurrent loop per token (a korektor with a
 * session of their own) walks its instances by completing the task the previous completion
 * returned as `nextTasks[0]`.
 * Replies {tasks, seconds, cpuMs} (timed from the first request to the last response of this process;
 * cpuMs: this process's CPU time over the same span).
 *
 * Each loop speaks HTTP/1.1 over one kept-alive socket of its own, the way wrk or autocannon do:
 * the load shares the machine's two cores with the server and PostgreSQL, and node:http's client
 * cost as much CPU per request as a third of the server's own work.
 */
import { Connection } from './http-connection.js';

interface Job {
  address: string;
  tokens: string[];
  first: string[];
}

async function run(job: Job): Promise<{ tasks: number; seconds: number; cpuMs: number }> {
  const url = new URL(job.address);
  const body = JSON.stringify({ variables: {} });
  let tasks = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    job.tokens.map(async (token, c) => {
      const connection = new Connection(url);
      const headers = `Host: ${url.host}\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
      try {
        for (let i = c; i < job.first.length; i += job.tokens.length) {
          let next: string | undefined = job.first[i];
          while (next) {
            const r = await connection.request(`POST /api/tasks/${next}/complete HTTP/1.1\r\n${headers}`, body);
            if (r.status !== 200) throw new Error(`complete ${r.status}: ${r.body}`);
            tasks++;
            next = (JSON.parse(r.body) as { nextTasks: Array<{ id: string }> }).nextTasks[0]?.id;
          }
        }
      } finally {
        connection.close();
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
