import { CompiledQuery, sql, type Kysely } from 'kysely';
import { shapedStatement } from '../../db/prepared.js';
import { canActOnTask, canSeeTask, officerGrants as officerGrantsOf } from '../../../core/access.js';
import { RuntimeError } from '../../../runtime/errors.js';
import type { TaskRow } from '../../../runtime/store.js';
import type { Database } from '../../db/index.js';
import type { SessionUser } from '../accounts/accounts.js';
import { toTask } from './runtime-store.js';
import { taskView } from './runtime-views.js';

/* The worklist and one task as its actor or a supervisor sees it. */
export interface TaskQuery {
  scope?: 'mine' | 'available';
  office?: string;
  limit?: number;
  offset?: number;
}

/**
 * The inbox, ordered by due time. `available`: unclaimed tasks of the user's (role, office)
 * grants; `mine`: tasks claimed by the user or assigned to them (applicant lane, walk-ins).
 * Each grant reads its own ordered range of the partial worklist index (LIMIT pushed into
 * each branch), so the query costs the same at 10k or 1M open tasks.
 */
export async function listTasks(db: Kysely<Database>, user: SessionUser, q: TaskQuery) {
  const limit = Math.min(q.limit ?? 50, 200);
  const offset = q.offset ?? 0;
  const want = limit + offset + 1;
  const cols = sql.raw('id, instance_id, token_id, process_key, process_name, publication, element_id, element_name, role, office, assignee, on_behalf, business_key, due_at, claimed_by, status, created_at, completed_at, completed_by, form, documents, instruction, item');
  const branches: ReturnType<typeof sql>[] = [];
  if (q.scope === 'mine') {
    branches.push(sql`(select ${cols} from runtime_tasks where status = 'open' and assignee is not null and assignee = ${user.id} order by due_at, id limit ${want})`);
    branches.push(sql`(select ${cols} from runtime_tasks where status = 'open' and claimed_by is not null and claimed_by = ${user.id} order by due_at, id limit ${want})`);
    // Tasks taken by an officer whose post is delegated to this user today.
    for (const g of user.roles.filter((r) => r.delegatedFrom && r.office !== null)) {
      branches.push(
        sql`(select ${cols} from runtime_tasks where status = 'open' and claimed_by is not null and claimed_by = ${g.delegatedFrom!.id} and office = ${g.office} and role = ${g.role} order by due_at, id limit ${want})`,
      );
    }
  } else {
    const grants = officerGrantsOf(user).filter((g) => !q.office || g.office === q.office);
    for (const g of grants) {
      branches.push(
        sql`(select ${cols} from runtime_tasks where status = 'open' and assignee is null and office = ${g.office} and role = ${g.role} and claimed_by is null order by due_at, id limit ${want})`,
      );
    }
  }
  if (branches.length === 0) return { items: [], limit, offset, hasMore: false };
  const union = sql.join(branches, sql` union `);
  // Its text depends only on how many grants the user has: a named statement per shape, parsed
  // and planned once per connection (an officer's desk lists after nearly every step).
  const query = sql<Parameters<typeof toTask>[0]>`select * from (${union}) t order by due_at, id limit ${limit + 1} offset ${offset}`.compile(db);
  const { rows } = await db.executeQuery(CompiledQuery.raw(shapedStatement('sop_list', query.sql), [...query.parameters]) as typeof query);
  const items = rows.slice(0, limit).map((r) => taskView(toTask(r)));
  return { items, limit, offset, hasMore: rows.length > limit };
}

export async function taskForActor(db: Kysely<Database>, user: SessionUser, id: string, may: (u: SessionUser, t: TaskRow) => boolean = canActOnTask): Promise<TaskRow> {
  const r = await db.selectFrom('runtime_tasks').selectAll().where('id', '=', id).executeTakeFirst();
  // A task the user may not act on is reported as absent: its existence is not theirs to know.
  if (!r || !may(user, toTask(r))) throw new RuntimeError('TASK_NOT_FOUND', 'Tugas tidak ditemukan', { id });
  return toTask(r);
}

/** Its queue acts on it; its office's supervisors read it. */
export async function getTask(db: Kysely<Database>, user: SessionUser, id: string) {
  return taskView(await taskForActor(db, user, id, canSeeTask));
}
