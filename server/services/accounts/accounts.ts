import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { looksLikePhone, normalizePhone } from '../../../core/phone.js';
import { SYSTEM_ACTOR } from '../../../runtime/engine.js';
import type { Database } from '../../db/index.js';
import { preparedStatement } from '../../db/prepared.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../platform/audit.js';
import { loginWaitMs, LOGIN_FAILURE_WINDOW_MS, type FailureCounts } from './login-throttle.js';
import { checkPassword } from './password-policy.js';
import { dummyHash, hashPassword, verifyPassword } from './passwords.js';
import { changingSessions, sessionCache } from './session-cache.js';

export type { RoleGrant, SessionUser } from './session-user.js';
import type { RoleGrant, SessionUser } from './session-user.js';

const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const USERNAME_PATTERN = '^[a-z0-9][a-z0-9._@+-]{1,63}$';

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Which sign-in a request comes from, for a record that must tell apart two desks sharing one
 * account (who took a task): a digest of the token under its own label, so it neither
 * authenticates nor matches the sessions table's key.
 */
export function sessionRef(token: string): string {
  return createHash('sha256').update(`desk:${token}`).digest('hex').slice(0, 32);
}

export interface NewUser {
  username: string;
  name?: string;
  password: string;
  email?: string | null;
  phone?: string | null;
  roles: RoleGrant[];
}

/** Every grant names a known role, and a known office where the role needs one (shared by create and role replacement). */
export async function checkGrants(db: Kysely<Database>, roles: RoleGrant[]): Promise<void> {
  for (const g of roles) {
    const role = await db.selectFrom('roles').select(['key', 'kind']).where('key', '=', g.role).executeTakeFirst();
    if (!role) throw new AppError('UNKNOWN_ROLE', `Peran tidak dikenal: ${g.role}`, { role: g.role });
    if (g.office !== null) {
      const office = await db.selectFrom('offices').select('key').where('key', '=', g.office).executeTakeFirst();
      if (!office) throw new AppError('UNKNOWN_OFFICE', `Kantor tidak dikenal: ${g.office}`, { office: g.office });
    } else if (role.kind === 'officer') {
      throw new AppError('UNKNOWN_OFFICE', `Peran ${g.role} membutuhkan kantor`, { role: g.role });
    }
  }
}

export async function createUser(db: Kysely<Database>, input: NewUser, actor: string): Promise<SessionUser> {
  const username = input.username.toLowerCase();
  if (!new RegExp(USERNAME_PATTERN).test(username)) throw new AppError('VALIDATION_FAILED', 'Nama pengguna tidak valid', { username });
  // Instances started by a timer or a message record this actor; an account of that name would
  // be taken for their starter.
  if (username === SYSTEM_ACTOR) throw new AppError('VALIDATION_FAILED', 'Nama pengguna ini dicadangkan untuk sistem', { username });
  checkPassword(input.password, username);
  const passwordHash = await hashPassword(input.password);
  const id = randomUUID();
  // Two registrations of the same name at once both pass the check below; the unique index
  // refuses the second, which is the same answer as the check's (issue 16, finding 9).
  const userExists = (e: unknown): never => {
    if ((e as { code?: unknown }).code === '23505') throw new AppError('USER_EXISTS', 'Pengguna sudah terdaftar', { username });
    throw e;
  };
  return db.transaction().execute(async (trx) => {
    await checkGrants(trx, input.roles);
    const exists = await trx
      .selectFrom('users')
      .select('id')
      .where((eb) =>
        eb.or([
          eb('username', '=', username),
          ...(input.email ? [eb('email', '=', input.email)] : []),
          ...(input.phone ? [eb('phone', '=', input.phone)] : []),
        ]),
      )
      .executeTakeFirst();
    if (exists) throw new AppError('USER_EXISTS', 'Pengguna sudah terdaftar', { username });
    await trx
      .insertInto('users')
      .values({ id, username, name: input.name ?? username, email: input.email ?? null, phone: input.phone ?? null, password_hash: passwordHash })
      .execute();
    if (input.roles.length > 0) {
      await trx.insertInto('user_roles').values(input.roles.map((g) => ({ user_id: id, role: g.role, office: g.office }))).execute();
    }
    await appendAudit(trx, { actor, action: 'user.create', subject: `user:${username}`, details: { roles: input.roles } });
    return { id, username, name: input.name ?? username, roles: input.roles };
  }).catch(userExists);
}

export async function setPassword(db: Kysely<Database>, username: string, password: string, actor: string): Promise<void> {
  checkPassword(password, username);
  const passwordHash = await hashPassword(password);
  await changingSessions(db, () => db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select('id').where('username', '=', username.toLowerCase()).executeTakeFirst();
    if (!user) throw new AppError('USER_NOT_FOUND', `Pengguna tidak ditemukan: ${username}`);
    await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: new Date() }).where('id', '=', user.id).execute();
    // A new password ends every open session of that user.
    await trx.updateTable('sessions').set({ revoked_at: new Date() }).where('user_id', '=', user.id).where('revoked_at', 'is', null).execute();
    await appendAudit(trx, { actor, action: 'user.password', subject: `user:${username.toLowerCase()}` });
  }));
}

