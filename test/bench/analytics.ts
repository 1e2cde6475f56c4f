/**
 * npm run bench:analytics — the managers' cockpit at scale: 100k applications over 12 months in
 * 5 offices with 10 completed steps each (1M completed tasks, 1.2M history rows), bulk-written
 * with SQL generate_series in the shape the runtime writes (not through the API), plus 2k open
 * applications. Then the analytics job builds its summaries from the history (timed), and the
 * dashboard routes are measured through the real server (app.inject: routing, auth, SQL,
 * serialization): overview, heatmap, workload and a step's detail, for one office over 30 days
 * (what the screen opens with) and for all offices over 12 months.
 * PostgreSQL with BENCH_DATABASE_URL=postgres://…, else PGlite; BENCH_APPLICATIONS scales it.
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { sql } from 'kysely';
import { createUser } from '../../server/services/accounts/accounts.js';
import { refreshAnalytics } from '../../server/services/cockpit/analytics.js';
import { bearer, createTestApp, loginAs } from '../helpers/app.js';
import { chain, end, model, start, userTask } from '../runtime/support/bpmn.js';
import { publishProcess } from '../runtime/support/publish.js';

const APPS = Number(process.env.BENCH_APPLICATIONS ?? 100_000);
const STEPS = 10;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
const kind = process.env.BENCH_DATABASE_URL ? 'postgres' : 'pglite';
const OFFICES = ['samsat-serang', 'samsat-cilegon', 'bapenda-depok', 'kecamatan-kaloran', 'dpmptsp-banten'];
const steps = Array.from({ length: STEPS }, (_, i) => `t${i + 1}`);
const SOP = model('bench-kinerja', `${start()}${steps.map((s) => userTask(s, 'sop:duration="PT15M"')).join('')}${end()}${chain('start', ...steps, 'end')}`, {
  lanes: { 'petugas-loket': ['start', ...steps, 'end'] },
  attrs: 'sop:starterRoles="petugas-loket"',
});

const t = await createTestApp({ kind, users: false });
const db = t.database.db;
await publishProcess(db, 'bench-kinerja', SOP);
const officer = await createUser(db, { username: 'loket.bench', password: 'Rahasia-Kantor-2026', roles: OFFICES.map((office) => ({ role: 'petugas-loket', office })) }, 'bench');
await createUser(db, { username: 'kepala.bench', password: 'Rahasia-Kantor-2026', roles: [{ role: 'manager', office: null }] }, 'bench');

const t0 = Date.now();
// Applications: created across the last 365 days during office hours (Jakarta 08:00–12:00),
// each done within a few hours; 2% still running.
await sql`insert into runtime_instances (id, process_key, process_name, publication, office, business_key, applicant_user_id, applicant, started_by, status, variables, tokens, created_at, updated_at, ended_at, outcome)
  select 'i' || g, 'bench-kinerja', 'Bench', 1, (${sql.val(OFFICES)}::text[])[1 + g % 5], 'BK-' || g, null, null, 'seed',
    case when g % 50 = 0 then 'running' else 'completed' end, '{}'::jsonb, '[]'::jsonb,
    c, c, case when g % 50 = 0 then null else c + (${STEPS} * 17 + g % 60) * interval '1 minute' end, null
  from generate_series(1, ${APPS}) g,
  lateral (select date_trunc('day', now() - (g % 365) * interval '1 day') + interval '1 hour' + (g % 240) * interval '1 minute' as c) x`.execute(db);
// Tasks: step s of application a starts 17 min after the previous one and takes 5–34 minutes.
await sql`insert into runtime_tasks (id, instance_id, token_id, process_key, process_name, publication, element_id, element_name, role, office, assignee, business_key, due_at, claimed_by, status, created_at, completed_at, completed_by, documents)
  select 't' || a || '-' || s, 'i' || a, 'k' || a || '-' || s, 'bench-kinerja', 'Bench', 1, 't' || s, 'Tugas t' || s, 'petugas-loket', i.office, null, i.business_key,
    st + interval '15 minutes', case when i.status = 'running' and s = 1 then null else ${officer.id} end,
    case when i.status = 'running' and s = 1 then 'open' else 'completed' end, st,
    case when i.status = 'running' and s = 1 then null else st + (5 + (a * 7 + s) % 30) * interval '1 minute' end,
    case when i.status = 'running' and s = 1 then null else ${officer.id} end, '[]'::jsonb
  from generate_series(1, ${APPS}) a join runtime_instances i on i.id = 'i' || a, generate_series(1, ${STEPS}) s,
  lateral (select i.created_at + (s - 1) * 17 * interval '1 minute' as st) x
  where i.status = 'completed' or s = 1`.execute(db);
await sql`insert into runtime_history (instance_id, element_id, element_name, element_kind, event, actor, on_behalf, started_at, ended_at, due_at, sla_ms, task_id, details)
  select instance_id, element_id, element_name, 'userTask', 'completed', completed_by, false, created_at, completed_at, due_at, 900000, id, null::jsonb
  from runtime_tasks where process_key = 'bench-kinerja' and status = 'completed'
  union all
  select id, 'start', 'start', 'startEvent', 'completed', null, false, created_at, created_at, null, null, null, null::jsonb from runtime_instances where process_key = 'bench-kinerja'
  union all
  select id, 'end', 'end', 'endEvent', 'completed', null, false, ended_at, ended_at, null, null, null, null::jsonb from runtime_instances where process_key = 'bench-kinerja' and status = 'completed'
  order by 8`.execute(db);
await sql`analyze`.execute(db);
const counts = await sql<{ tasks: number; history: number }>`select (select count(*)::int from runtime_tasks where status = 'completed') as tasks, (select count(*)::int from runtime_history) as history`.execute(db);
const loadMs = Date.now() - t0;

/**
 * CPU ticks (user + system) of the PostgreSQL backends serving this bench's database, read from
 * /proc (PostgreSQL on this machine); undefined on PGlite (it runs inside this process).
 */
