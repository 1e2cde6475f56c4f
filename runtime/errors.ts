/**
 * The runtime's error catalogue. The server maps `code` to HTTP once (server/errors.ts, which
 * server/services/runtime.ts registers these with); here errors are values with a stable code.
 */
export const RUNTIME_ERROR_STATUS = {
  TASK_ALREADY_COMPLETED: 409,
  TASK_NOT_FOUND: 404,
  TASK_NOT_CLAIMABLE: 409,
  NOT_ALLOWED: 403,
  MODEL_INVALID: 400,
  VARIABLES_INVALID: 400,
  INSTANCE_NOT_FOUND: 404,
  INSTANCE_NOT_RUNNING: 409,
  PROCESS_NOT_PUBLISHED: 404,
  MESSAGE_NOT_CORRELATED: 404,
  MESSAGE_NOT_ALLOWED: 403,
  HANDLER_FAILED: 500,
  RULE_EVALUATION_FAILED: 500,
  // the facts put the application outside the service's remit (a business outcome at start)
  NOT_ELIGIBLE: 400,
  // a signing step completed without the official's passphrase (issue 20)
  SIGNATURE_REQUIRED: 400,
} as const;

export type RuntimeErrorCode = keyof typeof RUNTIME_ERROR_STATUS;

export class RuntimeError extends Error {
  readonly code: RuntimeErrorCode;
  readonly details: unknown;
  constructor(code: RuntimeErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'RuntimeError';
    this.code = code;
    this.details = details;
  }
}

/**
 * A business outcome raised by a handler or an error end event (BPMN error): caught by an
 * error boundary event with the same code, never retried. Distinct from a technical failure.
 */
export class BpmnError extends Error {
  readonly errorCode: string;
  constructor(errorCode: string, message?: string) {
    super(message ?? errorCode);
    this.name = 'BpmnError';
    this.errorCode = errorCode;
  }
}
