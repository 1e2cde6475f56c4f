import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { migrateToLatest, type Database } from '../../db/index.js';
import type { AppError } from '../../errors.js';
import { createUser, type RoleGrant } from '../accounts/accounts.js';
import { derivedOfferings, type LibraryProcess } from './offices.js';
import { todayInJakarta } from './dates.js';
import { checkPassword } from '../accounts/password-policy.js';
import { publish, saveDraft, type DocumentKind } from '../store/store.js';
import { CONTENT_VALIDATORS } from '../store/validators.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const PROCESSES_DIR = path.join(ROOT, 'processes');
export const RULES_DIR = path.join(ROOT, 'rules');

interface OfficeDef {
  key: string;
  name: string;
  agency: string;
  address?: string;
  contacts?: Record<string, string>;
  /** document kind → number format (core/numbering.ts) */
  numbering?: Record<string, string>;
}
interface RoleDef {
  key: string;
  name: string;
  kind: 'admin' | 'manager' | 'officer' | 'applicant';
  agencies: string[];
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await fs.readFile(file, 'utf8')) as T;
}

async function loadCatalog(): Promise<{ offices: OfficeDef[]; roles: RoleDef[] }> {
  return {
    offices: await readJson<OfficeDef[]>(path.join(PROCESSES_DIR, 'offices.json')),
    roles: await readJson<RoleDef[]>(path.join(PROCESSES_DIR, 'roles.json')),
  };
}

/** Each library process's agency and the roles of its lanes, read from processes/*.bpmn. */
async function libraryProcesses(): Promise<LibraryProcess[]> {
  const out: LibraryProcess[] = [];
  for (const f of await listFiles(PROCESSES_DIR, '.bpmn')) {
    const xml = await fs.readFile(path.join(PROCESSES_DIR, f), 'utf8');
    out.push({
      key: path.basename(f, '.bpmn'),
      agency: /<bpmn:definitions[^>]*\ssop:agency="([^"]+)"/.exec(xml)?.[1],
      roles: [...new Set([...xml.matchAll(/sop:role="([^"]+)"/g)].map((m) => m[1]))],
    });
  }
  return out;
}

/**
 * Offices and roles are reference data: added when missing, on every start. processes/offices.json
 * is the seed source; the processes an office offers are derived from the library (offices.ts
 * derivedOfferings) for a new office and for one that has none recorded yet (a database upgraded
 * by migration 0009); after that the admin's list is kept.
 */
export async function seedCatalog(db: Kysely<Database>): Promise<void> {
  const { offices, roles } = await loadCatalog();
  const library = await libraryProcesses();
  const roleAgencies = new Map(roles.map((r) => [r.key, r.agencies]));
  await db.transaction().execute(async (trx) => {
    for (const o of offices) {
      const processes = JSON.stringify(derivedOfferings(o, library, roleAgencies));
      await trx
        .insertInto('offices')
        .values({
          key: o.key,
          name: o.name,
          agency: o.agency,
          address: o.address ?? '',
          contacts: JSON.stringify(o.contacts ?? {}),
          numbering: JSON.stringify(o.numbering ?? {}),
          processes,
        })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      await trx.updateTable('offices').set({ processes }).where('key', '=', o.key).where('processes', 'is', null).execute();
    }
    for (const r of roles) {
      const agencies = JSON.stringify(r.agencies ?? []);
      await trx.insertInto('roles').values({ key: r.key, name: r.name, kind: r.kind, agencies }).onConflict((oc) => oc.column('key').doNothing()).execute();
      // a catalogue role stored before its agencies were kept (migration 0026) gets them once
      await trx.updateTable('roles').set({ agencies }).where('key', '=', r.key).where(sql<boolean>`agencies = '[]'::jsonb`).execute();
    }
  });
}

export interface DemoUser {
  username: string;
  roles: RoleGrant[];
}

/** Kepala seksi, kepala UPT, kabid, kepala dinas and camat posts (CONTRACTS.md role keys). */
const SUPERVISING_HEADS = new Set(['kasi', 'kasi-pdi', 'kasi-intensifikasi', 'kasi-penagihan', 'kepala-upt', 'kabid', 'kabid-pendapatan', 'kepala-dinas', 'kadis', 'camat']);

/** The demo accounts: admin, manager, two applicants, and one user per officer role per office. */
export async function demoUsers(): Promise<DemoUser[]> {
  const { offices, roles } = await loadCatalog();
  const users: DemoUser[] = [
    { username: 'admin', roles: [{ role: 'admin', office: null }] },
    { username: 'manager', roles: [{ role: 'manager', office: null }] },
    { username: 'pemohon1', roles: [{ role: 'pemohon', office: null }] },
    { username: 'pemohon2', roles: [{ role: 'pemohon', office: null }] },
  ];
  for (const role of roles.filter((r) => r.kind === 'officer')) {
    for (const office of offices.filter((o) => role.agencies.includes(o.agency))) {
      // Heads of posts supervise their office (cockpit, escalations, reassignment): a manager
      // grant for that office beside their post (issue 18).
      const head = SUPERVISING_HEADS.has(role.key) ? [{ role: 'manager', office: office.key }] : [];
      users.push({ username: `${role.key}.${office.key}`, roles: [{ role: role.key, office: office.key }, ...head] });
    }
  }
  return users;
}

