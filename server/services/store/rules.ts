import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { perDatabase } from '../../db/per-database.js';
import { AppError } from '../../errors.js';
import { compileRuleSet, eligibilityFacts, evaluateCompiled, inspectRuleSet, publishIssues, runRuleSetTests, type CompiledRuleSet, type Lang, type TestOutcome } from '../../../rules/engine/index.js';
import type { EvaluationResult, Facts, IneligibleReason, RuleEvaluator } from '../../../rules/port.js';
import type { Issue } from './content-validation.js';
import { todayInJakarta } from '../offices/dates.js';
import { toIssue } from './ruleset-validator.js';
import { publicationCache, readPublicationInForce } from '../runtime/publication-cache.js';
import { getDraft, getPublication } from './store.js';

/**
 * Evaluates published rule sets with compiled engines cached per (key, publication). Before a
 * cached engine is used, one indexed query reads the number of the publication in force, so a
 * publish on another server process is seen at once and only that key is recompiled.
 */
export class RuleSetService implements RuleEvaluator {
  private readonly cache = new Map<string, CompiledRuleSet>();

  constructor(private readonly db: Kysely<Database>) {}

  /** The compiled publication in force today (the periods inside it are picked by `at`). */
  async compiled(key: string, conn: Kysely<Database> = this.db): Promise<CompiledRuleSet> {
    const day = todayInJakarta();
    // Which publication is in force: kept by this server on PostgreSQL while it hears every
    // publication (publication-cache.ts); otherwise one indexed query.
    const n = await publicationCache(this.db).inForce('ruleset', key, day, () => readPublicationInForce(conn, 'ruleset', key, day));
    const row = n === undefined ? undefined : { n };
    if (!row) throw new AppError('RULESET_NOT_FOUND', `Aturan ${key} belum diterbitkan`, { key });
    const cached = this.cache.get(key);
    if (cached && cached.publication === row.n) return cached;
    const publication = await getPublication(conn, 'ruleset', key, row.n);
    const compiled = compileRuleSet(JSON.parse(publication.content), { publication: row.n });
    this.cache.set(key, compiled);
    return compiled;
  }

  /**
   * `conn`: the transaction of the step that asks (a business rule task), so the lookup runs
   * on that step's connection; on PGlite, with its single connection, anything else would wait
   * for the step itself to finish.
   */
  async evaluate(key: string, facts: Facts, at?: string, conn?: Kysely<Database>, lang?: Lang): Promise<EvaluationResult> {
    return evaluateCompiled(await this.compiled(key, conn), facts, at, lang);
  }

  /**
   * The start's eligibility check (RuleEvaluator.reasons): only sets with `ineligible` rules are
   * evaluated; facts the set cannot take yet (FACTS_INVALID, e.g. a required fee fact entered at a
   * later step) are no objection here: the business rule task decides when they are there.
   */
  async reasons(key: string, facts: Facts, at?: string, conn?: Kysely<Database>): Promise<IneligibleReason[]> {
    const compiled = await this.compiled(key, conn);
    if (!compiled.doc.versions.some((p) => p.rules.some((r) => r.event.type === 'ineligible'))) return [];
    try {
      return evaluateCompiled(compiled, facts, at).reasons;
    } catch (e) {
      if ((e as { code?: unknown }).code === 'FACTS_INVALID') return [];
      throw e;
    }
  }

  /** The facts the set in force's `ineligible` rules read (required at an application's start). */
  async eligibilityFacts(key: string, conn?: Kysely<Database>): Promise<string[]> {
    return eligibilityFacts((await this.compiled(key, conn)).doc);
  }

  /**
   * The facts' property schemas of `key`: from the cached compilation when there is one (no query:
   * a step's input check runs on every completion; the evaluation itself checks the facts again on
   * the publication in force), else compiled now on `conn`.
   */
  async factSchema(key: string, conn?: Kysely<Database>): Promise<Record<string, Record<string, unknown>> | undefined> {
    const compiled = this.cache.get(key) ?? (await this.compiled(key, conn).catch(() => undefined));
    const facts = (compiled?.doc as { facts?: { properties?: Record<string, Record<string, unknown>> } } | undefined)?.facts;
    return facts?.properties;
  }

  /** Which publication of `key` is cached (tests and diagnostics). */
  cachedPublication(key: string): number | undefined {
    return this.cache.get(key)?.publication ?? undefined;
  }

  invalidate(key: string): void {
    this.cache.delete(key);
  }
}

/** One evaluator (and cache) per database handle: the routes and the runtime share it. */
export const ruleSetService = perDatabase((db) => new RuleSetService(db));

export interface DraftTestReport {
  ok: boolean;
  passed: number;
  failed: number;
  /** everything that would refuse publication: validation errors, failed tests, untested periods */
  issues: Issue[];
  warnings: Issue[];
  outcomes: Array<
    Omit<TestOutcome, 'result'> & { fees?: Array<{ code: string; amount: string }>; total?: string; documents?: string[]; decisions?: Record<string, unknown>; eligible?: boolean; reasons?: string[] }
  >;
}

/** Runs a draft's test cases (the saved draft, or a document the studio has not saved yet). */
export async function testRuleSetDraft(db: Kysely<Database>, key: string, document?: unknown): Promise<DraftTestReport> {
  const doc: unknown = document ?? JSON.parse((await getDraft(db, 'ruleset', key)).content);
  const report = inspectRuleSet(doc);
  const warnings = report.warnings.map(toIssue);
  if (!report.compiled) return { ok: false, passed: 0, failed: 0, issues: report.errors.map(toIssue), warnings, outcomes: [] };
  const gate = publishIssues(report.compiled);
  const run = gate.run.outcomes.length ? gate.run : runRuleSetTests(report.compiled);
  return {
    ok: gate.issues.length === 0,
    passed: run.passed,
    failed: run.failed,
    issues: gate.issues.map(toIssue),
    warnings,
    outcomes: run.outcomes.map(({ result, ...o }) => ({
      ...o,
      ...(result
        ? {
            fees: result.fees.map((f) => ({ code: f.code, amount: f.amount, label: f.label })),
            total: result.total,
            documents: result.documents.map((d) => d.code),
            decisions: result.decisions,
            eligible: result.eligible,
            reasons: result.reasons.map((r) => r.code),
          }
        : {}),
    })),
  };
}
