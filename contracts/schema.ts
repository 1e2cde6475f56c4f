/**
 * Builders for the JSON Schema forms our contracts use that TypeBox does not emit by itself.
 * They keep the wire schema exactly as it was written by hand (`type: [t, 'null']`, a string
 * `enum`, an open object) rather than TypeBox's `anyOf` forms: fastify's serializer tries each
 * branch of an `anyOf` in turn, and the OpenAPI page would change.
 */
import { Type, type Static, type TSchema, type TUnsafe, type SchemaOptions } from '@sinclair/typebox';

/** `{type: [t, 'null'], …}`: the schema, or null. */
export function Nullable<T extends TSchema & { type: string }>(schema: T): TUnsafe<Static<T> | null> {
  // entries, not a spread: TypeBox's own symbol keys stay behind (the copy is no longer a T)
  const copy: Record<string, unknown> = Object.fromEntries(Object.entries(schema));
  return Type.Unsafe<Static<T> | null>({ ...copy, type: [schema.type, 'null'] });
}

/** `{type: 'string', enum: [...]}`: one of these words. */
export function StringEnum<const V extends readonly string[]>(values: V, options: SchemaOptions = {}): TUnsafe<V[number]> {
  return Type.Unsafe<V[number]>({ ...options, type: 'string', enum: [...values] });
}

/** `{type: 'object', additionalProperties: true}`: any JSON object (variables, facts, free-form input). */
export function OpenObject(options: SchemaOptions = {}): TUnsafe<Record<string, unknown>> {
  return Type.Unsafe<Record<string, unknown>>({ ...options, type: 'object', additionalProperties: true });
}

/**
 * The same open object in an answer whose shape is its service's (the task page's context, a
 * rule's trace): typed `object`, which any of the server's result types is.
 */
export function OpenAnswer(options: SchemaOptions = {}): TUnsafe<object> {
  return Type.Unsafe<object>({ ...options, type: 'object', additionalProperties: true });
}

/**
 * An answer the route also sends as a file (`?format=csv|xlsx`): on the wire the open object it
 * always was (serialized as it is, nothing dropped), typed as the report `T` (which documents it)
 * or the file's bytes or text, which fastify sends as they are. Clients read the JSON as `Static<T>`.
 */
export function ReportOrFile<T extends TSchema>(options: SchemaOptions = {}): TUnsafe<Static<T> | Uint8Array | string> {
  return Type.Unsafe<Static<T> | Uint8Array | string>({ ...options, type: 'object', additionalProperties: true });
}

/** Bytes the route sends itself (a PDF, an image): documented as a binary string, never serialized by fastify. */
export function Binary(options: SchemaOptions = {}): TUnsafe<Uint8Array> {
  return Type.Unsafe<Uint8Array>({ ...options, type: 'string', format: 'binary' });
}