async function rolesOf(db: Kysely<Database>, userId: string): Promise<RoleGrant[]> {
  const rows = await db.selectFrom('user_roles').select(['role', 'office']).where('user_id', '=', userId).orderBy('role').orderBy('office').execute();
  return rows.map((r) => ({ role: r.role, office: r.office }));
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: SessionUser;
}

async function recentFailures(db: Kysely<Database>, username: string, ip: string): Promise<FailureCounts> {
  const since = new Date(Date.now() - LOGIN_FAILURE_WINDOW_MS);
  const row = await db
    .selectFrom('login_failures')
    .select([
      sql<number>`count(*) filter (where username = ${username})`.as('pair_count'),
      sql<Date | null>`max(at) filter (where username = ${username})`.as('pair_last'),
      sql<number>`count(*)`.as('address_count'),
      sql<Date | null>`max(at)`.as('address_last'),
    ])
    .where('at', '>', since)
    .where('ip', '=', ip)
    .executeTakeFirstOrThrow();
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return {
    pair: { count: Number(row.pair_count), last: date(row.pair_last) },
    address: { count: Number(row.address_count), last: date(row.address_last) },
  };
}

/**
 * Checks the password and opens a session. Failures are counted in the database (not in one
 * server's memory), so the throttle holds across every server sharing it; see login-throttle.ts
 * for why they are counted per (username, address) and per address only.
 */
export async function login(db: Kysely<Database>, usernameRaw: string, password: string, ip: string): Promise<LoginResult> {
  // A phone number logs in however it is typed (+62 812…, 0812 3456…): it is stored in one form.
  const username = looksLikePhone(usernameRaw) ? normalizePhone(usernameRaw) : usernameRaw.toLowerCase();
  const wait = loginWaitMs(await recentFailures(db, username, ip), Date.now());
  if (wait > 0) {
    throw new AppError('RATE_LIMITED', 'Terlalu banyak percobaan masuk dari alamat ini. Coba lagi nanti.', { retryAfterSeconds: Math.ceil(wait / 1000) });
  }
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'name', 'password_hash', 'disabled'])
    .where((eb) => eb.or([eb('username', '=', username), eb('email', '=', username), eb('phone', '=', username)]))
    .executeTakeFirst();
  const ok = await verifyPassword(password, user?.password_hash ?? (await dummyHash()));
  if (!user || !ok || user.disabled) {
    // No audit row here: an anonymous request would append rows with a subject of its choosing.
    // The security job writes one summary row of the failures instead (audit-anchor.ts, `auth.login-failures`).
    await db.insertInto('login_failures').values({ username, ip }).execute();
    throw new AppError('INVALID_CREDENTIALS', 'Nama pengguna atau kata sandi salah');
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('sessions').values({ token_hash: tokenHash(token), user_id: user.id, expires_at: expiresAt }).execute();
    await appendAudit(trx, { actor: user.username, action: 'auth.login', subject: `user:${user.username}`, details: { ip } });
  });
  return { token, expiresAt, user: { id: user.id, username: user.username, name: user.name, roles: await rolesOf(db, user.id) } };
}

/**
 * The session lookup of an authenticated request not answered from the session cache: one
 * indexed query for the session, its user and the user's roles, a named statement (see
 * db/prepared.ts) with its SQL text fixed.
 */
const SESSION_USER_SQL = preparedStatement('sop_session_user', `select u.id, u.username, u.name, s.expires_at,
    (select json_agg(g.gr order by g.role, g.office) from (
       select ur.role, ur.office, json_build_object('role', ur.role, 'office', ur.office) as gr
         from user_roles ur where ur.user_id = u.id
       union all
       -- posts delegated to this user today (Asia/Jakarta, UTC+7): issue 18
       select d.role, d.office, json_build_object('role', d.role, 'office', d.office, 'delegatedFrom', json_build_object('id', fu.id, 'username', fu.username)) as gr
         from delegations d join users fu on fu.id = d.from_user
         where d.to_user = u.id and (($2::timestamptz at time zone 'UTC') + interval '7 hours')::date between d.starts_on and d.ends_on) g) as roles
  from sessions s join users u on u.id = s.user_id
  where s.token_hash = $1 and s.revoked_at is null and s.expires_at > $2 and u.disabled = false`);

/** The user a session token stands for; undefined when it is unknown, revoked, expired or its user disabled. */
export async function userFromToken(db: Kysely<Database>, token: string): Promise<SessionUser | undefined> {
  const hash = tokenHash(token);
  const cache = sessionCache(db);
  const now = Date.now();
  const cached = cache.get(hash, now);
  if (cached) return cached;
  const generation = cache.generation();
  const { rows } = await db.executeQuery<{ id: string; username: string; name: string; expires_at: Date; roles: RoleGrant[] | string | null }>(
    CompiledQuery.raw(SESSION_USER_SQL, [hash, new Date(now)]),
  );
  const row = rows[0];
  if (!row) return undefined;
  const roles = typeof row.roles === 'string' ? (JSON.parse(row.roles) as RoleGrant[]) : (row.roles ?? []);
  const user = { id: row.id, username: row.username, name: row.name, roles };
  cache.store(generation, hash, user, new Date(row.expires_at).getTime(), now);
  return user;
}

export async function logout(db: Kysely<Database>, token: string): Promise<void> {
  await changingSessions(db, () =>
    db.updateTable('sessions').set({ revoked_at: new Date() }).where('token_hash', '=', tokenHash(token)).where('revoked_at', 'is', null).execute(),
  );
}
