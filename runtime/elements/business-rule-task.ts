import { applicationDate, NOT_ELIGIBLE } from '../eligibility.js';
import { RuntimeError } from '../errors.js';
import type { Ctx } from '../context.js';
import type { Token } from '../store.js';
import { eventSubProcessFor } from './event-sub-process.js';
import type { Behaviour } from './types.js';

/**
 * Is there an error boundary for NOT_ELIGIBLE on this activity or an enclosing sub-process, or an
 * error event sub-process in a scope around it?
 * Walks the scopes the way Ctx.raiseError does (a multi-instance child's boundaries belong to
 * its multi-instance body, the next token up).
 */
function caught(ctx: Ctx, token: Token): boolean {
  for (let t: Token | undefined = token; t; t = ctx.token(t.scope)) {
    const hit =
      !t.data?.miChild &&
      ctx.node(t.element).boundaries.some((b) => {
        const ev = ctx.node(b).event;
        return ev.type === 'error' && (ev.errorCode === undefined || ev.errorCode === NOT_ELIGIBLE);
      });
    // An error event sub-process of the scope catches it too.
    if (hit || eventSubProcessFor(ctx, t.scope, 'error', NOT_ELIGIBLE)) return true;
  }
  return false;
}

/**
 * Calls the rule evaluator port with the instance variables (with the model's `sop:facts` laid
 * over them) and the application date
 * (`sop:dateVariable`, default the registration date) and stores the whole result in
 * `sop:resultVariable` of the system's results (`variables.sys`). Runs inside the step: a failing evaluation rolls the step back.
 * When the rule set finds the facts ineligible (an officer measured 120 m² on an IMB), the result
 * is stored and the BPMN error NOT_ELIGIBLE is thrown: a business outcome the model catches with
 * an error boundary (the rejection letter). A model that does not catch it has no path for it, so
 * the step is refused instead (400 NOT_ELIGIBLE with the reasons, nothing stored) and the officer
 * can correct the facts.
 */
export const businessRuleTask: Behaviour = {
  async enter(ctx, token) {
    const node = ctx.node(token.element);
    const rules = ctx.rules();
    if (!rules || !node.ruleSet) throw new RuntimeError('RULE_EVALUATION_FAILED', `Tidak ada evaluator aturan untuk "${node.name}"`, { element: node.id });
    // The model's constant facts (`sop:facts`, e.g. the Samsat service) win over the variables:
    // no form an applicant or officer fills in can change them.
    const vars = node.facts ? { ...ctx.vars(token), ...node.facts } : ctx.vars(token);
    const at = applicationDate(ctx.model, vars, ctx.inst.createdAt);
    let result: Awaited<ReturnType<typeof rules.evaluate>>;
    try {
      result = await rules.evaluate(node.ruleSet, vars, at);
    } catch (e) {
      const err = e as { code?: string; message?: string };
      throw new RuntimeError('RULE_EVALUATION_FAILED', `Aturan "${node.ruleSet}" gagal dievaluasi: ${err.message ?? String(e)}`, { element: node.id, cause: err.code });
    }
    if (result.eligible === false) {
      if (!caught(ctx, token)) {
        throw new RuntimeError(NOT_ELIGIBLE, `Layanan tidak tersedia untuk permohonan ini: ${result.reasons.map((r) => r.message).join('; ')}`, { element: node.id, reasons: result.reasons });
      }
      ctx.setResults({ [node.resultVariable ?? `${node.id}Result`]: result as never });
      return ctx.raiseError(token, NOT_ELIGIBLE);
    }
    ctx.setResults({ [node.resultVariable ?? `${node.id}Result`]: result as never });
    ctx.leave(token);
  },
};
