/** Schema pieces every part of the API shares: the error answer, paging, ids. */
import { Type, type Static } from '@sinclair/typebox';

/** The one error shape of every 4xx/5xx answer: `{code, message, details?}`. */
export const ErrorBody = Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) });
export type ErrorBody = Static<typeof ErrorBody>;

/** The error answers every authenticated route may give. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  413: ErrorBody,
  428: ErrorBody,
  429: ErrorBody,
} as const;

/** A `204 No Content` answer: no body (`reply.send()`), documented as JSON Schema's `null`. */
export const NoContent = Type.Unsafe<undefined>({ type: 'null' });

/** A publish or save check's finding (lint, schema). */
export const Issue = Type.Object({ code: Type.Optional(Type.String()), message: Type.Optional(Type.String()), path: Type.Optional(Type.String()), element: Type.Optional(Type.String()) });
export type Issue = Static<typeof Issue>;

/** `:id` of a runtime row (application, task). */
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

/** `limit` and `offset` of a paged list. */
export const paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, default: 0 })),
};
