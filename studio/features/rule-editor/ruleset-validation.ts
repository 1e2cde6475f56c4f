/** Live schema check of a rule-set document in the browser, with the build-time compiled validator. */
import validate from 'virtual:ruleset-schema-validator';

export interface SchemaIssue { path: string; message: string }

export function validateRuleSet(doc: unknown): SchemaIssue[] {
  if (validate(doc)) return [];
  return (validate.errors ?? [])
    // oneOf/anyOf repeat the branch errors; the specific lines are enough.
    .filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf')
    .slice(0, 50)
    .map((e) => {
      const p = e.params as { missingProperty?: string; additionalProperty?: string };
      const detail = p.missingProperty ? `: ${p.missingProperty}` : p.additionalProperty ? `: ${p.additionalProperty}` : '';
      return { path: e.instancePath || '/', message: `${e.message ?? e.keyword}${detail}` };
    });
}
