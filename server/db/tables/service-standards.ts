import type { ColumnType } from 'kysely';

type Json<T> = ColumnType<T, string, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Editable components of a service's standard (migration 0019). */
export interface ServiceStandardsTable {
  process_key: string;
  components: Json<unknown>;
  revision: number;
  updated_by: string;
  updated_at: Timestamp;
}

export interface ServiceStandardTables {
  service_standards: ServiceStandardsTable;
}
