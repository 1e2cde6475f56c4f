import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/**
 * A project script runs as node itself with tsx's loader, not through the tsx command: that
 * command starts the script as a child of its own, so a SIGKILL sent to it (a server killed
 * mid-load) would kill only the wrapper and leave the real server running.
 */
const NODE_WITH_TSX = [process.execPath, '--import', 'tsx'] as const;
function spawnScript(script: string, args: string[], env: Record<string, string | undefined>, stdio: Parameters<typeof spawn>[2]['stdio']): ChildProcess {
  const [node, ...flags] = NODE_WITH_TSX;
  // The audit key and checkpoints of a test process live in a temporary folder of its own, not
  // in the checkout (and never beside another test database's checkpoints).
  return spawn(node, [...flags, script, ...args], { cwd: ROOT, env: { AUDIT_DIR: mkdtempSync(path.join(tmpdir(), 'sop-audit-')), ...env }, stdio });
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a project script (e.g. server/cli.ts) with tsx as its own process. */
export function runScript(script: string, args: string[], opts: { env?: Record<string, string>; input?: string } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawnScript(script, args, { ...process.env, ...opts.env }, ['pipe', 'pipe', 'pipe']);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (opts.input !== undefined) child.stdin!.write(opts.input);
    child.stdin!.end();
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `server/main.ts` as a real process and waits until it answers /api/health. */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const port = await freePort();
  // One server process unless a test asks for more (SERVER_PROCESSES=auto would fork one per core).
  const child = spawnScript('server/main.ts', [], { ...process.env, HOST: '127.0.0.1', PORT: String(port), SERVER_PROCESSES: '1', ...env }, ['ignore', 'pipe', 'pipe']);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${out}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    output: () => out,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
