import { jakartaDate } from '../../../core/calendar-date.js';
import { sql, type Kysely } from 'kysely';
import { workingMsBetween, type WorkingCalendar } from '../../../core/working-time.js';
import { durationMs } from '../../../core/duration.js';
import type { ProcessModel } from '../../../runtime/model/types.js';
import type { Database } from '../../db/index.js';
import { AppError } from '../../errors.js';
import type { SessionUser } from '../accounts/accounts.js';
import { calendarCache } from '../offices/calendars.js';
import { addSeconds, bucketValue, histogramCount, histogramMax, mergePacked, monthOf, packHistogram, parseIntArray, percentiles, splitPeriod, type Histogram } from './analytics-rollup.js';
import { managedOffices } from './cockpit-access.js';
import { escalateCaught, type CaughtEscalation } from '../workspace/escalation.js';
import { engineFor } from '../runtime/runtime.js';
import { KyselyRuntimeStore } from '../runtime/runtime-store.js';

/**
 * The managers' cockpit figures (issue 18).
 *
 * A job (`refreshAnalytics`) reads the task history once, in id order from a cursor, and adds it
 * to summary tables exact per day (Asia/Jakarta) and per step (migration 0014): step completions
 * with every time in step in working seconds (so p50/p90 over any period are exact), flows taken
 * (from the history row of a node with a choice of ways out), work per officer, and applications
 * started/completed with their cycle times. Requests read those summaries and, for what is open
 * now, the open rows through partial indexes: never all of the history.
 */

/** History rows younger than this are left for the next run: a step that began earlier may still commit a smaller id. */
const SETTLE_MS = 5_000;
const BATCH = 20_000;
const TASK_KINDS = new Set(['userTask', 'manualTask']);

interface HistoryRow {
  id: string;
  instance_id: string;
  element_id: string;
  element_kind: string;
  event: string;
  actor: string | null;
  started_at: Date;
  ended_at: Date;
  due_at: Date | null;
  task_id: string | null;
  details: unknown;
  process_key: string;
  publication: number;
  office: string;
  inst_status: string;
  inst_created: Date;
  inst_ended: Date | null;
  role: string | null;
  business_key: string | null;
}

const jakartaDay = (d: Date) => jakartaDate(new Date(d));

async function modelOf(db: Kysely<Database>, conn: Kysely<Database>, key: string, n: number): Promise<ProcessModel> {
  return engineFor(db).model(new KyselyRuntimeStore(conn), key, n);
}

/**
 * The SOP's total "Waktu" of a model: the longest path from a start event to an end event
 * (loops not followed), summing sop:duration — as the library table in processes/README.md.
 * In working milliseconds: a day is the office's first working day's opening hours.
 */
export function sopTotalMs(model: ProcessModel, cal: WorkingCalendar): number {
  const dayMs = (() => {
    const d = cal.days.find((x) => x !== null);
    return d ? (d[1] - d[0]) * 60_000 : 8 * 3_600_000;
  })();
  const ms = (id: string) => {
    const d = model.nodes[id]?.duration;
    if (!d) return 0;
    return (d.days + d.weeks * 5) * dayMs + durationMs({ ...d, days: 0, weeks: 0 });
  };
  const memo = new Map<string, number>();
  const walk = (id: string, path: Set<string>): number => {
    if (memo.has(id)) return memo.get(id)!;
    let best = 0;
    path.add(id);
    for (const f of model.nodes[id]?.outgoing ?? []) {
      const next = model.flows[f]?.target;
      if (next && !path.has(next)) best = Math.max(best, walk(next, path));
    }
    path.delete(id);
    const total = ms(id) + best;
    memo.set(id, total);
    return total;
  };
  return Math.max(0, ...model.startEvents.map((s) => walk(s, new Set())));
}

