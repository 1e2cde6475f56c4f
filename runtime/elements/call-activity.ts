import type { Variables } from '../conditions.js';
import { SYSTEM_NAMESPACE, systemResults } from '../inputs.js';
import type { Mapping } from '../model/types.js';
import { PAYMENT_RESULT, paymentOf } from '../payment.js';
import type { Behaviour } from './types.js';

/**
 * Variables mapped across a call. A source that is one of the system's results (`variables.sys`,
 * e.g. the fee nota samsat-pembayaran receives) lands among the other side's system results, where
 * no form of that process can write it: passed read-only.
 */
function mapVars(from: Variables, mappings: Mapping[] | undefined): Variables {
  // Without a mapping every variable passes (the SOPs' payment sub-process needs the whole file).
  if (!mappings) return { ...from };
  const results = systemResults(from);
  const out: Variables = {};
  const sys: Variables = {};
  for (const m of mappings) {
    if (m.source in results) sys[m.target] = results[m.source];
    else if (m.source in from && m.source !== SYSTEM_NAMESPACE) out[m.target] = from[m.source];
  }
  if (Object.keys(sys).length > 0) out[SYSTEM_NAMESPACE] = sys;
  return out;
}

/** Merges mapped variables, the system's results into the system's results. */
function setMapped(ctx: Parameters<NonNullable<Behaviour['resume']>>[0], vars: Variables): void {
  const { [SYSTEM_NAMESPACE]: _sys, ...plain } = vars;
  ctx.setVariables(plain);
  const results = systemResults(vars);
  if (Object.keys(results).length > 0) ctx.setResults(results);
}

/**
 * Calls the current publication of `calledElement` as of the call: a child instance in the
 * same office for the same applicant, inputs mapped in; when it completes, outputs map back.
 */
export const callActivity: Behaviour = {
  async enter(ctx, token) {
    const node = ctx.node(token.element);
    ctx.wait(token);
    const child = await ctx.step.startInstance(
      {
        processKey: node.calledElement ?? '',
        office: ctx.inst.office,
        variables: mapVars(ctx.vars(token), node.inputs),
        businessKey: ctx.inst.businessKey,
        applicantUserId: ctx.inst.applicantUserId,
        applicant: ctx.inst.applicant,
        startedBy: ctx.inst.startedBy,
      },
      { instanceId: ctx.inst.id, tokenId: token.id },
    );
    token.data = { ...token.data, childInstanceId: child.inst.id };
  },
  resume(ctx, token, signal) {
    if (signal.type !== 'child-completed') return;
    const node = ctx.node(token.element);
    const out = mapVars(signal.variables, node.outputs);
    if (!token.data?.miChild || !node.multiInstance) setMapped(ctx, out);
    // A payment the called process recorded (the kasir's, runtime/payment.ts) shows in the caller's history too.
    const paid = paymentOf(signal.variables);
    ctx.leave(token, { details: { childInstanceId: token.data?.childInstanceId ?? null, ...(paid ? { [PAYMENT_RESULT]: paid } : {}) }, result: out });
  },
  async cancel(ctx, token, by) {
    const childId = token.data?.childInstanceId;
    if (!childId) return;
    const child = await ctx.step.load(childId);
    if (child && child.inst.status === 'running') await child.endInstance('cancelled', 'parent cancelled', by);
  },
};
