import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

/** An office's working calendar (core/working-time.ts), when an admin has set one. */
export interface OfficeCalendarsTable {
  office: string;
  week: Json<unknown>;
  holidays: Json<unknown>;
  updated_by: string;
  updated_at: Timestamp;
}

/** An officer's post handed to a colleague of the same role for a date range (Asia/Jakarta, inclusive). */
export interface DelegationsTable {
  id: Generated<number>;
  role: string;
  office: string;
  from_user: string;
  to_user: string;
  starts_on: ColumnType<string, string, string>;
  ends_on: ColumnType<string, string, string>;
  reason: string | null;
  created_by: string;
  created_at: Generated<Date>;
}

export interface CockpitTables {
  office_calendars: OfficeCalendarsTable;
  delegations: DelegationsTable;
}
