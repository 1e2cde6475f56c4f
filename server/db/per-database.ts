import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * One `T` per database handle, made on first use: caches and services that belong to a database
 * (publication numbers, sessions and rows are only meaningful within one), so two servers built on
 * different databases in one process (the tests) never share them.
 */
export function perDatabase<T>(make: (db: Kysely<Database>) => T): (db: Kysely<Database>) => T {
  const made = new WeakMap<Kysely<Database>, T>();
  return (db) => {
    let t = made.get(db);
    if (t === undefined) {
      t = make(db);
      made.set(db, t);
    }
    return t;
  };
}