/** Adds the next batch of settled history to the summaries; returns how many rows it read. */
export async function refreshAnalytics(db: Kysely<Database>, now: Date = new Date(), max = BATCH): Promise<number> {
  await calendarCache(db).ready();
  const calendars = calendarCache(db);
  return db.transaction().execute(async (trx) => {
    // The cursor row's lock makes servers take turns; each batch is added exactly once.
    const cursor = await sql<{ last_history_id: string; escalate_after: string }>`select last_history_id, escalate_after from analytics_cursor where id = 1 for update`.execute(trx);
    const from = cursor.rows[0]?.last_history_id ?? '0';
    const escalateAfter = Number(cursor.rows[0]?.escalate_after ?? 0);
    const { rows } = await sql<HistoryRow>`
      select h.id, h.instance_id, h.element_id, h.element_kind, h.event, h.actor, h.started_at, h.ended_at,
             -- the task's own due time (moved by a calendar change) over the one the history computed
             coalesce(t.due_at, h.due_at) as due_at, h.task_id, h.details,
             i.process_key, i.publication, i.office, i.status as inst_status, i.created_at as inst_created, i.ended_at as inst_ended, t.role, i.business_key
      from runtime_history h
      join runtime_instances i on i.id = h.instance_id
      left join runtime_tasks t on t.id = h.task_id
      where h.id > ${from}::bigint and h.ended_at < ${new Date(now.getTime() - SETTLE_MS).toISOString()}::timestamptz
      order by h.id limit ${max}`.execute(trx);
    if (rows.length === 0) return 0;

    const steps = new Map<string, { day: string; p: string; n: number; o: string; e: string; count: number; breached: number; seconds: number[] }>();
    const flows = new Map<string, { day: string; p: string; n: number; o: string; f: string; count: number }>();
    const officers = new Map<string, { day: string; p: string; o: string; r: string; a: string; count: number; seconds: number }>();
    const instances = new Map<string, { day: string; p: string; n: number; o: string; started: number; completed: number; onTime: number; seconds: number[] }>();
    const ended = new Set<string>();
    const caught: CaughtEscalation[] = [];
    const inst = (day: string, r: HistoryRow) => {
      const k = `${r.process_key}|${r.office}|${day}|${r.publication}`;
      let v = instances.get(k);
      if (!v) instances.set(k, (v = { day, p: r.process_key, n: r.publication, o: r.office, started: 0, completed: 0, onTime: 0, seconds: [] }));
      return v;
    };
    for (const r of rows) {
      if (r.event !== 'completed') continue;
      const day = jakartaDay(r.ended_at);
      const cal = calendars.get(r.office);
      const model = await modelOf(db, trx, r.process_key, r.publication);
      const node = model.nodes[r.element_id];
      const seconds = Math.round(workingMsBetween(cal, new Date(r.started_at), new Date(r.ended_at)) / 1000);
      const sk = `${r.process_key}|${r.office}|${day}|${r.publication}|${r.element_id}`;
      let s = steps.get(sk);
      if (!s) steps.set(sk, (s = { day, p: r.process_key, n: r.publication, o: r.office, e: r.element_id, count: 0, breached: 0, seconds: [] }));
      s.count++;
      if (r.due_at && new Date(r.ended_at).getTime() > new Date(r.due_at).getTime()) s.breached++;
      if (TASK_KINDS.has(r.element_kind)) {
        s.seconds.push(seconds);
        if (r.actor) {
          const ok = `${r.process_key}|${r.office}|${day}|${r.role ?? ''}|${r.actor}`;
          let o = officers.get(ok);
          if (!o) officers.set(ok, (o = { day, p: r.process_key, o: r.office, r: r.role ?? '', a: r.actor, count: 0, seconds: 0 }));
          o.count++;
          o.seconds += seconds;
        }
      }
      const taken = (r.details as { flows?: unknown } | null)?.flows;
      if (Array.isArray(taken)) {
        for (const f of taken) {
          const fk = `${r.process_key}|${r.office}|${day}|${r.publication}|${String(f)}`;
          let v = flows.get(fk);
          if (!v) flows.set(fk, (v = { day, p: r.process_key, n: r.publication, o: r.office, f: String(f), count: 0 }));
          v.count++;
        }
      }
      if (node?.kind === 'boundaryEvent' && node.event.type === 'escalation' && Number(r.id) > escalateAfter) {
        caught.push({ instanceId: r.instance_id, processKey: r.process_key, publication: r.publication, office: r.office, businessKey: r.business_key, boundaryId: node.id, at: new Date(r.ended_at) });
      }
      if (node?.kind === 'startEvent' && node.parent === null) inst(day, r).started++;
      // The instance's last step: its process-level end event as the instance ends (counted once).
      if (node?.kind === 'endEvent' && node.parent === null && r.inst_status === 'completed' && r.inst_ended && new Date(r.inst_ended).getTime() === new Date(r.ended_at).getTime() && !ended.has(r.instance_id)) {
        ended.add(r.instance_id);
        const v = inst(day, r);
        const cycle = workingMsBetween(cal, new Date(r.inst_created), new Date(r.inst_ended));
        v.completed++;
        v.seconds.push(Math.round(cycle / 1000));
        if (cycle <= sopTotalMs(model, cal)) v.onTime++;
      }
    }
    const ints = (xs: number[]) => sql`${`{${xs.join(',')}}`}::int[]`;
    if (steps.size > 0) {
      await sql`insert into analytics_steps (day, process_key, publication, office, element_id, n, breached, seconds)
        values ${sql.join([...steps.values()].map((s) => sql`(${s.day}::date, ${s.p}, ${s.n}, ${s.o}, ${s.e}, ${s.count}, ${s.breached}, ${ints(s.seconds)})`))}
        on conflict (process_key, office, day, publication, element_id) do update set
          n = analytics_steps.n + excluded.n, breached = analytics_steps.breached + excluded.breached, seconds = analytics_steps.seconds || excluded.seconds`.execute(trx);
    }
    if (flows.size > 0) {
      await sql`insert into analytics_flows (day, process_key, publication, office, flow_id, n)
        values ${sql.join([...flows.values()].map((f) => sql`(${f.day}::date, ${f.p}, ${f.n}, ${f.o}, ${f.f}, ${f.count})`))}
        on conflict (process_key, office, day, publication, flow_id) do update set n = analytics_flows.n + excluded.n`.execute(trx);
    }
    if (officers.size > 0) {
      await sql`insert into analytics_officers (day, process_key, office, role, actor, n, seconds)
        values ${sql.join([...officers.values()].map((o) => sql`(${o.day}::date, ${o.p}, ${o.o}, ${o.r}, ${o.a}, ${o.count}, ${o.seconds})`))}
        on conflict (process_key, office, day, role, actor) do update set n = analytics_officers.n + excluded.n, seconds = analytics_officers.seconds + excluded.seconds`.execute(trx);
    }
    if (instances.size > 0) {
      await sql`insert into analytics_instances (day, process_key, publication, office, started, completed, on_time, seconds)
        values ${sql.join([...instances.values()].map((v) => sql`(${v.day}::date, ${v.p}, ${v.n}, ${v.o}, ${v.started}, ${v.completed}, ${v.onTime}, ${ints(v.seconds)})`))}
        on conflict (process_key, office, day, publication) do update set
          started = analytics_instances.started + excluded.started, completed = analytics_instances.completed + excluded.completed,
          on_time = analytics_instances.on_time + excluded.on_time, seconds = analytics_instances.seconds || excluded.seconds`.execute(trx);
    }
    await addToMonths(trx, [...steps.values()], [...instances.values()]);
    await escalateCaught(db, trx, caught);
    await sql`update analytics_cursor set last_history_id = ${rows[rows.length - 1].id}::bigint, updated_at = now() where id = 1`.execute(trx);
    return rows.length;
  });
}

