/**
 * The runtime's error codes. Errors here are values with a stable code; the server maps each
 * code to HTTP once (server/errors.ts `ERROR_STATUS`, which must cover every one of these).
 */
import { CodedError } from '../core/coded-error.js';

export const RUNTIME_ERROR_CODES = [
  'TASK_ALREADY_COMPLETED',
  'TASK_NOT_FOUND',
  'TASK_NOT_CLAIMABLE',
  'NOT_ALLOWED',
  'MODEL_INVALID',
  'VARIABLES_INVALID',
  'INSTANCE_NOT_FOUND',
  'INSTANCE_NOT_RUNNING',
  'PROCESS_NOT_PUBLISHED',
  'MESSAGE_NOT_CORRELATED',
  'MESSAGE_NOT_ALLOWED',
  'HANDLER_FAILED',
  'RULE_EVALUATION_FAILED',
  // the facts put the application outside the service's remit (a business outcome at start)
  'NOT_ELIGIBLE',
  // a signing step completed without the official's passphrase (issue 20)
  'SIGNATURE_REQUIRED',
  // the kasir's step (issue 23): less than the notas say is due; no nota to pay
  'PAYMENT_TOO_LOW',
  'PAYMENT_NOTHING_DUE',
] as const;

export type RuntimeErrorCode = (typeof RUNTIME_ERROR_CODES)[number];

export class RuntimeError extends CodedError<RuntimeErrorCode> {}

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
