/**
 * The documents of a requirement rule set (rules/README.md: `document` events with a code and a
 * label), in the order of its latest period, for the properties panel's document picker.
 */
import type { PickerOption } from './sop-context.js';

interface RuleSetLike {
  versions: Array<{ effectiveFrom: string; rules: Array<{ event: { type: string; params?: Record<string, unknown> } }> }>;
}

export function requirementDocuments(doc: RuleSetLike): PickerOption[] {
  const latest = [...doc.versions].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
  const out = new Map<string, PickerOption>();
  for (const rule of latest?.rules ?? []) {
    const p = rule.event.params ?? {};
    if (rule.event.type !== 'document' || typeof p.code !== 'string' || out.has(p.code)) continue;
    out.set(p.code, { value: p.code, label: typeof p.label === 'string' && p.label ? p.label : p.code });
  }
  return [...out.values()];
}