/**
 * Adds a batch's day figures to the month rollups (migration 0023). The job holds the cursor's
 * lock, so it is the only writer: it reads the months it touches, merges in memory and writes them
 * back whole (two statements per kind, whatever the batch's size).
 */
async function addToMonths(
  trx: Kysely<Database>,
  steps: Array<{ day: string; p: string; n: number; o: string; e: string; count: number; breached: number; seconds: number[] }>,
  instances: Array<{ day: string; p: string; n: number; o: string; started: number; completed: number; onTime: number; seconds: number[] }>,
): Promise<void> {
  const ints = (xs: number[]) => sql`${`{${xs.join(',')}}`}::int[]`;
  if (steps.length > 0) {
    const months = new Map<string, { month: string; p: string; n: number; o: string; e: string; count: number; breached: number; hist: Histogram }>();
    for (const s of steps) {
      const month = monthOf(s.day);
      const k = `${s.p}|${s.o}|${month}|${s.n}|${s.e}`;
      let m = months.get(k);
      if (!m) months.set(k, (m = { month, p: s.p, n: s.n, o: s.o, e: s.e, count: 0, breached: 0, hist: new Map() }));
      m.count += s.count;
      m.breached += s.breached;
      for (const x of s.seconds) addSeconds(m.hist, x);
    }
    const list = [...months.values()];
    const { rows } = await sql<{ process_key: string; office: string; month: string; publication: number; element_id: string; n: number; breached: number; hist: string }>`
      select process_key, office, month::text as month, publication, element_id, n, breached, hist::text as hist from analytics_steps_month
      where process_key in (${sql.join([...new Set(list.map((m) => m.p))])}) and month in (${sql.join([...new Set(list.map((m) => m.month))].map((d) => sql`${d}::date`))})`.execute(trx);
    for (const r of rows) {
      const m = months.get(`${r.process_key}|${r.office}|${r.month}|${r.publication}|${r.element_id}`);
      if (!m) continue;
      m.count += r.n;
      m.breached += r.breached;
      mergePacked(m.hist, parseIntArray(r.hist));
    }
    await sql`insert into analytics_steps_month (month, process_key, publication, office, element_id, n, breached, hist)
      values ${sql.join(list.map((m) => sql`(${m.month}::date, ${m.p}, ${m.n}, ${m.o}, ${m.e}, ${m.count}, ${m.breached}, ${ints(packHistogram(m.hist))})`))}
      on conflict (process_key, office, month, publication, element_id) do update set n = excluded.n, breached = excluded.breached, hist = excluded.hist`.execute(trx);
  }
  if (instances.length > 0) {
    const months = new Map<string, { month: string; p: string; n: number; o: string; started: number; completed: number; onTime: number; hist: Histogram }>();
    for (const v of instances) {
      const month = monthOf(v.day);
      const k = `${v.p}|${v.o}|${month}|${v.n}`;
      let m = months.get(k);
      if (!m) months.set(k, (m = { month, p: v.p, n: v.n, o: v.o, started: 0, completed: 0, onTime: 0, hist: new Map() }));
      m.started += v.started;
      m.completed += v.completed;
      m.onTime += v.onTime;
      for (const x of v.seconds) addSeconds(m.hist, x);
    }
    const list = [...months.values()];
    const { rows } = await sql<{ process_key: string; office: string; month: string; publication: number; started: number; completed: number; on_time: number; hist: string }>`
      select process_key, office, month::text as month, publication, started, completed, on_time, hist::text as hist from analytics_instances_month
      where process_key in (${sql.join([...new Set(list.map((m) => m.p))])}) and month in (${sql.join([...new Set(list.map((m) => m.month))].map((d) => sql`${d}::date`))})`.execute(trx);
    for (const r of rows) {
      const m = months.get(`${r.process_key}|${r.office}|${r.month}|${r.publication}`);
      if (!m) continue;
      m.started += r.started;
      m.completed += r.completed;
      m.onTime += r.on_time;
      mergePacked(m.hist, parseIntArray(r.hist));
    }
    await sql`insert into analytics_instances_month (month, process_key, publication, office, started, completed, on_time, hist)
      values ${sql.join(list.map((m) => sql`(${m.month}::date, ${m.p}, ${m.n}, ${m.o}, ${m.started}, ${m.completed}, ${m.onTime}, ${ints(packHistogram(m.hist))})`))}
      on conflict (process_key, office, month, publication) do update set started = excluded.started, completed = excluded.completed, on_time = excluded.on_time, hist = excluded.hist`.execute(trx);
  }
}

