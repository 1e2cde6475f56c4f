import { jakartaDate } from '../core/calendar-date.js';
import { RuntimeError } from './errors.js';
import type { Variables } from './conditions.js';
import type { ProcessModel } from './model/types.js';
import type { EvaluationResult, RuleEvaluator } from './rules-port.js';

/** The BPMN error code a business rule task throws when its rule set finds the facts ineligible. */
export const NOT_ELIGIBLE = 'NOT_ELIGIBLE';

/** The date rule sets are evaluated on: the model's `sop:dateVariable`, else the registration date. */
export function applicationDate(model: ProcessModel, vars: Variables, createdAt: Date): string {
  const raw = model.dateVariable ? vars[model.dateVariable] : undefined;
  return typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}/.test(raw) ? raw.slice(0, 10) : jakartaDate(createdAt);
}

export type IneligibleReason = EvaluationResult['reasons'][number];

const isBlank = (v: unknown) => v === undefined || v === null || v === '';

/**
 * The facts that decide the office's remit (those its requirement set's `ineligible` rules read:
 * Kaloran IMB's floor area and storeys, HO's area, workers and form of business, TDP's capital)
 * belong to the start: without them a 120 m² building would start as if within the remit, since
 * a missing fact never fires a rule. Missing → VARIABLES_INVALID naming each, nothing written.
 * A set that is not published (a draft model's) cannot be asked: its task decides later.
 */
async function requireRemitFacts(model: ProcessModel, vars: Variables, rules: RuleEvaluator | undefined): Promise<void> {
  if (!model.requirementsRuleSet || !rules?.eligibilityFacts) return;
  const facts = await rules.eligibilityFacts(model.requirementsRuleSet).catch(() => [] as string[]);
  const missing = facts.filter((f) => isBlank(vars[f]));
  if (missing.length === 0) return;
  throw new RuntimeError('VARIABLES_INVALID', `Isian wajib untuk memeriksa kewenangan layanan belum diisi: ${missing.join(', ')}`, {
    paths: missing.map((f) => `/${f}`),
    errors: missing.map((f) => ({ path: `/${f}`, message: 'wajib diisi (menentukan apakah layanan ini kewenangan kantor)' })),
  });
}

/**
 * At the start of an application: every rule set the model evaluates (its requirement set and
 * the sets of its business rule tasks) is asked about the facts the start carries. A set the
 * start cannot answer yet (its required facts come at a later step, or it is not published) is
 * skipped: eligibility is then decided by the business rule task when the facts are entered.
 * Any reason found refuses the start, before anything is written.
 */
export async function refuseIneligibleStart(model: ProcessModel, vars: Variables, createdAt: Date, rules: RuleEvaluator | undefined): Promise<void> {
  await requireRemitFacts(model, vars, rules);
  if (!rules?.reasons) return;
  // each set with the facts its task lays over the variables (`sop:facts`), as the task will ask it
  const asks = new Map<string, { key: string; facts?: Variables }>();
  if (model.requirementsRuleSet) asks.set(model.requirementsRuleSet, { key: model.requirementsRuleSet });
  for (const node of Object.values(model.nodes)) {
    if (node.kind !== 'businessRuleTask' || !node.ruleSet) continue;
    if (node.facts) asks.set(`${node.ruleSet} ${JSON.stringify(node.facts)}`, { key: node.ruleSet, facts: node.facts as Variables });
    else asks.set(node.ruleSet, { key: node.ruleSet });
  }
  if (asks.size === 0) return;
  const at = applicationDate(model, vars, createdAt);
  const reasons: Array<IneligibleReason & { ruleSet: string }> = [];
  for (const { key, facts } of asks.values()) {
    let found: IneligibleReason[];
    try {
      found = await rules.reasons(key, facts ? { ...vars, ...facts } : vars, at);
    } catch {
      // not published (a draft model's set), or another failure: the task that uses the set decides
      continue;
    }
    for (const r of found) if (!reasons.some((x) => x.code === r.code)) reasons.push({ ...r, ruleSet: key });
  }
  if (reasons.length > 0) {
    throw new RuntimeError(NOT_ELIGIBLE, `Layanan tidak tersedia untuk permohonan ini: ${reasons.map((r) => r.message).join('; ')}`, { reasons });
  }
}
