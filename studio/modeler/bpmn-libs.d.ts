// Packages without type declarations, typed as narrowly as our code uses them.
declare module 'bpmn-js-differ' {
  export function diff(a: unknown, b: unknown): unknown;
}
declare module '@bpmn-io/properties-panel/preact' {
  export function h(type: unknown, props?: Record<string, unknown> | null, ...children: unknown[]): unknown;
  export const options: { vnode?: (vnode: { type: unknown; props: Record<string, unknown> | null }) => void };
}
declare module '@bpmn-io/properties-panel' {
  export const SelectEntry: unknown;
  export const TextFieldEntry: unknown;
  export const TextAreaEntry: unknown;
  export const isSelectEntryEdited: unknown;
  export const isTextFieldEntryEdited: unknown;
  export const isTextAreaEntryEdited: unknown;
  export const CollapsibleEntry: unknown;
  export const FeelEntry: unknown;
  export const FeelTextAreaEntry: unknown;
  export const Group: unknown;
  export const Header: unknown;
  export const JsonEditorEntry: unknown;
  export const ListEntry: unknown;
  export const ListGroup: unknown;
  export const ListItem: unknown;
}
declare module 'bpmn-js-properties-panel' {
  export function useService(name: string): unknown;
  export const BpmnPropertiesPanelModule: import('didi').ModuleDeclaration;
  export const BpmnPropertiesProviderModule: import('didi').ModuleDeclaration;
}
declare module 'bpmn-js-bpmnlint' {
  const module: import('didi').ModuleDeclaration;
  export default module;
}
declare module 'bpmn-js-token-simulation' {
  const module: import('didi').ModuleDeclaration;
  export default module;
}
declare module 'virtual:ruleset-schema-validator' {
  interface AjvError { instancePath: string; keyword: string; message?: string; params: Record<string, unknown> }
  const validate: ((data: unknown) => boolean) & { errors?: AjvError[] | null };
  export default validate;
}