/* ---------------- queries ---------------- */

export interface AnalyticsFilter {
  process: string;
  office?: string;
  /** YYYY-MM-DD (Asia/Jakarta), both included; default the last 30 days */
  from?: string;
  to?: string;
  publication?: number;
}

interface Scope {
  process: string;
  offices: string[] | 'all';
  from: string;
  to: string;
  publication: number | undefined;
}

/** The offices a request covers: the one asked for (if the user manages it) or all the user manages. */
export function scopeOf(user: SessionUser, f: AnalyticsFilter, now = new Date()): Scope {
  const managed = managedOffices(user);
  if (managed !== 'all' && managed.length === 0) throw new AppError('FORBIDDEN', 'Dasbor kinerja hanya untuk manajer dan admin', {});
  let offices: string[] | 'all' = managed;
  if (f.office) {
    if (managed !== 'all' && !managed.includes(f.office)) throw new AppError('FORBIDDEN', 'Anda bukan manajer kantor ini', { office: f.office });
    offices = [f.office];
  }
  const to = f.to ?? jakartaDay(now);
  const from = f.from ?? jakartaDay(new Date(new Date(`${to}T00:00:00Z`).getTime() - 29 * 86_400_000));
  if (from > to) throw new AppError('BAD_REQUEST', 'Periode tidak sah', { from, to });
  return { process: f.process, offices, from, to, publication: f.publication };
}

