/** Rule sets at work: POST /api/rulesets/:key/evaluate (public fee calculator), …/test (draft test cases). */
import { Type, type Static } from '@sinclair/typebox';
import { Issue } from './common.js';
import { Nullable, OpenAnswer, OpenObject, StringEnum } from './schema.js';

const Opt = Type.Optional;
const NullableString = () => Nullable(Type.String());

/** The period (tariff) a fee line or a tax year was computed under. */
const PeriodRef = Type.Object({ effectiveFrom: Type.String(), effectiveTo: NullableString(), label: Opt(Type.String()) });

/** POST …/evaluate; `datePattern` is the server's (server/services/offices/dates.ts DATE_PATTERN). */
export const EvaluateBody = (datePattern: string) =>
  Type.Object(
    {
      facts: OpenObject(),
      at: Opt(Type.String({ pattern: datePattern })),
      lang: Opt(StringEnum(['id', 'en'], { description: 'language of the eligibility reasons (else Accept-Language, else id)' })),
    },
    { additionalProperties: false },
  );
export type EvaluateBody = Static<ReturnType<typeof EvaluateBody>>;

export const Evaluation = Type.Object({
  ruleSet: Type.Object({
    key: Opt(Type.String()),
    title: Opt(Type.String()),
    kind: Opt(Type.String()),
    publication: Opt(Nullable(Type.Integer())),
    period: Opt(
      Type.Object({
        effectiveFrom: Opt(Type.String()),
        effectiveTo: Opt(NullableString()),
        assumption: Opt(Type.Boolean()),
        assumptionNotes: Opt(Type.Array(Type.String())),
      }),
    ),
  }),
  at: Type.String(),
  facts: Opt(OpenAnswer()),
  eligible: Type.Boolean({ description: 'false: the service is not available for these facts (outside the office\'s remit); documents and fees are then empty and total is "0"' }),
  reasons: Type.Array(
    Type.Object({ code: Type.String(), message: Type.String(), legalBasis: Type.String(), redirect: Opt(Type.String()) }),
    { description: 'Why the service is not available, in the language of the request (Accept-Language or `lang`; Indonesian by default)' },
  ),
  documents: Type.Array(OpenAnswer()),
  fees: Type.Array(
    Type.Object({
      code: Type.String(),
      label: Type.String(),
      amount: Type.String(),
      legalBasis: Type.String(),
      assumption: Opt(Type.Boolean()),
      note: Opt(Type.String()),
      period: PeriodRef,
      taxYear: Opt(Type.Integer({ description: 'the tax year of a per-year line (PKB, DENDA-PKB, OPSEN-PKB, SWDKLLJ in arrears)' })),
      dueDate: Opt(Type.String({ description: 'that tax year’s due date' })),
    }),
  ),
  total: Type.String(),
  taxYears: Opt(
    Type.Array(Type.Object({ taxYear: Type.Integer(), dueDate: Type.String(), monthsLate: Type.Integer(), period: PeriodRef }), {
      description: 'the tax years owed, when the rule set counts them from a due date',
    }),
  ),
  decisions: OpenAnswer(),
  trace: Type.Array(OpenAnswer()),
});
export type Evaluation = Static<typeof Evaluation>;

/** POST …/test: the draft's cases, or those of `document` (unsaved edits). */
export const TestBody = Type.Object({ document: Opt(OpenObject()) }, { additionalProperties: false });

export const TestAnswer = Type.Object({
  ok: Type.Boolean(),
  passed: Type.Integer(),
  failed: Type.Integer(),
  issues: Type.Array(Issue),
  warnings: Type.Array(Issue),
  outcomes: Type.Array(OpenAnswer()),
});
