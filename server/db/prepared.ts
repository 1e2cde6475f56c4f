import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * Statements run on every request (the session lookup, the task read of a completion) cost
 * PostgreSQL more to parse and plan than to execute (measured: ~125 µs planning against ~40 µs
 * executing). Registered here, their text is sent as a NAMED statement: each pooled connection
 * parses and plans it once and afterwards only binds and executes it.
 *
 * Transparent to kysely: execute them as `CompiledQuery.raw(TEXT, params)` with the registered
 * string, and the pool's client (PreparingClient) adds the name. On PGlite the dialect does the
 * same (dialects/pglite-prepared.ts).
 * A connection pooler in transaction mode (PgBouncer) would need its prepared-statement
 * support switched on; a direct PostgreSQL connection needs nothing.
 */
const nameByText = new Map<string, string>();

/** Registers `text` (with $n parameters) as the named statement `name`; returns the text to execute. */
export function preparedStatement(name: string, text: string): string {
  const known = nameByText.get(text);
  if (known !== undefined && known !== name) throw new Error(`statement already registered as ${known}`);
  nameByText.set(text, name);
  return text;
}

/**
 * A statement whose text follows the shape of its data (a runtime step: how many tasks it
 * closed and opened…): named by a hash of its text, so the few shapes real models produce are
 * each parsed and planned once per connection. Past MAX_SHAPES (a model with an unusual
 * fan-out) a new shape is sent unnamed.
 *
 * A constant that a partial index's predicate names (`status = 'open'`) must be written into the
 * text (kysely: `sql.lit`), not sent as a parameter: a generic plan cannot prove the predicate
 * from `$1`, so PostgreSQL would either plan the statement anew on every call or skip the index.
 */
const MAX_SHAPES = 256;
let shapes = 0;
export function shapedStatement(prefix: string, text: string): string {
  if (nameByText.has(text) || shapes >= MAX_SHAPES) return text;
  shapes++;
  return preparedStatement(`${prefix}_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`, text);
}

/** The name `text` was registered under, if it was (PGlite's dialect sends those by name too). */
export function registeredName(text: string): string | undefined {
  return nameByText.get(text);
}

/** The pg client of our pool: a registered statement text with parameters goes out by name. */
export class PreparingClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    // An own property rather than an override: query()'s many typed overloads cannot be restated.
    const query = this.query.bind(this) as (...args: unknown[]) => unknown;
    Object.defineProperty(this, 'query', {
      value: (...args: unknown[]) => {
        if (args.length === 2 && typeof args[0] === 'string' && Array.isArray(args[1])) {
          const name = nameByText.get(args[0]);
          if (name !== undefined) return query({ name, text: args[0], values: args[1] });
        }
        return query(...args);
      },
    });
  }
}