const officeSql = (col: string, s: Scope) => (s.offices === 'all' ? sql`true` : s.offices.length === 0 ? sql`false` : sql`${sql.ref(col)} in (${sql.join(s.offices)})`);
const pubSql = (col: string, s: Scope) => (s.publication === undefined ? sql`true` : sql`${sql.ref(col)} = ${s.publication}`);
const periodSql = (col: string, s: Scope) => sql`${sql.ref(col)} between ${s.from}::date and ${s.to}::date`;

const inList = (days: string[]) => sql.join(days.map((d) => sql`${d}::date`));
const dayRanges = (col: string, ranges: Array<[string, string]>) => sql`(${sql.join(ranges.map(([a, b]) => sql`${sql.ref(col)} between ${a}::date and ${b}::date`), sql` or `)})`;

/**
 * Per step of a scope (every element, or one): completions, breaches of the due time and the
 * histogram of times in step — whole months from the month rollups, the days at the period's
 * edges from the day rows (analytics-rollup.ts splitPeriod). A year is ≈ 12 rows per office and
 * element plus at most two partial months of day rows.
 */
async function stepFigures(db: Kysely<Database>, s: Scope, elementId?: string): Promise<Map<string, { n: number; breached: number; hist: Histogram }>> {
  const { months, days } = splitPeriod(s.from, s.to);
  const el = elementId === undefined ? sql`true` : sql`element_id = ${elementId}`;
  const where = sql`process_key = ${s.process} and ${officeSql('office', s)} and ${pubSql('publication', s)} and ${el}`;
  const none = { rows: [] };
  const [m, d] = await Promise.all([
    months.length === 0 ? none : sql<{ element_id: string; n: number; breached: number; hist: string }>`
      select element_id, n, breached, hist::text as hist from analytics_steps_month where ${where} and month in (${inList(months)})`.execute(db),
    days.length === 0 ? none : sql<{ element_id: string; n: number; breached: number; seconds: string }>`
      select element_id, n, breached, seconds::text as seconds from analytics_steps where ${where} and ${dayRanges('day', days)}`.execute(db),
  ]);
  const out = new Map<string, { n: number; breached: number; hist: Histogram }>();
  const at = (id: string) => {
    let v = out.get(id);
    if (!v) out.set(id, (v = { n: 0, breached: 0, hist: new Map() }));
    return v;
  };
  for (const r of m.rows) {
    const v = at(r.element_id);
    v.n += r.n;
    v.breached += r.breached;
    mergePacked(v.hist, parseIntArray(r.hist));
  }
  for (const r of d.rows) {
    const v = at(r.element_id);
    v.n += r.n;
    v.breached += r.breached;
    for (const x of parseIntArray(r.seconds)) addSeconds(v.hist, x);
  }
  return out;
}

