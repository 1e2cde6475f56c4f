import { is, type ModdleElement, type Reporter, type RuleFactory } from '../types.js';
import { message } from '../message.js';

const VARIABLE = /^[A-Za-z_][A-Za-z0-9_.]*$/;

/** The condition an element carries: a flow's, a complex gateway's activation, a conditional event's (must have one). */
function conditionOf(node: ModdleElement): { expr: ModdleElement | undefined; path: string; required: boolean } | undefined {
  if (is(node, 'bpmn:SequenceFlow')) return { expr: node.get('conditionExpression') as ModdleElement | undefined, path: 'conditionExpression', required: false };
  if (is(node, 'bpmn:ComplexGateway')) return { expr: node.get('activationCondition') as ModdleElement | undefined, path: 'activationCondition', required: false };
  const defs = node.get('eventDefinitions');
  const def = Array.isArray(defs) ? (defs as ModdleElement[]).find((d) => d.$type === 'bpmn:ConditionalEventDefinition') : undefined;
  return def ? { expr: def.get('condition') as ModdleElement | undefined, path: 'condition', required: true } : undefined;
}

/**
 * Conditions (on flows, conditional events, complex gateways' activation) are json-rules-engine
 * JSON or a plain boolean variable name; never JavaScript or FEEL (runtime/README.md). Reported
 * while drawing so the publish refusal is no surprise.
 */
const conditionLanguage: RuleFactory = () => {
  function check(node: ModdleElement, reporter: Reporter): void {
    if (!node.id) return;
    const slot = conditionOf(node);
    if (!slot) return;
    const { expr, path } = slot;
    if (!expr) {
      if (slot.required) reporter.report(node.id, message('A conditional event has no condition yet'), [path]);
      return;
    }
    const body = String(expr.get('body') ?? '').trim();
    const language = String(expr.get('language') ?? '').trim();
    if (language === 'json-rules-engine') {
      try {
        const parsed: unknown = JSON.parse(body);
        if (!parsed || typeof parsed !== 'object' || !('all' in parsed || 'any' in parsed || 'not' in parsed || 'fact' in parsed)) {
          reporter.report(node.id, message('A condition must contain "all", "any", "not" or "fact"'), [path]);
        }
      } catch {
        reporter.report(node.id, message('The condition is not valid JSON'), [path]);
      }
    } else if (language) {
      reporter.report(node.id, message('Condition language "{language}" is not supported; use the condition builder', { language }), [path]);
    } else if (!VARIABLE.test(body)) {
      reporter.report(node.id, message('A condition without a language must be a variable name'), [path]);
    }
  }
  return { check };
};

export default conditionLanguage;
