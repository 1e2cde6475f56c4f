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

/** A new post of the catalogue (POST /api/admin/roles), e.g. one an imported SOP table names. */
export const NewRole = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,63}$' }),
    name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    agencies: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type NewRole = Static<typeof NewRole>;

/** A spreadsheet (.xlsx) as base64 (POST /api/import/sop-table). */
export const SopTableBody = Type.Object({ data: Type.String({ minLength: 4, maxLength: 2_800_000, contentEncoding: 'base64' }) }, { additionalProperties: false });
/** Its first sheet's cells, row by row, as text. */
export const SopTableAnswer = Type.Object({ rows: Type.Array(Type.Array(Type.String())) });
export type SopTableAnswer = Static<typeof SopTableAnswer>;