/** The histogram of the cycle times (working seconds) of the applications a scope completed. */
async function cycleFigures(db: Kysely<Database>, s: Scope): Promise<Histogram> {
  const { months, days } = splitPeriod(s.from, s.to);
  const where = sql`process_key = ${s.process} and ${officeSql('office', s)} and ${pubSql('publication', s)}`;
  const none = { rows: [] };
  const [m, d] = await Promise.all([
    months.length === 0 ? none : sql<{ hist: string }>`select hist::text as hist from analytics_instances_month where ${where} and month in (${inList(months)})`.execute(db),
    days.length === 0 ? none : sql<{ seconds: string }>`select seconds::text as seconds from analytics_instances where ${where} and ${dayRanges('day', days)}`.execute(db),
  ]);
  const hist: Histogram = new Map();
  for (const r of m.rows) mergePacked(hist, parseIntArray(r.hist));
  for (const r of d.rows) for (const x of parseIntArray(r.seconds)) addSeconds(hist, x);
  return hist;
}

/** The published model the figures are drawn against: the chosen publication, else the newest. */
async function publicationModel(db: Kysely<Database>, s: Scope): Promise<{ n: number; model: ProcessModel } | undefined> {
  const pub = await db
    .selectFrom('publications')
    .select('n')
    .where('kind', '=', 'process')
    .where('key', '=', s.process)
    .$if(s.publication !== undefined, (q) => q.where('n', '=', s.publication!))
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!pub) return undefined;
  return { n: pub.n, model: await modelOf(db, db, s.process, pub.n) };
}

export async function overview(db: Kysely<Database>, s: Scope, now = new Date()) {
  const where = sql`process_key = ${s.process} and ${officeSql('office', s)} and ${periodSql('day', s)} and ${pubSql('publication', s)}`;
  const [inst, cycleHist, open, decisions, pm] = await Promise.all([
    sql<{ day: string; started: number; completed: number; on_time: number }>`
      select day::text as day, sum(started)::int as started, sum(completed)::int as completed, sum(on_time)::int as on_time
      from analytics_instances where ${where} group by day order by day`.execute(db),
    cycleFigures(db, s),
    sql<{ bucket: string; n: number }>`
      select case when created_at > ${new Date(now.getTime() - 86_400_000).toISOString()}::timestamptz then '<1d'
                  when created_at > ${new Date(now.getTime() - 3 * 86_400_000).toISOString()}::timestamptz then '1-3d'
                  when created_at > ${new Date(now.getTime() - 7 * 86_400_000).toISOString()}::timestamptz then '3-7d'
                  else '>7d' end as bucket, count(*)::int as n
      from runtime_instances where status = 'running' and process_key = ${s.process} and ${officeSql('office', s)} and ${pubSql('publication', s)}
      group by 1`.execute(db),
    sql<{ flow_id: string; n: number }>`
      select flow_id, sum(n)::int as n from analytics_flows
      where process_key = ${s.process} and ${officeSql('office', s)} and ${periodSql('day', s)} and ${pubSql('publication', s)}
      group by flow_id`.execute(db),
    publicationModel(db, s),
  ]);
  const [p50, p90] = percentiles(cycleHist, [50, 90]);
  const started = inst.rows.reduce((a, r) => a + r.started, 0);
  const completed = inst.rows.reduce((a, r) => a + r.completed, 0);
  const onTime = inst.rows.reduce((a, r) => a + r.on_time, 0);
  const weeks = new Map<string, number>();
  for (const r of inst.rows) {
    const d = new Date(`${r.day}T00:00:00Z`);
    const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
    weeks.set(monday, (weeks.get(monday) ?? 0) + r.completed);
  }
  const backlog = ['<1d', '1-3d', '3-7d', '>7d'].map((bucket) => ({ bucket, n: open.rows.find((r) => r.bucket === bucket)?.n ?? 0 }));
  const office = s.offices !== 'all' && s.offices.length === 1 ? s.offices[0] : undefined;
  const sopTotalSeconds = pm ? Math.round(sopTotalMs(pm.model, calendarCache(db).get(office ?? '')) / 1000) : null;
  return {
    filter: { process: s.process, offices: s.offices, from: s.from, to: s.to, publication: s.publication ?? null },
    publication: pm?.n ?? null,
    started,
    completed,
    open: backlog.reduce((a, b) => a + b.n, 0),
    cycleSeconds: { p50, p90 },
    sopTotalSeconds,
    onTimeRate: completed > 0 ? onTime / completed : null,
    backlog,
    throughput: [...weeks.entries()].sort().map(([week, n]) => ({ week, completed: n })),
    decisions: pm ? decisionRates(pm.model, new Map(decisions.rows.map((r) => [r.flow_id, r.n]))) : [],
  };
}

