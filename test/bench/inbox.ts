/**
 * npm run bench:inbox — the officer's inbox first load with 100k open tasks in the office's
 * database. Measures server time (app.inject: routing, auth, SQL, serialization) for both tabs.
 * PGlite by default; BENCH_DATABASE_URL=postgres://… measures PostgreSQL.
 */
import { sql } from 'kysely';
import { createTestApp, loginAs, bearer } from '../helpers/app.js';

const N = Number(process.env.BENCH_TASKS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
const kind = process.env.BENCH_DATABASE_URL ? 'postgres' : 'pglite';

const t = await createTestApp({ kind });
const db = t.database.db;
const officer = await db.selectFrom('users').select('id').where('username', '=', 'petugas-loket.kecamatan-kaloran').executeTakeFirstOrThrow();

// Bulk rows written by SQL (generate_series), the same shape the runtime writes: many offices
// and roles, a fifth of Kaloran's loket tasks claimed by the officer.
const t0 = Date.now();
await sql`insert into runtime_instances (id, process_key, process_name, publication, office, business_key, applicant_user_id, applicant, started_by, status, variables, tokens, created_at, updated_at)
  select 'i' || g, 'uji', 'Proses uji', 1,
    (array['kecamatan-kaloran','samsat-serang','bapenda-depok'])[1 + g % 3], 'BK-' || lpad(g::text, 7, '0'), null,
    jsonb_build_object('name', 'Pemohon ' || g), 'seed', 'running', '{}'::jsonb, '[]'::jsonb, now(), now()
  from generate_series(1, ${N}) g`.execute(db);
await sql`insert into runtime_tasks (id, instance_id, token_id, process_key, process_name, publication, element_id, element_name, role, office, assignee, business_key, due_at, claimed_by, status, created_at, documents)
  select 't' || g, 'i' || g, 'k' || g, 'uji', 'Proses uji', 1, 'periksa', 'Memeriksa berkas',
    (array['petugas-loket','camat','kasi'])[1 + (g / 3) % 3],
    (array['kecamatan-kaloran','samsat-serang','bapenda-depok'])[1 + g % 3], null, 'BK-' || lpad(g::text, 7, '0'),
    now() + ((g % 5000) || ' minutes')::interval, case when g % 15 = 0 then ${officer.id} else null end, 'open', now() - interval '1 hour', '[]'::jsonb
  from generate_series(1, ${N}) g`.execute(db);
await sql`analyze`.execute(db);
const loadMs = Date.now() - t0;

const token = await loginAs(t.app, 'petugas-loket.kecamatan-kaloran');
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
async function measure(url: string): Promise<{ p50: number; p95: number; count: number }> {
  const times: number[] = [];
  let count = 0;
  for (let i = 0; i < RUNS + 3; i++) {
    const s = process.hrtime.bigint();
    const res = await t.app.inject({ method: 'GET', url, headers: bearer(token) });
    const ms = Number(process.hrtime.bigint() - s) / 1e6;
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    count = (res.json() as { tasks: unknown[] }).tasks.length;
    if (i >= 3) times.push(ms); // first runs warm the plan cache
  }
  return { p50: pct(times, 50), p95: pct(times, 95), count };
}

const available = await measure('/api/inbox?tab=available');
const mine = await measure('/api/inbox?tab=mine');
const search = await measure('/api/inbox?tab=available&q=BK-00012');
console.log(`inbox bench (${kind}): ${N} open tasks in the database (loaded in ${loadMs} ms), ${RUNS} runs each`);
for (const [name, r] of [['Tersedia (first page)', available], ['Tugas saya', mine], ['search business key', search]] as const) {
  console.log(`  ${name.padEnd(24)} p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  (${r.count} rows)`);
}
const ok = available.p95 < 300 && mine.p95 < 300;
console.log(ok ? 'target met: first load < 300 ms' : 'TARGET MISSED: first load ≥ 300 ms');
await t.close();
process.exit(ok ? 0 : 1);
