import { sql, type Kysely } from 'kysely';
import { defaultCalendar } from '../../../core/office-calendars.js';
import { addWorkingDuration, calendarProblems, compileCalendar, type CalendarDefinition, type WorkingCalendar } from '../../../core/working-time.js';
import type { parseDuration } from '../../../core/duration.js';
import { parseModel } from '../../../runtime/model/parse.js';
import type { Database } from '../../db/index.js';
import { perDatabase } from '../../db/per-database.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../platform/audit.js';

/**
 * Office calendars in memory, so a runtime step computes a due time without a query; with them,
 * what an application's start reads of its office (the services it offers, its number formats).
 * The database stays the truth: this server forgets them when it changes one, the others when
 * PostgreSQL's `sop_calendar` notification arrives (triggers on office_calendars, migration 0014,
 * and on offices, migration 0029); and in any case
 * every MAX_AGE_MS, which covers a notification missed while the LISTEN connection was down and
 * offices added meanwhile. A reload is one query for all offices (a few hundred rows at most).
 */
const MAX_AGE_MS = 60_000;
export const CALENDAR_CHANNEL = 'sop_calendar';

export interface OfficeCalendar extends CalendarDefinition {
  office: string;
  /** false: the office has no calendar of its own and uses its agency's default */
  custom: boolean;
  updatedBy: string | null;
  updatedAt: string | null;
}

/** What a start reads of its office. */
export interface OfficeFacts {
  /** the processes it offers */
  processes: string[];
  /** document kind → number format (core/numbering.ts) */
  numbering: Record<string, string>;
}

export class CalendarCache {
  #compiled = new Map<string, WorkingCalendar>();
  #offices = new Map<string, OfficeFacts>();
  #loadedAt = -Infinity;
  #loading: Promise<void> | undefined;
  #generation = 0;
  #fallback = compileCalendar(defaultCalendar(null));

  constructor(private readonly db: Kysely<Database>) {}

