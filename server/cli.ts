import { createInterface } from 'node:readline';
import { loadConfig } from './config.js';
import { openDatabase } from './db/index.js';
import { createUser, setPassword, type RoleGrant } from './services/accounts.js';
import { verifyAuditChain } from './services/audit.js';
import { prepareDatabase, seedDemo } from './services/seed.js';

const USAGE = `Penggunaan: npm run cli -- <perintah>

Perintah:
  migrate                                   jalankan migrasi basis data
  seed [--force]                            muat data demo (hanya ke basis data kosong; --force menambah yang belum ada)
  user add --username U [--name N] [--email E] [--phone P] [--password P] --role R [--office O] [--role R --office O ...]
                                            tambah pengguna; tanpa --password, kata sandi dibaca dari terminal/stdin
  user passwd --username U [--password P]   ganti kata sandi (mencabut semua sesi pengguna)
  audit verify                              periksa rantai hash log audit

Lingkungan: DATABASE_URL (PostgreSQL) atau DATA_DIR (PGlite, bawaan ./data)`;

class UsageError extends Error {}

interface Parsed {
  positional: string[];
  flags: Array<[string, string | true]>;
}

export function parseArgs(argv: string[]): Parsed {
  const positional: string[] = [];
  const flags: Array<[string, string | true]> = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const name = a.slice(2);
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        flags.push([name, next]);
        i++;
      } else flags.push([name, true]);
    } else positional.push(a);
  }
  return { positional, flags };
}

function flag(p: Parsed, name: string): string | undefined {
  const f = p.flags.find(([n]) => n === name);
  if (!f) return undefined;
  if (f[1] === true) throw new UsageError(`--${name} membutuhkan nilai`);
  return f[1];
}

/** --role/--office pairs in order; an officer role's --office follows its --role. */
function grants(p: Parsed): RoleGrant[] {
  const out: RoleGrant[] = [];
  for (const [name, value] of p.flags) {
    if (name === 'role') {
      if (value === true) throw new UsageError('--role membutuhkan nilai');
      out.push({ role: value, office: null });
    } else if (name === 'office') {
      if (value === true) throw new UsageError('--office membutuhkan nilai');
      const last = out[out.length - 1];
      if (!last || last.office !== null) throw new UsageError('--office harus mengikuti --role');
      last.office = value;
    }
  }
  return out;
}

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdin.isTTY ? process.stderr : undefined, terminal: false });
  if (process.stdin.isTTY) process.stderr.write('Kata sandi: ');
  for await (const line of rl) {
    rl.close();
    return line.trim();
  }
  throw new UsageError('kata sandi tidak diberikan');
}

async function main(argv: string[]): Promise<number> {
  const p = parseArgs(argv);
  const [cmd, sub] = p.positional;
  if (!cmd || cmd === 'help' || p.flags.some(([n]) => n === 'help')) {
    console.log(USAGE);
    return cmd ? 0 : 2;
  }
  const known = ['migrate', 'seed', 'user add', 'user passwd', 'audit verify'];
  const command = ['user', 'audit'].includes(cmd) ? `${cmd} ${sub ?? ''}` : cmd;
  if (!known.includes(command)) throw new UsageError(`perintah tidak dikenal: ${command.trim()}`);

  const config = loadConfig();
  const opened = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await prepareDatabase(opened.db);
    switch (command) {
      case 'migrate':
        console.log('Migrasi selesai.');
        return 0;
      case 'seed': {
        const r = await seedDemo(opened.db, { password: config.demoPassword, production: config.production, force: p.flags.some(([n]) => n === 'force') });
        if (!r.seeded) {
          console.log('Basis data sudah berisi pengguna (atau NODE_ENV=production): data demo tidak dimuat.');
          return 0;
        }
        console.log(`Data demo dimuat: ${r.users.length} pengguna, ${r.library?.published.length ?? 0} dokumen terbit, ${r.library?.drafts.length ?? 0} draf.`);
        if (r.passwordGenerated) console.log(`Kata sandi demo (ditampilkan sekali ini saja): ${r.password}`);
        for (const f of r.library?.failed ?? []) console.error(`gagal: ${f.kind} ${f.key}: ${f.code} ${f.message}`);
        return r.library && r.library.failed.length > 0 ? 1 : 0;
      }
      case 'user add': {
        const username = flag(p, 'username');
        if (!username) throw new UsageError('--username wajib');
        const roles = grants(p);
        if (roles.length === 0) throw new UsageError('paling sedikit satu --role');
        const password = flag(p, 'password') ?? (await readPassword());
        const user = await createUser(opened.db, { username, name: flag(p, 'name'), email: flag(p, 'email'), phone: flag(p, 'phone'), password, roles }, 'cli');
        console.log(`Pengguna ${user.username} dibuat dengan peran ${roles.map((r) => (r.office ? `${r.role}@${r.office}` : r.role)).join(', ')}.`);
        return 0;
      }
      case 'user passwd': {
        const username = flag(p, 'username');
        if (!username) throw new UsageError('--username wajib');
        const password = flag(p, 'password') ?? (await readPassword());
        await setPassword(opened.db, username, password, 'cli');
        console.log(`Kata sandi ${username} diganti; semua sesinya dicabut.`);
        return 0;
      }
      case 'audit verify': {
        const r = await verifyAuditChain(opened.db);
        if (r.ok) {
          console.log(`Rantai audit utuh: ${r.rows} baris.`);
          return 0;
        }
        console.error(`Rantai audit RUSAK pada baris ${r.brokenAt}: ${r.reason}`);
        return 1;
      }
    }
    return 2;
  } finally {
    await opened.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError) {
      console.error(`Kesalahan: ${e.message}\n\n${USAGE}`);
      process.exit(2);
    }
    const err = e as { code?: string; message?: string };
    console.error(`Kesalahan${err.code ? ` [${err.code}]` : ''}: ${err.message ?? String(e)}`);
    process.exit(1);
  },
);
