import { EVENT_DEFINITION_TYPES, EXECUTABLE_TYPES as CATALOGUE_TYPES } from '../../../../core/bpmn-elements.js';
import { is, type ModdleElement, type Reporter, type RuleFactory } from '../types.js';
import { message } from '../message.js';

/**
 * What the runtime executes (the element catalogue in core/bpmn-elements.ts), plus what CONTRACTS.md allows as drawing only (pools, lanes,
 * annotations, groups, associations, data objects/stores). Anything else would be published
 * and then fail at run time, so it is refused here.
 */
const EXECUTABLE_TYPES = [...CATALOGUE_TYPES, 'bpmn:SequenceFlow'] as const;

const DRAWN_ONLY_TYPES = [
  'bpmn:Participant', 'bpmn:Lane', 'bpmn:LaneSet', 'bpmn:TextAnnotation', 'bpmn:Group', 'bpmn:Association',
  'bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference', 'bpmn:MessageFlow',
] as const;

const SUPPORTED_EVENT_DEFINITIONS = EVENT_DEFINITION_TYPES;

const supported = new Set<string>([...EXECUTABLE_TYPES, ...DRAWN_ONLY_TYPES]);

const supportedElements: RuleFactory = () => {
  function check(node: ModdleElement, reporter: Reporter): void {
    if (!node.id || !is(node, 'bpmn:FlowElement')) return;
    if (!supported.has(node.$type) && node.$type !== 'bpmn:DataObject') {
      reporter.report(node.id, message('Element {type} is not supported by the runtime', { type: node.$type.replace('bpmn:', '') }));
      return;
    }
    if (is(node, 'bpmn:SubProcess') && (node.$type === 'bpmn:Transaction' || node.$type === 'bpmn:AdHocSubProcess')) {
      reporter.report(node.id, message('Element {type} is not supported by the runtime', { type: node.$type.replace('bpmn:', '') }));
    }
    // Definitions given inline and those referenced from the top level (eventDefinitionRef) alike.
    const defs = [node.get('eventDefinitions'), node.get('eventDefinitionRef')].flatMap((d) => (Array.isArray(d) ? (d as ModdleElement[]) : []));
    for (const def of defs) {
      if (!(SUPPORTED_EVENT_DEFINITIONS as readonly string[]).includes(def.$type)) {
        reporter.report(node.id, message('Event type {type} is not supported by the runtime', { type: def.$type.replace('bpmn:', '').replace('EventDefinition', '') }));
      }
    }
    if (is(node, 'bpmn:Activity')) {
      for (const q of ['startQuantity', 'completionQuantity']) {
        const v = node.get(q);
        if (v !== undefined && v !== 1) reporter.report(node.id, message('{attribute} {value} is not supported by the runtime (only 1)', { attribute: q, value: String(v) }));
      }
    }
    // A complex join fires when its activation condition holds (runtime/elements/complex-gateway.ts): without one it cannot.
    const incoming = node.get('incoming');
    if (is(node, 'bpmn:ComplexGateway') && Array.isArray(incoming) && incoming.length > 1 && !node.get('activationCondition')) {
      reporter.report(node.id, message('A complex gateway with several incoming flows needs an activation condition (activationCondition)'));
    }
    const loop = node.get('loopCharacteristics') as ModdleElement | undefined;
    // A standard loop runs (runtime/elements/standard-loop.ts) once something can stop it.
    if (loop && loop.$type === 'bpmn:StandardLoopCharacteristics' && !loop.get('loopCondition') && loop.get('loopMaximum') === undefined) {
      reporter.report(node.id, message('A standard loop needs loopCondition or loopMaximum: without either it never stops'));
    }
  }
  return { check };
};

export default supportedElements;
