// Runtime tables (instances, tokens, tasks, jobs, history): owned by the runtime.
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface RuntimeTables {}
