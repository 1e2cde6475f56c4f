/**
 * Runtime benchmark (`npm run bench:runtime`): side by side, in one run, on this machine:
 *  (1) SOP Studio completing the user tasks of a 10-step SOP through its HTTP API, on PostgreSQL and on PGlite;
 *  (2) bpmn-engine running the same BPMN in memory, its state saved to the same PostgreSQL after every step;
 *  (3) a pgbench-style loop: one UPDATE + one INSERT per transaction on the same PostgreSQL;
 * then the worklist query at 10k, 100k and 1M open tasks (p50/p95).
 * Env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), BENCH_CLIENTS (16, for every run),
 * BENCH_CLIENT_PROCS (1: load-client processes for (1); the server process serves only),
 * BENCH_POOL (the server's PostgreSQL connections; default: the product's, DEFAULT_POOL_SIZE),
 * BENCH_ONLY=studio (run (1) on PostgreSQL only), BENCH_INSTANCES (1000 per round), BENCH_ROUNDS (5: (1) on PostgreSQL and (3)
 * alternate, each reported by its median round), BENCH_WORKLIST (10000,100000,1000000).
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { Engine as BpmnEngine } from 'bpmn-engine';
import { buildApp } from '../../server/app.js';
import { DEFAULT_POOL_SIZE, migrateToLatest, openDatabase, type Database, type OpenedDatabase } from '../../server/db/index.js';
import { createUser, type SessionUser } from '../../server/services/accounts.js';
import { listTasks } from '../../server/services/runtime.js';
import { seedCatalog } from '../../server/services/seed.js';
import { publish, saveDraft } from '../../server/services/store.js';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const CLIENT_PROCS = Math.max(1, Number(process.env.BENCH_CLIENT_PROCS ?? 1));
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 1000);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
const WORKLIST = (process.env.BENCH_WORKLIST ?? '10000,100000,1000000').split(',').map(Number);
const PASSWORD = 'rahasia-bench-123';
const OFFICE = 'samsat-serang';
const STEPS = Array.from({ length: 10 }, (_, i) => `langkah${i + 1}`);

const flows = ['start', ...STEPS, 'end']
  .slice(1)
  .map((id, i, arr) => `<bpmn:sequenceFlow id="f${i}" sourceRef="${i === 0 ? 'start' : arr[i - 1]}" targetRef="${id}" />`)
  .join('');
const XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:sop="https://sop-studio.id/schema/bpmn/sop/1.0" id="defs" targetNamespace="https://sop-studio.id/bench">
<bpmn:process id="bench-sepuluh" name="SOP sepuluh langkah" isExecutable="true" sop:starterRoles="korektor">
<bpmn:laneSet id="ls"><bpmn:lane id="l1" sop:role="korektor">${['start', ...STEPS, 'end'].map((s) => `<bpmn:flowNodeRef>${s}</bpmn:flowNodeRef>`).join('')}</bpmn:lane></bpmn:laneSet>
<bpmn:startEvent id="start" />${STEPS.map((s) => `<bpmn:userTask id="${s}" name="Langkah ${s}" sop:duration="PT5M" />`).join('')}<bpmn:endEvent id="end" />${flows}
</bpmn:process></bpmn:definitions>`;

/** Statements sent by node-postgres in this process (the server's pool for (1) on PostgreSQL). */
let sqlRoundTrips = 0;
const pgQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  sqlRoundTrips++;
  return (pgQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

/**
 * CPU seconds used so far by the PostgreSQL processes of this machine (backends, WAL writer…),
 * read from /proc; undefined when PostgreSQL is not local or /proc is not there. Backends that
 * live through the measured span (the server's pool) are counted whole.
 */
async function postgresCpuSeconds(): Promise<number | undefined> {
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(ADMIN_URL).hostname)) return undefined;
  try {
    const ticksPerSecond = 100; // USER_HZ on Linux
    let ticks = 0;
    for (const pid of (await readdir('/proc')).filter((d) => /^\d+$/.test(d))) {
      const comm = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
      if (comm.trim() !== 'postgres') continue;
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks / ticksPerSecond;
  } catch {
    return undefined;
  }
}

