/**
 * The roles catalogue as data: listed with the agencies that have each post, and extended by an
 * administrator (a post an imported SOP names that the catalogue lacks). Every new role is in the
 * audit chain.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../platform/audit.js';
import { canonicalJson, sha256 } from '../store/hash.js';

export interface RoleRecord {
  key: string;
  name: string;
  kind: string;
  agencies: string[];
}

export async function listRoles(db: Kysely<Database>): Promise<RoleRecord[]> {
  return db.selectFrom('roles').select(['key', 'name', 'kind', 'agencies']).orderBy('kind').orderBy('key').execute();
}

/** A new officer's post; 409 ROLE_EXISTS when the key is taken, 400 UNKNOWN_AGENCY for an agency no office has. */
export async function createRole(db: Kysely<Database>, actor: string, input: { key: string; name: string; agencies: string[] }): Promise<RoleRecord> {
  return db.transaction().execute(async (trx) => {
    const agencies = [...new Set(input.agencies)].sort();
    if (agencies.length) {
      const known = new Set((await trx.selectFrom('offices').select('agency').where('agency', 'in', agencies).execute()).map((o) => o.agency));
      const unknown = agencies.filter((a) => !known.has(a));
      if (unknown.length) throw new AppError('UNKNOWN_AGENCY', `Instansi tidak dikenal: ${unknown.join(', ')}`, { agencies: unknown });
    }
    const inserted = await trx
      .insertInto('roles')
      .values({ key: input.key, name: input.name.trim(), kind: 'officer', agencies: JSON.stringify(agencies) })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!inserted) throw new AppError('ROLE_EXISTS', `Peran "${input.key}" sudah ada`, { key: input.key });
    const record: RoleRecord = { key: input.key, name: input.name.trim(), kind: 'officer', agencies };
    await appendAudit(trx, { actor, action: 'role.create', subject: `role:${input.key}`, afterHash: sha256(canonicalJson(record)), details: { ...record } });
    return record;
  });
}
