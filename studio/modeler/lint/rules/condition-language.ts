import { is, type ModdleElement, type Reporter, type RuleFactory } from '../types.js';

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
          reporter.report(node.id, 'Kondisi harus berisi "all", "any", "not" atau "fact"', ['conditionExpression']);
        }
      } catch {
        reporter.report(node.id, 'Kondisi bukan JSON yang sah', ['conditionExpression']);
      }
    } else if (language) {
      reporter.report(node.id, `Bahasa kondisi "${language}" tidak didukung; gunakan pembuat kondisi`, ['conditionExpression']);
    } else if (!VARIABLE.test(body)) {
      reporter.report(node.id, 'Kondisi tanpa bahasa harus berupa nama variabel', ['conditionExpression']);
    }
  }
  return { check };
};

export default conditionLanguage;
