import type { CockpitTables } from './tables/cockpit.js';
import type { DocumentsTables } from './tables/documents.js';
import type { FoundationTables } from './tables/foundation.js';
import type { NotifyTables } from './tables/notify.js';
import type { RuntimeTables } from './tables/runtime.js';
import type { WorkspaceTables } from './tables/workspace.js';
import type { ReachTables } from './tables/reach.js';
import type { RegchangeTables } from './tables/regchange.js';
import type { ServiceStandardTables } from './tables/service-standards.js';

/** The whole database, composed from each part's own tables. */
export interface Database extends FoundationTables, RuntimeTables, WorkspaceTables, CockpitTables, NotifyTables, ReachTables, RegchangeTables, ServiceStandardTables, DocumentsTables {}
