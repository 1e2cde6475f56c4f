import { CompiledQuery, sql, type InferResult, type Kysely } from 'kysely';
import { officerGrants } from '../../../core/access.js';
import type { Database } from '../../db/index.js';
import { shapedStatement } from '../../db/prepared.js';
import { workingMsBetween, type WorkingCalendar } from '../../../core/working-time.js';
import type { SessionUser } from '../accounts/accounts.js';
import { keyMatches, searchPattern } from './search-sql.js';
import { calendarCache } from '../offices/calendars.js';

export type SlaState = 'none' | 'on-time' | 'warning' | 'late';

/**
 * < 20 % of the step's time left is a warning; past the due time is late. With the office's
 * calendar both are measured in working time (a step due Monday 09:00 is not "almost late" on
 * Friday evening).
 */
function slaState(createdAt: Date, dueAt: Date | null, now: Date, cal?: WorkingCalendar): SlaState {
  if (!dueAt) return 'none';
  if (dueAt.getTime() - now.getTime() < 0) return 'late';
  const left = cal ? workingMsBetween(cal, now, dueAt) : dueAt.getTime() - now.getTime();
  const total = cal ? workingMsBetween(cal, createdAt, dueAt) : dueAt.getTime() - createdAt.getTime();
  return total > 0 && left < total * 0.2 ? 'warning' : 'on-time';
}

export interface InboxTask {
  id: string;
  instanceId: string;
  processKey: string;
  processName: string;
  elementId: string;
  elementName: string;
  role: string;
  office: string;
  businessKey: string | null;
  /** issue 21: the application's registration number (null before it existed) */
  registrationNumber: string | null;
  applicantName: string | null;
  claimedBy: string | null;
  claimedByName: string | null;
  assignee: string | null;
  createdAt: string;
  dueAt: string | null;
  sla: SlaState;
}

export interface InboxQuery {
  tab: 'mine' | 'available';
  office?: string;
  process?: string;
  step?: string;
  /** business key (nomor polisi, NOP) or registration number: anywhere in it, ignoring case, spaces and punctuation (core/search-key.ts) */
  q?: string;
  applicant?: string;
  limit?: number;
  offset?: number;
}

export interface InboxPage {
  tasks: InboxTask[];
  counts: { mine: number; available: number };
}