async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `sop_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  await c.query(`create database ${name}`);
  await c.end();
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const d = new pg.Client({ connectionString: ADMIN_URL });
      await d.connect();
      await d.query(`drop database if exists ${name} with (force)`);
      await d.end();
    },
  };
}

async function prepare(opened: OpenedDatabase): Promise<void> {
  await migrateToLatest(opened.db);
  await seedCatalog(opened.db);
  // One korektor per client, each with a session of their own, as in an office.
  for (let c = 0; c < CLIENTS; c++) {
    await createUser(opened.db, { username: `bench-korektor-${c}`, password: PASSWORD, roles: [{ role: 'korektor', office: OFFICE }] }, 'bench');
  }
  await saveDraft(opened.db, { kind: 'process', key: 'bench-sepuluh', content: XML, actor: 'bench' });
  await publish(opened.db, { kind: 'process', key: 'bench-sepuluh', actor: 'bench' });
}

interface StudioRound {
  tasks: number;
  seconds: number;
  cpuMsPerTask: number;
  kernelMsPerTask: number;
  clientCpuMsPerTask: number;
  postgresCpuMsPerTask?: number;
  roundTripsPerTask: number;
}

/**
 * (1) SOP Studio through its HTTP API: one server for all rounds (a server runs for days; the first
 * round also warms it up). Each round starts INSTANCES new applications, then CLIENTS clients each
 * complete the next step of theirs until all are done.
 */
async function sopStudioServer(opened: OpenedDatabase): Promise<{ round(): Promise<StudioRound>; close(): Promise<void> }> {
  await prepare(opened);
  const app = await buildApp({ db: opened.db, dbKind: opened.kind, databaseUrl: opened.url });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const tokens: string[] = [];
  for (let c = 0; c < CLIENTS; c++) {
    const login = await fetch(`${address}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `bench-korektor-${c}`, password: PASSWORD }) });
    tokens.push(((await login.json()) as { token: string }).token);
  }
  const headers = { authorization: `Bearer ${tokens[0]}`, 'content-type': 'application/json' };
  let started = 0;
  return {
    async round() {
      const first: string[] = [];
      for (let i = 0; i < INSTANCES; i++) {
        const r = await fetch(`${address}/api/processes/bench-sepuluh/instances`, { method: 'POST', headers, body: JSON.stringify({ office: OFFICE, businessKey: `B-${started++}` }) });
        const body = (await r.json()) as { tasks: Array<{ id: string }> };
        first.push(body.tasks[0].id);
      }
      // Besides the rate (noisy on a shared machine): the server's CPU time and SQL round trips per
      // completion, counted over the load only (session lookup included).
      const pg0 = opened.kind === 'postgres' ? await postgresCpuSeconds() : undefined;
      const cpu0 = process.cpuUsage();
      const q0 = sqlRoundTrips;
      const r = await loadFromClientProcesses(address, tokens, first);
      const cpu = process.cpuUsage(cpu0);
      const pg1 = pg0 === undefined ? undefined : await postgresCpuSeconds();
      return {
        tasks: r.tasks,
        seconds: r.seconds,
        cpuMsPerTask: (cpu.user + cpu.system) / 1000 / r.tasks,
        kernelMsPerTask: cpu.system / 1000 / r.tasks,
        clientCpuMsPerTask: r.cpuMs / r.tasks,
        postgresCpuMsPerTask: pg0 === undefined || pg1 === undefined ? undefined : ((pg1 - pg0) * 1000) / r.tasks,
        roundTripsPerTask: (sqlRoundTrips - q0) / r.tasks,
      };
    },
    close: () => app.close(),
  };
}

/**
 * The load runs in CLIENT_PROCS forked processes (test/bench/runtime-client.ts), CLIENTS concurrent
 * HTTP clients in all, so the server's event loop serves requests and nothing else. Rate = all tasks
 * over the slowest process's time.
 */
