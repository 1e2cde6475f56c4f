/**
 * An error that is a value: a stable code, a human message, optional structured details. The rules
 * engine, the runtime and the server each narrow the code to their own catalogue; the server maps
 * every code to HTTP once (server/errors.ts).
 */
export class CodedError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly details: unknown;
  constructor(code: Code, message: string, details?: unknown) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}
