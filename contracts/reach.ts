/** Reaching the applicant: what an application waits on, and public tracking (POST /api/public/track). */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './schema.js';

/** What the applicant must do now. */
export const Expected = Type.Union([
  Type.Object({ kind: Type.Literal('missing-documents'), documents: Type.Array(Type.String()) }),
  Type.Object({ kind: Type.Literal('note'), text: Type.String() }),
  Type.Object({ kind: Type.Literal('my-step'), step: Type.String() }),
]);
export type Expected = Static<typeof Expected>;

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
  applicantActions: Type.Array(Expected),
  /** the SOP's total time from submission, in the office's working days */
  expectedCompletion: Nullable(Type.Object({ date: Type.String(), workingDays: Type.Integer() })),
});
export type TrackingAnswer = Static<typeof TrackingAnswer>;
