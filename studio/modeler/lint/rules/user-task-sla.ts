import { parseDuration } from '../../../../core/duration.js';
import { attr, is, type ModdleElement, type Reporter, type RuleFactory } from '../types.js';
import { message } from '../message.js';

/** The SOP's "Waktu" column becomes each user task's due time: it must be there and be ISO 8601. */
const userTaskSla: RuleFactory = () => {
  function check(node: ModdleElement, reporter: Reporter): void {
    if (!is(node, 'bpmn:Activity') || !node.id) return;
    const duration = attr(node, 'sop:duration');
    if (is(node, 'bpmn:UserTask') && !duration) {
      reporter.report(node.id, message('Task "{task}" has no SOP time (sop:duration)', { task: node.name ?? node.id ?? '' }), ['sop:duration']);
    } else if (duration && !parseDuration(duration)) {
      reporter.report(node.id, message('SOP time "{duration}" is not an ISO 8601 duration (e.g. PT5M, PT1H, P1D)', { duration }), ['sop:duration']);
    }
  }
  return { check };
};

export default userTaskSla;
