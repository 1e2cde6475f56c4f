/** bpmn-js-bpmnlint's `linting.completed` issues (id → reports) flattened for lists. */
export interface LintItem {
  element: string;
  rule: string;
  category: 'error' | 'warn' | 'info';
  message: string;
}

type Reports = Record<string, Array<{ id?: string; message: string; category: string; rule?: string }>>;

export function flattenLintIssues(issues: Reports): LintItem[] {
  const out: LintItem[] = [];
  for (const [element, reports] of Object.entries(issues)) {
    for (const r of reports) {
      const category = r.category === 'error' || r.category === 'rule-error' ? 'error' : r.category === 'warn' ? 'warn' : 'info';
      out.push({ element: r.id ?? element, rule: r.rule ?? '', category, message: r.message });
    }
  }
  return out.sort((a, b) => (a.category === b.category ? a.element.localeCompare(b.element) : a.category === 'error' ? -1 : 1));
}
