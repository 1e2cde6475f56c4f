/**
 * Account administration from the browser: the same rules as the CLI (createUser, setPassword
 * and the grant checks live in accounts.ts and are reused, not copied). Every change is one
 * transaction that also appends to the audit chain.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { checkGrants, createUser, setPassword, type NewUser, type RoleGrant, type SessionUser } from './accounts.js';
import { changingSessions } from './session-cache.js';
import { appendAudit } from '../platform/audit.js';

export const USERS_PAGE_SIZE = 25;

export interface AdminUser {
  id: string;
  username: string;
  name: string;
  email: string | null;
  phone: string | null;
  disabled: boolean;
  roles: RoleGrant[];
  createdAt: string;
  /** an official's signing identity (issue 20): on the documents they sign */
  identity: OfficialIdentity;
}

export interface OfficialIdentity {
  fullName: string | null;
  nip: string | null;
  jabatan: string | null;
  /** for the TTE signing service */
  nik: string | null;
}

const identityOf = (r: { full_name: string | null; nip: string | null; jabatan: string | null; nik: string | null }): OfficialIdentity => ({
  fullName: r.full_name,
  nip: r.nip,
  jabatan: r.jabatan,
  nik: r.nik,
});

export interface UserQuery {
  search?: string;
  role?: string;
  office?: string;
  page?: number;
  pageSize?: number;
}

/**
 * Whose accounts a reader sees: an admin every account; a manager only the staff of the offices
 * they manage (holders of a grant in one of them; 'all' for a manager of every office: every
 * holder of an office grant). Applicants are not staff of an office: a manager never lists them.
 */
export type UserScope = 'everyone' | 'all-offices' | string[];

type Db = Kysely<Database> | Transaction<Database>;

/** LIKE treats % and _ as wildcards; a search for "a_b" means those characters. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

async function grantsOf(db: Db, ids: string[]): Promise<Map<string, RoleGrant[]>> {
  const out = new Map<string, RoleGrant[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('user_roles').select(['user_id', 'role', 'office']).where('user_id', 'in', ids).orderBy('role').orderBy('office').execute();
  for (const r of rows) out.get(r.user_id)?.push({ role: r.role, office: r.office });
  return out;
}

/** Users matching the filters, by username, one page at a time; never the password hash. */
export async function listUsers(db: Kysely<Database>, query: UserQuery, scope: UserScope = 'everyone'): Promise<{ items: AdminUser[]; total: number; page: number; pageSize: number }> {
  const page = Math.max(1, query.page ?? 1);
  const pageSize = query.pageSize ?? USERS_PAGE_SIZE;
  let q = db.selectFrom('users as u');
  if (scope !== 'everyone') {
    if (Array.isArray(scope) && scope.length === 0) return { items: [], total: 0, page, pageSize };
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles as sr')
          .select('sr.user_id')
          .whereRef('sr.user_id', '=', 'u.id')
          .where('sr.office', 'is not', null)
          .$if(Array.isArray(scope), (s) => s.where('sr.office', 'in', scope as string[])),
      ),
    );
  }
  const search = query.search?.trim().toLowerCase();
  if (search) {
    const p = likePattern(search);
    q = q.where((eb) => eb.or([eb('u.username', 'like', p), sql<boolean>`lower(u.name) like ${p}`, eb('u.email', 'like', p), eb('u.phone', 'like', p)]));
  }
  if (query.role || query.office) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles as ur')
          .select('ur.user_id')
          .whereRef('ur.user_id', '=', 'u.id')
          .$if(!!query.role, (s) => s.where('ur.role', '=', query.role!))
          .$if(!!query.office, (s) => s.where('ur.office', '=', query.office!)),
      ),
    );
  }
  const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
  const rows = await q
    .select(['u.id', 'u.username', 'u.name', 'u.email', 'u.phone', 'u.disabled', 'u.created_at', 'u.full_name', 'u.nip', 'u.jabatan', 'u.nik'])
    .orderBy('u.username')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const grants = await grantsOf(db, rows.map((r) => r.id));
  return {
    items: rows.map((r) => ({
      id: r.id,
      username: r.username,
      name: r.name,
      email: r.email,
      phone: r.phone,
      disabled: r.disabled,
      roles: grants.get(r.id) ?? [],
      createdAt: new Date(r.created_at).toISOString(),
      identity: identityOf(r),
    })),
    total: Number(total),
    page,
    pageSize,
  };
}

