import type { Variables } from '../conditions.js';
import type { Mapping } from '../model/types.js';
import type { Behaviour } from './types.js';

function mapVars(from: Variables, mappings: Mapping[] | undefined): Variables {
  // Without a mapping every variable passes (the SOPs' payment sub-process needs the whole file).
  if (!mappings) return { ...from };
  const out: Variables = {};
  for (const m of mappings) if (m.source in from) out[m.target] = from[m.source];
  return out;
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
    if (!token.data?.miChild || !node.multiInstance) ctx.setVariables(out);
    ctx.leave(token, { details: { childInstanceId: token.data?.childInstanceId ?? null }, result: out });
  },
  async cancel(ctx, token, by) {
    const childId = token.data?.childInstanceId;
    if (!childId) return;
    const child = await ctx.step.load(childId);
    if (child && child.inst.status === 'running') await child.endInstance('cancelled', 'parent cancelled', by);
  },
};
