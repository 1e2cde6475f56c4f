import { applicationDate, NOT_ELIGIBLE } from '../eligibility.js';
import { RuntimeError } from '../errors.js';
import type { Ctx } from '../context.js';
import type { EvaluationResult } from '../rules-port.js';
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
/**
 * What the application keeps of an evaluation, and its trace. The instance's variables are read
 * and written whole at every later step, so they keep the nota (facts, fees, total, the rule set's
 * publication and period) and not the trace of every rule tried (half of SOP 02's variables), nor
 * the period's assumption notes (they are in the publication it names): the trace is written once,
 * in this step's history entry, where an auditor asking "why this fee" reads it.
 */
type RuleSetRef = EvaluationResult['ruleSet'];
type KeptEvaluation = Omit<EvaluationResult, 'trace' | 'ruleSet'> & { ruleSet: Omit<RuleSetRef, 'period'> & { period: Omit<RuleSetRef['period'], 'assumptionNotes'> } };

function split(result: EvaluationResult): { kept: KeptEvaluation; trace: EvaluationResult['trace'] } {
  const { trace, ...rest } = result;
  // (an evaluator port may answer without a rule set reference: kept as it came)
  if (!rest.ruleSet?.period) return { kept: rest, trace };
  const { assumptionNotes: _notes, ...period } = rest.ruleSet.period;
  return { kept: { ...rest, ruleSet: { ...rest.ruleSet, period } }, trace };
}

export const businessRuleTask: Behaviour = {
  async enter(ctx, token) {
    const node = ctx.node(token.element);
    const rules = ctx.rules();
    if (!rules || !node.ruleSet) throw new RuntimeError('RULE_EVALUATION_FAILED', `Tidak ada evaluator aturan untuk "${node.name}"`, { element: node.id });
    // The model's constant facts (`sop:facts`, e.g. the Samsat service) win over the variables:
    // no form an applicant or officer fills in can change them.
    const vars = node.facts ? { ...ctx.vars(token), ...node.facts } : ctx.vars(token);
    const at = applicationDate(ctx.model, vars, ctx.inst.createdAt);
    let result: EvaluationResult;
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
      // Kept whole: the rejection's path is short, and its reasons are what the letter states.
      ctx.setResults({ [node.resultVariable ?? `${node.id}Result`]: result as never });
      return ctx.raiseError(token, NOT_ELIGIBLE);
    }
    const { kept, trace } = split(result);
    // when it was computed: a later computation by the same rule set (B.3 after the SK) replaces it on the documents
    ctx.setResults({ [node.resultVariable ?? `${node.id}Result`]: { ...kept, computedAt: ctx.now.toISOString() } as never });
    ctx.leave(token, { details: { trace } as never });
  },
};