async function loadFromClientProcesses(address: string, tokens: string[], first: string[]): Promise<{ tasks: number; seconds: number; cpuMs: number }> {
  const script = fileURLToPath(new URL('./runtime-client.ts', import.meta.url));
  const results = await Promise.all(
    Array.from({ length: CLIENT_PROCS }, (_, p) => {
      const mine = first.filter((_, i) => i % CLIENT_PROCS === p);
      const clients = Math.ceil(CLIENTS / CLIENT_PROCS);
      const theirTokens = tokens.slice(p * clients, (p + 1) * clients);
      return new Promise<{ tasks: number; seconds: number; cpuMs: number }>((resolve, reject) => {
        const child = fork(script, [], { execArgv: ['--import', 'tsx'] });
        child.on('message', (m: { ready?: boolean; ok?: boolean; tasks?: number; seconds?: number; cpuMs?: number; error?: string }) => {
          if (m.ready) child.send({ address, tokens: theirTokens, first: mine });
          else if (m.ok) resolve({ tasks: m.tasks!, seconds: m.seconds!, cpuMs: m.cpuMs! });
          else reject(new Error(`load client: ${m.error}`));
        });
        child.on('exit', (code) => code !== 0 && reject(new Error(`load client exited ${code}`)));
      });
    }),
  );
  return { tasks: results.reduce((n, r) => n + r.tasks, 0), seconds: Math.max(...results.map((r) => r.seconds)), cpuMs: results.reduce((n, r) => n + r.cpuMs, 0) };
}

/** (2) bpmn-engine in memory; after every step its state is saved to PostgreSQL (UPDATE state + INSERT event). */
async function benchBpmnEngine(url: string): Promise<{ tasks: number; seconds: number; stateBytes: number }> {
  const pool = new pg.Pool({ connectionString: url, max: CLIENTS });
  await pool.query('create table if not exists peer_state (id text primary key, state jsonb not null, updated_at timestamptz not null)');
  await pool.query('create table if not exists peer_events (id bigserial primary key, instance_id text not null, element_id text not null, at timestamptz not null)');
  let tasks = 0;
  let stateBytes = 0;
  const runOne = async (id: string) => {
    await pool.query('insert into peer_state (id, state, updated_at) values ($1, $2, now())', [id, '{}']);
    const listener = new EventEmitter();
    const waits: Array<{ id: string; signal: (m?: unknown) => void }> = [];
    let wake: (() => void) | undefined;
    let ended = false;
    listener.on('wait', (api: { id: string; signal: (m?: unknown) => void }) => {
      waits.push(api);
      wake?.();
    });
    const engine = new BpmnEngine({ name: id, source: XML });
    listener.on('end', () => {
      ended = true;
      wake?.();
    });
    engine.broker.subscribeTmp('event', 'engine.end', () => {
      ended = true;
      wake?.();
    }, { noAck: true });
    await engine.execute({ listener });
    while (!ended) {
      if (waits.length === 0) {
        await new Promise<void>((r) => (wake = r));
        wake = undefined;
        continue;
      }
      const api = waits.shift()!;
      api.signal({ ok: true });
      const state = JSON.stringify(await engine.getState());
      stateBytes = state.length;
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query('update peer_state set state = $2, updated_at = now() where id = $1', [id, state]);
        await client.query('insert into peer_events (instance_id, element_id, at) values ($1, $2, now())', [id, api.id]);
        await client.query('commit');
      } finally {
        client.release();
      }
      tasks++;
    }
  };
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = c; i < INSTANCES; i += CLIENTS) await runOne(`peer-${i}`);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  await pool.end();
  return { tasks, seconds, stateBytes };
}