async function backendTicks(): Promise<Map<number, number> | undefined> {
  if (kind !== 'postgres') return undefined;
  const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(db);
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    if (!stat) continue;
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(pid, Number(f[11]) + Number(f[12]));
  }
  return out;
}

const j0 = Date.now();
const cpu0 = process.cpuUsage();
const pg0 = await backendTicks();
let read = 0;
for (let n = await refreshAnalytics(db, new Date(Date.now() + 60_000)); n > 0; n = await refreshAnalytics(db, new Date(Date.now() + 60_000))) read += n;
const jobMs = Date.now() - j0;
const cpu = process.cpuUsage(cpu0);
const pg1 = await backendTicks();
// Ticks are 1/100 s (USER_HZ); a backend that began during the job counts whole.
const pgCpuMs = pg0 && pg1 ? [...pg1].reduce((a, [pid, ticks]) => a + (ticks - (pg0.get(pid) ?? 0)) * 10, 0) : undefined;
const jobCpuMs = (cpu.user + cpu.system) / 1000;
await sql`analyze`.execute(db);

const token = await loginAs(t.app, 'kepala.bench', 'Rahasia-Kantor-2026');
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
async function measure(url: string): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const s = process.hrtime.bigint();
    const res = await t.app.inject({ method: 'GET', url, headers: bearer(token) });
    const ms = Number(process.hrtime.bigint() - s) / 1e6;
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    if (i >= 3) times.push(ms); // the first runs warm caches and plans
  }
  return { p50: pct(times, 50), p95: pct(times, 95) };
}
const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const monthAgo = new Date(Date.now() + 7 * 3_600_000 - 29 * 86_400_000).toISOString().slice(0, 10);
const yearAgo = new Date(Date.now() + 7 * 3_600_000 - 365 * 86_400_000).toISOString().slice(0, 10);
const one = `process=bench-kinerja&office=samsat-serang&from=${monthAgo}&to=${today}`;
const all = `process=bench-kinerja&from=${yearAgo}&to=${today}`;
/**
 * Before the month rollups (migration 0023), the percentiles were taken per request over every
 * time in step of the period, straight from the day rows: the same SQL is timed here, in the same
 * run, beside the routes (directly on the database: no HTTP, auth or serialization, so it is
 * flattered, never the other way round).
 */
