import { CompiledQuery, sql, type Expression, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool } from 'kysely';
import { canReleaseClaim, officerGrants as officerGrantsOf } from '../../../core/access.js';
import { RuntimeError } from '../../../runtime/errors.js';
import type { Database } from '../../db/index.js';
import type { RuntimeTasksTable } from '../../db/tables/runtime.js';
import { preparedStatement } from '../../db/prepared.js';
import type { SessionUser } from '../accounts/accounts.js';
import { mayActOnTaskSql } from './runtime-access.js';
import { rowCacheFor } from './runtime-engine.js';
import { toTask } from './runtime-store.js';
import { taskForActor } from './runtime-tasks.js';
import { taskView } from './runtime-views.js';

/* Who holds an open task: claim, release, take the next one. */
/**
 * Sets who holds an open task and logs the change for the inboxes (workspace_changes, see
 * migration 0008) in the same statement. Undefined when `holder` does not match. The statement
 * also answers the row's new version, so this server's row cache keeps the task as claimed and
 * the claimer's completion that follows starts without a read (runtime-row-cache.ts `claimed`).
 */
async function setClaim(db: Kysely<Database>, id: string, claimedBy: string | null, holder: (eb: ExpressionBuilder<Database, 'runtime_tasks'>) => Expression<SqlBool>) {
  const r = await db
    .with('changed', (qb) =>
      qb
        .updateTable('runtime_tasks')
        .set({ claimed_by: claimedBy })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .where(holder)
        .returningAll()
        .returning(sql<string>`xmin::text`.as('row_xmin')),
    )
    .with('logged', (qb) =>
      qb
        .insertInto('workspace_changes')
        .columns(['office', 'user_id', 'kind', 'ref'])
        .expression((eb) => eb.selectFrom('changed').select(['office', 'assignee', sql.lit('task').as('kind'), 'id'])),
    )
    .selectFrom('changed')
    .selectAll()
    .executeTakeFirst();
  return r && claimedRow(db, r);
}

/** A task row a claim statement returned (with its new version): told to the row cache. */
function claimedRow(db: Kysely<Database>, r: Selectable<RuntimeTasksTable> & { row_xmin: string }): Selectable<RuntimeTasksTable> {
  const { row_xmin, ...row } = r;
  rowCacheFor(db).claimed(toTask(row), row_xmin);
  return row;
}

export async function claimTask(db: Kysely<Database>, user: SessionUser, id: string) {
  // Who may act is part of the claim statement (one round trip when it succeeds); a refusal is
  // then explained by reading the task, with the same answers as before.
  const r = await setClaim(db, id, user.id, (eb) => eb.and([mayActOnTaskSql(eb, user), eb.or([eb('claimed_by', 'is', null), eb('claimed_by', '=', user.id)])]));
  if (!r) {
    await taskForActor(db, user, id);
    const now = await db
      .selectFrom('runtime_tasks as t')
      .leftJoin('users as u', 'u.id', 't.claimed_by')
      .select(['t.status', 't.claimed_by', 'u.name', 'u.full_name'])
      .where('t.id', '=', id)
      .executeTakeFirstOrThrow();
    if (now.status !== 'open') throw new RuntimeError('TASK_ALREADY_COMPLETED', 'Tugas sudah diselesaikan', { id, status: now.status });
    // Who has it (issue 23): the colleague to talk to, by name.
    const by = now.full_name ?? now.name;
    throw new RuntimeError('TASK_NOT_CLAIMABLE', by ? `Tugas sudah diambil ${by}` : 'Tugas sudah diambil petugas lain', { id, claimedBy: now.claimed_by, claimedByName: by });
  }
  return taskView(toTask(r));
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
     update runtime_tasks t set claimed_by = $4 from picked
      where t.id = picked.id and t.status = 'open' and t.claimed_by is null
      returning t.*, t.xmin::text as row_xmin),
   logged as (
     insert into workspace_changes (office, user_id, kind, ref) select office, assignee, 'task', id from changed)
   select * from changed`,
);

export async function takeNextTask(db: Kysely<Database>, user: SessionUser, input: TakeNextInput) {
  if (!officerGrantsOf(user).some((g) => g.role === input.role && g.office === input.office)) {
    throw new RuntimeError('NOT_ALLOWED', 'Anda tidak memegang peran ini di kantor tersebut', { role: input.role, office: input.office });
  }
  const { rows } = await db.executeQuery<Selectable<RuntimeTasksTable> & { row_xmin: string }>(
    CompiledQuery.raw(TAKE_NEXT_SQL, [input.office, input.role, input.processKey ?? null, user.id]),
  );
  const r = rows[0];
  return { task: r ? taskView(toTask(claimedRow(db, r))) : null };
}

export async function unclaimTask(db: Kysely<Database>, user: SessionUser, id: string) {
  const t = await taskForActor(db, user, id);
  const r = await setClaim(db, id, null, (eb) => (canReleaseClaim(user, t) ? eb('claimed_by', 'is not', null) : eb('claimed_by', '=', user.id)));
  if (!r) throw new RuntimeError('TASK_NOT_CLAIMABLE', 'Tugas tidak sedang Anda ambil', { id });
  return taskView(toTask(r));
}
