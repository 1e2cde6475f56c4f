import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startServerProcess, type ServerProcess } from '../helpers/process.js';
import { chain, end, model, start, userTask } from './support/bpmn.js';

const PASSWORD = 'rahasia-uji-123';
const OFFICE = 'samsat-serang';
const STEPS = Array.from({ length: 10 }, (_, i) => `langkah${i + 1}`);
const tenSteps = model('uji-sepuluh', `${start()}${STEPS.map((s) => userTask(s, 'sop:duration="PT5M"')).join('')}${end()}${chain('start', ...STEPS, 'end')}`, {
  lanes: { korektor: ['start', ...STEPS, 'end'] },
  attrs: 'sop:starterRoles="korektor"',
});
const timerThenTask = model(
  'uji-dua-server',
  `${start()}<bpmn:intermediateCatchEvent id="tunggu"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent><bpmn:serviceTask id="terbit" sop:handler="issue-document" />${userTask('serah', 'sop:duration="PT5M"')}${end()}${chain('start', 'tunggu', 'terbit', 'serah', 'end')}`,
  { lanes: { korektor: ['start', 'tunggu', 'terbit', 'serah', 'end'] }, attrs: 'sop:starterRoles="korektor"' },
);

class Client {
  constructor(
    readonly url: string,
    readonly token: string,
  ) {}
  static async login(url: string, username: string): Promise<Client> {
    const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
    if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
    return new Client(url, ((await res.json()) as { token: string }).token);
  }
  async call(method: string, p: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; json: any }> {
    const res = await fetch(`${this.url}${p}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body !== undefined ? { 'content-type': contentType } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  }
  async publish(key: string, xml: string): Promise<void> {
    expect((await this.call('PUT', `/api/processes/${key}/draft`, xml, 'application/xml')).status).toBe(201);
    const pub = await this.call('POST', `/api/processes/${key}/publish`, { note: 'uji' });
    expect(pub.status, JSON.stringify(pub.json)).toBe(201);
  }
  /** The admin's step in the Kantor screen: the office offers the process. */
  async offer(office: string, key: string): Promise<void> {
    const current = await this.call('GET', `/api/admin/offices/${office}`);
    expect(current.status).toBe(200);
    const { name, agency, address, contacts, numbering, processes } = current.json;
    const put = await this.call('PUT', `/api/admin/offices/${office}`, { name, agency, address, contacts, numbering, processes: [...processes, key] });
    expect(put.status, JSON.stringify(put.json)).toBe(200);
  }
}

const env = (db: TestDatabase | undefined, dir: string | undefined) => ({
  DATABASE_URL: db?.url ?? '',
  DATA_DIR: dir ?? '',
  DEMO_PASSWORD: PASSWORD,
  NODE_ENV: 'development',
  RUNTIME_POLL_MS: '100',
  LOG_LEVEL: 'warn',
});

describe('a real server process killed with SIGKILL in the middle of completing tasks', () => {
  const servers: ServerProcess[] = [];
  let database: TestDatabase | undefined;
  let dir: string | undefined;
  afterAll(async () => {
    for (const s of servers) await s.stop('SIGKILL');
    await database?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('after a restart no acknowledged step is lost and none is done twice', { timeout: 240_000 }, async () => {
    // PostgreSQL when CI provides it; otherwise the embedded database in a folder.
    if (process.env.TEST_DATABASE_URL) database = await createTestDatabase('postgres', { migrate: false });
    else dir = await mkdtemp(path.join(tmpdir(), 'sop-kill-'));
    let server = await startServerProcess(env(database, dir), 120_000);
    servers.push(server);
    const manager = await Client.login(server.url, 'manager');
    await manager.publish('uji-sepuluh', tenSteps);
    await (await Client.login(server.url, 'admin')).offer(OFFICE, 'uji-sepuluh');
    let officer = await Client.login(server.url, `korektor.${OFFICE}`);
    const instances: string[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await officer.call('POST', '/api/processes/uji-sepuluh/instances', { office: OFFICE, businessKey: `K-${i}` });
      expect(r.status).toBe(201);
      instances.push(r.json.id);
    }
    const acknowledged = new Set<string>();
    let stop = false;
    const worker = async (offset: number) => {
      while (!stop) {
        try {
          const list = await officer.call('GET', `/api/tasks?scope=available&limit=20&offset=${offset}`);
          const task = list.json?.items?.[0];
          if (!task) continue;
          const done = await officer.call('POST', `/api/tasks/${task.id}/complete`, { variables: {} });
          if (done.status === 200) acknowledged.add(task.id);
        } catch {
          return; // the server is gone
        }
      }
    };
    const load = Promise.all([0, 1, 2, 3, 4, 5].map((o) => worker(o * 2)));
    await new Promise((r) => setTimeout(r, 2500));
    server.child.kill('SIGKILL');
    stop = true;
    await load;
    await server.stop('SIGKILL');
    // The process that served is really gone (not a wrapper around it).
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
    expect(acknowledged.size).toBeGreaterThan(20);

    server = await startServerProcess(env(database, dir), 120_000);
    servers.push(server);
    officer = await Client.login(server.url, `korektor.${OFFICE}`);
    const admin = await Client.login(server.url, 'admin');
    // Every acknowledged completion is there, each recorded exactly once.
    for (const id of instances) {
      const history = (await admin.call('GET', `/api/instances/${id}/history`)).json.items as Array<{ taskId: string | null; elementId: string }>;
      const taskRows = history.filter((h) => h.taskId);
      expect(new Set(taskRows.map((h) => h.taskId)).size).toBe(taskRows.length);
      expect(taskRows.map((h) => h.elementId)).toEqual(STEPS.slice(0, taskRows.length));
      const view = (await admin.call('GET', `/api/instances/${id}`)).json;
      expect(view.tasks).toHaveLength(view.status === 'running' ? 1 : 0);
      if (view.status === 'running') expect(view.activeElements).toEqual([STEPS[taskRows.length]]);
    }
    const done = new Set<string>();
    for (const id of instances) {
      for (const h of (await admin.call('GET', `/api/instances/${id}/history`)).json.items as Array<{ taskId: string | null }>) if (h.taskId) done.add(h.taskId);
    }
    for (const id of acknowledged) expect(done.has(id)).toBe(true);
    // And the instances go on to the end on the restarted server.
    for (;;) {
      const list = (await officer.call('GET', '/api/tasks?scope=available&limit=50')).json.items as Array<{ id: string }>;
      if (list.length === 0) break;
      for (const t of list) expect((await officer.call('POST', `/api/tasks/${t.id}/complete`, {})).status).toBe(200);
    }
    for (const id of instances) {
      const view = (await admin.call('GET', `/api/instances/${id}`)).json;
      expect(view.status).toBe('completed');
      const history = (await admin.call('GET', `/api/instances/${id}/history`)).json.items as Array<{ taskId: string | null; elementId: string }>;
      expect(history.filter((h) => h.taskId).map((h) => h.elementId)).toEqual(STEPS);
    }
  });
});

describe('two server processes sharing one PostgreSQL', () => {
  const servers: ServerProcess[] = [];
  let database: TestDatabase | undefined;
  afterAll(async () => {
    for (const s of servers) await s.stop('SIGKILL');
    await database?.close();
  });

  it.each(process.env.TEST_DATABASE_URL ? ['postgres'] : ['pglite-folder'])('each timer and service job runs once, tasks flow across both (%s)', { timeout: 240_000 }, async (kind) => {
    let dir: string | undefined;
    if (kind === 'postgres') database = await createTestDatabase('postgres', { migrate: false });
    else dir = await mkdtemp(path.join(tmpdir(), 'sop-two-'));
    const a = await startServerProcess(env(database, dir), 120_000);
    servers.push(a);
    // PGlite is one process's database: without PostgreSQL the second server is the same one.
    const b = kind === 'postgres' ? await startServerProcess(env(database, dir), 120_000) : a;
    if (b !== a) servers.push(b);
    await (await Client.login(a.url, 'manager')).publish('uji-dua-server', timerThenTask);
    await (await Client.login(a.url, 'admin')).offer(OFFICE, 'uji-dua-server');
    const offA = await Client.login(a.url, `korektor.${OFFICE}`);
    const offB = await Client.login(b.url, `korektor.${OFFICE}`);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await (i % 2 ? offA : offB).call('POST', '/api/processes/uji-dua-server/instances', { office: OFFICE })).json.id);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const open = (await offA.call('GET', '/api/tasks?scope=available&limit=100')).json.items as Array<{ id: string; elementId: string }>;
      if (open.filter((t) => t.elementId === 'serah').length === ids.length) break;
      if (Date.now() > deadline) throw new Error(`only ${open.length} tasks reached "serah"`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const open = (await offA.call('GET', '/api/tasks?scope=available&limit=100')).json.items as Array<{ id: string }>;
    await Promise.all(open.map((t, i) => (i % 2 ? offA : offB).call('POST', `/api/tasks/${t.id}/complete`, {})));
    for (const id of ids) {
      const history = (await offB.call('GET', `/api/instances/${id}/history`)).json.items as Array<{ elementId: string }>;
      expect(history.map((h) => h.elementId)).toEqual(['start', 'tunggu', 'terbit', 'serah', 'end', 'uji-dua-server']);
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });
});

/** The processes whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        // the parent pid is the 2nd field after the parenthesised command name
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid ? [Number(d)] : [];
      } catch {
        return [];
      }
    });
}

describe('several server processes on one machine (SERVER_PROCESSES)', () => {
  it('on PostgreSQL two processes serve one port, the work of one goes on on the other, SIGTERM ends them all; PGlite refuses two', { timeout: 240_000 }, async () => {
    if (!process.env.TEST_DATABASE_URL) {
      // PGlite is one process's database: asking for two is refused at start with the reason.
      const dir = await mkdtemp(path.join(tmpdir(), 'sop-procs-'));
      await expect(startServerProcess({ ...env(undefined, dir), SERVER_PROCESSES: '2' }, 120_000)).rejects.toThrow(/SERVER_PROCESSES lebih dari 1 memerlukan PostgreSQL/);
      await rm(dir, { recursive: true, force: true });
      return;
    }
    const database = await createTestDatabase('postgres', { migrate: false });
    const server = await startServerProcess({ ...env(database, undefined), SERVER_PROCESSES: '2' }, 120_000);
    try {
      expect(server.output()).toContain('2 proses server');
      const primary = server.child.pid!;
      expect(childrenOf(primary)).toHaveLength(2);
      await (await Client.login(server.url, 'manager')).publish('uji-sepuluh', tenSteps);
      await (await Client.login(server.url, 'admin')).offer(OFFICE, 'uji-sepuluh');
      // Each log-in and request on a fresh connection: the kernel gives them to either process.
      const started: string[] = [];
      for (let i = 0; i < 6; i++) {
        const officer = await Client.login(server.url, `korektor.${OFFICE}`);
        const r = await officer.call('POST', '/api/processes/uji-sepuluh/instances', { office: OFFICE, businessKey: `P-${i}` });
        expect(r.status, JSON.stringify(r.json)).toBe(201);
        started.push(r.json.tasks[0].id);
      }
      for (const taskId of started) {
        const officer = await Client.login(server.url, `korektor.${OFFICE}`);
        expect((await officer.call('POST', `/api/tasks/${taskId}/complete`, { variables: {} })).status).toBe(200);
      }
      const officer = await Client.login(server.url, `korektor.${OFFICE}`);
      const open = (await officer.call('GET', '/api/tasks?scope=available&limit=50')).json.items as Array<{ elementId: string }>;
      expect(open.map((t) => t.elementId).sort()).toEqual(Array(6).fill('langkah2'));
      const children = childrenOf(primary);
      expect(await server.stop('SIGTERM')).toBe(0);
      for (const pid of children) expect(existsSync(`/proc/${pid}`)).toBe(false);
    } finally {
      await server.stop('SIGKILL');
      await database.close();
    }
  });
});
