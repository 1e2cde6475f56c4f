import { attr, is, type ModdleElement, type Reporter, type RuleFactory } from '../types.js';
import { message } from '../message.js';

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
      if (req && known && !known.has(req)) reporter.report(node.id, message('Requirement rule set "{key}" is not in the library', { key: req }), ['sop:requirementsRuleSet']);
      return;
    }
    if (!is(node, 'bpmn:BusinessRuleTask') || !node.id) return;
    const key = attr(node, 'sop:ruleSet');
    if (!key) reporter.report(node.id, message('Business rule task "{task}" has no rule set (sop:ruleSet)', { task: node.name ?? node.id ?? '' }), ['sop:ruleSet']);
    else if (known && !known.has(key)) reporter.report(node.id, message('Rule set "{key}" is not in the library', { key }), ['sop:ruleSet']);
    if (!attr(node, 'sop:resultVariable')) reporter.report(node.id, message('Business rule task "{task}" has no result variable', { task: node.name ?? node.id ?? '' }), ['sop:resultVariable']);
  }
  return { check };
};

export default ruleSetExists;
