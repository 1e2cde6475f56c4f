/**
 * Lint a BPMN document outside the browser with exactly the studio's rules: used by tests
 * (every processes/*.bpmn), and usable by the server's publish validator.
 */
import { BpmnModdle } from 'bpmn-moddle';
import { Linter } from 'bpmnlint';
import sopDescriptor from '../../../runtime/moddle/sop.json' with { type: 'json' };
import { buildLintConfig, resolver, type LintContext } from './config.js';

export interface LintIssue {
  rule: string;
  category: 'error' | 'warn' | 'info' | 'rule-error';
  element: string;
  message: string;
}

export async function lintXml(xml: string, ctx: LintContext = {}): Promise<LintIssue[]> {
  const moddle = new BpmnModdle({ sop: sopDescriptor });
  const { rootElement } = await moddle.fromXML(xml, 'bpmn:Definitions');
  const linter = new Linter({ config: buildLintConfig(ctx), resolver });
  const results = await linter.lint(rootElement);
  const issues: LintIssue[] = [];
  for (const [rule, reports] of Object.entries(results)) {
    for (const r of reports) {
      issues.push({ rule, category: r.category as LintIssue['category'], element: r.id, message: r.message });
    }
  }
  return issues;
}

export function errorsOnly(issues: LintIssue[]): LintIssue[] {
  return issues.filter((i) => i.category === 'error' || i.category === 'rule-error');
}
