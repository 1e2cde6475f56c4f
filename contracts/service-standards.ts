/**
 * The service standard (Standar Pelayanan, Permenpan-RB 15/2014): its public JSON and the
 * management components admins and managers edit (routes/service-standards.ts). The component
 * keys are the server's (`MANAGEMENT_COMPONENTS`), passed in.
 */
import { Type, type Static } from '@sinclair/typebox';
import { OpenAnswer } from './schema.js';

/** `?kantor=`: the office whose standard; default the only office offering the service. */
export const OfficeQuery = Type.Object(
  { kantor: Type.Optional(Type.String({ maxLength: 64, description: 'office key; default: the only office offering it' })) },
  { additionalProperties: false },
);

/** `:key` of the public page, `.pdf` at the end for the PDF. */
export const PageKeyParams = Type.Object({ key: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,63}(\\.pdf)?$' }) });

/** The 14 components, built by the server from what is published (its ServiceStandard). */
export const StandardAnswer = OpenAnswer({ description: 'the 14 components (see server/services/publications/service-standard.ts ServiceStandard)' });

/** The editable components' texts, one optional text per component key. */
export function ManagementSchemas<const K extends string>(components: readonly K[]) {
  const Texts = Type.Unsafe<Partial<Record<K, string>>>({
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(components.map((k) => [k, { type: 'string', maxLength: 10000 }])),
  });
  return {
    TextsAnswer: Type.Object({ texts: Texts, revision: Type.Integer() }),
    TextsBody: Type.Object({ texts: Texts, revision: Type.Optional(Type.Integer({ minimum: 0 })) }, { additionalProperties: false }),
    RevisionAnswer: Type.Object({ revision: Type.Integer() }),
  };
}
type Schemas<K extends string> = ReturnType<typeof ManagementSchemas<K>>;
/** GET /api/service-standards/:key: the texts and their revision (0 = none saved yet). */
export type ManagementTextsAnswer<K extends string = string> = Static<Schemas<K>['TextsAnswer']>;
/** PUT /api/service-standards/:key: the texts and the revision read (409 STANDARD_CONFLICT when it changed). */
export type ManagementTextsBody<K extends string = string> = Static<Schemas<K>['TextsBody']>;
export type RevisionAnswer = Static<Schemas<string>['RevisionAnswer']>;
