import type { Kysely } from 'kysely';
import { Engine } from '../../../runtime/engine.js';
import { defaultFormatOf } from '../../../core/numbering.js';
import type { Database } from '../../db/index.js';
import { perDatabase } from '../../db/per-database.js';
import { calendarCache } from '../offices/calendars.js';
import { raiseNotices } from '../notifications/notification-notices.js';
import { publicationCache } from './publication-cache.js';
import { ruleSetService } from '../store/rules.js';
import { RuntimeRowCache } from './runtime-row-cache.js';
import { KyselyRuntimeStore } from './runtime-store.js';

/** One engine per database handle (outside a step, its rule evaluator reads that database). */
export const engineFor = perDatabase((db) => {
  const rules = ruleSetService(db);
  const calendars = calendarCache(db);
  return new Engine({
    rules: { evaluate: (key, facts, at) => rules.evaluate(key, facts, at), factSchema: (key) => rules.factSchema(key), reasons: (key, facts, at) => rules.reasons(key, facts, at), eligibilityFacts: (key) => rules.eligibilityFacts(key) },
    workingTime: (office) => calendars.get(office),
  });
});

/**
 * The runtime store of one step on `conn` (the step's transaction, or the database itself for an
 * optimistic step): rule lookups made on the step's behalf go through `conn` too, so the step sees
 * its own snapshot, and on PGlite's single connection a read through the outer handle does not wait
 * forever for the step to end.
 */
export function stepStore(db: Kysely<Database>, conn: Kysely<Database>, opts: ConstructorParameters<typeof KyselyRuntimeStore>[1]): KyselyRuntimeStore {
  const rules = ruleSetService(db);
  const offices = calendarCache(db);
  return new KyselyRuntimeStore(conn, {
    numberFormat: (office, kind) => {
      const known = offices.office(office);
      return known ? (known.numbering[kind] ?? defaultFormatOf(kind)) : undefined;
    },
    ...opts,
    cache: rowCacheFor(db),
    publications: publicationCache(db),
    notices: raiseNotices,
    rules: {
      evaluate: (key, facts, at) => rules.evaluate(key, facts, at, conn),
      factSchema: (key) => rules.factSchema(key, conn),
      reasons: (key, facts, at) => rules.reasons(key, facts, at, conn),
      eligibilityFacts: (key) => rules.eligibilityFacts(key, conn),
    },
  });
}


/** One row cache per database handle: the rows this server's optimistic steps last wrote. */
export const rowCacheFor = perDatabase(() => new RuntimeRowCache());
