/** Health, offices and roles: /api/health, /api/offices, /api/roles. */
import { Type, type Static } from '@sinclair/typebox';
import { StringEnum } from './schema.js';

export const Health = Type.Object({ status: Type.String(), database: StringEnum(['pglite', 'postgres']), version: Type.String() });
export type Health = Static<typeof Health>;

export const Office = Type.Object({ key: Type.String(), name: Type.String(), agency: Type.String() });
export type Office = Static<typeof Office>;

export const Role = Type.Object({ key: Type.String(), name: Type.String(), kind: Type.String() });
export type Role = Static<typeof Role>;
