import { addDuration } from '../../core/duration.js';
import { becameTrue } from './conditional.js';
import type { Behaviour } from './types.js';
import { mergeTriggered } from './types.js';

/**
 * A boundary event happens on its activity (`occur`: a timer, message, signal, escalation, condition or error of the
 * activity's token): an interrupting one cancels the activity first; a non-interrupting
 * timer cycle re-arms itself while repetitions are left. Its own token then only goes on.
 */
export const boundaryEvent: Behaviour = {
  enter(ctx, token) {
    mergeTriggered(ctx, token);
    ctx.leave(token);
  },
  async occur(ctx, activity, boundary, variables) {
    if (boundary.cancelActivity) {
      await ctx.cancelToken(activity, 'interrupted');
    } else if (boundary.event.type === 'timer' && boundary.event.timer.type === 'cycle') {
      const timer = boundary.event.timer;
      const left = activity.data?.cycles?.[boundary.id] ?? (timer.repetitions ?? Infinity) - 1;
      if (left > 0) {
        activity.data = { ...activity.data, cycles: { ...activity.data?.cycles, [boundary.id]: left - 1 } };
        ctx.scheduleJob(activity, boundary.id, 'timer', addDuration(ctx.now, timer.duration));
      }
    }
    const t = ctx.newToken(boundary.id, activity.scope, null);
    t.data = { triggered: { variables } };
    ctx.arrive(t);
  },
  // A conditional boundary happens when its condition becomes true while the activity runs
  // (true already when the activity starts: at once); a non-interrupting one each time it does.
  watch(ctx, activity, boundary) {
    if (boundary.event.type !== 'conditional' || !becameTrue(ctx, activity, boundary.id, boundary.event.condition)) return false;
    ctx.step.push(async () => {
      if (ctx.inst.tokens.includes(activity)) await boundaryEvent.occur?.(ctx, activity, boundary, {});
    });
    return true;
  },
};
