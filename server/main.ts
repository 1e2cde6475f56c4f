import cluster from 'node:cluster';
import { buildApp } from './app.js';
import { serverProcessCount, superviseServerProcesses } from './cluster.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/index.js';
import { startAuditJob } from './services/platform/audit-anchor.js';
import { prepareDatabase, seedDemo } from './services/offices/seed.js';

const config = loadConfig();
const opened = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize });
const processes = serverProcessCount(config.serverProcesses, opened.kind);
// Every process prepares the database (migrations and seeding are locked and idempotent): the
// primary of several does it first, so the others find it done.
await prepareDatabase(opened.db);
const seed = await seedDemo(opened.db, { password: config.demoPassword, production: config.production });

const url = `http://localhost:${config.port}`;
function banner(): string {
  const lines = [
    '',
    `SOP Studio berjalan di ${url}${config.apiDocs ? `  (API docs: ${url}/docs)` : ''}`,
    `Basis data: ${opened.kind === 'pglite' ? `PGlite tertanam di ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}${processes > 1 ? `; ${processes} proses server (SERVER_PROCESSES)` : ''}`,
  ];
  if (seed.seeded) {
    lines.push('Data demo dimuat. Akun demo: admin, manager, pemohon1, pemohon2, dan <peran>.<kantor> (mis. korektor.samsat-serang)');
    lines.push(seed.passwordGenerated ? `Kata sandi demo (ditampilkan sekali ini saja): ${seed.password}` : 'Kata sandi demo: nilai DEMO_PASSWORD');
    if (seed.library && seed.library.failed.length > 0) {
      lines.push(`Peringatan: ${seed.library.failed.length} dokumen pustaka gagal dimuat: ${seed.library.failed.map((f) => `${f.key} (${f.code})`).join(', ')}`);
    }
  }
  return lines.join('\n');
}

if (cluster.isPrimary && processes > 1) {
  // The primary serves nothing: it keeps the audit checkpoints (one writer) and its server processes.
  const auditJob = startAuditJob(opened.db, config, (e) => console.error('audit checkpoint job', e));
  console.log(banner());
  process.once('exit', () => auditJob.stop());
  await superviseServerProcesses(processes, (m) => console.log(m));
}

const app = await buildApp({ db: opened.db, dbKind: opened.kind, databaseUrl: opened.url, logger: true, workers: true });
const auditJob = cluster.isWorker ? undefined : startAuditJob(opened.db, config, (e) => app.log.error(e, 'audit checkpoint job'));
await app.listen({ port: config.port, host: config.host });
if (cluster.isPrimary) console.log(banner());

async function shutdown(signal: string): Promise<void> {
  app.log.info({ signal }, 'shutting down');
  auditJob?.stop();
  // Closing the app stops its workers (their plugins' onClose).
  await app.close();
  await opened.close();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
