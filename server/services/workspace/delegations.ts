import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { AppError } from '../../errors.js';
import type { RoleGrant, SessionUser } from '../accounts/accounts.js';
import { appendAudit } from '../platform/audit.js';
import { managedOffices, managesOffice } from '../cockpit/cockpit-access.js';
import { changingSessions } from '../accounts/session-cache.js';

/**
 * Delegation of a post (role × office) by an officer going on leave to a colleague holding the
 * same role, for a date range (Asia/Jakarta, both days included). While it runs the colleague's
 * session carries the post as a grant marked `delegatedFrom` (accounts.ts, session lookup), so
 * the post's queue and the tasks the officer had taken appear in the colleague's inbox, and a
 * completion is recorded "atas nama" the officer. Sessions are re-read on every change (the
 * `sop_auth` trigger) and at least every minute, so a delegation starts and ends on its dates.
 */
export interface Delegation {
  id: number;
  role: string;
  office: string;
  from: string;
  to: string;
  startsOn: string;
  endsOn: string;
  reason: string | null;
  createdBy: string;
  createdAt: string;
}

export interface NewDelegation {
  role: string;
  office: string;
  /** the officer whose post it is; default: the caller */
  from?: string;
  to: string;
  startsOn: string;
  endsOn: string;
  reason?: string;
}

/** May set or remove a delegation of this post: the officer themselves, an admin, or a manager (supervisor) of the office. */
function mayDelegate(user: SessionUser, post: { office: string }, fromUserId: string): boolean {
  return user.id === fromUserId || managesOffice(user, post.office);
}

/** Delegations the user may see: their own (given or received), and those of offices they manage. */
function visibleTo(user: SessionUser): { offices: 'all' | string[]; userId: string } {
  return { offices: managedOffices(user), userId: user.id };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

async function officer(db: Kysely<Database>, username: string): Promise<{ id: string; username: string; roles: RoleGrant[] }> {
  const u = await db.selectFrom('users').select(['id', 'username']).where('username', '=', username).where('disabled', '=', false).executeTakeFirst();
  if (!u) throw new AppError('USER_NOT_FOUND', `Pengguna "${username}" tidak ditemukan`, { username });
  const roles = await db.selectFrom('user_roles').select(['role', 'office']).where('user_id', '=', u.id).execute();
  return { ...u, roles };
}

export async function createDelegation(db: Kysely<Database>, actor: SessionUser, input: NewDelegation): Promise<Delegation> {
  if (!DATE.test(input.startsOn) || !DATE.test(input.endsOn) || input.endsOn < input.startsOn) {
    throw new AppError('DELEGATION_INVALID', 'Rentang tanggal tidak sah', { startsOn: input.startsOn, endsOn: input.endsOn });
  }
  // Decided before any account is looked up: whoever may not delegate this post learns nothing
  // of which usernames exist (USER_NOT_FOUND answered to an applicant was an account oracle).
  const forbidden = () => new AppError('FORBIDDEN', 'Anda tidak berwenang mendelegasikan jabatan ini', { office: input.office, role: input.role });
  if (input.from !== undefined && input.from !== actor.username && !managesOffice(actor, input.office)) throw forbidden();
  const from = await officer(db, input.from ?? actor.username);
  if (!mayDelegate(actor, input, from.id)) throw forbidden();
  if (!from.roles.some((r) => r.role === input.role && r.office === input.office)) {
    throw new AppError('DELEGATION_INVALID', `${from.username} tidak memegang ${input.role} di ${input.office}`, { from: from.username });
  }
  const to = await officer(db, input.to);
  if (to.id === from.id || !to.roles.some((r) => r.role === input.role)) {
    throw new AppError('DELEGATION_INVALID', `${to.username} bukan rekan dengan jabatan ${input.role}`, { to: to.username });
  }
  const kind = await db.selectFrom('roles').select('kind').where('key', '=', input.role).executeTakeFirst();
  if (kind?.kind !== 'officer') throw new AppError('DELEGATION_INVALID', 'Hanya jabatan petugas yang dapat didelegasikan', { role: input.role });
  return changingSessions(db, () =>
    db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('delegations')
        .values({ role: input.role, office: input.office, from_user: from.id, to_user: to.id, starts_on: input.startsOn, ends_on: input.endsOn, reason: input.reason ?? null, created_by: actor.username })
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendAudit(trx, {
        actor: actor.username,
        action: 'delegation.create',
        subject: `user:${from.username}`,
        details: { id: Number(row.id), role: input.role, office: input.office, to: to.username, startsOn: input.startsOn, endsOn: input.endsOn },
      });
      return view(row, from.username, to.username);
    }),
  );
}

function view(r: { id: number | string; role: string; office: string; starts_on: string; ends_on: string; reason: string | null; created_by: string; created_at: Date | string }, from: string, to: string): Delegation {
  return {
    id: Number(r.id),
    role: r.role,
    office: r.office,
    from,
    to,
    startsOn: String(r.starts_on).slice(0, 10),
    endsOn: String(r.ends_on).slice(0, 10),
    reason: r.reason,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function listDelegations(db: Kysely<Database>, user: SessionUser): Promise<Delegation[]> {
  const { offices, userId } = visibleTo(user);
  const rows = await db
    .selectFrom('delegations as d')
    .innerJoin('users as f', 'f.id', 'd.from_user')
    .innerJoin('users as t', 't.id', 'd.to_user')
    .selectAll('d')
    .select(['f.username as from_username', 't.username as to_username'])
    .where((eb) => {
      const mine = [eb('d.from_user', '=', userId), eb('d.to_user', '=', userId)];
      if (offices === 'all') return eb.val(true);
      return eb.or(offices.length > 0 ? [...mine, eb('d.office', 'in', offices)] : mine);
    })
    .orderBy('d.starts_on', 'desc')
    .orderBy('d.id', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => view(r, r.from_username, r.to_username));
}

export async function deleteDelegation(db: Kysely<Database>, user: SessionUser, id: number): Promise<void> {
  const row = await db.selectFrom('delegations as d').innerJoin('users as f', 'f.id', 'd.from_user').selectAll('d').select('f.username as from_username').where('d.id', '=', id).executeTakeFirst();
  if (!row || !(mayDelegate(user, row, row.from_user) || row.to_user === user.id)) throw new AppError('NOT_FOUND', 'Delegasi tidak ditemukan', { id });
  await changingSessions(db, () =>
    db.transaction().execute(async (trx) => {
      await trx.deleteFrom('delegations').where('id', '=', id).execute();
      await appendAudit(trx, { actor: user.username, action: 'delegation.delete', subject: `user:${row.from_username}`, details: { id, role: row.role, office: row.office } });
    }),
  );
}

/** The delegated post of `user` that covers a task claimed by the officer who delegated it, if any. */
export function delegatedPostFor(user: SessionUser, t: { role: string; office: string }): RoleGrant | undefined {
  const own = user.roles.some((r) => !r.delegatedFrom && r.role === t.role && r.office === t.office);
  return own ? undefined : user.roles.find((r) => r.delegatedFrom && r.role === t.role && r.office === t.office);
}
