import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../server/services/accounts/accounts.js';
import { verifyAuditChain } from '../../server/services/platform/audit.js';
import { replaceRoles, setDisabled, type AdminUser } from '../../server/services/accounts/user-admin.js';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { chain, end, model, start, userTask } from '../runtime/support/bpmn.js';
import { publishProcess } from '../runtime/support/publish.js';

// A one-step payment SOP whose only step is the kasir's, so "the kasir queue" is easy to see.
const KASIR_SOP = model('uji-kasir', `${start()}${userTask('terima_bayar', 'sop:duration="PT10M"')}${end()}${chain('start', 'terima_bayar', 'end')}`, {
  lanes: { kasir: ['start', 'terima_bayar', 'end'] },
  attrs: 'sop:starterRoles="kasir"',
});


describe.each(databaseKinds)('user and role administration over HTTP (%s)', (kind) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let manager: Record<string, string>;
  const password = 'sandi-kasir-baru-1';

  beforeAll(async () => {
    t = await createTestApp({ kind });
    admin = bearer(await loginAs(t.app, 'admin'));
    manager = bearer(await loginAs(t.app, 'manager'));
    await publishProcess(t.database.db, 'uji-kasir', KASIR_SOP);
  });
  afterAll(async () => t?.close());

  const create = (body: object, as = admin) => t.app.inject({ method: 'POST', url: '/api/admin/users', headers: as, payload: body });
  const inboxOf = async (token: string) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/inbox?tab=available', headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    return (res.json().tasks as Array<{ instanceId: string; role: string; office: string }>).map((x) => x.instanceId);
  };
  const startKasirSop = async (office: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/processes/uji-kasir/instances', headers: admin, payload: { office, variables: {} } });
    expect(res.statusCode).toBe(201);
    return (res.json() as { id: string }).id;
  };
  const auditCount = async (action: string, subject: string) =>
    (await t.database.db.selectFrom('audit_log').select('seq').where('action', '=', action).where('subject', '=', subject).execute()).length;

  it('the admin creates a kasir for samsat-serang, who logs in and sees the kasir queue of that office only', async () => {
    const res = await create({ username: 'kasir-baru', name: 'Kasir Baru', email: 'kasir.baru@samsat.id', password, roles: [{ role: 'kasir', office: 'samsat-serang' }] });
    expect(res.statusCode).toBe(201);
    const user = res.json() as AdminUser;
    expect(user).toMatchObject({ username: 'kasir-baru', name: 'Kasir Baru', email: 'kasir.baru@samsat.id', phone: null, disabled: false, roles: [{ role: 'kasir', office: 'samsat-serang' }] });
    expect(JSON.stringify(user)).not.toMatch(/scrypt|password/);
    expect(await auditCount('user.create', 'user:kasir-baru')).toBe(1);

    const serang = await startKasirSop('samsat-serang');
    const cilegon = await startKasirSop('samsat-cilegon');
    const token = await loginAs(t.app, 'kasir-baru', password);
    const queue = await inboxOf(token);
    expect(queue).toContain(serang);
    expect(queue).not.toContain(cilegon);
  });

  it('the list is paged and filtered by search, role and office, and never shows a password hash', async () => {
    const all = await t.app.inject({ method: 'GET', url: '/api/admin/users?pageSize=5', headers: admin });
    expect(all.statusCode).toBe(200);
    const page1 = all.json() as { items: AdminUser[]; total: number; page: number; pageSize: number };
    expect(page1.items).toHaveLength(5);
    expect(page1.total).toBeGreaterThan(5);
    expect(all.body).not.toContain('scrypt');
    const page2 = (await t.app.inject({ method: 'GET', url: '/api/admin/users?pageSize=5&page=2', headers: admin })).json() as { items: AdminUser[] };
    expect(page2.items.map((u) => u.id)).not.toContain(page1.items[0].id);

    const kasirSerang = (await t.app.inject({ method: 'GET', url: '/api/admin/users?role=kasir&office=samsat-serang', headers: admin })).json() as { items: AdminUser[]; total: number };
    expect(kasirSerang.items.map((u) => u.username).sort()).toEqual(['kasir-baru', 'kasir.samsat-serang']);
    expect(kasirSerang.total).toBe(2);
    const searched = (await t.app.inject({ method: 'GET', url: `/api/admin/users?search=${encodeURIComponent('KASIR BARU')}`, headers: admin })).json() as { items: AdminUser[] };
    expect(searched.items.map((u) => u.username)).toEqual(['kasir-baru']);
    // "_" is a character to look for, not a LIKE wildcard
    expect(((await t.app.inject({ method: 'GET', url: '/api/admin/users?search=kasir_baru', headers: admin })).json() as { total: number }).total).toBe(0);
  });

  it('bad inputs give the stable error shape and store nothing', async () => {
    const cases: Array<[object, number, string]> = [
      [{ username: 'salah-peran', password, roles: [{ role: 'juru-sita', office: 'samsat-serang' }] }, 400, 'UNKNOWN_ROLE'],
      [{ username: 'salah-kantor', password, roles: [{ role: 'kasir', office: 'samsat-atlantis' }] }, 400, 'UNKNOWN_OFFICE'],
      [{ username: 'tanpa-kantor', password, roles: [{ role: 'kasir', office: null }] }, 400, 'UNKNOWN_OFFICE'],
      [{ username: 'sandi-pendek', password: 'pendek', roles: [{ role: 'kasir', office: 'samsat-serang' }] }, 400, 'PASSWORD_TOO_WEAK'],
      [{ username: 'sandi-umum', password: 'password123', roles: [{ role: 'kasir', office: 'samsat-serang' }] }, 400, 'PASSWORD_TOO_WEAK'],
      [{ username: 'sandi-sama-nama', password: 'Sandi-Sama-Nama', roles: [{ role: 'kasir', office: 'samsat-serang' }] }, 400, 'PASSWORD_TOO_WEAK'],
      [{ username: 'kasir-baru', password, roles: [{ role: 'kasir', office: 'samsat-serang' }] }, 409, 'USER_EXISTS'],
      [{ username: 'system', password, roles: [{ role: 'kasir', office: 'samsat-serang' }] }, 400, 'VALIDATION_FAILED'],
      [{ username: 'Bukan Pola!', password, roles: [] }, 400, 'VALIDATION_FAILED'],
    ];
    const usersBefore = (await t.database.db.selectFrom('users').select('id').execute()).length;
    const auditBefore = (await t.database.db.selectFrom('audit_log').select('seq').execute()).length;
    for (const [body, status, code] of cases) {
      const res = await create(body);
      expect({ body, status: res.statusCode, code: res.json().code }).toEqual({ body, status, code });
      expect(res.json()).toEqual({ code, message: expect.any(String), ...(res.json().details === undefined ? {} : { details: expect.anything() }) });
    }
    expect((await t.database.db.selectFrom('users').select('id').execute()).length).toBe(usersBefore);
    expect((await t.database.db.selectFrom('audit_log').select('seq').execute()).length).toBe(auditBefore);

    const someone = (await t.database.db.selectFrom('users').select('id').where('username', '=', 'kasir.samsat-cilegon').executeTakeFirstOrThrow()).id;
    const badRoles = await t.app.inject({ method: 'PUT', url: `/api/admin/users/${someone}/roles`, headers: admin, payload: { roles: [{ role: 'kasir', office: 'samsat-atlantis' }] } });
    expect(badRoles.statusCode).toBe(400);
    expect(badRoles.json().code).toBe('UNKNOWN_OFFICE');
    // the refused replacement left the old grant in place
    const kept = await t.database.db.selectFrom('user_roles').select(['role', 'office']).where('user_id', '=', someone).execute();
    expect(kept).toEqual([{ role: 'kasir', office: 'samsat-cilegon' }]);
    const unknownUser = await t.app.inject({ method: 'PUT', url: '/api/admin/users/tidak-ada/roles', headers: admin, payload: { roles: [] } });
    expect(unknownUser.statusCode).toBe(404);
    expect(unknownUser.json().code).toBe('USER_NOT_FOUND');
  });

  it('replacing roles changes what the user may do on their next request, without logging in again', async () => {
    const user = (await create({ username: 'pindah-tugas', password, roles: [{ role: 'kasir', office: 'samsat-serang' }] })).json() as AdminUser;
    const token = await loginAs(t.app, 'pindah-tugas', password);
    const serang = await startKasirSop('samsat-serang');
    const cilegon = await startKasirSop('samsat-cilegon');
    expect(await inboxOf(token)).toContain(serang);
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: bearer(token) })).statusCode).toBe(403);

    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/admin/users/${user.id}/roles`,
      headers: admin,
      payload: { roles: [{ role: 'kasir', office: 'samsat-cilegon' }, { role: 'manager', office: null }, { role: 'manager', office: null }] },
    });
    expect(res.statusCode).toBe(200);
    expect((res.json() as AdminUser).roles).toEqual([{ role: 'kasir', office: 'samsat-cilegon' }, { role: 'manager', office: null }]);

    const queue = await inboxOf(token);
    expect(queue).toContain(cilegon);
    expect(queue).not.toContain(serang);
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: bearer(token) })).statusCode).toBe(200);
    const audit = await t.database.db.selectFrom('audit_log').select(['actor', 'details']).where('action', '=', 'user.roles').where('subject', '=', 'user:pindah-tugas').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].actor).toBe('admin');
    expect(JSON.parse(audit[0].details)).toEqual({ before: [{ role: 'kasir', office: 'samsat-serang' }], after: [{ role: 'kasir', office: 'samsat-cilegon' }, { role: 'manager', office: null }] });
  });

  it('disabling cuts an open session at once and blocks log-in; enabling lets the user log in again', async () => {
    const user = (await create({ username: 'akan-nonaktif', password, roles: [{ role: 'korektor', office: 'samsat-serang' }] })).json() as AdminUser;
    const token = await loginAs(t.app, 'akan-nonaktif', password);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(200);

    const off = await t.app.inject({ method: 'POST', url: `/api/admin/users/${user.id}/disable`, headers: admin });
    expect(off.statusCode).toBe(200);
    expect((off.json() as AdminUser).disabled).toBe(true);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
    expect(me.statusCode).toBe(401);
    expect(me.json().code).toBe('UNAUTHENTICATED');
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'akan-nonaktif', password } });
    expect(login.statusCode).toBe(401);
    expect(login.json().code).toBe('INVALID_CREDENTIALS');

    const on = await t.app.inject({ method: 'POST', url: `/api/admin/users/${user.id}/enable`, headers: admin });
    expect((on.json() as AdminUser).disabled).toBe(false);
    // the token that was open when the account was disabled stays dead
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(401);
    await loginAs(t.app, 'akan-nonaktif', password);
    expect(await auditCount('user.disable', 'user:akan-nonaktif')).toBe(1);
    expect(await auditCount('user.enable', 'user:akan-nonaktif')).toBe(1);
  });

  it('an admin can neither disable their own account nor drop their own admin grant', async () => {
    const me = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: admin })).json() as { id: string };
    const off = await t.app.inject({ method: 'POST', url: `/api/admin/users/${me.id}/disable`, headers: admin });
    expect(off.statusCode).toBe(409);
    expect(off.json().code).toBe('CANNOT_DISABLE_SELF');
    const demote = await t.app.inject({ method: 'PUT', url: `/api/admin/users/${me.id}/roles`, headers: admin, payload: { roles: [{ role: 'manager', office: null }] } });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().code).toBe('CANNOT_REMOVE_OWN_ADMIN');
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: admin })).json().roles).toEqual([{ role: 'admin', office: null }]);
  });

  it('two admins removing each other at the same moment: the second is refused, so the office keeps an admin', async () => {
    const made = await create({ username: 'admin-kedua', password, roles: [{ role: 'admin', office: null }] });
    expect(made.statusCode).toBe(201);
    const second = made.json() as AdminUser;
    const first = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: admin })).json() as SessionUser;
    const secondUser = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(await loginAs(t.app, 'admin-kedua', password)) })).json() as SessionUser;
    // Both requests were authenticated while both were admins; the first to commit disables the other.
    await setDisabled(t.database.db, second.id, true, first);
    await expect(setDisabled(t.database.db, first.id, true, secondUser)).rejects.toMatchObject({ code: 'LAST_ADMIN' });
    await expect(replaceRoles(t.database.db, first.id, [{ role: 'manager', office: null }], secondUser)).rejects.toMatchObject({ code: 'LAST_ADMIN' });
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: admin })).json().roles).toEqual([{ role: 'admin', office: null }]);
    // With the second admin enabled again, the second may take the first one's admin grant (and give it back).
    await setDisabled(t.database.db, second.id, false, first);
    const demoted = await replaceRoles(t.database.db, first.id, [{ role: 'manager', office: null }], secondUser);
    expect(demoted.roles).toEqual([{ role: 'manager', office: null }]);
    await replaceRoles(t.database.db, first.id, [{ role: 'admin', office: null }], secondUser);
  });

  it('setting a password revokes the old sessions; the new password logs in, the old one does not', async () => {
    const user = (await create({ username: 'lupa-sandi', password, roles: [{ role: 'kasir', office: 'samsat-serang' }] })).json() as AdminUser;
    const old = await loginAs(t.app, 'lupa-sandi', password);
    const short = await t.app.inject({ method: 'POST', url: `/api/admin/users/${user.id}/password`, headers: admin, payload: { password: 'pendek' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().code).toBe('PASSWORD_TOO_WEAK');
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(old) })).statusCode).toBe(200);

    const res = await t.app.inject({ method: 'POST', url: `/api/admin/users/${user.id}/password`, headers: admin, payload: { password: 'sandi-baru-sekali-2' } });
    expect(res.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(old) })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'lupa-sandi', password } })).statusCode).toBe(401);
    await loginAs(t.app, 'lupa-sandi', 'sandi-baru-sekali-2');
    expect(await auditCount('user.password', 'user:lupa-sandi')).toBe(1);
  });

  it('a manager may read the list but not create, change, disable or reset anyone', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: manager })).statusCode).toBe(200);
    const target = (await t.database.db.selectFrom('users').select('id').where('username', '=', 'kasir.samsat-serang').executeTakeFirstOrThrow()).id;
    const attempts = [
      await create({ username: 'buatan-manajer', password, roles: [{ role: 'kasir', office: 'samsat-serang' }] }, manager),
      await t.app.inject({ method: 'PUT', url: `/api/admin/users/${target}/roles`, headers: manager, payload: { roles: [] } }),
      await t.app.inject({ method: 'POST', url: `/api/admin/users/${target}/disable`, headers: manager }),
      await t.app.inject({ method: 'POST', url: `/api/admin/users/${target}/password`, headers: manager, payload: { password: 'sandi-manajer-123' } }),
    ];
    expect(attempts.map((r) => [r.statusCode, r.json().code])).toEqual(Array(4).fill([403, 'FORBIDDEN']));
    expect(await t.database.db.selectFrom('users').select('id').where('username', '=', 'buatan-manajer').execute()).toEqual([]);
    expect(await t.database.db.selectFrom('user_roles').select(['role', 'office']).where('user_id', '=', target).execute()).toEqual([{ role: 'kasir', office: 'samsat-serang' }]);
  });

  it("a manager of one office lists that office's staff only; a manager of every office no applicant", async () => {
    const list = async (username: string, search = '') => {
      const res = await t.app.inject({ method: 'GET', url: `/api/admin/users?pageSize=200&search=${search}`, headers: bearer(await loginAs(t.app, username)) });
      expect(res.statusCode).toBe(200);
      return (res.json().items as AdminUser[]);
    };
    // the camat holds a manager grant for Kecamatan Kaloran (demo heads of posts supervise their office)
    const camat = await list('camat.kecamatan-kaloran');
    expect(camat.map((u) => u.username)).toContain('petugas-loket.kecamatan-kaloran');
    expect(camat.every((u) => u.roles.some((g) => g.office === 'kecamatan-kaloran'))).toBe(true);
    expect(camat.map((u) => u.username)).not.toContain('kasir.samsat-serang');
    expect(camat.map((u) => u.username)).not.toContain('pemohon1');
    expect((await list('manager', 'kasir.samsat-serang')).map((u) => u.username)).toEqual(['kasir.samsat-serang']);
    expect(await list('manager', 'pemohon')).toEqual([]);
    // an admin still sees everyone
    const all = (await t.app.inject({ method: 'GET', url: '/api/admin/users?search=pemohon1', headers: admin })).json().items as AdminUser[];
    expect(all.map((u) => u.username)).toEqual(['pemohon1']);
  });

  it('every change above is in the audit chain, and the chain is intact', async () => {
    const actions = await t.database.db.selectFrom('audit_log').select('action').where('actor', '=', 'admin').where('action', 'like', 'user.%').execute();
    expect(new Set(actions.map((a) => a.action))).toEqual(new Set(['user.create', 'user.roles', 'user.disable', 'user.enable', 'user.password']));
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
  });
});
