/** The services catalogue: /api/services (public), /api/services/startable (the counter). */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, OpenAnswer } from './schema.js';

const Opt = Type.Optional;

/** A published process as a service: offices, requirements, fee rule sets, SOP time. */
export const Service = Type.Object({
  key: Opt(Type.String()),
  name: Opt(Type.String()),
  agency: Opt(Nullable(Type.String())),
  publication: Opt(Type.Integer()),
  offices: Opt(Type.Array(Type.Object({ key: Opt(Type.String()), name: Opt(Type.String()) }))),
  starterRoles: Opt(Type.Array(Type.String())),
  /** the SOP's number in its source's order; the catalog comes in that order */
  sopNumber: Opt(Nullable(Type.String())),
  online: Opt(Type.Boolean()),
  requirementsRuleSet: Opt(Nullable(Type.String())),
  requirements: Opt(
    Type.Array(
      Type.Object({ code: Opt(Type.String()), label: Opt(Type.String()), required: Opt(Type.Boolean()), conditional: Opt(Type.Boolean()), note: Opt(Type.String()) }),
    ),
  ),
  feeRuleSets: Opt(Type.Array(Type.String())),
  // fact schemas: their shape is the rule sets' (rules/schema), written out by the studio's fact fields
  feeFacts: Opt(OpenAnswer()),
  requirementFacts: Opt(OpenAnswer()),
  startForm: Opt(OpenAnswer()),
  slaMs: Opt(Type.Integer()),
  slaText: Opt(Type.String()),
  steps: Opt(Type.Integer()),
});
export type Service = Static<typeof Service>;

export const ServicesQuery = Type.Object({ office: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false });
