/**
 * Drafts and publications, the same for both kinds of document: processes (BPMN XML) under
 * /api/processes, rule sets (JSON) under /api/rulesets.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Issue } from './common.js';
import { Nullable, OpenAnswer, StringEnum } from './schema.js';

/** `:key` of a process or rule set; `pattern` is the store's (server/services/store/store.ts KEY_PATTERN). */
export const KeyParams = (pattern: string) => Type.Object({ key: Type.String({ pattern }) }, { additionalProperties: false });
export const VersionParams = (pattern: string) => Type.Object({ key: Type.String({ pattern }), n: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

const DocumentStatus = StringEnum(['draft', 'published', 'perlu-verifikasi']);
export type DocumentStatus = Static<typeof DocumentStatus>;

/** One document of the library: GET /api/{processes|rulesets}. */
export const DocumentSummary = Type.Object({
  key: Type.String(),
  name: Type.String(),
  agency: Nullable(Type.String()),
  /** the SOP's number in its source's order (`sop:sopNumber`); lists come in that order */
  sopNumber: Nullable(Type.String()),
  status: DocumentStatus,
  latestVersion: Nullable(Type.Integer()),
  hasDraft: Type.Boolean(),
  updatedAt: Type.String({ format: 'date-time' }),
  updatedBy: Type.String(),
});
export type DocumentSummary = Static<typeof DocumentSummary>;

/** A publication's legal basis: regulation number, article, the regulation's date. */
const LegalBasis = Type.Object({ regulation: Type.Optional(Type.String()), article: Type.Optional(Type.String()), date: Type.Optional(Type.String()) });

const metaProperties = {
  key: Type.String(),
  n: Type.Integer(),
  sha256: Type.String(),
  note: Type.String(),
  effectiveFrom: Type.String(),
  publishedBy: Type.String(),
  publishedAt: Type.String({ format: 'date-time' }),
  legalBasis: Nullable(LegalBasis),
};


/** in-force: the one applied today; scheduled: dated later and will take over; superseded: neither */
export const PublicationState = StringEnum(['in-force', 'scheduled', 'superseded']);
export type PublicationState = Static<typeof PublicationState>;

/** GET …/:key/versions */
export const PublicationVersion = Type.Object({ ...metaProperties, state: PublicationState });
export type PublicationVersion = Static<typeof PublicationVersion>;

/** GET …/:key/versions/:n */
export const Publication = Type.Object({ ...metaProperties, content: Type.String() });
export type Publication = Static<typeof Publication>;

/** One line of a generated change summary (server/services/store/change-summary.ts); the studio words it by `kind`. */
export const ChangeItem = Type.Object({
  kind: Type.String(),
  subject: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  period: Type.Optional(Type.String()),
  before: Type.Optional(Type.String()),
  after: Type.Optional(Type.String()),
});
export type ChangeItem = Static<typeof ChangeItem>;

/** GET …/:key/changelog */
export const ChangelogEntry = Type.Object({
  ...metaProperties,
  state: PublicationState,
  summary: Type.Array(ChangeItem),
  approval: Type.Optional(
    Type.Object({
      id: Type.Optional(Type.String()),
      submittedBy: Type.Optional(Type.String()),
      submittedAt: Type.Optional(Type.String()),
      decidedBy: Type.Optional(Nullable(Type.String())),
      decidedAt: Type.Optional(Nullable(Type.String())),
    }),
  ),
});
export type ChangelogEntry = Static<typeof ChangelogEntry>;

/** PUT …/:key/draft */
export const SaveAnswer = Type.Object({ key: Type.String(), revision: Type.Integer(), status: Type.String(), sha256: Type.String(), warnings: Type.Array(Issue) });
export type SaveAnswer = Static<typeof SaveAnswer>;

/** POST …/:key/publish; `datePattern` is the server's (server/services/offices/dates.ts DATE_PATTERN). */
export const PublishBody = (datePattern: string) =>
  Type.Object(
    {
      effectiveFrom: Type.Optional(Type.String({ pattern: datePattern })),
      note: Type.Optional(Type.String({ maxLength: 2000 })),
      legalBasis: Type.Optional(
        Type.Object(
          {
            regulation: Type.Optional(Type.String({ maxLength: 500 })),
            article: Type.Optional(Type.String({ maxLength: 500 })),
            // a date, or blank (dropped)
            date: Type.Optional(Type.String({ anyOf: [{ pattern: datePattern }, { maxLength: 0 }] })),
          },
          { additionalProperties: false },
        ),
      ),
    },
    { additionalProperties: false },
  );
export type PublishBody = Static<ReturnType<typeof PublishBody>>;

/** 201: published as version n */
export const PublishAnswer = Type.Object({ ...metaProperties, version: Type.Integer(), warnings: Type.Array(Issue) });
export type PublishAnswer = Static<typeof PublishAnswer>;

/** 202: the document needs a second person; the publish became a submission (server/services/store/approvals.ts). */
export const PublishSubmitted = Type.Object({ approval: OpenAnswer() });

/** A submission of a draft for a second person's approval (issue 19). */
export const Approval = Type.Object({
  id: Type.String(),
  kind: StringEnum(['process', 'ruleset']),
  key: Type.String(),
  status: StringEnum(['pending', 'approved', 'rejected']),
  draftRevision: Type.Integer(),
  effectiveFrom: Type.String(),
  note: Type.String(),
  legalBasis: Nullable(LegalBasis),
  submittedBy: Type.String(),
  submittedAt: Type.String(),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  comment: Nullable(Type.String()),
  publication: Nullable(Type.Integer()),
});
export type Approval = Static<typeof Approval>;