/** (office, role) pairs the user works in as an officer, optionally narrowed to one office. */
function posts(user: SessionUser, office?: string): Array<{ office: string; role: string }> {
  return officerGrants(user)
    .filter((g) => !office || g.office === office)
    .map((g) => ({ office: g.office, role: g.role }));
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The officer's worklist. "Tersedia": open, unclaimed tasks of the (office, role) pairs the user
 * holds — each pair is one range of the partial worklist index, already in due order. "Tugas
 * saya": tasks the user claimed, plus applicant-lane steps assigned to them (walk-ins they started).
 */
export async function inbox(db: Kysely<Database>, user: SessionUser, query: InboxQuery, now = new Date()): Promise<InboxPage> {
  const mine = posts(user, query.office);
  // From memory after the first call (no query per request while fresh).
  await calendarCache(db).ready();
  const calendars = calendarCache(db);
  // 'open' is written into the text, not sent as a parameter: the worklist indexes are partial
  // (status = 'open'), and only a literal lets a named statement's generic plan use them.
  const base = db.selectFrom('runtime_tasks as t').where('t.status', '=', sql.lit('open'));
  const filtered = (q: typeof base) => {
    let out = q;
    if (query.process) out = out.where('t.process_key', '=', query.process);
    if (query.step) out = out.where('t.element_id', '=', query.step);
    const pattern = query.q ? searchPattern(query.q) : null;
    if (pattern) {
      // The business key (nomor polisi, NOP) or the registration number, however typed, anywhere in it.
      out = out.where((eb) =>
        eb.or([keyMatches('t.business_key', pattern), eb('t.instance_id', 'in', eb.selectFrom('registrations').select('instance_id').where(keyMatches('number', pattern)))]),
      );
    }
    if (query.applicant) {
      const name = `%${escapeLike(query.applicant.trim().toLowerCase())}%`;
      out = out.where((eb) =>
        eb(
          't.instance_id',
          'in',
          eb
            .selectFrom('runtime_instances as i')
            .leftJoin('users as au', 'au.id', 'i.applicant_user_id')
            .select('i.id')
            .where((e2) => e2.or([sql<boolean>`lower(i.applicant->>'name') like ${name}`, sql<boolean>`lower(au.name) like ${name}`])),
        ),
      );
    }
    return out;
  };
  const available = filtered(base)
    .where('t.assignee', 'is', null)
    .where('t.claimed_by', 'is', null)
    .where((eb) => (mine.length === 0 ? sql<boolean>`false` : eb.or(mine.map((p) => eb.and([eb('t.office', '=', p.office), eb('t.role', '=', p.role)])))));
  // Mine: taken by the user or assigned to them, and taken by an officer whose post is delegated to them today.
  const delegated = user.roles.filter((r) => r.delegatedFrom && r.office !== null);
  const own = filtered(base).where((eb) =>
    eb.or([
      eb('t.claimed_by', '=', user.id),
      eb('t.assignee', '=', user.id),
      ...delegated.map((g) => eb.and([eb('t.claimed_by', '=', g.delegatedFrom!.id), eb('t.office', '=', g.office as string), eb('t.role', '=', g.role)])),
    ]),
  );
  const ownScoped = query.office ? own.where('t.office', '=', query.office) : own;

  const chosen = query.tab === 'mine' ? ownScoped : available;
  const page = chosen
    .leftJoin('runtime_instances as i', 'i.id', 't.instance_id')
    .leftJoin('users as au', 'au.id', 'i.applicant_user_id')
    .leftJoin('users as cu', 'cu.id', 't.claimed_by')
    .leftJoin('registrations as reg', 'reg.instance_id', 't.instance_id')
    .select([
      'reg.number as registration_number',
      't.id',
      't.instance_id',
      't.process_key',
      't.process_name',
      't.element_id',
      't.element_name',
      't.role',
      't.office',
      't.business_key',
      't.claimed_by',
      't.assignee',
      't.created_at',
      't.due_at',
      'cu.name as claimed_by_name',
      sql<string | null>`coalesce(au.name, i.applicant->>'name')`.as('applicant_name'),
    ])
    .orderBy('t.due_at', (ob) => ob.asc().nullsLast())
    .orderBy('t.id')
    .limit(Math.min(query.limit ?? 50, 200))
    .offset(query.offset ?? 0);
  type PageRow = InferResult<typeof page>[number];
  // The page and both tabs' counts in ONE statement: an inbox is read before every hand-off, and
  // three round trips per read were most of the list-claim-complete work's SQL. An empty page
  // still answers one row (the counts, the page's columns null).
  type Answered = { [K in keyof PageRow]: PageRow[K] | null } & { n_available: string; n_mine: string };
  const statement = sql<Answered>`
    select c.n_available, c.n_mine, p.*
      from (select ${available.select(sql<string>`count(*)`.as('n'))} as n_available, ${ownScoped.select(sql<string>`count(*)`.as('n'))} as n_mine) c
      left join lateral ${page} p on true
     order by p.due_at asc nulls last, p.id`.compile(db);
  // A named statement per shape (which filters, how many posts): planning this join was about
  // two thirds of its cost on PostgreSQL, and officers read their inbox before every hand-off.
  const { rows: answered } = await db.executeQuery(CompiledQuery.raw(shapedStatement('sop_inbox', statement.sql), [...statement.parameters]) as typeof statement);
  const counts = answered[0] ?? { n_available: '0', n_mine: '0' };
  const rows = answered.filter((r): r is PageRow & { n_available: string; n_mine: string } => r.id !== null);
  return {
    counts: { mine: Number(counts.n_mine), available: Number(counts.n_available) },
    tasks: rows.map((r) => {
      const createdAt = new Date(r.created_at);
      const dueAt = r.due_at ? new Date(r.due_at) : null;
      return {
        id: r.id,
        instanceId: r.instance_id,
        processKey: r.process_key,
        processName: r.process_name,
        elementId: r.element_id,
        elementName: r.element_name,
        role: r.role,
        office: r.office,
        businessKey: r.business_key,
        registrationNumber: r.registration_number,
        applicantName: r.applicant_name,
        claimedBy: r.claimed_by,
        claimedByName: r.claimed_by_name,
        assignee: r.assignee,
        createdAt: createdAt.toISOString(),
        dueAt: dueAt ? dueAt.toISOString() : null,
        sla: slaState(createdAt, dueAt, now, calendars.get(r.office)),
      };
    }),
  };
}
