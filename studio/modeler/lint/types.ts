/**
 * The small slice of bpmnlint's rule API our rules use. Rules are plain ES modules so the
 * same code runs in the browser (bpmn-js-bpmnlint) and in Node (lintXml for tests/CI).
 */
export interface ModdleElement {
  id?: string;
  name?: string;
  $type: string;
  $parent?: ModdleElement;
  $instanceOf(type: string): boolean;
  get(name: string): unknown;
  [key: string]: unknown;
}

export interface Reporter {
  report(id: string, message: string, path?: string[]): void;
}

export interface RuleDefinition {
  check: ((node: ModdleElement, reporter: Reporter) => void) | { enter?: (node: ModdleElement, reporter: Reporter) => boolean | void; leave?: (node: ModdleElement, reporter: Reporter) => void };
  meta?: { documentation?: { url?: string } };
}

export type RuleFactory<C = Record<string, unknown>> = (config?: C) => RuleDefinition;

export function is(node: ModdleElement | undefined, type: string): boolean {
  return !!node && typeof node.$instanceOf === 'function' && node.$instanceOf(type);
}

export function children(node: ModdleElement, prop: string): ModdleElement[] {
  const v = node.get(prop);
  return Array.isArray(v) ? (v as ModdleElement[]) : [];
}

export function attr(node: ModdleElement, name: string): string | undefined {
  const v = node.get(name);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}