export interface LibraryLoadResult {
  published: string[];
  drafts: string[];
  failed: Array<{ kind: DocumentKind; key: string; code: string; message: string; details?: unknown }>;
}

async function listFiles(dir: string, ext: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).filter((f) => f.endsWith(ext)).sort();
  } catch {
    return [];
  }
}

/** Call activities name their callee in calledElement; callees are published first. */
function calledElements(xml: string): string[] {
  return [...xml.matchAll(/calledElement="([^"]+)"/g)].map((m) => m[1]);
}

/**
 * Loads processes/*.bpmn and rules/*.json into the store as version 1 (published), or as a
 * draft when the file is marked perlu-verifikasi. Rule sets first: processes refer to them.
 */
export async function loadLibrary(db: Kysely<Database>, actor = 'seed'): Promise<LibraryLoadResult> {
  const result: LibraryLoadResult = { published: [], drafts: [], failed: [] };
  const effectiveFrom = todayInJakarta();
  const items: Array<{ kind: DocumentKind; key: string; content: string; needs: string[] }> = [];
  for (const f of await listFiles(RULES_DIR, '.json')) {
    const content = await fs.readFile(path.join(RULES_DIR, f), 'utf8');
    items.push({ kind: 'ruleset', key: path.basename(f, '.json'), content, needs: [] });
  }
  for (const f of await listFiles(PROCESSES_DIR, '.bpmn')) {
    const content = await fs.readFile(path.join(PROCESSES_DIR, f), 'utf8');
    items.push({ kind: 'process', key: path.basename(f, '.bpmn'), content, needs: calledElements(content) });
  }
  const done = new Set<string>();
  const pending = [...items];
  // Repeated passes publish callees before callers without needing a sorted list.
  for (let pass = 0; pass < 3 && pending.length > 0; pass++) {
    for (const item of [...pending]) {
      const ready = item.needs.every((k) => done.has(k) || !items.some((i) => i.kind === 'process' && i.key === k));
      if (!ready && pass < 2) continue;
      pending.splice(pending.indexOf(item), 1);
      try {
        const existing = await db.selectFrom('documents').select('key').where('kind', '=', item.kind).where('key', '=', item.key).executeTakeFirst();
        if (existing) {
          done.add(item.key);
          continue;
        }
        const saved = await saveDraft(db, { kind: item.kind, key: item.key, content: item.content, actor, validators: CONTENT_VALIDATORS });
        if (saved.draft.status === 'perlu-verifikasi') {
          result.drafts.push(`${item.kind}:${item.key}`);
        } else {
          await publish(db, { kind: item.kind, key: item.key, effectiveFrom, note: 'Dimuat dari pustaka SOP', actor, validators: CONTENT_VALIDATORS });
          result.published.push(`${item.kind}:${item.key}`);
        }
        done.add(item.key);
      } catch (e) {
        const err = e as AppError;
        result.failed.push({ kind: item.kind, key: item.key, code: err.code ?? 'INTERNAL', message: err.message, details: err.details });
      }
    }
  }
  return result;
}

export interface SeedResult {
  seeded: boolean;
  password?: string;
  passwordGenerated?: boolean;
  users: DemoUser[];
  library?: LibraryLoadResult;
}

/**
 * Demo data, only into an empty database and never in production. The password comes from
 * DEMO_PASSWORD, or is generated and handed back once to be printed.
 */
export async function seedDemo(db: Kysely<Database>, opts: { password?: string; production: boolean; force?: boolean }): Promise<SeedResult> {
  await seedCatalog(db);
  const anyUser = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (opts.production || (anyUser && !opts.force)) return { seeded: false, users: [] };
  const password = opts.password ?? generateDemoPassword();
  const users = await demoUsers();
  // Checked for every account before any is made: a weak DEMO_PASSWORD seeds nobody.
  for (const u of users) checkPassword(password, u.username);
  const existing = new Set((await db.selectFrom('users').select('username').execute()).map((u) => u.username));
  await Promise.all(
    users
      .filter((u) => !existing.has(u.username))
      .map((u) => createUser(db, { username: u.username, name: demoName(u), password, roles: u.roles }, 'seed')),
  );
  const library = await loadLibrary(db);
  return { seeded: true, password, passwordGenerated: !opts.password, users, library };
}

/** 12 random characters: long enough for the password policy, never a common password. */
export function generateDemoPassword(): string {
  return randomBytes(9).toString('base64url');
}

function demoName(u: DemoUser): string {
  const g = u.roles[0];
  return g.office ? `${g.role} (${g.office})` : u.username;
}


/** What every start does: schema up to date, reference data (offices, roles) present. */
export async function prepareDatabase(db: Kysely<Database>): Promise<void> {
  await migrateToLatest(db);
  await seedCatalog(db);
}
