/**
 * The process variables a model defines, for the condition builder's suggestions: the fields of
 * every form (`sop:form` inline JSON Schema, the start's and each step's), each rule task's
 * `sop:resultVariable`, a call activity's `sop:outputs`, a multi-instance `sop:elementVariable`,
 * and the variables the model's other conditions already decide on (`berkasLengkap`).
 * A form given by key (not inline) names no fields here.
 */
import type { BusinessObject } from '../properties/bpmn-element.js';

function schemaFields(schema: unknown, out: Set<string>): void {
  if (!schema || typeof schema !== 'object') return;
  const s = schema as Record<string, unknown>;
  if (s.properties && typeof s.properties === 'object') for (const k of Object.keys(s.properties)) out.add(k);
  for (const key of ['if', 'then', 'else']) schemaFields(s[key], out);
  for (const key of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(s[key])) for (const sub of s[key] as unknown[]) schemaFields(sub, out);
}

function formFields(form: string, out: Set<string>): void {
  if (!form.trim().startsWith('{')) return;
  try {
    const parsed = JSON.parse(form) as Record<string, unknown>;
    schemaFields('schema' in parsed ? parsed.schema : parsed, out);
  } catch {
    // a broken form is lint's to report; it names no variables
  }
}

function conditionFacts(node: unknown, out: Set<string>): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) return node.forEach((n) => conditionFacts(n, out));
  const c = node as Record<string, unknown>;
  if (typeof c.fact === 'string') out.add(c.fact);
  for (const key of ['all', 'any', 'not']) conditionFacts(c[key], out);
}

const text = (bo: BusinessObject, attr: string) => {
  const v = bo.get(attr);
  return typeof v === 'string' ? v : '';
};

function visit(bo: BusinessObject, out: Set<string>): void {
  formFields(text(bo, 'sop:form'), out);
  const result = text(bo, 'sop:resultVariable');
  if (result) out.add(result);
  // "target=source, other": the caller's variables are the names left of "=" (or the name itself)
  for (const part of text(bo, 'sop:outputs').split(',')) {
    const name = part.split('=')[0]!.trim();
    if (name) out.add(name);
  }
  const loop = bo.get('loopCharacteristics') as BusinessObject | undefined;
  if (loop) {
    const element = text(loop, 'sop:elementVariable');
    if (element) out.add(element);
  }
  const cond = (bo.get('conditionExpression') ?? bo.get('condition')) as BusinessObject | undefined;
  const body = cond ? text(cond, 'body') : '';
  if (body.trim().startsWith('{')) {
    try {
      conditionFacts(JSON.parse(body), out);
    } catch {
      // not JSON: lint reports it
    }
  }
  for (const def of (bo.get('eventDefinitions') as BusinessObject[] | undefined) ?? []) visit(def, out);
  for (const child of (bo.get('flowElements') as BusinessObject[] | undefined) ?? []) visit(child, out);
}

/** Every variable of the definitions' processes, sorted. */
export function modelVariables(definitions: BusinessObject): string[] {
  const out = new Set<string>();
  for (const root of (definitions.get('rootElements') as BusinessObject[] | undefined) ?? []) if (root.$type === 'bpmn:Process') visit(root, out);
  return [...out].sort((a, b) => a.localeCompare(b));
}
