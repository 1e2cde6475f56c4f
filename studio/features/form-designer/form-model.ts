/**
 * The form designer's model: a list of fields ⇄ the JSON Schema + UI schema stored on a user
 * task (`sop:form` as inline JSON `{"schema":…,"uiSchema":…}`), rendered by @rjsf/mui.
 */
import { FIELD_MARK, isFieldMark, type FieldMark } from '../../../core/form-fields.js';

export const FIELD_TYPES = ['text', 'number', 'money', 'date', 'choice', 'yesno', 'file', 'checklist'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FormField {
  name: string;
  label: string;
  type: FieldType;
  required: boolean;
  /** choice and checklist: the options */
  options: string[];
  /** what the field is to the application: the applicant's identity or the permit's object (core/form-fields.ts) */
  mark?: FieldMark;
}

export interface JsonSchemaObject {
  type: 'object';
  required?: string[];
  properties: Record<string, Record<string, unknown>>;
}
export interface StoredForm {
  schema: JsonSchemaObject;
  uiSchema: Record<string, Record<string, unknown>>;
}

function fieldSchema(f: FormField): { schema: Record<string, unknown>; ui?: Record<string, unknown> } {
  const title = f.label || f.name;
  switch (f.type) {
    case 'text': return { schema: { type: 'string', title } };
    case 'number': return { schema: { type: 'number', title } };
    // Money is whole rupiah: an integer, shown with the Rp prefix by the workspace.
    case 'money': return { schema: { type: 'integer', title, minimum: 0 }, ui: { 'ui:options': { money: true }, 'ui:placeholder': 'Rp' } };
    case 'date': return { schema: { type: 'string', format: 'date', title } };
    case 'choice': return { schema: { type: 'string', title, enum: f.options } };
    case 'yesno': return { schema: { type: 'boolean', title }, ui: { 'ui:widget': 'radio' } };
    case 'file': return { schema: { type: 'string', title, format: 'data-url' }, ui: { 'ui:widget': 'file', 'ui:options': { upload: true } } };
    case 'checklist': return { schema: { type: 'array', title, items: { type: 'string', enum: f.options }, uniqueItems: true }, ui: { 'ui:widget': 'checkboxes', 'ui:options': { documentChecklist: true } } };
  }
}

export function fieldsToForm(fields: FormField[]): StoredForm {
  const schema: JsonSchemaObject = { type: 'object', properties: {} };
  const uiSchema: StoredForm['uiSchema'] = {};
  const required: string[] = [];
  for (const f of fields) {
    if (!f.name) continue;
    const { schema: s, ui } = fieldSchema(f);
    schema.properties[f.name] = f.mark ? { ...s, [FIELD_MARK]: f.mark } : s;
    if (ui) uiSchema[f.name] = ui;
    if (f.required) required.push(f.name);
  }
  if (required.length) schema.required = required;
  (uiSchema as Record<string, unknown>)['ui:order'] = fields.map((f) => f.name).filter(Boolean);
  return { schema, uiSchema };
}

function typeOf(s: Record<string, unknown>, ui: Record<string, unknown> | undefined): FieldType {
  const opts = (ui?.['ui:options'] ?? {}) as Record<string, unknown>;
  if (s.type === 'integer' && opts.money) return 'money';
  if (s.type === 'number' || s.type === 'integer') return 'number';
  if (s.type === 'boolean') return 'yesno';
  if (s.type === 'array') return 'checklist';
  if (s.format === 'date') return 'date';
  if (s.format === 'data-url' || ui?.['ui:widget'] === 'file') return 'file';
  if (Array.isArray(s.enum)) return 'choice';
  return 'text';
}

/** Fields for a stored form; undefined when `sop:form` is a form key or not our shape. */
export function formToFields(value: string): FormField[] | undefined {
  if (!value.trim()) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  const form = parsed as Partial<StoredForm>;
  if (!form.schema || form.schema.type !== 'object' || typeof form.schema.properties !== 'object') return undefined;
  const required = new Set(form.schema.required ?? []);
  return Object.entries(form.schema.properties).map(([name, s]) => {
    const ui = form.uiSchema?.[name];
    const type = typeOf(s, ui);
    const items = (s.items ?? {}) as Record<string, unknown>;
    const options = (Array.isArray(s.enum) ? s.enum : Array.isArray(items.enum) ? items.enum : []).map(String);
    const mark = s[FIELD_MARK];
    return { name, label: typeof s.title === 'string' ? s.title : name, type, required: required.has(name), options, ...(isFieldMark(mark) ? { mark } : {}) };
  });
}
