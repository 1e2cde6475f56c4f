// Global setup: nothing shared; each test file creates its own databases (test/helpers/db.ts),
// from migrated templates that helper makes once per migration set (test/helpers/db-template.ts).
export default async function setup(): Promise<void> {}
