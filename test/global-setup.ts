// Global setup: nothing shared yet; per-file helpers create their own databases.
export default async function setup(): Promise<void> {}
