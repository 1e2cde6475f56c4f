/**
 * Which role of the catalogue a performer of an SOP table is. A suggestion only when the names
 * agree word for word, so "Sekretaris Camat" is never taken for `camat`: the administrator sees
 * every performer's role before the draft is created and picks one or creates a new role.
 */
import { slug } from './sop-table.js';

export interface CatalogueRole { key: string; name: string }

/** A performer's role: an existing key, or a role to create with this key and name. */
export interface RoleChoice {
  performer: string;
  role: string;
  /** the role is not in the catalogue yet: created with the performer's name */
  create: boolean;
  /** the suggestion came from the catalogue (the admin confirms it), not from the admin */
  suggested: boolean;
}

const APPLICANT = /pemohon|wajib\s*pajak|ppat|masyarakat|warga/i;
export const APPLICANT_ROLE = 'pemohon';

const words = (text: string) => slug(text).split('-').filter(Boolean);
const subset = (a: string[], b: string[]) => a.every((w) => b.includes(w));

/** The catalogue role this performer names, or undefined when none agrees word for word. */
export function suggestRole(performer: string, catalogue: CatalogueRole[]): string | undefined {
  if (APPLICANT.test(performer)) return APPLICANT_ROLE;
  const p = words(performer);
  const s = p.join('-');
  const exact = catalogue.find((r) => r.key === s || words(r.name).join('-') === s);
  if (exact) return exact.key;
  // "Petugas Pendaftaran" is `petugas-pendaftaran` ("Petugas Pendaftaran dan Pendataan"): every
  // word of the performer is in the role's name and every word of its key in the performer.
  return catalogue.find((r) => subset(p, words(r.name)) && subset(r.key.split('-'), p))?.key;
}

export function initialChoices(performers: string[], catalogue: CatalogueRole[]): RoleChoice[] {
  return performers.map((performer) => {
    const role = suggestRole(performer, catalogue);
    return role ? { performer, role, create: false, suggested: true } : { performer, role: slug(performer), create: true, suggested: false };
  });
}

/** The roles to create before the draft is saved: one per new key. */
export function rolesToCreate(choices: RoleChoice[], catalogue: CatalogueRole[]): CatalogueRole[] {
  const out = new Map<string, CatalogueRole>();
  for (const c of choices) if (c.create && !catalogue.some((r) => r.key === c.role)) out.set(c.role, { key: c.role, name: c.performer });
  return [...out.values()];
}
