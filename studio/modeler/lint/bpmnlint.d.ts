// bpmnlint ships CommonJS rules without type declarations.
declare module 'bpmnlint/rules/*' {
  const factory: (config?: unknown) => unknown;
  export default factory;
}
declare module 'bpmnlint' {
  export class Linter {
    constructor(options: { config?: unknown; resolver: unknown });
    lint(root: unknown, config?: unknown): Promise<Record<string, Array<{ id: string; message: string; category: string; path?: string[] }>>>;
  }
}
