import { CompiledQuery, sql, type Expression, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool } from 'kysely';
import { canActOnTask, canReleaseClaim, officerGrants as officerGrantsOf } from '../../../core/access.js';
import { RuntimeError } from '../../../runtime/errors.js';
import type { Database } from '../../db/index.js';
import type { RuntimeTasksTable } from '../../db/tables/runtime.js';
import { preparedStatement, shapedStatement } from '../../db/prepared.js';
import type { SessionUser } from '../accounts/accounts.js';
import { mayActOnTaskSql } from './runtime-access.js';
import { rowCacheFor } from './runtime-engine.js';
import { toTask } from './runtime-store.js';
import { taskForActor } from './runtime-tasks.js';
import { taskView } from './runtime-views.js';

/* Who holds an open task: claim, release, take the next one. */

type ClaimAnswer = Selectable<RuntimeTasksTable> & { row_xmin: string | null; won: boolean; claimer_name: string | null; claimer_full_name: string | null };

/**
 * Sets who holds an open task and logs the change for the inboxes (workspace_changes, see
 * migration 0008) in the same statement. The statement also answers the row's new version, so this
 * server's row cache keeps the task as claimed and the claimer's completion that follows starts
 * without a read (runtime-row-cache.ts `claimed`); and, when `holder` does not match, the row as it
 * was with its holder's name, so a refusal is explained without another round trip (in the list
 * hand-off a third of the claims lose a race to a colleague). Undefined when there is no such task.
 */
async function setClaim(
  db: Kysely<Database>,
  id: string,
  claimedBy: string | null,
  session: string | null,
  holder: (eb: ExpressionBuilder<Database, 'runtime_tasks'>) => Expression<SqlBool>,
): Promise<{ won: Selectable<RuntimeTasksTable> | undefined; before: Selectable<RuntimeTasksTable>; claimerName: string | null } | undefined> {
  const query = db
    .with('changed', (qb) =>
      qb
        .updateTable('runtime_tasks')
        .set({ claimed_by: claimedBy, claimed_session: session })
        .where('id', '=', id)
        .where('status', '=', sql.lit('open'))
        .where(holder)
        .returning(['id', 'office', 'assignee'])
        .returning(sql<string>`xmin::text`.as('row_xmin')),
    )
    .with('logged', (qb) =>
      qb
        .insertInto('workspace_changes')
        .columns(['office', 'user_id', 'kind', 'ref'])
        .expression((eb) => eb.selectFrom('changed').select(['office', 'assignee', sql.lit('task').as('kind'), 'id'])),
    )
    // The row as the statement's snapshot saw it: the update changes claimed_by only.
    .selectFrom('runtime_tasks as cur')
    .leftJoin('changed', 'changed.id', 'cur.id')
    .leftJoin('users as u', 'u.id', 'cur.claimed_by')
    .where('cur.id', '=', id)
    .selectAll('cur')
    .select(['changed.row_xmin', sql<boolean>`changed.id is not null`.as('won'), 'u.name as claimer_name', 'u.full_name as claimer_full_name'])
    .compile();
  // Named per shape (the claimer's grants shape the who-may-act condition): a claim precedes most
  // completions in the list hand-off, and its plan (a primary-key update) never depends on the values.
  const { rows } = await db.executeQuery<ClaimAnswer>(CompiledQuery.raw(shapedStatement('sop_claim', query.sql), [...query.parameters]));
  const r = rows[0];
  if (!r) return undefined;
  const { row_xmin, won, claimer_name, claimer_full_name, ...before } = r;
  if (!won || row_xmin === null) return { won: undefined, before, claimerName: claimer_full_name ?? claimer_name };
  const row = { ...before, claimed_by: claimedBy, claimed_session: session };
  rowCacheFor(db).claimed(toTask(row), row_xmin);
  return { won: row, before, claimerName: null };
}

/**
 * `session`: the sign-in claiming (accounts.ts sessionRef). A claim again from the sign-in that
 * holds the task (a double click, a retry) is answered as taken; from another sign-in of the same
 * account — a second counter desk where the desks share the post's account — it is refused, so two
 * clerks never work the same application. Null (no sign-in known) claims as the account.
 */
