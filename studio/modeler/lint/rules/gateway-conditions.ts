import { children, is, type ModdleElement, type Reporter, type RuleFactory } from '../types.js';
import { message } from '../message.js';

/**
 * A deciding gateway (exclusive or inclusive, more than one way out) must say when each way is
 * taken: a condition on every outgoing flow, or one flow marked default. Stricter than
 * bpmnlint's conditional-flows, which stays silent when no flow has a condition at all.
 */
const gatewayConditions: RuleFactory = () => {
  function check(node: ModdleElement, reporter: Reporter): void {
    if (!is(node, 'bpmn:ExclusiveGateway') && !is(node, 'bpmn:InclusiveGateway')) return;
    const outgoing = children(node, 'outgoing');
    if (outgoing.length < 2) return;
    const dflt = node.get('default') as ModdleElement | undefined;
    for (const flow of outgoing) {
      if (flow === dflt || flow.get('conditionExpression')) continue;
      reporter.report(flow.id!, message('Outgoing flow "{flow}" of gateway "{gateway}" has no condition and is not the default', { flow: flow.name ?? flow.id ?? '', gateway: node.name ?? node.id ?? '' }), ['conditionExpression']);
    }
  }
  return { check };
};

export default gatewayConditions;
