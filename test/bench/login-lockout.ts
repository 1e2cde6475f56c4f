/**
 * Figure for issue 16, finding 4: what a lock-out attempt costs the real admin. An attacker
 * hammers `admin` with wrong passwords from one address while the admin logs in from another;
 * the admin's log-ins are timed with and without the attack.
 * Run: npx tsx test/bench/login-lockout.ts   (embedded PGlite, in-process fastify via inject)
 */
import { buildApp } from '../../server/app.js';
import { createUser } from '../../server/services/accounts/accounts.js';
import { seedCatalog } from '../../server/services/offices/seed.js';
import { createTestDatabase } from '../helpers/db.js';

const PASSWORD = 'Rahasia-Kantor-2026';
const ROUNDS = Number(process.env.ROUNDS ?? 20);
const ATTACKERS = Number(process.env.ATTACKERS ?? 4);

const database = await createTestDatabase('pglite');
await seedCatalog(database.db);
await createUser(database.db, { username: 'admin', password: PASSWORD, roles: [{ role: 'admin', office: null }] }, 'bench');
const app = await buildApp({ db: database.db, dbKind: database.kind });
await app.ready();

const login = (password: string, remoteAddress: string) => app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username: 'admin', password } });

async function adminLogins(): Promise<{ ms: number[]; statuses: number[] }> {
  const ms: number[] = [];
  const statuses: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    const res = await login(PASSWORD, '198.51.100.7');
    ms.push(performance.now() - t0);
    statuses.push(res.statusCode);
  }
  return { ms, statuses };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

const quiet = await adminLogins();
let attacking = true;
const attackStatuses = new Map<number, number>();
const attackers = Array.from({ length: ATTACKERS }, async (_, a) => {
  let n = 0;
  while (attacking) {
    const res = await login(`tebakan-${a}-${n++}`, '203.0.113.66');
    attackStatuses.set(res.statusCode, (attackStatuses.get(res.statusCode) ?? 0) + 1);
    // a refusal answered from memory never waits on I/O: yield as a network client would
    await new Promise((resolve) => setImmediate(resolve));
  }
});
const underAttack = await adminLogins();
attacking = false;
await Promise.all(attackers);

console.log(JSON.stringify({
  rounds: ROUNDS,
  attackers: ATTACKERS,
  quiet: { medianMs: Math.round(median(quiet.ms)), p95Ms: Math.round(p95(quiet.ms)), statuses: [...new Set(quiet.statuses)] },
  underAttack: { medianMs: Math.round(median(underAttack.ms)), p95Ms: Math.round(p95(underAttack.ms)), statuses: [...new Set(underAttack.statuses)] },
  attackerAnswers: Object.fromEntries(attackStatuses),
}));
await app.close();
await database.close();
