import type { ColumnType } from 'kysely';

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

export interface CockpitTables {
  office_calendars: OfficeCalendarsTable;
}