export async function claimTask(db: Kysely<Database>, user: SessionUser, id: string, session: string | null = null) {
  // Who may act is part of the claim statement (one round trip, won or lost); a refusal is
  // explained from the row the same statement answered, with the same answers as before.
  const sameDesk = (eb: ExpressionBuilder<Database, 'runtime_tasks'>) =>
    session === null ? eb.lit(true) : eb.or([eb('claimed_session', 'is', null), eb('claimed_session', '=', session)]);
  const r = await setClaim(db, id, user.id, session, (eb) =>
    eb.and([mayActOnTaskSql(eb, user), eb.or([eb('claimed_by', 'is', null), eb.and([eb('claimed_by', '=', user.id), sameDesk(eb)])])]),
  );
  if (r?.won) return taskView(toTask(r.won));
  // A task the user may not act on is reported as absent: its existence is not theirs to know.
  if (!r || !canActOnTask(user, toTask(r.before))) throw new RuntimeError('TASK_NOT_FOUND', 'Tugas tidak ditemukan', { id });
  if (r.before.status !== 'open') throw new RuntimeError('TASK_ALREADY_COMPLETED', 'Tugas sudah diselesaikan', { id, status: r.before.status });
  if (r.before.claimed_by === user.id && session !== null && r.before.claimed_session !== null && r.before.claimed_session !== session) {
    throw new RuntimeError('TASK_NOT_CLAIMABLE', 'Tugas sudah diambil dengan akun Anda di meja atau perangkat lain', { id, claimedBy: user.id, claimedByName: user.name, elsewhere: true });
  }
  if (r.before.claimed_by === null || r.before.claimed_by === user.id) {
    // Claimed or completed by a colleague after this statement's snapshot was taken: read it again.
    return explainLostClaim(db, user, id);
  }
  // Who has it (issue 23): the colleague to talk to, by name.
  const by = r.claimerName;
  throw new RuntimeError('TASK_NOT_CLAIMABLE', by ? `Tugas sudah diambil ${by}` : 'Tugas sudah diambil petugas lain', { id, claimedBy: r.before.claimed_by, claimedByName: by });
}

async function explainLostClaim(db: Kysely<Database>, user: SessionUser, id: string): Promise<never> {
  await taskForActor(db, user, id);
  const now = await db
    .selectFrom('runtime_tasks as t')
    .leftJoin('users as u', 'u.id', 't.claimed_by')
    .select(['t.status', 't.claimed_by', 'u.name', 'u.full_name'])
    .where('t.id', '=', id)
    .executeTakeFirstOrThrow();
  if (now.status !== 'open') throw new RuntimeError('TASK_ALREADY_COMPLETED', 'Tugas sudah diselesaikan', { id, status: now.status });
  const by = now.full_name ?? now.name;
  throw new RuntimeError('TASK_NOT_CLAIMABLE', by ? `Tugas sudah diambil ${by}` : 'Tugas sudah diambil petugas lain', { id, claimedBy: now.claimed_by, claimedByName: by });
}

/** A task row the take-next statement returned (with its new version): told to the row cache. */
function claimedRow(db: Kysely<Database>, r: Selectable<RuntimeTasksTable> & { row_xmin: string }): Selectable<RuntimeTasksTable> {
  const { row_xmin, ...row } = r;
  rowCacheFor(db).claimed(toTask(row), row_xmin);
  return row;
}

export interface TakeNextInput {
  role: string;
  office: string;
  processKey?: string;
}

/**
 * "Ambil tugas berikutnya": claims the first task of the caller's Tersedia inbox for one of their
 * posts (role × office; optionally one process), in the inbox's order (due time, then id), in ONE
 * statement. FOR UPDATE SKIP LOCKED: two officers taking at the same moment get two different
 * tasks, and neither waits for the other. Null when none is available. The row cache is told the
 * claim (setClaim), so the completion that follows starts without a read.
 */
/**
 * The take-next statement, a named prepared statement (db/prepared.ts): its partial-index range is
 * the Tersedia queue of one post; the inboxes' change row is written by the same statement.
 */
const TAKE_NEXT_SQL = preparedStatement(
  'sop_take_next',
  `with picked as (
     select id from runtime_tasks
      where status = 'open' and assignee is null and office = $1 and role = $2 and claimed_by is null and ($3::text is null or process_key = $3::text)
      order by due_at, id limit 1 for update skip locked),
   changed as (
     update runtime_tasks t set claimed_by = $4, claimed_session = $5 from picked
      where t.id = picked.id and t.status = 'open' and t.claimed_by is null
      returning t.*, t.xmin::text as row_xmin),
   logged as (
     insert into workspace_changes (office, user_id, kind, ref) select office, assignee, 'task', id from changed)
   select * from changed`,
);

/** `session`: the sign-in taking it (see claimTask). */
export async function takeNextTask(db: Kysely<Database>, user: SessionUser, input: TakeNextInput, session: string | null = null) {
  if (!officerGrantsOf(user).some((g) => g.role === input.role && g.office === input.office)) {
    throw new RuntimeError('NOT_ALLOWED', 'Anda tidak memegang peran ini di kantor tersebut', { role: input.role, office: input.office });
  }
  const { rows } = await db.executeQuery<Selectable<RuntimeTasksTable> & { row_xmin: string }>(
    CompiledQuery.raw(TAKE_NEXT_SQL, [input.office, input.role, input.processKey ?? null, user.id, session]),
  );
  const r = rows[0];
  return { task: r ? taskView(toTask(claimedRow(db, r))) : null };
}

export async function unclaimTask(db: Kysely<Database>, user: SessionUser, id: string) {
  const t = await taskForActor(db, user, id);
  const r = await setClaim(db, id, null, null, (eb) => (canReleaseClaim(user, t) ? eb('claimed_by', 'is not', null) : eb('claimed_by', '=', user.id)));
  if (!r?.won) throw new RuntimeError('TASK_NOT_CLAIMABLE', 'Tugas tidak sedang Anda ambil', { id });
  return taskView(toTask(r.won));
}
