import { addDuration } from '../duration.js';
import type { Behaviour } from './types.js';
import { mergeTriggered } from './types.js';

/**
 * A boundary event happens on its activity (`occur`: a timer, message or error of the
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
};