  /** Resolves at once while the calendars in memory are fresh; else reloads them (one query). */
  ready(now = Date.now()): Promise<void> {
    if (now - this.#loadedAt < MAX_AGE_MS) return Promise.resolve();
    return (this.#loading ??= this.#reload().finally(() => (this.#loading = undefined)));
  }

  /** The office's calendar (an office unknown here gets the default one and triggers a reload). */
  get(office: string): WorkingCalendar {
    const c = this.#compiled.get(office);
    if (c) return c;
    this.invalidate();
    return this.#fallback;
  }

  /** The office's offerings and number formats as last loaded; undefined for an office unknown here (ask the database). */
  office(office: string): OfficeFacts | undefined {
    return this.#offices.get(office);
  }

  invalidate(): void {
    this.#generation++;
    this.#loadedAt = -Infinity;
  }

  async #reload(): Promise<void> {
    const generation = this.#generation;
    const [all, offices] = await Promise.all([loadCalendars(this.db), this.db.selectFrom('offices').select(['key', 'processes', 'numbering']).execute()]);
    const next = new Map<string, WorkingCalendar>();
    for (const c of all) next.set(c.office, compileCalendar(c));
    this.#compiled = next;
    this.#offices = new Map(offices.map((o) => [o.key, { processes: jsonOf<string[] | null>(o.processes) ?? [], numbering: jsonOf<Record<string, string> | null>(o.numbering) ?? {} }]));
    // A change notified while this read ran may not be in it: stay stale then.
    if (generation === this.#generation) this.#loadedAt = Date.now();
  }
}

/** A jsonb column as read (PGlite may hand it over as text). */
const jsonOf = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

export const calendarCache = perDatabase((db) => new CalendarCache(db));

function toCalendar(office: string, agency: string | null, row: { week: unknown; holidays: unknown; updated_by: string; updated_at: Date | string } | undefined): OfficeCalendar {
  if (!row) return { office, ...defaultCalendar(agency), custom: false, updatedBy: null, updatedAt: null };
  return {
    office,
    week: row.week as CalendarDefinition['week'],
    holidays: row.holidays as CalendarDefinition['holidays'],
    custom: true,
    updatedBy: row.updated_by,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Every office's calendar (own or default). */
async function loadCalendars(db: Kysely<Database>): Promise<OfficeCalendar[]> {
  const rows = await db
    .selectFrom('offices as o')
    .leftJoin('office_calendars as c', 'c.office', 'o.key')
    .select(['o.key', 'o.agency', 'c.week', 'c.holidays', 'c.updated_by', 'c.updated_at'])
    .execute();
  return rows.map((r) => toCalendar(r.key, r.agency, r.week === null ? undefined : { week: r.week, holidays: r.holidays, updated_by: r.updated_by!, updated_at: r.updated_at! }));
}

export async function getCalendar(db: Kysely<Database>, office: string): Promise<OfficeCalendar> {
  const o = await db.selectFrom('offices').select(['key', 'agency']).where('key', '=', office).executeTakeFirst();
  if (!o) throw new AppError('OFFICE_NOT_FOUND', `Kantor "${office}" tidak ditemukan`, { office });
  const row = await db.selectFrom('office_calendars').selectAll().where('office', '=', office).executeTakeFirst();
  return toCalendar(office, o.agency, row);
}

/**
 * Sets an office's calendar and, in the same transaction, the due time of its open tasks from
 * their step's sop:duration counted from when each task was created (tasks whose step is marked
 * sop:calendar="calendar", or has no duration, keep theirs). Audited.
 */
export async function putCalendar(db: Kysely<Database>, office: string, def: CalendarDefinition, actor: string): Promise<{ calendar: OfficeCalendar; tasksUpdated: number }> {
  const problems = calendarProblems(def);
  if (problems.length > 0) throw new AppError('CALENDAR_INVALID', 'Kalender kantor tidak sah', { problems });
  const clean: CalendarDefinition = {
    week: def.week.map((d) => (d ? { open: d.open, close: d.close } : null)),
    holidays: [...def.holidays].sort((a, b) => a.date.localeCompare(b.date)).map((h) => ({ date: h.date, name: h.name.trim(), kind: h.kind, assumption: h.assumption === true })),
  };
  const cal = compileCalendar(clean);
  try {
    return await db.transaction().execute(async (trx) => {
      const o = await trx.selectFrom('offices').select('key').where('key', '=', office).executeTakeFirst();
      if (!o) throw new AppError('OFFICE_NOT_FOUND', `Kantor "${office}" tidak ditemukan`, { office });
      const values = { office, week: JSON.stringify(clean.week), holidays: JSON.stringify(clean.holidays), updated_by: actor, updated_at: new Date() };
      await trx
        .insertInto('office_calendars')
        .values(values)
        .onConflict((oc) => oc.column('office').doUpdateSet({ week: values.week, holidays: values.holidays, updated_by: actor, updated_at: values.updated_at }))
        .execute();
      const tasksUpdated = await recomputeDueTimes(trx, office, cal);
      await appendAudit(trx, { actor, action: 'office.calendar.update', subject: `office:${office}`, details: { tasksUpdated, holidays: clean.holidays.length } });
      return { calendar: await getCalendar(trx, office), tasksUpdated };
    });
  } finally {
    calendarCache(db).invalidate();
  }
}

/** New due times for the office's open tasks with a working-time duration. */
async function recomputeDueTimes(trx: Kysely<Database>, office: string, cal: WorkingCalendar): Promise<number> {
  const open = await trx
    .selectFrom('runtime_tasks')
    .select(['id', 'process_key', 'publication', 'element_id', 'created_at', 'due_at'])
    .where('office', '=', office)
    .where('status', '=', 'open')
    .where('due_at', 'is not', null)
    .execute();
  if (open.length === 0) return 0;
  const durations = new Map<string, ReturnType<typeof parseDuration> | null>();
  for (const pub of new Set(open.map((t) => `${t.process_key}\u0000${t.publication}`))) {
    const [key, n] = pub.split('\u0000');
    const row = await trx.selectFrom('publications').select('content').where('kind', '=', 'process').where('key', '=', key).where('n', '=', Number(n)).executeTakeFirst();
    if (!row) continue;
    const { model } = await parseModel(row.content);
    if (!model) continue;
    for (const node of Object.values(model.nodes)) {
      durations.set(`${pub}\u0000${node.id}`, node.duration && node.calendar === 'working' ? node.duration : null);
    }
  }
  const changes: Array<{ id: string; due: Date }> = [];
  for (const t of open) {
    const d = durations.get(`${t.process_key}\u0000${t.publication}\u0000${t.element_id}`);
    if (!d) continue;
    const due = addWorkingDuration(cal, new Date(t.created_at), d);
    if (t.due_at && new Date(t.due_at).getTime() === due.getTime()) continue;
    changes.push({ id: t.id, due });
  }
  for (let i = 0; i < changes.length; i += 500) {
    const chunk = changes.slice(i, i + 500);
    const values = sql.join(chunk.map((c) => sql`(${c.id}::text, ${c.due.toISOString()}::timestamptz)`));
    await sql`update runtime_tasks t set due_at = v.due from (values ${values}) as v(id, due) where t.id::text = v.id`.execute(trx);
  }
  return changes.length;
}
