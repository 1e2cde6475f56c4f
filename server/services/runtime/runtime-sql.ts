import { createRequire } from 'node:module';

/** node-postgres' own conversion of a parameter to the text it sends (not in its typings). */
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils') as { prepareValue(v: unknown): unknown };

/**
 * A value written into a statement's text as a dollar-quoted string constant, so the statement
 * can go in a simple-protocol query together with other statements (a step with its COMMIT).
 *
 * Equivalent to sending it as a parameter: node-postgres sends every parameter as text of
 * unknown type (`prepareValue`), and a quoted constant is text of unknown type too, typed by
 * its context in the same way. A dollar-quoted constant needs no escaping (its tag is chosen
 * so that it does not occur in the value), whatever standard_conforming_strings says.
 * Undefined for what has no text form (binary values).
 */
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
