import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../server/db/data-lock.js';
import { migrateToLatest, openDatabase } from '../../server/db/index.js';
import { login } from '../../server/services/accounts/accounts.js';
import { runScript } from '../helpers/process.js';

describe('operator CLI (npm run cli)', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sop-cli-'));
    env = { DATA_DIR: dir, DATABASE_URL: '', NODE_ENV: 'test' };
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('prints usage and exits non-zero for no command or an unknown one', async () => {
    const none = await runScript('server/cli.ts', [], { env });
    expect(none.code).not.toBe(0);
    expect(none.stdout).toContain('user add --username');
    const unknown = await runScript('server/cli.ts', ['hapus-semua'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('perintah tidak dikenal');
  });

  it('migrates, adds a user with role/office pairs (password from stdin, never printed) and changes the password', async () => {
    const migrate = await runScript('server/cli.ts', ['migrate'], { env });
    expect(migrate.code).toBe(0);
    const add = await runScript(
      'server/cli.ts',
      ['user', 'add', '--username', 'siti', '--name', 'Siti Aminah', '--role', 'kasir', '--office', 'samsat-serang', '--role', 'korektor', '--office', 'samsat-cilegon'],
      { env, input: 'sandi-rahasia-1\n' },
    );
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toContain('kasir@samsat-serang');
    expect(add.stdout + add.stderr).not.toContain('sandi-rahasia-1');
    const dup = await runScript('server/cli.ts', ['user', 'add', '--username', 'siti', '--password', 'sandi-rahasia-2', '--role', 'kasir', '--office', 'samsat-serang'], { env });
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('USER_EXISTS');
    const badOffice = await runScript('server/cli.ts', ['user', 'add', '--username', 'budi', '--password', 'sandi-rahasia-2', '--role', 'kasir', '--office', 'mars'], { env });
    expect(badOffice.code).toBe(1);
    expect(badOffice.stderr).toContain('UNKNOWN_OFFICE');
    const weak = await runScript('server/cli.ts', ['user', 'add', '--username', 'budi', '--password', 'password123', '--role', 'kasir', '--office', 'samsat-serang'], { env });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('PASSWORD_TOO_WEAK');
    const passwd = await runScript('server/cli.ts', ['user', 'passwd', '--username', 'siti'], { env, input: 'sandi-baru-123\n' });
    expect(passwd.code, passwd.stderr).toBe(0);

    const opened = await openDatabase({ dataDir: dir });
    try {
      await migrateToLatest(opened.db);
      const session = await login(opened.db, 'siti', 'sandi-baru-123', '127.0.0.1');
      expect(session.user.roles).toEqual([
        { role: 'kasir', office: 'samsat-serang' },
        { role: 'korektor', office: 'samsat-cilegon' },
      ]);
      await expect(login(opened.db, 'siti', 'sandi-rahasia-1', '127.0.0.1')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    } finally {
      await opened.close();
    }
   }, 180_000); // seven CLI processes, each starting tsx and PGlite: over 20 s alone, more beside other test files

  it('audit verify says the chain is intact, and says where it breaks after someone edits a row behind the triggers', async () => {
    const ok = await runScript('server/cli.ts', ['audit', 'verify'], { env });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/utuh: \d+ baris/);

    const opened = await openDatabase({ dataDir: dir });
    try {
      await sql`alter table audit_log disable trigger audit_log_append_only`.execute(opened.db);
      await sql`update audit_log set actor = 'penyusup' where seq = (select min(seq) from audit_log)`.execute(opened.db);
      await sql`alter table audit_log enable trigger audit_log_append_only`.execute(opened.db);
    } finally {
      await opened.close();
    }
    const broken = await runScript('server/cli.ts', ['audit', 'verify'], { env });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('RUSAK pada baris 1');
  });

  it('refuses a PGlite data folder that a running server holds, and takes over the lock of one that was killed', async () => {
    // a lock naming a live process (this test's own) stands for a running server
    await writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid }));
    const refused = await runScript('server/cli.ts', ['audit', 'verify'], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('DATA_DIR_LOCKED');
    expect(refused.stderr).toContain(String(process.pid));
    // a lock whose process has ended (a server killed with -9) is stale
    const gone = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    await writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid: gone }));
    const taken = await runScript('server/cli.ts', ['migrate'], { env });
    expect(taken.code, taken.stderr).toBe(0);
    // and released when the CLI is done
    await expect(readFile(path.join(dir, LOCK_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
  }, 120_000);

  it('audit checkpoint export signs the head with AUDIT_KEY; verify checks against it, and says so when it has no key', async () => {
    const auditDir = path.join(dir, 'audit-operator');
    const keyed = { ...env, AUDIT_KEY: 'kunci-audit-operator-2026', AUDIT_DIR: auditDir };
    const exported = await runScript('server/cli.ts', ['audit', 'checkpoint', 'export', '--out', path.join(auditDir, 'checkpoints.jsonl')], { env: keyed });
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/), mac: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const verified = await runScript('server/cli.ts', ['audit', 'verify'], { env: keyed });
    expect(verified.stdout).toContain('Cocok dengan 1 titik periksa');
    const unkeyed = await runScript('server/cli.ts', ['audit', 'verify'], { env: { ...env, AUDIT_DIR: path.join(dir, 'kosong') } });
    expect(unkeyed.stdout).toContain('Tidak ada kunci audit');
  }, 120_000);
});
