import { RuntimeError } from '../errors.js';
import type { Behaviour } from './types.js';

/** The application's civil date in Asia/Jakarta (UTC+7, no daylight saving). */
function jakartaDate(d: Date): string {
  return new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Calls the rule evaluator port with the instance variables (with the model's `sop:facts` laid
 * over them) and the application date
 * (`sop:dateVariable`, default the registration date) and stores the whole result in
 * `sop:resultVariable` of the system's results (`variables.sys`). Runs inside the step: a failing evaluation rolls the step back.
 */
export const businessRuleTask: Behaviour = {
  async enter(ctx, token) {
    const node = ctx.node(token.element);
    const rules = ctx.rules();
    if (!rules || !node.ruleSet) throw new RuntimeError('RULE_EVALUATION_FAILED', `Tidak ada evaluator aturan untuk "${node.name}"`, { element: node.id });
    // The model's constant facts (`sop:facts`, e.g. the Samsat service) win over the variables:
    // no form an applicant or officer fills in can change them.
    const vars = node.facts ? { ...ctx.vars(token), ...node.facts } : ctx.vars(token);
    const dateVar = ctx.model.dateVariable;
    const raw = dateVar ? vars[dateVar] : undefined;
    const at = typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}/.test(raw) ? raw.slice(0, 10) : jakartaDate(ctx.inst.createdAt);
    let result: unknown;
    try {
      result = await rules.evaluate(node.ruleSet, vars, at);
    } catch (e) {
      const err = e as { code?: string; message?: string };
      throw new RuntimeError('RULE_EVALUATION_FAILED', `Aturan "${node.ruleSet}" gagal dievaluasi: ${err.message ?? String(e)}`, { element: node.id, cause: err.code });
    }
    // A result of the system: no input can write or overwrite it (runtime/inputs.ts).
    ctx.setResults({ [node.resultVariable ?? `${node.id}Result`]: result as never });
    ctx.leave(token);
  },
};
