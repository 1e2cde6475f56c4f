import { attr, is, type ModdleElement, type Reporter, type RuleFactory } from '../types.js';

const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

/** The SOP's "Waktu" column becomes each user task's due time: it must be there and be ISO 8601. */
const userTaskSla: RuleFactory = () => {
  function check(node: ModdleElement, reporter: Reporter): void {
    if (!is(node, 'bpmn:Activity') || !node.id) return;
    const duration = attr(node, 'sop:duration');
    if (is(node, 'bpmn:UserTask') && !duration) {
      reporter.report(node.id, `Tugas "${node.name ?? node.id}" belum memiliki waktu SOP (sop:duration)`, ['sop:duration']);
    } else if (duration && !ISO_DURATION.test(duration)) {
      reporter.report(node.id, `Waktu SOP "${duration}" bukan durasi ISO 8601 (mis. PT5M, PT1H, P1D)`, ['sop:duration']);
    }
  }
  return { check };
};

export default userTaskSla;
