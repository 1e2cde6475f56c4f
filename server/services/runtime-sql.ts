import { createRequire } from 'node:module';
import type { CompiledQuery } from 'kysely';

/** node-postgres' own conversion of a parameter to the text it sends (not in its typings). */
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils') as { prepareValue(v: unknown): unknown };

/**
 * A compiled statement with its `$n` parameters written into the text as dollar-quoted string
 * constants, so it can go in a simple-protocol query together with other statements.
 *
 * Equivalent to the parameterised statement: node-postgres sends every parameter as text of
 * unknown type (`prepareValue`), and a quoted constant is text of unknown type too, typed by
 * its context in the same way. A dollar-quoted constant needs no escaping (its tag is chosen
 * so that it does not occur in the value), whatever standard_conforming_strings says.
 * Returns undefined for what has no text form (binary parameters): use the parameters then.
 * Only for SQL our own code composed: `$n` must not occur in it other than as a placeholder.
 */
export function inlineParameters(q: CompiledQuery): string | undefined {
  const values: string[] = [];
  for (const p of q.parameters) {
    const v = literal(p);
    if (v === undefined) return undefined;
    values.push(v);
  }
  return q.sql.replace(/\$(\d+)/g, (_, n: string) => values[Number(n) - 1]);
}

/** One value as the constant inlineParameters writes for it (undefined: it has no text form). */
export function literal(p: unknown): string | undefined {
  const v: unknown = prepareValue(p);
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'string') return dollarQuote(v);
  return undefined;
}

function dollarQuote(v: string): string {
  let tag = '$q$';
  for (let i = 0; v.includes(tag.slice(0, -1)); i++) tag = `$q${i}$`;
  return `${tag}${v}${tag}`;
}
