import { sql, type RawBuilder } from 'kysely';
import { searchKey } from '../../../core/search-key.js';

/** The typed key as a LIKE pattern that matches anywhere (core/search-key.ts; only letters and digits remain, so nothing to escape). */
export function searchPattern(typed: string): string | null {
  const key = searchKey(typed);
  return key ? `%${key}%` : null;
}

/** `column`'s value in the search form (upper case, letters and digits only) LIKE the pattern. */
export function keyMatches(column: string, pattern: string): RawBuilder<boolean> {
  return sql<boolean>`regexp_replace(upper(${sql.ref(column)}), '[^A-Z0-9]', '', 'g') like ${pattern}`;
}
