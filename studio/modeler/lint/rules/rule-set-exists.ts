import { attr, is, type ModdleElement, type Reporter, type RuleFactory } from '../types.js';

export interface RuleSetExistsConfig {
  /** rule-set keys in the store; when absent only presence is checked */
  ruleSets?: string[];
}

/** A business rule task evaluates a rule set from the store: it must name one that exists. */
const ruleSetExists: RuleFactory<RuleSetExistsConfig> = (config = {}) => {
  const known = config.ruleSets ? new Set(config.ruleSets) : undefined;
  function check(node: ModdleElement, reporter: Reporter): void {
    if (is(node, 'bpmn:Process') && node.id) {
      const req = attr(node, 'sop:requirementsRuleSet');
      if (req && known && !known.has(req)) reporter.report(node.id, `Aturan persyaratan "${req}" tidak ada di pustaka`, ['sop:requirementsRuleSet']);
      return;
    }
    if (!is(node, 'bpmn:BusinessRuleTask') || !node.id) return;
    const key = attr(node, 'sop:ruleSet');
    if (!key) reporter.report(node.id, `Tugas aturan bisnis "${node.name ?? node.id}" belum memilih aturan (sop:ruleSet)`, ['sop:ruleSet']);
    else if (known && !known.has(key)) reporter.report(node.id, `Aturan "${key}" tidak ada di pustaka`, ['sop:ruleSet']);
    if (!attr(node, 'sop:resultVariable')) reporter.report(node.id, `Tugas aturan bisnis "${node.name ?? node.id}" belum menamai variabel hasil`, ['sop:resultVariable']);
  }
  return { check };
};

export default ruleSetExists;
