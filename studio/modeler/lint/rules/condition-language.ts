import { is, type ModdleElement, type Reporter, type RuleFactory } from '../types.js';
import { message } from '../message.js';

const VARIABLE = /^[A-Za-z_][A-Za-z0-9_.]*$/;

/**
 * Conditions are json-rules-engine JSON or a plain boolean variable name; never JavaScript or
 * FEEL (runtime/README.md). Reported while drawing so the publish refusal is no surprise.
 */
const conditionLanguage: RuleFactory = () => {
  function check(node: ModdleElement, reporter: Reporter): void {
    if (!is(node, 'bpmn:SequenceFlow') || !node.id) return;
    const expr = node.get('conditionExpression') as ModdleElement | undefined;
    if (!expr) return;
    const body = String(expr.get('body') ?? '').trim();
    const language = String(expr.get('language') ?? '').trim();
    if (language === 'json-rules-engine') {
      try {
        const parsed: unknown = JSON.parse(body);
        if (!parsed || typeof parsed !== 'object' || !('all' in parsed || 'any' in parsed || 'not' in parsed || 'fact' in parsed)) {
          reporter.report(node.id, message('A condition must contain "all", "any", "not" or "fact"'), ['conditionExpression']);
        }
      } catch {
        reporter.report(node.id, message('The condition is not valid JSON'), ['conditionExpression']);
      }
    } else if (language) {
      reporter.report(node.id, message('Condition language "{language}" is not supported; use the condition builder', { language }), ['conditionExpression']);
    } else if (!VARIABLE.test(body)) {
      reporter.report(node.id, message('A condition without a language must be a variable name'), ['conditionExpression']);
    }
  }
  return { check };
};

export default conditionLanguage;
