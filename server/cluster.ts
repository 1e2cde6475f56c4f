import cluster from 'node:cluster';
import os from 'node:os';

/**
 * Several server processes on one machine (node:cluster: they share the port, the kernel spreads
 * the connections). Nothing that matters lives in one process's memory — every cache is forgotten
 * on a PostgreSQL notification, every lock and counter is in the database — so this is the same
 * as several servers on one PostgreSQL, on one machine: one Node process is one core, and a busy
 * office server has more.
 */

/** Largest default: each process holds its own pool (DATABASE_POOL_SIZE connections). */
const MAX_AUTO_PROCESSES = 4;

/**
 * SERVER_PROCESSES: `auto` (default) is one per core but one, up to 4, on PostgreSQL — the core
 * left is PostgreSQL's when it runs on the same machine (on 2 cores the real SOP bench gains
 * nothing from a second process: server, PostgreSQL and load already share the two) — and 1 on
 * PGlite, which only one process can open; a number asks for exactly that many.
 */
export function serverProcessCount(setting: number | 'auto', kind: 'postgres' | 'pglite'): number {
  if (kind === 'pglite') {
    if (setting !== 'auto' && setting > 1) throw new Error('SERVER_PROCESSES lebih dari 1 memerlukan PostgreSQL (DATABASE_URL): PGlite hanya dapat dibuka satu proses');
    return 1;
  }
  return setting === 'auto' ? Math.max(1, Math.min(os.availableParallelism() - 1, MAX_AUTO_PROCESSES)) : setting;
}

/**
 * The primary process when there are several: starts `n` server processes, starts again one that
 * stops after it served (a crash), gives up when one stops before it listened (the same would
 * happen to its replacement: a port in use, a bad setting), and stops them all on SIGINT/SIGTERM.
 * Ends the process itself; never resolves.
 */
export function superviseServerProcesses(n: number, log: (message: string) => void): Promise<never> {
  let stopping = false;
  const listening = new Set<number>();
  cluster.on('listening', (worker) => listening.add(worker.id));
  cluster.on('exit', (worker, code, signal) => {
    const served = listening.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    if (!served) {
      log(`Proses server ${worker.process.pid} berhenti sebelum melayani (${signal ?? code}); semua proses dihentikan`);
      stop(1);
      return;
    }
    log(`Proses server ${worker.process.pid} berhenti (${signal ?? code}); dijalankan lagi`);
    cluster.fork();
  });
  const stop = (exitCode = 0) => {
    stopping = true;
    process.exitCode = exitCode;
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(exitCode);
    for (const w of workers) w?.process.kill('SIGTERM');
  };
  process.once('SIGINT', () => stop());
  process.once('SIGTERM', () => stop());
  for (let i = 0; i < n; i++) cluster.fork();
  return new Promise<never>(() => {});
}
