import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/db.js';
import { startServerProcess, type ServerProcess } from '../helpers/process.js';
import { simpleProcess } from '../fixtures/bpmn.js';

async function loginHttp(url: string, username: string, password: string): Promise<{ status: number; token?: string }> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return { status: res.status, token: res.ok ? ((await res.json()) as { token: string }).token : undefined };
}

describe('npm start: the real server process on the embedded database', () => {
  let dir: string | undefined;
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.stop('SIGKILL');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('first start seeds the demo, prints the URL and a one-time password; a restart keeps every change', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sop-main-'));
    server = await startServerProcess({ DATA_DIR: dir, DATABASE_URL: '', DEMO_PASSWORD: '', NODE_ENV: 'development' });
    const out = server.output();
    expect(out).toContain(`SOP Studio berjalan di http://localhost:`);
    const password = /Kata sandi demo \(ditampilkan sekali ini saja\): (\S+)/.exec(out)?.[1];
    expect(password).toBeTruthy();

    const health = await (await fetch(`${server.url}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', database: 'pglite', version: expect.any(String) });

    const { token } = await loginHttp(server.url, 'admin', password!);
    expect(token).toBeTruthy();
    const auth = { authorization: `Bearer ${token}` };
    const put = await fetch(`${server.url}/api/processes/uji-restart/draft`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/xml' }, body: simpleProcess('uji-restart') });
    expect(put.status).toBe(201);
    const pub = await fetch(`${server.url}/api/processes/uji-restart/publish`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ note: 'sebelum restart' }) });
    expect(pub.status).toBe(201);

    const docs = await fetch(`${server.url}/docs/json`);
    expect(docs.status).toBe(200);
    const openapi = (await docs.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toContain('/api/processes/{key}/publish');

    expect(await server.stop('SIGTERM')).toBe(0);
    server = await startServerProcess({ DATA_DIR: dir, DATABASE_URL: '', DEMO_PASSWORD: '', NODE_ENV: 'development' });
    // no second seed: no new password, the old one still works, the version is still there
    expect(server.output()).not.toContain('Kata sandi demo (ditampilkan');
    const again = await loginHttp(server.url, 'admin', password!);
    expect(again.status).toBe(200);
    const versions = await (await fetch(`${server.url}/api/processes/uji-restart/versions`, { headers: { authorization: `Bearer ${again.token}` } })).json();
    expect(versions).toMatchObject([{ n: 1, note: 'sebelum restart' }]);
  }, 90_000); // two server starts on PGlite, each seeding or reading the library: over 20 s alone, more beside other test files
});

if (process.env.TEST_DATABASE_URL) describe('npm start with DATABASE_URL: the same server on PostgreSQL', () => {
  it('answers /api/health with database "postgres" and logs in with DEMO_PASSWORD', async () => {
    const database = await createTestDatabase('postgres', { migrate: false });
    const server = await startServerProcess({ DATABASE_URL: database.url!, DEMO_PASSWORD: 'sandi-demo-pg', NODE_ENV: 'development' });
    try {
      const health = await (await fetch(`${server.url}/api/health`)).json();
      expect(health).toMatchObject({ status: 'ok', database: 'postgres' });
      expect(server.output()).toContain('Kata sandi demo: nilai DEMO_PASSWORD');
      expect((await loginHttp(server.url, 'korektor.samsat-serang', 'sandi-demo-pg')).status).toBe(200);
    } finally {
      await server.stop('SIGKILL');
      await database.close();
    }
  });
});
