/**
 * What a step holds in memory once its statement has taken the numbers it stood in for
 * (NumberIssuer.withStep, runtime-step-statement.ts StepNumber): the stand-ins replaced by the
 * numbers the statement answered, in the rows the caller goes on with (the instances' variables
 * its answer shows, the history rows, the notices written after the statement) and in the JSON
 * text the row cache keeps.
 */
import type { StepChanges } from '../../../runtime/store.js';

/** The statement's `issued_numbers` answer: stand-in → number. */
export type IssuedNumbers = Readonly<Record<string, string>>;

export function replaceStandIns(text: string, issued: IssuedNumbers): string {
  let out = text;
  for (const [token, number] of Object.entries(issued)) if (out.includes(token)) out = out.replaceAll(token, number);
  return out;
}

/** Every string in `value` with its stand-ins replaced, arrays and objects changed in place. */
function replaceDeep(value: unknown, issued: IssuedNumbers): unknown {
  if (typeof value === 'string') return replaceStandIns(value, issued);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = replaceDeep(value[i], issued);
  } else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const k of Object.keys(o)) o[k] = replaceDeep(o[k], issued);
  }
  return value;
}

export function putNumbersInPlace(c: StepChanges, issued: IssuedNumbers): void {
  for (const i of [...c.instancesUpdated, ...c.instancesInserted]) replaceDeep(i.variables, issued);
  for (const h of c.history) if (h.details) replaceDeep(h.details, issued);
  for (const n of c.notices) if (n.message !== undefined) n.message = replaceStandIns(n.message, issued);
}
