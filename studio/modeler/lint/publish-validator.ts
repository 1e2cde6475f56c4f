/**
 * The store's content validator for processes, built on the studio's own lint rules so that
 * what the canvas shows while drawing is exactly what refuses a publish. Structurally typed
 * against server/services/store/content-validation.ts (studio/ does not import server/); the server
 * registers it: `registerContentValidator('process', createLintValidator(loadLintContext))`.
 * The rules speak English templates; the API answers in Bahasa Indonesia (the modeler's dictionary).
 */
import { lintXml, type LintIssue } from './node.js';
import type { LintContext } from './config.js';
import { modelerTranslate } from '../i18n/translate.js';

interface Issue { code: string; message: string; element?: string }
interface ValidationContext<Db> { phase: 'draft' | 'publish'; key: string; db: Db }

function toIssue(i: LintIssue): Issue {
  return { code: `LINT_${i.rule.replace(/^.*\//, '').replace(/-/g, '_').toUpperCase()}`, message: `${modelerTranslate('id', i.message)} (${i.rule})`, element: i.element };
}

export function createLintValidator<Db>(loadContext: (db: Db) => Promise<LintContext>) {
  return {
    async validate(content: string, ctx: ValidationContext<Db>): Promise<{ errors: Issue[]; warnings: Issue[] }> {
      const issues = await lintXml(content, await loadContext(ctx.db));
      const errors = issues.filter((i) => i.category === 'error' || i.category === 'rule-error').map(toIssue);
      const warnings = issues.filter((i) => i.category === 'warn' || i.category === 'info').map(toIssue);
      // A draft may be incomplete while it is being drawn: its lint errors are warnings until publish.
      return ctx.phase === 'publish' ? { errors, warnings } : { errors: [], warnings: [...errors, ...warnings] };
    },
  };
}
