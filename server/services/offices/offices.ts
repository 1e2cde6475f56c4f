/**
 * Offices as data (issue 16): the office record (name, address, contacts, logo, numbering formats
 * per document kind, processes offered) and its administration. Each change is one transaction that
 * also appends to the audit chain. Later per-office settings (calendar, letterhead, providers) are
 * further fields of the same record: add a column in a migration, a field in OfficeRecord/OfficeInput
 * and in the route schema; list, get, update and the audit entry pick it up through `toRecord` and
 * `changes`.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { formatProblems } from '../../../core/numbering.js';
import type { Database } from '../../db/index.js';
import type { OfficesTable } from '../../db/tables/foundation.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../platform/audit.js';
import { calendarCache } from './calendars.js';
import { canonicalJson, sha256 } from '../store/hash.js';

export interface OfficeContacts {
  phone?: string;
  email?: string;
  website?: string;
  /** where complaints, suggestions and feedback go (penanganan pengaduan of the service standard) */
  complaints?: string;
}

export interface OfficeRecord {
  key: string;
  name: string;
  agency: string;
  address: string;
  contacts: OfficeContacts;
  /** whether a logo is stored (GET /api/admin/offices/:key/logo serves it) */
  logo: { contentType: string } | null;
  /** document kind → format (core/numbering.ts) */
  numbering: Record<string, string>;
  processes: string[];
  revision: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

export interface OfficeInput {
  name: string;
  agency: string;
  address?: string;
  contacts?: OfficeContacts;
  numbering?: Record<string, string>;
  processes?: string[];
  /** base64 bytes + content type; null removes the logo; absent keeps it */
  logo?: { contentType: string; base64: string } | null;
}

type Db = Kysely<Database> | Transaction<Database>;
type Row = Omit<Selectable<OfficesTable>, 'logo'> & { has_logo?: unknown };

const parse = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

function toRecord(r: Row): OfficeRecord {
  return {
    key: r.key,
    name: r.name,
    agency: r.agency,
    address: r.address,
    contacts: parse<OfficeContacts>(r.contacts) ?? {},
    logo: r.has_logo === true && r.logo_type ? { contentType: r.logo_type } : null,
    numbering: parse<Record<string, string>>(r.numbering) ?? {},
    processes: parse<string[] | null>(r.processes) ?? [],
    revision: r.revision,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    updatedBy: r.updated_by,
  };
}

const COLUMNS = ['key', 'name', 'agency', 'address', 'contacts', 'logo_type', 'numbering', 'processes', 'revision', 'created_at', 'updated_at', 'updated_by'] as const;

function selectOffices(db: Db) {
  return db.selectFrom('offices').select([...COLUMNS]).select((eb) => eb('logo', 'is not', null).as('has_logo'));
}

export async function listOffices(db: Db): Promise<OfficeRecord[]> {
  return (await selectOffices(db).orderBy('agency').orderBy('key').execute()).map(toRecord);
}

export async function getOffice(db: Db, key: string): Promise<OfficeRecord> {
  const r = await selectOffices(db).where('key', '=', key).executeTakeFirst();
  if (!r) throw new AppError('OFFICE_NOT_FOUND', `Kantor "${key}" tidak ditemukan`, { key });
  return toRecord(r);
}

export async function officeLogo(db: Db, key: string): Promise<{ contentType: string; bytes: Buffer } | undefined> {
  const r = await db.selectFrom('offices').select(['logo', 'logo_type']).where('key', '=', key).executeTakeFirst();
  if (!r?.logo || !r.logo_type) return undefined;
  const c = r.logo as unknown as Uint8Array;
  return { contentType: r.logo_type, bytes: Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength) };
}

export const MAX_LOGO_BYTES = 512 * 1024;
const LOGO_TYPES: Record<string, (b: Buffer) => boolean> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
};