async function measureSql(query: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const s = process.hrtime.bigint();
    await query();
    if (i >= 3) times.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  return { p50: pct(times, 50), p95: pct(times, 95) };
}
const before = (office: string | null, from: string) => {
  const where = office === null ? sql`process_key = 'bench-kinerja' and day between ${from}::date and ${today}::date` : sql`process_key = 'bench-kinerja' and office = ${office} and day between ${from}::date and ${today}::date`;
  return {
    heatmap: () =>
      sql`with c as (select element_id, sum(n)::int as n, sum(breached)::int as breached from analytics_steps where ${where} group by element_id),
        p as (select element_id, percentile_disc(0.5) within group (order by x) as p50, percentile_disc(0.9) within group (order by x) as p90
              from (select element_id, unnest(seconds) as x from analytics_steps where ${where}) d group by element_id)
        select c.element_id, c.n, c.breached, p.p50, p.p90 from c left join p on p.element_id = c.element_id`.execute(db),
    cycles: () => sql`select unnest(seconds) as s from analytics_instances where ${where}`.execute(db).then((r) => r.rows.map((x) => Number((x as { s: number }).s)).sort((a, b) => a - b)),
    step: () => sql`select unnest(seconds) as seconds from analytics_steps where ${where} and element_id = 't5'`.execute(db).then((r) => r.rows.map((x) => Number((x as { seconds: number }).seconds)).sort((a, b) => a - b)),
  };
};
const rows: Array<[string, { p50: number; p95: number }]> = [];
for (const [scope, q, office, from] of [['1 office, 30 days', one, 'samsat-serang', monthAgo], ['5 offices, 12 months', all, null, yearAgo]] as const) {
  const old = before(office, from);
  rows.push([`before: heatmap percentiles ${scope}`, await measureSql(old.heatmap)]);
  rows.push([`before: cycle times ${scope}`, await measureSql(old.cycles)]);
  rows.push([`before: step t5 times ${scope}`, await measureSql(old.step)]);
  for (const r of ['overview', 'heatmap', 'workload', 'steps/t5']) rows.push([`${r.padEnd(9)} ${scope}`, await measure(`/api/analytics/${r}?${q}`)]);
}
const load = os.loadavg().map((x) => x.toFixed(1)).join(' ');
console.log(`analytics bench (${kind}): ${APPS} applications (${counts.rows[0].tasks} completed tasks, ${counts.rows[0].history} history rows) over 12 months in ${OFFICES.length} offices, loaded in ${loadMs} ms`);
console.log(`  job: ${read} history rows into the summaries in ${jobMs} ms (${Math.round((read / Math.max(1, jobMs)) * 1000)} rows/s)`);
const completedTasks = counts.rows[0].tasks;
console.log(
  `  job CPU: this process ${jobCpuMs.toFixed(0)} ms + PostgreSQL backends ${pgCpuMs === undefined ? 'n/a' : `${pgCpuMs.toFixed(0)} ms`} = ` +
    `${((jobCpuMs + (pgCpuMs ?? 0)) / Math.max(1, read)).toFixed(3)} ms per history row, ${((jobCpuMs + (pgCpuMs ?? 0)) / Math.max(1, completedTasks)).toFixed(3)} ms per completed task ` +
    `(the runtime bench's real SOP 02: server 2.32 + PostgreSQL 1.61 ms per task, README; 5 % of it = 0.197 ms)`,
);
for (const [name, r] of rows) console.log(`  ${name.padEnd(44)} p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  ${r.p95 < 200 ? '✔' : '✘'} (< 200 ms)`);
console.log(`  load average (1, 5, 15 min) at the end: ${load}`);
await t.close();
