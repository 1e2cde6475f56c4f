// Workspace tables (uploads, notifications): owned by the workspace.
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface WorkspaceTables {}
