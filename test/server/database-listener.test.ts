import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseListener, LISTENER_APPLICATION_NAME } from '../../server/db/listener.js';
import { createTestApp, loginAs, bearer, type TestApp } from '../helpers/app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/db.js';

/**
 * A server holds ONE LISTEN connection (server/db/listener.ts), shared by the session cache and the
 * inbox stream, and it comes back by itself after PostgreSQL cut it.
 */
const postgresOnly = databaseKinds.filter((k) => k === 'postgres');

const until = async (done: () => boolean | Promise<boolean>, ms = 8_000) => {
  const deadline = Date.now() + ms;
  while (!(await done()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return done();
};

describe.runIf(postgresOnly.length > 0)('the LISTEN connection of a server', () => {
  let database: TestDatabase;
  let listener: DatabaseListener;
  beforeEach(async () => {
    database = await createTestDatabase('postgres');
    listener = new DatabaseListener(database.url!);
  });
  afterEach(async () => {
    await listener.close();
    await database.close();
  });

  const notify = (channel: string, payload: string) => sql`select pg_notify(${channel}, ${payload})`.execute(database.db);
  const listenerConnections = async () =>
    Number(
      (await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = ${LISTENER_APPLICATION_NAME}`.execute(database.db))
        .rows[0].n,
    );

  it('carries several channels on one connection, hears each, stops telling a subscriber who left, and hears a channel again once someone listens', async () => {
    const heard: string[] = [];
    const states: string[] = [];
    await listener.start();
    await listener.listen('sop_auth', { notify: (p) => heard.push(`auth:${p}`), state: (up) => states.push(`auth:${up}`) });
    const stopWorkspace = await listener.listen('sop_workspace', { notify: (p) => heard.push(`workspace:${p}`) });
    expect(states).toEqual(['auth:true']);
    await notify('sop_auth', 'a');
    await notify('sop_workspace', 'w');
    expect(await until(() => heard.length === 2)).toBe(true);
    expect(heard.sort()).toEqual(['auth:a', 'workspace:w']);
    expect(await listenerConnections()).toBe(1);

    stopWorkspace();
    await notify('sop_workspace', 'gone');
    await notify('sop_auth', 'b');
    expect(await until(() => heard.includes('auth:b'))).toBe(true);
    expect(heard).not.toContain('workspace:gone');

    // The channel nobody listened on any more (UNLISTENed) is heard again by a new subscriber.
    await listener.listen('sop_workspace', { notify: (p) => heard.push(`workspace:${p}`) });
    await notify('sop_workspace', 'back');
    expect(await until(() => heard.includes('workspace:back'))).toBe(true);
    expect(await listenerConnections()).toBe(1);
  });

  it('cut off by PostgreSQL, it tells its subscribers, reconnects within seconds, listens on every channel again and tells them', async () => {
    const states: boolean[] = [];
    const heard: string[] = [];
    await listener.start();
    await listener.listen('sop_auth', { notify: (p) => heard.push(p), state: (up) => states.push(up) });
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = ${LISTENER_APPLICATION_NAME}`.execute(database.db);
    expect(await until(() => states.includes(false))).toBe(true);
    expect(await until(() => listener.up)).toBe(true);
    expect(states).toEqual([true, false, true]);
    await notify('sop_auth', 'after');
    expect(await until(() => heard.includes('after'))).toBe(true);
  });

  it('a channel subscribed before the connection is up is listened on once it is', async () => {
    const heard: string[] = [];
    const states: boolean[] = [];
    await listener.listen('sop_workspace', { notify: (p) => heard.push(p), state: (up) => states.push(up) });
    expect(states).toEqual([]);
    await listener.start();
    expect(states).toEqual([true]);
    await notify('sop_workspace', 'x');
    expect(await until(() => heard.includes('x'))).toBe(true);
  });
});

describe.runIf(postgresOnly.length > 0)('a server on PostgreSQL', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ kind: 'postgres' });
  });
  afterEach(async () => t.close());

  it('holds one LISTEN connection for its session cache and an open inbox stream together', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const token = await loginAs(t.app, 'kasir.samsat-serang');
    const ctrl = new AbortController();
    const stream = await fetch(`${address}/api/events`, { headers: bearer(token), signal: ctrl.signal });
    expect(stream.status).toBe(200);
    const count = async () =>
      Number(
        (await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = ${LISTENER_APPLICATION_NAME}`.execute(t.database.db))
          .rows[0].n,
      );
    expect(await count()).toBe(1);
    const listened = await sql<{ query: string }>`select query from pg_stat_activity where datname = current_database() and application_name = ${LISTENER_APPLICATION_NAME}`.execute(t.database.db);
    expect(listened.rows[0].query).toBe('LISTEN sop_workspace');
    ctrl.abort();
  });
});
