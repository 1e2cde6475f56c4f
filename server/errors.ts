import { CodedError } from '../core/coded-error.js';
import type { RuntimeErrorCode } from '../runtime/errors.js';

/**
 * The catalogue of error codes and the one place they map to HTTP: every code any part of the
 * product throws (runtime/ and rules/ carry codes only; server/ adds its own here).
 * Domain code (runtime/, rules/, server/services/) throws errors that carry a `code`
 * (and optional `details`); route handlers never pick status codes themselves.
 */
export const ERROR_STATUS = {
  // generic
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  PRECONDITION_REQUIRED: 428,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  // store
  INVALID_KEY: 400,
  XML_UNSAFE: 400,
  XML_INVALID: 400,
  NOT_BPMN: 400,
  MODEL_INVALID: 400,
  RULESET_INVALID: 400,
  DRAFT_NOT_FOUND: 404,
  DRAFT_CONFLICT: 409,
  DRAFT_PRECONDITION_REQUIRED: 428,
  VERSION_NOT_FOUND: 404,
  PROCESS_NOT_FOUND: 404,
  RULESET_NOT_FOUND: 404,
  NOTHING_TO_PUBLISH: 409,
  // a publication dated before the one in force today: the fix for a wrong publication is a new one
  EFFECTIVE_DATE_BEFORE_CURRENT: 409,
  // accounts
  INVALID_CREDENTIALS: 401,
  USER_EXISTS: 409,
  USER_NOT_FOUND: 404,
  UNKNOWN_ROLE: 400,
  UNKNOWN_OFFICE: 400,
  UNKNOWN_AGENCY: 400,
  ROLE_EXISTS: 409,
  // an SOP table file that is not a spreadsheet exceljs can read (import)
  TABLE_UNREADABLE: 400,
  // an SOP table whose parts inflate beyond the bound (a zip bomb)
  TABLE_TOO_LARGE: 413,
  // an admin who disabled their own account or dropped their own admin grant could leave the
  // office with nobody able to manage accounts: another admin must do it
  CANNOT_DISABLE_SELF: 409,
  CANNOT_REMOVE_OWN_ADMIN: 409,
  // two admins removing each other at once: the second would leave no enabled admin
  LAST_ADMIN: 409,
  // access and storage (issue 16): a document to an application no step expects it for (cancelled,
  // completed, or nobody's step asks for documents now); a quota of uploads or variables reached
  UPLOAD_NOT_EXPECTED: 409,
  QUOTA_EXCEEDED: 413,
  // runtime signals: no current publication declares a signal of that name
  SIGNAL_NOT_DECLARED: 404,
  // the runtime (runtime/errors.ts)
  TASK_ALREADY_COMPLETED: 409,
  TASK_NOT_FOUND: 404,
  TASK_NOT_CLAIMABLE: 409,
  NOT_ALLOWED: 403,
  INSTANCE_NOT_FOUND: 404,
  INSTANCE_NOT_RUNNING: 409,
  PROCESS_NOT_PUBLISHED: 404,
  MESSAGE_NOT_CORRELATED: 404,
  MESSAGE_NOT_ALLOWED: 403,
  HANDLER_FAILED: 500,
  RULE_EVALUATION_FAILED: 500,
  // a signing step completed without the official's passphrase (issue 20)
  SIGNATURE_REQUIRED: 400,
  // the kasir's step (issue 23): the amount received is less than due; no fee computed to pay
  PAYMENT_TOO_LOW: 400,
  PAYMENT_NOTHING_DUE: 409,
  // the rules engine (rules/engine/errors.ts)
  FACTS_INVALID: 400,
  AT_INVALID: 400,
  NO_PERIOD_IN_FORCE: 422,
  DIVISION_BY_ZERO: 422,
  FEE_DUPLICATE: 422,
  TABLE_KEY_MISSING: 422,
  FACT_MISSING: 422,
  FORMULA_INVALID: 422,
  // hardening (issue 16)
  ORIGIN_REFUSED: 403,
  PATTERN_REFUSED: 400,
  PASSWORD_TOO_WEAK: 400,
  INPUT_INVALID: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UPLOAD_INVALID: 400,
  // offices and the trust boundary (issue 16)
  OFFICE_EXISTS: 409,
  OFFICE_NOT_FOUND: 404,
  OFFICE_CONFLICT: 409,
  NUMBER_FORMAT_INVALID: 400,
  LOGO_INVALID: 400,
  SERVICE_NOT_OFFERED: 400,
  VARIABLES_INVALID: 400,
  // cockpit (issue 18)
  CALENDAR_INVALID: 400,
  REASSIGN_TARGET_INVALID: 400,
  TASK_NOT_REASSIGNABLE: 409,
  DELEGATION_INVALID: 400,
  // rules: the facts put the application outside the service's remit (details.reasons)
  NOT_ELIGIBLE: 400,
  // notifications and account recovery (issue 21)
  TEMPLATE_INVALID: 400,
  EVENT_NOT_FOUND: 404,
  RESET_CODE_INVALID: 400,
  // service standard (issue 20)
  STANDARD_CONFLICT: 409,
  // accounts administration
  IDENTITY_INVALID: 400,
  // uploads
  UPLOAD_TOO_LARGE: 413,
  UPLOAD_TYPE_NOT_ALLOWED: 415,
  UPLOAD_TYPE_MISMATCH: 415,
  UPLOAD_EMPTY: 400,
  UPLOAD_NOT_FOUND: 404,
  DOCUMENT_TITLE_REQUIRED: 400,
  // regulation change (issue 19): migrations, background runs, two people for a publication
  MIGRATION_MAPPING_INVALID: 400,
  CHANGE_JOB_NOT_FOUND: 404,
  APPROVAL_NOT_FOUND: 404,
  // one pending approval per document at a time
  APPROVAL_PENDING: 409,
  // the author cannot approve or send back their own submission: that is the second person's
  APPROVAL_SELF: 403,
  // the draft changed after it was submitted: what was approved would not be what is published
  APPROVAL_STALE: 409,
  APPROVAL_DECIDED: 409,
  // reaching the applicant (issue 21)
  TRACKING_NOT_FOUND: 404,
  SURVEY_NOT_FOUND: 404,
  SURVEY_ALREADY_ANSWERED: 409,
  // documents and signing (issue 20)
  DOCUMENT_NOT_FOUND: 404,
  DOCUMENT_NOT_VALID: 409,
  PASSPHRASE_REQUIRED: 400,
  SIGNING_REFUSED: 400,
  SIGNING_UNAVAILABLE: 502,
  OFFICIAL_IDENTITY_MISSING: 409,
} as const satisfies Record<RuntimeErrorCode, number> & Record<string, number>;

/** Every code the product answers with. */
export type ErrorCode = keyof typeof ERROR_STATUS;

const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERROR_STATUS, code);

/** An error of the server's own services (core/coded-error.ts), with a code of the catalogue above. */
export class AppError extends CodedError<ErrorCode> {}

export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

/** Any thrown value with a string `code` known to the catalogue is a domain error. */
export function toHttpError(err: unknown): { status: number; body: ErrorBody } | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string' || !isErrorCode(code)) return undefined;
  const message = (err as { message?: unknown }).message;
  const details = (err as { details?: unknown }).details;
  return {
    status: ERROR_STATUS[code],
    body: { code, message: typeof message === 'string' ? message : code, ...(details === undefined ? {} : { details }) },
  };
}
