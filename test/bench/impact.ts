/**
 * npm run bench:impact — "Dampak" of a samsat-fees draft over 100,000 applications (issue 19:
 * < 60 s on PostgreSQL). The applications are rows of runtime_instances written directly, each
 * holding a real stored evaluation (the result of the publication for its own facts, trace and
 * all, as a business rule task stores it), half of them open; the draft raises the PKB rate from
 * next month. The run is the production one (server/services/store/impact.ts through change-job-runner.ts):
 * count, batches of 500 read by id, both evaluations per application, items written per batch,
 * the sums in SQL. Prints the time, the rate and the result's counts.
 * Knobs: BENCH_APPLICATIONS (100000), BENCH_KIND (postgres | pglite; postgres needs TEST_DATABASE_URL).
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { compileRuleSet, evaluateCompiled } from '../../rules/engine/index.js';
import { runOneChangeJob } from '../../server/services/store/change-job-runner.js';
import { getChangeJob } from '../../server/services/store/change-jobs.js';
import { startRuleSetImpact } from '../../server/services/store/impact.js';
import { publish, saveDraft } from '../../server/services/store/store.js';
import { createTestDatabase } from '../helpers/db.js';

const N = Number(process.env.BENCH_APPLICATIONS ?? 100_000);
const kind = (process.env.BENCH_KIND ?? (process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite')) as 'postgres' | 'pglite';
const SAMSAT = readFileSync(new URL('../../rules/samsat-fees.json', import.meta.url), 'utf8');

const database = await createTestDatabase(kind);
const db = database.db;
try {
  await saveDraft(db, { kind: 'ruleset', key: 'samsat-fees', content: SAMSAT, actor: 'bench' });
  await publish(db, { kind: 'ruleset', key: 'samsat-fees', actor: 'bench', effectiveFrom: '2019-03-01' });
  const compiled = compileRuleSet(JSON.parse(SAMSAT), { publication: 1 });
  // 12 kinds of stored nota (vehicle × NJKB × late months), spread over the applications
  const templates = [];
  for (const vehicleType of ['sedan', 'minibus', 'motorcycle'])
    for (const njkb of [80_000_000, 250_000_000])
      for (const dueDate of [undefined, '2025-06-01']) {
        const facts = { vehicleType, njkb: vehicleType === 'motorcycle' ? njkb / 10 : njkb, ownershipOrder: 1, usage: 'private', service: 'tahunan', ...(dueDate ? { dueDate } : {}) };
        templates.push(JSON.stringify({ sys: { notaPkb: evaluateCompiled(compiled, facts, '2026-11-20') } }));
      }
  const t0 = Date.now();
  await sql`
    insert into runtime_instances (id, process_key, process_name, publication, office, business_key, applicant_user_id, applicant, started_by, status, variables, tokens, parent_instance_id, parent_token_id, created_at, updated_at, ended_at, outcome)
    select lpad(g::text, 12, '0'), 'samsat-02', 'SOP 02', 1, case when g % 3 = 0 then 'samsat-cilegon' else 'samsat-serang' end, 'B-' || g, null, null, 'bench',
           case when g % 2 = 0 then 'running' else 'completed' end,
           (${sql.val(templates)}::jsonb[])[1 + g % ${templates.length}], '[]'::jsonb, null, null, now() - (g % 60) * interval '1 day', now(), null, null
      from generate_series(1, ${N}) g`.execute(db);
  await sql`analyze runtime_instances`.execute(db);
  const loadMs = Date.now() - t0;

  const doc = JSON.parse(SAMSAT) as { versions: Array<Record<string, unknown> & { effectiveFrom: string; effectiveTo?: string; constants: Record<string, unknown> }> };
  const last = doc.versions[doc.versions.length - 1];
  const next = structuredClone(last);
  last.effectiveTo = '2027-01-31';
  next.effectiveFrom = '2027-02-01';
  delete next.effectiveTo;
  next.constants = { ...next.constants, tarifPkb: '1.5%' };
  doc.versions.push(next);
  const draft = await db.selectFrom('drafts').select('revision').where('kind', '=', 'ruleset').where('key', '=', 'samsat-fees').executeTakeFirstOrThrow();
  await saveDraft(db, { kind: 'ruleset', key: 'samsat-fees', content: JSON.stringify(doc), actor: 'bench', ifMatch: draft.revision });

  const cpu0 = process.cpuUsage();
  const t1 = Date.now();
  const { id } = await startRuleSetImpact(db, 'samsat-fees', {}, 'bench', 'all');
  await runOneChangeJob(db);
  const ms = Date.now() - t1;
  const cpu = process.cpuUsage(cpu0);
  const job = await getChangeJob(db, 'ruleset-impact', 'samsat-fees', id);
  const r = job.result as Record<string, unknown>;
  console.log(`Dampak samsat-fees on ${kind}: ${N.toLocaleString('en')} applications loaded in ${(loadMs / 1000).toFixed(1)} s`);
  console.log(`run: ${(ms / 1000).toFixed(1)} s (${Math.round((N / ms) * 1000).toLocaleString('en')} applications/s; server CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s); status ${job.status}`);
  console.log(`result: applications ${String(r.applications)}, changed ${String(r.changed)}, unchanged ${String(r.unchanged)}, failed ${String(r.failed)}, before ${String(r.totalBefore)}, after ${String(r.totalAfter)}, difference ${String(r.difference)}`);
  console.log(`target: < 60 s for 100,000 on PostgreSQL: ${N >= 100_000 && kind === 'postgres' ? (ms < 60_000 ? 'met' : 'NOT met') : 'not the target size/database'}`);
} finally {
  await database.close();
}
