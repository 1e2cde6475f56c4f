/** Health, offices and roles: /api/health, /api/offices, /api/roles (routes/sop-import.ts). */
import { Type, type Static } from '@sinclair/typebox';
import { StringEnum } from './schema.js';

export const Health = Type.Object({ status: Type.String(), database: StringEnum(['pglite', 'postgres']), version: Type.String() });
export type Health = Static<typeof Health>;

export const Office = Type.Object({ key: Type.String(), name: Type.String(), agency: Type.String() });
export type Office = Static<typeof Office>;

/** A post of the catalogue; `agencies`: those that have it ([] = none in particular), so an office picker offers only theirs. */
export const Role = Type.Object({ key: Type.String(), name: Type.String(), kind: Type.String(), agencies: Type.Array(Type.String()) });
export type Role = Static<typeof Role>;