/** (3) the ceiling: one UPDATE + one INSERT per transaction, CLIENTS connections. */
async function benchCeiling(url: string, total: number): Promise<{ tasks: number; seconds: number; cpuMsPerTask: number; postgresCpuMsPerTask?: number }> {
  const pool = new pg.Pool({ connectionString: url, max: CLIENTS });
  await pool.query('create table if not exists ceiling_rows (id int primary key, n int not null)');
  await pool.query('create table if not exists ceiling_events (id bigserial primary key, row_id int not null, at timestamptz not null)');
  await pool.query('insert into ceiling_rows select g, 0 from generate_series(1, 1000) g on conflict do nothing');
  let tasks = 0;
  await Promise.all(Array.from({ length: CLIENTS }, () => pool.connect().then((c) => c.release())));
  const pg0 = await postgresCpuSeconds();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const client = await pool.connect();
      try {
        while (tasks < total) {
          tasks++;
          const row = 1 + Math.floor(Math.random() * 1000);
          await client.query('begin');
          await client.query('update ceiling_rows set n = n + 1 where id = $1', [row]);
          await client.query('insert into ceiling_events (row_id, at) values ($1, now())', [row]);
          await client.query('commit');
        }
      } finally {
        client.release();
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const pg1 = pg0 === undefined ? undefined : await postgresCpuSeconds();
  await pool.end();
  return {
    tasks,
    seconds,
    cpuMsPerTask: (cpu.user + cpu.system) / 1000 / tasks,
    postgresCpuMsPerTask: pg0 === undefined || pg1 === undefined ? undefined : ((pg1 - pg0) * 1000) / tasks,
  };
}

/** Worklist query time at n open tasks spread over every office and role. */
async function benchWorklist(db: Kysely<Database>, n: number, user: SessionUser): Promise<{ p50: number; p95: number }> {
  const have = Number((await sql<{ c: string }>`select count(*) as c from runtime_tasks where status = 'open'`.execute(db)).rows[0].c);
  if (have < n) {
    await sql`with r as (select array_agg(key order by key) a from roles where kind = 'officer'), o as (select array_agg(key order by key) a from offices)
      insert into runtime_tasks (id, instance_id, token_id, process_key, process_name, publication, element_id, element_name, role, office, assignee, on_behalf, business_key, due_at, claimed_by, status, created_at, documents)
      select md5(random()::text || g), md5(g::text), md5(g::text), 'bench-sepuluh', 'SOP', 1, 'langkah' || (g % 10), 'Langkah',
             r.a[1 + g % array_length(r.a, 1)], o.a[1 + (g / 7) % array_length(o.a, 1)],
             null, false, 'B' || g, now() + (random() * interval '30 days'), null, 'open', now(), '[]'::jsonb
      from generate_series(${have + 1}::int, ${n}::int) g, r, o`.execute(db);
    await sql`analyze runtime_tasks`.execute(db);
  }
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    await listTasks(db, user, { scope: 'available', limit: 50 });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)], p95: times[Math.floor(times.length * 0.95)] };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