/** Per decision point (a node with a choice of ways out): how often each way was taken. */
function decisionRates(model: ProcessModel, counts: Map<string, number>) {
  return Object.values(model.nodes)
    .filter((n) => n.outgoing.length > 1)
    .map((n) => {
      const total = n.outgoing.reduce((a, f) => a + (counts.get(f) ?? 0), 0);
      return {
        elementId: n.id,
        name: n.name,
        total,
        flows: n.outgoing.map((f) => ({ flowId: f, name: model.flows[f]?.name || model.nodes[model.flows[f]?.target]?.name || f, n: counts.get(f) ?? 0, rate: total > 0 ? (counts.get(f) ?? 0) / total : null })),
      };
    });
}

export async function heatmap(db: Kysely<Database>, s: Scope) {
  const [pm, figures, flows] = await Promise.all([
    publicationModel(db, s),
    stepFigures(db, s),
    sql<{ flow_id: string; n: number }>`
      select flow_id, sum(n)::int as n from analytics_flows
      where process_key = ${s.process} and ${officeSql('office', s)} and ${periodSql('day', s)} and ${pubSql('publication', s)}
      group by flow_id`.execute(db),
  ]);
  const steps = [...figures.entries()].map(([element_id, f]) => {
    const [p50, p90] = percentiles(f.hist, [50, 90]);
    return { element_id, n: f.n, breached: f.breached, p50, p90 };
  });
  return assembleHeatmap(db, s, pm, steps, flows.rows);
}

async function assembleHeatmap(
  db: Kysely<Database>,
  s: Scope,
  pm: { n: number; model: ProcessModel } | undefined,
  steps: Array<{ element_id: string; n: number; breached: number; p50: number | null; p90: number | null }>,
  flowRows: Array<{ flow_id: string; n: number }>,
) {
  const open = await sql<{ element_id: string; open: number; late: number }>`
    select element_id, count(*)::int as open, count(*) filter (where due_at < now())::int as late
    from runtime_tasks where status = 'open' and process_key = ${s.process} and ${officeSql('office', s)} and ${pubSql('publication', s)}
    group by element_id`.execute(db);
  const byStep = new Map(steps.map((r) => [r.element_id, r]));
  const openBy = new Map(open.rows.map((r) => [r.element_id, r]));
  const model = pm?.model;
  const office = s.offices !== 'all' && s.offices.length === 1 ? s.offices[0] : '';
  const cal = calendarCache(db).get(office);
  const dayMs = (() => {
    const d = cal.days.find((x) => x !== null);
    return d ? (d[1] - d[0]) * 60_000 : 8 * 3_600_000;
  })();
  const tasks = model
    ? Object.values(model.nodes)
        .filter((n) => TASK_KINDS.has(n.kind))
        .map((n) => {
          const r = byStep.get(n.id);
          const o = openBy.get(n.id);
          const d = n.duration;
          const slaSeconds = d ? Math.round(((d.days + d.weeks * 5) * dayMs + durationMs({ ...d, days: 0, weeks: 0 })) / 1000) : null;
          const completed = r?.n ?? 0;
          // A late open task counts as a breach too: the manager sees a step late now, not only after.
          const breached = (r?.breached ?? 0) + (o?.late ?? 0);
          const seen = completed + (o?.late ?? 0);
          return {
            elementId: n.id,
            name: n.name,
            completed,
            open: o?.open ?? 0,
            lateOpen: o?.late ?? 0,
            breachRate: seen > 0 ? breached / seen : null,
            p50Seconds: r?.p50 === null || r?.p50 === undefined ? null : Number(r.p50),
            p90Seconds: r?.p90 === null || r?.p90 === undefined ? null : Number(r.p90),
            slaSeconds,
          };
        })
    : [];
  // A flow out of a node without a choice is taken each time its source completes.
  const counted = new Map(flowRows.map((r) => [r.flow_id, r.n]));
  const flows = model
    ? Object.values(model.flows).map((f) => {
        const src = model.nodes[f.source];
        const n = src && src.outgoing.length > 1 ? (counted.get(f.id) ?? 0) : (byStep.get(f.source)?.n ?? 0);
        return { flowId: f.id, name: f.name, n };
      })
    : [];
  return { filter: { process: s.process, offices: s.offices, from: s.from, to: s.to, publication: s.publication ?? null }, publication: pm?.n ?? null, tasks, flows };
}

