import type { CockpitTables } from './tables/cockpit.js';
import type { DocumentsTables } from './tables/documents.js';
import type { FoundationTables } from './tables/foundation.js';
import type { RuntimeTables } from './tables/runtime.js';
import type { WorkspaceTables } from './tables/workspace.js';

/** The whole database, composed from each part's own tables. */
export interface Database extends FoundationTables, RuntimeTables, WorkspaceTables, CockpitTables, DocumentsTables {}
