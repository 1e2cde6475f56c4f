import path from 'node:path';
import { createInterface } from 'node:readline';
import { loadConfig } from './config.js';
import { openDatabase } from './db/index.js';
import { createUser, setPassword, type RoleGrant } from './services/accounts/accounts.js';
import { appendCheckpoint, auditKey, CHECKPOINT_FILE, makeCheckpoint, readCheckpoints, verifyAnchored } from './services/platform/audit-anchor.js';
import { prepareDatabase, seedDemo } from './services/offices/seed.js';

const USAGE = `Penggunaan: npm run cli -- <perintah>

Perintah:
  migrate                                   jalankan migrasi basis data
  seed [--force]                            muat data demo (hanya ke basis data kosong; --force menambah yang belum ada)
  user add --username U [--name N] [--email E] [--phone P] [--password P] --role R [--office O] [--role R --office O ...]
                                            tambah pengguna; tanpa --password, kata sandi dibaca dari terminal/stdin
  user passwd --username U [--password P]   ganti kata sandi (mencabut semua sesi pengguna)
  audit verify [--checkpoints FILE]         periksa rantai hash log audit, lalu cocokkan dengan titik periksa
                                            bertanda tangan (bawaan AUDIT_DIR/checkpoints.jsonl)
  audit checkpoint export [--out FILE]      cetak titik periksa baru (baris terakhir + hash, HMAC) untuk
                                            disimpan operator di luar basis data; --out menambahkannya ke FILE

Lingkungan: DATABASE_URL (PostgreSQL) atau DATA_DIR (PGlite, bawaan ./data); AUDIT_KEY atau AUDIT_DIR (kunci audit)`;

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
  const known = ['migrate', 'seed', 'user add', 'user passwd', 'audit verify', 'audit checkpoint export'];
  const command = cmd === 'audit' && sub === 'checkpoint' ? `audit checkpoint ${p.positional[2] ?? ''}` : ['user', 'audit'].includes(cmd) ? `${cmd} ${sub ?? ''}` : cmd;
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
        const key = auditKey(config, { create: false });
        const file = flag(p, 'checkpoints') ?? path.join(config.auditDir, CHECKPOINT_FILE);
        const r = await verifyAnchored(opened.db, readCheckpoints(file), key);
        if (r.chain.ok) console.log(`Rantai audit utuh: ${r.chain.rows} baris.`);
        else console.error(`Rantai audit RUSAK pada baris ${r.chain.brokenAt}: ${r.chain.reason}`);
        if (!r.keyed) {
          console.log('Tidak ada kunci audit (AUDIT_KEY atau berkas kunci di AUDIT_DIR): titik periksa TIDAK diperiksa; ekor yang dihapus atau rantai yang dihitung ulang tidak terdeteksi.');
        } else if (r.checkpoints === 0) {
          console.log(`Tidak ada titik periksa di ${file}: hanya rantai di dalam basis data yang diperiksa.`);
        } else {
          for (const problem of r.problems) {
            if (problem.kind === 'forged-checkpoint') console.error(`Titik periksa PALSU (tanda tangan salah): baris ${problem.seq}, ${problem.at}`);
            if (problem.kind === 'missing-tail') console.error(`EKOR HILANG: titik periksa ${problem.at} mencatat baris ${problem.seq}, tetapi log berakhir di baris ${problem.lastSeq}`);
            if (problem.kind === 'rewritten') console.error(`RANTAI DITULIS ULANG: hash baris ${problem.seq} tidak sama dengan titik periksa ${problem.at}`);
          }
          if (r.problems.length === 0) console.log(`Cocok dengan ${r.checkpoints} titik periksa.`);
        }
        return r.ok ? 0 : 1;
      }
      case 'audit checkpoint export': {
        const key = auditKey(config, { create: false });
        if (!key) throw new UsageError('tidak ada kunci audit: isi AUDIT_KEY atau AUDIT_DIR tempat server membuat audit.key');
        const cp = await makeCheckpoint(opened.db, key);
        const out = flag(p, 'out');
        if (out) appendCheckpoint(config.auditDir, cp, path.resolve(out));
        console.log(JSON.stringify(cp));
        return 0;
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
