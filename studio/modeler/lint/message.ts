/**
 * Lint messages are English templates with `{name}` values, like bpmnlint's own: the modeler's
 * translation (studio/modeler/i18n) shows them in the chosen language, and the publish validator
 * answers in Indonesian. Write every rule's message through this, so the template is a literal
 * the dictionary test can list.
 */
export function message(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (values[name] === undefined ? whole : String(values[name])));
}