export async function stepDetail(db: Kysely<Database>, s: Scope, elementId: string) {
  const [figures, slow] = await Promise.all([
    stepFigures(db, s, elementId),
    sql<{ id: string; instance_id: string; business_key: string | null; office: string; role: string; created_at: Date; due_at: Date | null; claimed_by: string | null; claimed_by_username: string | null; assignee: string | null }>`
      select t.id, t.instance_id, t.business_key, t.office, t.role, t.created_at, t.due_at, t.claimed_by, u.username as claimed_by_username, t.assignee
      from runtime_tasks t left join users u on u.id = t.claimed_by
      where t.status = 'open' and t.process_key = ${s.process} and t.element_id = ${elementId} and ${officeSql('t.office', s)} and ${pubSql('t.publication', s)}
      order by t.created_at limit 10`.execute(db),
  ]);
  const hist = figures.get(elementId)?.hist ?? new Map<number, number>();
  // Ten buckets from 0 to the slowest (the distribution the screen draws).
  const width = Math.max(1, Math.ceil((histogramMax(hist) + 1) / 10));
  const buckets = Array.from({ length: 10 }, (_, i) => ({ fromSeconds: i * width, toSeconds: (i + 1) * width, n: 0 }));
  for (const [b, c] of hist) buckets[Math.min(9, Math.floor(bucketValue(b) / width))].n += c;
  const [p50, p90] = percentiles(hist, [50, 90]);
  return {
    elementId,
    n: histogramCount(hist),
    p50Seconds: p50,
    p90Seconds: p90,
    buckets,
    slowestOpen: slow.rows.map((r) => ({
      taskId: r.id,
      instanceId: r.instance_id,
      businessKey: r.business_key,
      office: r.office,
      createdAt: new Date(r.created_at).toISOString(),
      dueAt: r.due_at ? new Date(r.due_at).toISOString() : null,
      claimedBy: r.claimed_by,
      claimedByUsername: r.claimed_by_username,
      role: r.role,
      // an applicant's own step is theirs: a supervisor cannot hand it on (escalation.ts)
      reassignable: r.assignee === null,
    })),
  };
}

export async function workload(db: Kysely<Database>, s: Scope) {
  const [posts, people] = await Promise.all([
    sql<{ role: string; office: string; open: number; late: number }>`
      select role, office, count(*)::int as open, count(*) filter (where due_at < now())::int as late
      from runtime_tasks where status = 'open' and assignee is null and process_key = ${s.process} and ${officeSql('office', s)}
      group by role, office order by open desc`.execute(db),
    sql<{ actor: string; username: string | null; role: string; office: string; n: number; seconds: string }>`
      select o.actor, u.username, o.role, o.office, sum(o.n)::int as n, sum(o.seconds)::text as seconds
      from analytics_officers o left join users u on u.id = o.actor
      where o.process_key = ${s.process} and ${officeSql('o.office', s)} and ${periodSql('o.day', s)}
      group by o.actor, u.username, o.role, o.office order by n desc limit 200`.execute(db),
  ]);
  return {
    filter: { process: s.process, offices: s.offices, from: s.from, to: s.to, publication: s.publication ?? null },
    posts: posts.rows,
    officers: people.rows.map((r) => ({ officer: r.username ?? r.actor, role: r.role, office: r.office, completed: r.n, avgSeconds: r.n > 0 ? Math.round(Number(r.seconds) / r.n) : null })),
  };
}
