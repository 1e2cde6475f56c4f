import { attr, children, is, type ModdleElement, type RuleFactory } from '../types.js';
import { message } from '../message.js';

export interface UserTaskRoleConfig {
  /** role keys known to the server; when given, a lane naming another key is reported */
  roles?: string[];
}

/**
 * Every user task must sit in a lane whose `sop:role` names who does it: the runtime routes
 * the task to that role in the instance's office, so a task without one would reach nobody.
 */
const userTaskRole: RuleFactory<UserTaskRoleConfig> = (config = {}) => {
  const known = config.roles && config.roles.length ? new Set(config.roles) : undefined;

  // Leaf lanes hold the flow nodes; parent lanes only group child lanes.
  function collectLanes(laneSets: ModdleElement[], out: ModdleElement[]): void {
    for (const set of laneSets) {
      for (const lane of children(set, 'lanes')) {
        const child = lane.get('childLaneSet') as ModdleElement | undefined;
        if (child && children(child, 'lanes').length) collectLanes([child], out);
        else out.push(lane);
      }
    }
  }

  function check(node: ModdleElement, reporter: { report(id: string, message: string, path?: string[]): void }): void {
    if (!is(node, 'bpmn:Process')) return;
    const lanes: ModdleElement[] = [];
    collectLanes(children(node, 'laneSets'), lanes);

    const laneOf = new Map<string, ModdleElement>();
    for (const lane of lanes) {
      for (const ref of children(lane, 'flowNodeRef')) if (ref.id) laneOf.set(ref.id, lane);
      const role = attr(lane, 'sop:role');
      if (role && known && !known.has(role) && lane.id) {
        reporter.report(lane.id, message('Lane "{lane}" uses an unknown role: {role}', { lane: lane.name ?? lane.id, role }), ['sop:role']);
      }
    }

    // Tasks inside a sub-process belong to the lane of the outermost sub-process around them.
    function visit(container: ModdleElement, inherited: ModdleElement | undefined): void {
      for (const el of children(container, 'flowElements')) {
        const lane = (el.id && laneOf.get(el.id)) || inherited;
        if (is(el, 'bpmn:UserTask') && el.id) {
          if (!lane) reporter.report(el.id, message('A user task must be in a lane that has a role'));
          else if (!attr(lane, 'sop:role')) reporter.report(el.id, message('Lane "{lane}" has no role (sop:role)', { lane: lane.name ?? lane.id ?? '' }));
        }
        if (is(el, 'bpmn:SubProcess')) visit(el, lane);
      }
    }
    visit(node, undefined);
  }

  return { check };
};

export default userTaskRole;
