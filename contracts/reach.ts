/** Reaching the applicant: what an application waits on, and public tracking (POST /api/public/track). */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, ReportOrFile, StringEnum } from './schema.js';

/** What the applicant must do now. */
export const Expected = Type.Union([
  Type.Object({ kind: Type.Literal('missing-documents'), documents: Type.Array(Type.String()) }),
  Type.Object({ kind: Type.Literal('note'), text: Type.String() }),
  Type.Object({ kind: Type.Literal('my-step'), step: Type.String() }),
]);
export type Expected = Static<typeof Expected>;
/** On the wire an open object with its `kind` (not an `anyOf`, which the serializer tries branch by branch). */
const ExpectedAnswer = Type.Unsafe<Expected>({ type: 'object', additionalProperties: true, properties: { kind: { type: 'string' } } });

/** A tracked application as anyone with its number and PIN sees it. */
export const TrackingAnswer = Type.Object({
  number: Type.String(),
  service: Type.String(),
  office: Type.String(),
  /** the applicant's first name only */
  firstName: Nullable(Type.String()),
  status: Type.String(),
  submittedAt: Type.String(),
  endedAt: Nullable(Type.String()),
  /** where the application is now, in the words of the SOP's steps */
  currentSteps: Type.Array(Type.String()),
  stepsDone: Type.Array(Type.Object({ step: Type.String(), at: Type.String() })),
  /** what the applicant must do now (empty: nothing, the office is working) */
  applicantActions: Type.Array(ExpectedAnswer),
  /** the SOP's total time from submission, in the office's working days */
  expectedCompletion: Nullable(Type.Object({ date: Type.String(), workingDays: Type.Integer() })),
});
export type TrackingAnswer = Static<typeof TrackingAnswer>;

const number = Type.String({ minLength: 1, maxLength: 64 });
const pin = Type.String({ pattern: '^[0-9]{6}$' });
export const TrackBody = Type.Object({ number, pin }, { additionalProperties: false });

/** A complaint from the tracking page (POST /api/public/complaints), checked like tracking. */
export const ComplaintBody = Type.Object(
  {
    number,
    pin,
    perihal: Type.String({ minLength: 3, maxLength: 200 }),
    isiPengaduan: Type.String({ minLength: 10, maxLength: 4000 }),
  },
  { additionalProperties: false },
);
export type ComplaintBody = Static<typeof ComplaintBody>;
export const ComplaintAnswer = Type.Object({ number: Type.String() });
export type ComplaintAnswer = Static<typeof ComplaintAnswer>;

/** `:token` of a survey invitation. */
export const SurveyParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) }, { additionalProperties: false });
/** The satisfaction survey (Survei Kepuasan Masyarakat) of an invitation: its service, office and items. */
export const SurveyForm = Type.Object({
  service: Type.String(),
  office: Type.String(),
  items: Type.Array(Type.Object({ code: Type.String(), id: Type.String(), en: Type.String() })),
});
export type SurveyForm = Static<typeof SurveyForm>;
/** The answers 1–4, one per item of the survey (`items`: core's SKM_ITEMS count), and a comment. */
export const SurveyBody = (items: number) =>
  Type.Object(
    { answers: Type.Array(Type.Integer({ minimum: 1, maximum: 4 }), { minItems: items, maxItems: items }), comment: Type.Optional(Type.String({ maxLength: 2000 })) },
    { additionalProperties: false },
  );
export const SurveyAnswered = Type.Object({ answered: Type.Boolean() });
export type SurveyAnswered = Static<typeof SurveyAnswered>;

const day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
/** GET /api/analytics/ikm: which offices and service, over which days; `format` csv|xlsx for the report table. */
export const IkmQuery = Type.Object(
  {
    office: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    process: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    from: Type.Optional(day),
    to: Type.Optional(day),
    format: Type.Optional(StringEnum(['json', 'csv', 'xlsx'])),
  },
  { additionalProperties: false },
);
export type IkmQuery = Static<typeof IkmQuery>;
export type IkmFilter = Omit<IkmQuery, 'format'>;

/** The Indeks Kepuasan Masyarakat of a set of answers (Permenpan-RB 14/2017). */
const IkmResult = Type.Object({
  respondents: Type.Integer(),
  /** per item: the sum of the answers, the mean (NRR) and the weighted mean */
  items: Type.Array(Type.Object({ code: Type.String(), sum: Type.Number(), nrr: Type.Number(), weighted: Type.Number() })),
  ikm: Type.Number(),
  unitIkm: Type.Number(),
  category: StringEnum(['A', 'B', 'C', 'D']),
});
export const IkmReport = Type.Object({
  filter: Type.Object({
    offices: Type.Unsafe<string[] | 'all'>({ description: 'office keys, or "all"' }),
    process: Nullable(Type.String()),
    from: Type.String(),
    to: Type.String(),
  }),
  overall: Nullable(IkmResult),
  rows: Type.Array(Type.Object({ office: Type.String(), officeName: Type.String(), process: Type.String(), service: Type.String(), result: IkmResult })),
  comments: Type.Array(Type.Object({ office: Type.String(), process: Type.String(), at: Type.String(), comment: Type.String() })),
});
export type IkmReport = Static<typeof IkmReport>;
/** The report as JSON, or its table as CSV / XLSX. */
export const IkmAnswer = ReportOrFile<typeof IkmReport>({ description: 'JSON, or the report table as CSV / XLSX' });

/** A service's payment due days after the nota (null: not set). */
export const PaymentDue = Type.Object({ processKey: Type.String(), paymentDueDays: Nullable(Type.Integer()) });
export type PaymentDue = Static<typeof PaymentDue>;
export const PaymentDueBody = Type.Object({ paymentDueDays: Type.Integer({ minimum: 1, maximum: 365 }) }, { additionalProperties: false });
