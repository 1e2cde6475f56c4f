/**
 * The server's side of the runtime's input boundary (runtime/inputs.ts): a start's inputs checked
 * against its model (and start form), and the processes an office offers. Kept out of runtime.ts
 * so the completion path there stays as it is: a completion's check runs inside the engine, in
 * memory, against the cached model.
 */
import type { Kysely } from 'kysely';
import type { Variables } from '../../../runtime/conditions.js';
import { resolveForm } from '../../../runtime/forms.js';
import { acceptInputs } from '../../../runtime/inputs.js';
import type { ProcessModel } from '../../../runtime/model/types.js';
import type { Database } from '../../db/index.js';
import { engineFor } from './runtime-engine.js';
import { ruleSetService } from '../store/rules.js';

/** The variables a start stores (`applicant`: the applicant starts it themselves); VARIABLES_INVALID when anything else was sent. */
export async function startInputs(db: Kysely<Database>, model: ProcessModel, variables: unknown, applicant = false): Promise<Variables> {
  const startForm = model.startEvents.map((id) => model.nodes[id]?.form).find((f) => f !== undefined);
  const form = startForm ? await resolveForm(startForm, engineFor(db).options.forms) : undefined;
  const rules = ruleSetService(db);
  const { stored } = await acceptInputs(model, { form, applicant }, variables, (key) => rules.factSchema(key));
  return stored;
}

