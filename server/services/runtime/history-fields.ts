/**
 * The words for the variables an application's history names (issue 23): an officer's measurement
 * replacing the applicant's declared value is shown as "Panjang reklame (meter) 2 → 6", not
 * "lengthMeters 2 → 6". A variable's label is its declaration's title: a form of the model
 * (`sop:form`), else the facts of a rule set the model evaluates (the fee facts an officer enters).
 */
import type { Kysely } from 'kysely';
import type { HistoryField } from '../../../contracts/runtime.js';
import { modelInputs } from '../../../runtime/inputs.js';
import type { ProcessModel } from '../../../runtime/model/types.js';
import type { Database } from '../../db/index.js';
import { ruleSetService } from '../store/rules.js';

type Schema = Record<string, unknown>;

/** The names of the variables the history's details mention (what a step changed). */
export function namedVariables(details: readonly unknown[]): string[] {
  const out = new Set<string>();
  for (const raw of details) {
    const d = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { corrected?: unknown } | null;
    const c = d?.corrected;
    if (c && typeof c === 'object' && !Array.isArray(c)) for (const k of Object.keys(c)) out.add(k);
  }
  return [...out];
}

function fieldOf(name: string, schema: Schema | undefined): HistoryField {
  const title = typeof schema?.title === 'string' && schema.title.trim() ? schema.title.trim() : name;
  const out: HistoryField = { label: title };
  if (typeof schema?.type === 'string') out.type = schema.type;
  if (Array.isArray(schema?.oneOf)) {
    const options: Record<string, string> = {};
    for (const o of schema.oneOf as Schema[]) if (o && (typeof o.const === 'string' || typeof o.const === 'number') && typeof o.title === 'string') options[String(o.const)] = o.title;
    if (Object.keys(options).length > 0) out.options = options;
  }
  return out;
}

/** Each name's label and type from the model's declarations (its forms first, then its rule sets' facts). */
export async function historyFields(db: Kysely<Database>, model: ProcessModel, names: readonly string[]): Promise<Record<string, HistoryField>> {
  if (names.length === 0) return {};
  const inputs = modelInputs(model);
  const out: Record<string, HistoryField> = {};
  const open = names.filter((n) => {
    const d = inputs.declared.get(n);
    if (d && typeof d.title === 'string') out[n] = fieldOf(n, d);
    return !(n in out);
  });
  if (open.length > 0) {
    const rules = ruleSetService(db);
    const facts = await Promise.all(inputs.ruleSets.map((k) => rules.factSchema(k)));
    for (const n of open) out[n] = fieldOf(n, facts.find((f) => f?.[n])?.[n] ?? inputs.declared.get(n));
  }
  return out;
}