/** The logo's bytes, checked: PNG or JPEG by their signature (never SVG: it can carry script), ≤ 512 kB. */
function logoBytes(logo: { contentType: string; base64: string }): Buffer {
  const bytes = Buffer.from(logo.base64, 'base64');
  const check = LOGO_TYPES[logo.contentType];
  if (!check) throw new AppError('LOGO_INVALID', 'Logo harus PNG atau JPEG', { contentType: logo.contentType });
  if (bytes.length === 0 || bytes.length > MAX_LOGO_BYTES) throw new AppError('LOGO_INVALID', `Logo paling besar ${MAX_LOGO_BYTES / 1024} kB`, { bytes: bytes.length });
  if (!check(bytes)) throw new AppError('LOGO_INVALID', 'Isi berkas logo tidak sesuai jenisnya', { contentType: logo.contentType });
  return bytes;
}

/** `listed`: keys the office already offers (kept without a check: the seed lists the library's processes before they are loaded). */
async function checkInput(db: Db, input: OfficeInput, listed: string[] = []): Promise<void> {
  const problems: Array<{ path: string; message: string }> = [];
  for (const [kind, format] of Object.entries(input.numbering ?? {})) {
    for (const p of formatProblems(format, kind)) problems.push({ path: `/numbering/${kind}`, message: p.message });
  }
  if (problems.length > 0) throw new AppError('NUMBER_FORMAT_INVALID', 'Format penomoran tidak valid', { errors: problems });
  const wanted = [...new Set(input.processes ?? [])].filter((k) => !listed.includes(k));
  if (wanted.length > 0) {
    const known = new Set((await db.selectFrom('documents').select('key').where('kind', '=', 'process').where('key', 'in', wanted).execute()).map((d) => d.key));
    const unknown = wanted.filter((k) => !known.has(k));
    if (unknown.length > 0) throw new AppError('PROCESS_NOT_FOUND', 'Proses tidak dikenal', { processes: unknown });
  }
}

/** What the audit entry records: every field but the logo's bytes (their hash instead). */
function auditView(r: OfficeRecord, logoHash: string | null): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, updatedBy: _b, revision: _r, ...rest } = r;
  return { ...rest, logo: logoHash };
}

async function logoHashOf(db: Db, key: string): Promise<string | null> {
  const l = await officeLogo(db, key);
  return l ? sha256(l.bytes.toString('base64')) : null;
}