async function userById(db: Db, id: string): Promise<AdminUser> {
  const r = await db
    .selectFrom('users')
    .select(['id', 'username', 'name', 'email', 'phone', 'disabled', 'created_at', 'full_name', 'nip', 'jabatan', 'nik'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) throw new AppError('USER_NOT_FOUND', 'Pengguna tidak ditemukan', { id });
  const grants = await grantsOf(db, [id]);
  return {
    id: r.id,
    username: r.username,
    name: r.name,
    email: r.email,
    phone: r.phone,
    disabled: r.disabled,
    roles: grants.get(id) ?? [],
    createdAt: new Date(r.created_at).toISOString(),
    identity: identityOf(r),
  };
}

// Serialises the changes that can take an admin away, across every server on the same database.
const ADMINS_LOCK = 7_346_002;

/**
 * Someone other than `userId` is still an enabled admin. The self-protections cover an admin
 * acting on themselves; this covers two admins removing each other at the same moment (each
 * request authenticated while the other was still an admin): the second to commit is refused.
 */
async function keepAnotherAdmin(trx: Transaction<Database>, userId: string): Promise<void> {
  const other = await trx
    .selectFrom('user_roles as ur')
    .innerJoin('users as u', 'u.id', 'ur.user_id')
    .select('u.id')
    .where('ur.role', '=', 'admin')
    .where('u.disabled', '=', false)
    .where('u.id', '!=', userId)
    .limit(1)
    .executeTakeFirst();
  if (!other) throw new AppError('LAST_ADMIN', 'Harus tetap ada setidaknya satu admin aktif', { id: userId });
}

const isAdminGrant = (g: RoleGrant) => g.role === 'admin';

/** The same grant given twice would break the unique index; it means the same as once. */
function distinctGrants(roles: RoleGrant[]): RoleGrant[] {
  const seen = new Map<string, RoleGrant>();
  for (const g of roles) seen.set(`${g.role}\u0000${g.office ?? ''}`, { role: g.role, office: g.office ?? null });
  return [...seen.values()];
}

export async function adminCreateUser(db: Kysely<Database>, input: NewUser, actor: SessionUser): Promise<AdminUser> {
  const created = await createUser(db, { ...input, roles: distinctGrants(input.roles) }, actor.username);
  return userById(db, created.id);
}

/**
 * Replaces every grant of the user. Sessions are left open on purpose: the session cache forgets
 * the user's roles with the change (changingSessions here, the sop_auth notification on the other
 * servers), so the new grants act on the user's next request.
 */
export async function replaceRoles(db: Kysely<Database>, id: string, rolesIn: RoleGrant[], actor: SessionUser): Promise<AdminUser> {
  const roles = distinctGrants(rolesIn);
  return changingSessions(db, () => db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${ADMINS_LOCK})`.execute(trx);
    const user = await trx.selectFrom('users').select(['id', 'username', 'disabled']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!user) throw new AppError('USER_NOT_FOUND', 'Pengguna tidak ditemukan', { id });
    if (user.id === actor.id && !roles.some(isAdminGrant)) {
      throw new AppError('CANNOT_REMOVE_OWN_ADMIN', 'Anda tidak dapat mencabut peran admin Anda sendiri', { id });
    }
    await checkGrants(trx, roles);
    const before = await grantsOf(trx, [id]);
    if (!user.disabled && (before.get(id) ?? []).some(isAdminGrant) && !roles.some(isAdminGrant)) await keepAnotherAdmin(trx, id);
    await trx.deleteFrom('user_roles').where('user_id', '=', id).execute();
    if (roles.length > 0) await trx.insertInto('user_roles').values(roles.map((g) => ({ user_id: id, role: g.role, office: g.office }))).execute();
    await appendAudit(trx, { actor: actor.username, action: 'user.roles', subject: `user:${user.username}`, details: { before: before.get(id) ?? [], after: roles } });
    return userById(trx, id);
  }));
}

/**
 * Disabling takes effect at once: userFromToken (its cache forgets the user with the change) and
 * login both refuse a disabled user. The open sessions are revoked as well, so enabling the
 * account later does not bring back a token that may have been the reason for disabling it.
 */
export async function setDisabled(db: Kysely<Database>, id: string, disabled: boolean, actor: SessionUser): Promise<AdminUser> {
  if (disabled && id === actor.id) throw new AppError('CANNOT_DISABLE_SELF', 'Anda tidak dapat menonaktifkan akun Anda sendiri', { id });
  return changingSessions(db, () => db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${ADMINS_LOCK})`.execute(trx);
    const user = await trx.selectFrom('users').select(['id', 'username', 'disabled']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!user) throw new AppError('USER_NOT_FOUND', 'Pengguna tidak ditemukan', { id });
    if (disabled && !user.disabled && (await grantsOf(trx, [id])).get(id)?.some(isAdminGrant)) await keepAnotherAdmin(trx, id);
    if (user.disabled !== disabled) {
      const now = new Date();
      await trx.updateTable('users').set({ disabled, updated_at: now }).where('id', '=', id).execute();
      if (disabled) await trx.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
      await appendAudit(trx, { actor: actor.username, action: disabled ? 'user.disable' : 'user.enable', subject: `user:${user.username}` });
    }
    return userById(trx, id);
  }));
}

