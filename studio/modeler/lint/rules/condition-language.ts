import { is, type ModdleElement, type Reporter, type RuleFactory } from '../types.js';

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
      if (slot.required) reporter.report(node.id, 'Event kondisi belum memiliki kondisi', [path]);
      return;
    }
    const body = String(expr.get('body') ?? '').trim();
    const language = String(expr.get('language') ?? '').trim();
    if (language === 'json-rules-engine') {
      try {
        const parsed: unknown = JSON.parse(body);
        if (!parsed || typeof parsed !== 'object' || !('all' in parsed || 'any' in parsed || 'not' in parsed || 'fact' in parsed)) {
          reporter.report(node.id, 'Kondisi harus berisi "all", "any", "not" atau "fact"', [path]);
        }
      } catch {
        reporter.report(node.id, 'Kondisi bukan JSON yang sah', [path]);
      }
    } else if (language) {
      reporter.report(node.id, `Bahasa kondisi "${language}" tidak didukung; gunakan pembuat kondisi`, [path]);
    } else if (!VARIABLE.test(body)) {
      reporter.report(node.id, 'Kondisi tanpa bahasa harus berupa nama variabel', [path]);
    }
  }
  return { check };
};

export default conditionLanguage;