export async function createOffice(db: Kysely<Database>, actor: string, key: string, input: OfficeInput): Promise<OfficeRecord> {
  return forgetOfficesAfter(db, () => db.transaction().execute(async (trx) => {
    await checkInput(trx, input);
    const logo = input.logo ? logoBytes(input.logo) : null;
    const inserted = await trx
      .insertInto('offices')
      .values({
        key,
        name: input.name,
        agency: input.agency,
        address: input.address ?? '',
        contacts: JSON.stringify(input.contacts ?? {}),
        numbering: JSON.stringify(input.numbering ?? {}),
        processes: JSON.stringify([...new Set(input.processes ?? [])]),
        logo,
        logo_type: logo ? (input.logo?.contentType ?? null) : null,
        updated_by: actor,
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!inserted) throw new AppError('OFFICE_EXISTS', `Kantor "${key}" sudah ada`, { key });
    const record = await getOffice(trx, key);
    const after = auditView(record, logo ? sha256(logo.toString('base64')) : null);
    await appendAudit(trx, { actor, action: 'office.create', subject: `office:${key}`, afterHash: sha256(canonicalJson(after)), details: after });
    return record;
  }));
}

/**
 * Replaces the office's settings. `ifRevision` (from If-Match) makes it optimistic: a stale one is
 * 409 OFFICE_CONFLICT with who changed it and when; without it the last write wins.
 */
export async function updateOffice(db: Kysely<Database>, actor: string, key: string, input: OfficeInput, ifRevision?: number): Promise<OfficeRecord> {
  return forgetOfficesAfter(db, () => db.transaction().execute(async (trx) => {
    const current = await selectOffices(trx).where('key', '=', key).forUpdate().executeTakeFirst();
    if (!current) throw new AppError('OFFICE_NOT_FOUND', `Kantor "${key}" tidak ditemukan`, { key });
    if (ifRevision !== undefined && current.revision !== ifRevision) {
      throw new AppError('OFFICE_CONFLICT', 'Kantor ini sudah diubah orang lain', { updatedBy: current.updated_by, updatedAt: new Date(current.updated_at).toISOString(), revision: current.revision });
    }
    await checkInput(trx, input, toRecord(current).processes);
    const beforeLogo = await logoHashOf(trx, key);
    const before = auditView(toRecord(current), beforeLogo);
    const logo = input.logo ? logoBytes(input.logo) : input.logo;
    await trx
      .updateTable('offices')
      .set({
        name: input.name,
        agency: input.agency,
        address: input.address ?? '',
        contacts: JSON.stringify(input.contacts ?? {}),
        numbering: JSON.stringify(input.numbering ?? {}),
        processes: JSON.stringify([...new Set(input.processes ?? [])]),
        ...(logo === undefined ? {} : { logo, logo_type: logo ? (input.logo?.contentType ?? null) : null }),
        revision: current.revision + 1,
        updated_at: new Date(),
        updated_by: actor,
      })
      .where('key', '=', key)
      .execute();
    const record = await getOffice(trx, key);
    const after = auditView(record, logo === undefined ? beforeLogo : logo ? sha256(logo.toString('base64')) : null);
    await appendAudit(trx, {
      actor,
      action: 'office.update',
      subject: `office:${key}`,
      beforeHash: sha256(canonicalJson(before)),
      afterHash: sha256(canonicalJson(after)),
      details: { changed: Object.keys(after).filter((k) => canonicalJson(after[k] ?? null) !== canonicalJson(before[k] ?? null)), after },
    });
    return record;
  }));
}

/** This server's office cache (calendars.ts) forgets the offices once a change is done; the others hear the trigger. */
async function forgetOfficesAfter<T>(db: Kysely<Database>, change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } finally {
    calendarCache(db).invalidate();
  }
}

/** The offices offering each process (the portal lists only these). */
export async function offeringOffices(db: Db): Promise<Array<{ key: string; name: string; processes: string[] }>> {
  const rows = await db.selectFrom('offices').select(['key', 'name', 'processes']).orderBy('name').execute();
  return rows.map((r) => ({ key: r.key, name: r.name, processes: parse<string[] | null>(r.processes) ?? [] }));
}

/* ---------------- seed: which processes each office offers today ---------------- */

export interface LibraryProcess {
  key: string;
  agency: string | undefined;
  roles: string[];
}

/** The agency of a library process every office may offer (the complaints SOP). */
const ANY_AGENCY = '*';

/**
 * The processes an office offers, derived from the library: those of its own agency, and those
 * in which its agency takes part through a post of its own that the process's agency does not
 * have (the OPD offices review SIPEKA applications through `opd-teknis`).
 */
export function derivedOfferings(office: { agency: string }, library: LibraryProcess[], roleAgencies: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const p of library) {
    if (!p.agency) continue;
    // a service of every office (the complaints SOP): offered where the office has its posts
    if (p.agency === ANY_AGENCY) {
      if (p.roles.some((r) => (roleAgencies.get(r) ?? []).includes(office.agency))) out.push(p.key);
      continue;
    }
    if (p.agency === office.agency) {
      out.push(p.key);
      continue;
    }
    const takesPart = p.roles.some((r) => {
      const agencies = roleAgencies.get(r) ?? [];
      return !agencies.includes(p.agency as string) && agencies.includes(office.agency);
    });
    if (takesPart) out.push(p.key);
  }
  return out.sort();
}
