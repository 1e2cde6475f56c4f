// Packages without type declarations, typed as narrowly as our code uses them.
declare module 'bpmn-js-differ' {
  export function diff(a: unknown, b: unknown): unknown;
}
