/**
 * A further server process of the real-SOP benchmark (BENCH_SERVER_PROCS, PostgreSQL): the same
 * app on the same database, as SERVER_PROCESSES runs it (server/cluster.ts), on a port of its own
 * (the load client spreads its desks over the processes, as the kernel spreads connections over
 * a cluster's). Answers its CPU and SQL round trips when asked, so the round counts every process.
 */
import pg from 'pg';
import { buildApp } from '../../server/app.js';
import { openDatabase, type OpenedDatabase } from '../../server/db/index.js';

let roundTrips = 0;
const pgQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  roundTrips++;
  return (pgQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

export type ServerMessage = { kind: 'open'; url: string } | { kind: 'mark' } | { kind: 'close' };
export type ServerAnswer = { kind: 'listening'; address: string } | { kind: 'mark'; cpuMs: number; roundTrips: number };

let opened: OpenedDatabase | undefined;
let close: (() => Promise<void>) | undefined;
process.on('message', (m: ServerMessage) => {
  void (async () => {
    if (m.kind === 'open') {
      opened = await openDatabase({ url: m.url });
      const app = await buildApp({ db: opened.db, dbKind: opened.kind, databaseUrl: opened.url });
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      close = () => app.close();
      process.send!({ kind: 'listening', address } satisfies ServerAnswer);
    } else if (m.kind === 'mark') {
      const cpu = process.cpuUsage();
      process.send!({ kind: 'mark', cpuMs: (cpu.user + cpu.system) / 1000, roundTrips } satisfies ServerAnswer);
    } else {
      await close?.();
      await opened?.close();
      process.exit(0);
    }
  })();
});
