import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { setNotifySink } from '../../runtime/handlers.js';

export interface Notification {
  id: number;
  instanceId: string | null;
  kind: string;
  message: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NewNotification {
  userId: string;
  instanceId?: string | null;
  kind: string;
  message: string;
  link?: string | null;
}

/** Stores an in-app notification and logs the change the events hub pushes to that user. */
export async function notify(db: Kysely<Database>, n: NewNotification): Promise<void> {
  // Inside a caller's transaction (a step that raises it): written there, committed with it.
  const write = async (trx: Kysely<Database>) => {
    await trx
      .insertInto('notifications')
      .values({ user_id: n.userId, instance_id: n.instanceId ?? null, kind: n.kind, message: n.message, link: n.link ?? null })
      .execute();
    await trx.insertInto('workspace_changes').values({ office: null, user_id: n.userId, kind: 'notification', ref: n.instanceId ?? null }).execute();
  };
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
}

export async function listNotifications(db: Kysely<Database>, userId: string, opts: { unreadOnly?: boolean; limit?: number } = {}): Promise<Notification[]> {
  let q = db
    .selectFrom('notifications')
    .select(['id', 'instance_id', 'kind', 'message', 'link', 'created_at', 'read_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(opts.limit ?? 50);
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: Number(r.id),
    instanceId: r.instance_id,
    kind: r.kind,
    message: r.message,
    link: r.link,
    createdAt: new Date(r.created_at).toISOString(),
    readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
  }));
}

export async function markRead(db: Kysely<Database>, userId: string, ids: number[] | 'all'): Promise<number> {
  let q = db.updateTable('notifications').set({ read_at: new Date() }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ids !== 'all') {
    if (ids.length === 0) return 0;
    q = q.where('id', 'in', ids);
  }
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/**
 * The runtime's `notify` service task records the intent; this sink turns it into an in-app
 * notification for the instance's applicant (walk-in applicants have no account: nothing to send).
 */
export function installNotifySink(db: Kysely<Database>): void {
  setNotifySink(async (n) => {
    const inst = await db.selectFrom('runtime_instances').select(['applicant_user_id']).where('id', '=', n.instanceId).executeTakeFirst();
    if (!inst?.applicant_user_id) return;
    await notify(db, { userId: inst.applicant_user_id, instanceId: n.instanceId, kind: 'info', message: n.message, link: `/portal/applications/${n.instanceId}` });
  });
}