async function main(): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const pgVersion = (await admin.query<{ v: string }>(`select current_setting('server_version') as v`)).rows[0].v;
  await admin.end();
  const machine = `${os.cpus().length} cores × ${os.cpus()[0]?.model.trim()}, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB RAM, Node ${process.version}, PostgreSQL ${pgVersion} on ${new URL(ADMIN_URL).host}`;
  console.log(`Machine: ${machine}`);
  console.log(`Load: ${CLIENTS} clients in every run (HTTP clients in ${CLIENT_PROCS} separate process(es) for (1), whose server has ${process.env.BENCH_POOL ?? DEFAULT_POOL_SIZE} PostgreSQL connections; ${CLIENTS} connections for (2) and (3)), ${INSTANCES} instances × 10 steps per round of (1), 20,000 transactions per round of (3), ${ROUNDS} rounds; load average before: ${os.loadavg().map((l) => fmt(l, 2)).join(' ')}\n`);

  // (1) on PostgreSQL and (3) run in alternating rounds on the same database, and each is reported
  // by its median round: this machine's speed drifts by ±20 % within minutes, and a ratio of two
  // runs a minute apart would measure the drift as much as the two systems.
  const pgStudio = await freshPostgres();
  const openedPg = await openDatabase({ url: pgStudio.url, ...(process.env.BENCH_POOL ? { poolSize: Number(process.env.BENCH_POOL) } : {}) });
  const server = await sopStudioServer(openedPg);
  const studioRounds: StudioRound[] = [];
  const ceilingRounds: Awaited<ReturnType<typeof benchCeiling>>[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const s = await server.round();
    studioRounds.push(s);
    console.log(
      `(1) SOP Studio / PostgreSQL, round ${round}: ${fmt(s.tasks / s.seconds)} tasks/s; CPU per task: server ${fmt(s.cpuMsPerTask, 2)} ms (${fmt(s.kernelMsPerTask, 2)} ms of it in the kernel), ` +
        `load client ${fmt(s.clientCpuMsPerTask, 2)} ms, PostgreSQL ${s.postgresCpuMsPerTask === undefined ? 'not measured (not local)' : `${fmt(s.postgresCpuMsPerTask, 2)} ms`}; ${fmt(s.roundTripsPerTask, 1)} SQL round trips per task`,
    );
    if (process.env.BENCH_ONLY === 'studio') continue;
    const c = await benchCeiling(pgStudio.url, 20_000);
    ceilingRounds.push(c);
    console.log(
      `(3) UPDATE+INSERT ceiling, round ${round}:    ${fmt(c.tasks / c.seconds)} tx/s; CPU per transaction: client ${fmt(c.cpuMsPerTask, 2)} ms, PostgreSQL ${c.postgresCpuMsPerTask === undefined ? 'not measured' : `${fmt(c.postgresCpuMsPerTask, 2)} ms`}`,
    );
  }
  await server.close();
  if (process.env.BENCH_ONLY === 'studio') {
    // Iterating on the server (profile it with node --cpu-prof): (1) on PostgreSQL alone.
    await openedPg.close();
    await pgStudio.drop();
    return;
  }

  const dir = await mkdtemp(path.join(os.tmpdir(), 'sop-bench-'));
  const openedLite = await openDatabase({ dataDir: dir });
  const lite = await sopStudioServer(openedLite);
  const studioLite = await lite.round();
  await lite.close();
  await openedLite.close();
  await rm(dir, { recursive: true, force: true });
  console.log(`(1) SOP Studio / PGlite:     ${fmt(studioLite.tasks / studioLite.seconds)} tasks/s (server + embedded database ${fmt(studioLite.cpuMsPerTask, 2)} ms CPU per task)`);

  const peer = await benchBpmnEngine(pgStudio.url);
  console.log(`(2) bpmn-engine + PostgreSQL: ${fmt(peer.tasks / peer.seconds)} tasks/s (state ${fmt(peer.stateBytes)} bytes per save)\n`);

  const rate = (r: { tasks: number; seconds: number }) => r.tasks / r.seconds;
  const sPg = median(studioRounds.map(rate));
  const sPeer = rate(peer);
  const sCeil = median(ceilingRounds.map(rate));
  const range = (xs: number[]) => `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`;
  const rows = [
    [`SOP Studio, HTTP API, PostgreSQL (median of ${ROUNDS}: ${range(studioRounds.map(rate))})`, fmt(sPg), `${fmt(sPg / sPeer, 1)}× (2)`, `${fmt((100 * sPg) / sCeil)} % of (3)`],
    ['SOP Studio, HTTP API, PGlite (file)', fmt(rate(studioLite)), `${fmt(rate(studioLite) / sPeer, 1)}× (2)`, `${fmt((100 * rate(studioLite)) / sCeil)} % of (3)`],
    ['bpmn-engine 25 in memory + state to PostgreSQL', fmt(sPeer), '1.0× (2)', `${fmt((100 * sPeer) / sCeil)} % of (3)`],
    [`UPDATE + INSERT per transaction (ceiling; median of ${ROUNDS}: ${range(ceilingRounds.map(rate))})`, fmt(sCeil), `${fmt(sCeil / sPeer, 1)}× (2)`, '100 % of (3)'],
  ];
  console.log('| run | tasks/s | vs bpmn-engine | vs ceiling |\n|---|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  const perRound = studioRounds.map((s, k) => `${fmt((100 * rate(s)) / rate(ceilingRounds[k]), 1)} %`).join(', ');
  console.log(`\nRatios: SOP Studio/PostgreSQL = ${fmt(sPg / sPeer, 2)}× bpmn-engine (target ≥ 2), ${fmt((100 * sPg) / sCeil, 1)} % of the ceiling (target ≥ 40 %; round by round: ${perRound})`);

  const worker: SessionUser = { id: 'bench', username: 'bench', name: 'bench', roles: [{ role: 'korektor', office: OFFICE }, { role: 'kasir', office: OFFICE }] };
  console.log('\n| open tasks | worklist p50 | worklist p95 |\n|---:|---:|---:|');
  for (const n of WORKLIST) {
    const r = await benchWorklist(openedPg.db, n, worker);
    console.log(`| ${fmt(n)} | ${fmt(r.p50, 2)} ms | ${fmt(r.p95, 2)} ms |`);
  }
  await openedPg.close();
  await pgStudio.drop();
}

await main();