/** A new password (setPassword also revokes every open session of the user). */
export async function adminSetPassword(db: Kysely<Database>, id: string, password: string, actor: SessionUser): Promise<void> {
  const user = await db.selectFrom('users').select('username').where('id', '=', id).executeTakeFirst();
  if (!user) throw new AppError('USER_NOT_FOUND', 'Pengguna tidak ditemukan', { id });
  await setPassword(db, user.username, password, actor.username);
}

/**
 * Sets an official's signing identity (full name, NIP, jabatan, NIK): printed on the documents
 * they sign and sent to the TTE service. Blank fields are cleared. NIP is 18 digits, NIK 16
 * (400 IDENTITY_INVALID otherwise). Audited.
 */
export async function setIdentity(db: Kysely<Database>, id: string, input: Partial<Record<keyof OfficialIdentity, string | null>>, actor: SessionUser): Promise<AdminUser> {
  const clean = (v: string | null | undefined) => (typeof v === 'string' && v.trim() ? v.trim().replace(/\s+/g, ' ') : null);
  const next = { full_name: clean(input.fullName), nip: clean(input.nip)?.replace(/\s/g, '') ?? null, jabatan: clean(input.jabatan), nik: clean(input.nik)?.replace(/\s/g, '') ?? null };
  const bad: string[] = [];
  if (next.nip !== null && !/^\d{18}$/.test(next.nip)) bad.push('nip');
  if (next.nik !== null && !/^\d{16}$/.test(next.nik)) bad.push('nik');
  if (bad.length > 0) throw new AppError('IDENTITY_INVALID', 'NIP harus 18 angka dan NIK 16 angka', { fields: bad });
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['id', 'username', 'full_name', 'nip', 'jabatan', 'nik']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!user) throw new AppError('USER_NOT_FOUND', 'Pengguna tidak ditemukan', { id });
    await trx.updateTable('users').set({ ...next, updated_at: new Date() }).where('id', '=', id).execute();
    await appendAudit(trx, { actor: actor.username, action: 'user.identity', subject: `user:${user.username}`, details: { before: identityOf(user), after: identityOf(next) } });
    return userById(trx, id);
  });
}
