/**
 * The managers' cockpit: office working calendars, delegations, supervisors' actions and the
 * analytics (routes/cockpit.ts). The analytics answers are also sent as CSV / XLSX files
 * (`?format=`), so on the wire they stay open objects (`ReportOrFile`), typed by the schemas here.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, ReportOrFile, StringEnum } from './schema.js';

const day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
const NullableNumber = () => Nullable(Type.Number());

/** `:key` of an office whose calendar. */
export const CalendarParams = Type.Object({ key: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

/** Opening hours of one day (Asia/Jakarta), or null: closed. */
const DayHours = Nullable(
  Type.Object(
    { open: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }), close: Type.String({ pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' }) },
    { additionalProperties: false },
  ),
);
export const Holiday = Type.Object(
  {
    date: day,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: StringEnum(['libur-nasional', 'cuti-bersama', 'libur-lokal']),
    /** entered by hand from memory of the decree, to be checked by an admin */
    assumption: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);
export type Holiday = Static<typeof Holiday>;
/** index 0 = Sunday … 6 = Saturday */
const Week = Type.Array(DayHours, { minItems: 7, maxItems: 7 });
const Holidays = Type.Array(Holiday, { maxItems: 1000 });

/** A calendar as an admin sends it (PUT /api/admin/offices/:key/calendar). */
export const CalendarBody = Type.Object({ week: Week, holidays: Holidays }, { additionalProperties: false });
export type CalendarBody = Static<typeof CalendarBody>;
/** An office's calendar; `custom` false: its agency's default; `tasksUpdated`: open tasks whose due time a change moved. */
export const OfficeCalendar = Type.Object({
  office: Type.String(),
  week: Week,
  holidays: Holidays,
  custom: Type.Boolean(),
  updatedBy: Nullable(Type.String()),
  updatedAt: Nullable(Type.String()),
  tasksUpdated: Type.Optional(Type.Integer()),
});
export type OfficeCalendar = Static<typeof OfficeCalendar>;

/** POST /api/tasks/:id/reassign: to whom. */
export const ReassignBody = Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

/** A post (role × office) handed to a colleague for a range of days. */
export const Delegation = Type.Object({
  id: Type.Integer(),
  role: Type.String(),
  office: Type.String(),
  from: Type.String(),
  to: Type.String(),
  startsOn: Type.String(),
  endsOn: Type.String(),
  reason: Nullable(Type.String()),
  createdBy: Type.String(),
  createdAt: Type.String(),
});
export type Delegation = Static<typeof Delegation>;
/** POST /api/delegations; `from`: whose post, default the caller. */
export const NewDelegation = Type.Object(
  {
    role: Type.String({ minLength: 1, maxLength: 64 }),
    office: Type.String({ minLength: 1, maxLength: 64 }),
    from: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    to: Type.String({ minLength: 1, maxLength: 64 }),
    startsOn: day,
    endsOn: day,
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type NewDelegation = Static<typeof NewDelegation>;
export const DelegationParams = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

/** Which process, offices, days and publication the analytics cover; `format` csv|xlsx for the tables. */
export const AnalyticsQuery = Type.Object(
  {
    process: Type.String({ minLength: 1, maxLength: 128 }),
    office: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    from: Type.Optional(day),
    to: Type.Optional(day),
    publication: Type.Optional(Type.Integer({ minimum: 1 })),
    format: Type.Optional(StringEnum(['json', 'csv', 'xlsx'])),
  },
  { additionalProperties: false },
);
export type AnalyticsFilter = Omit<Static<typeof AnalyticsQuery>, 'format'>;
export const StepParams = Type.Object({ elementId: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false });

/** The filter as applied (offices: those the caller may see, or all; the days default to the last 30). */
const Filter = Type.Object({
  process: Type.String(),
  offices: Type.Unsafe<string[] | 'all'>({ description: 'office keys, or "all"' }),
  from: Type.String(),
  to: Type.String(),
  publication: Nullable(Type.Integer()),
});

export const Overview = Type.Object({
  filter: Filter,
  publication: Nullable(Type.Integer()),
  started: Type.Integer(),
  completed: Type.Integer(),
  open: Type.Integer(),
  cycleSeconds: Type.Object({ p50: NullableNumber(), p90: NullableNumber() }),
  sopTotalSeconds: NullableNumber(),
  onTimeRate: NullableNumber(),
  backlog: Type.Array(Type.Object({ bucket: Type.String(), n: Type.Integer() })),
  throughput: Type.Array(Type.Object({ week: Type.String(), completed: Type.Integer() })),
  decisions: Type.Array(
    Type.Object({
      elementId: Type.String(),
      name: Type.String(),
      total: Type.Integer(),
      flows: Type.Array(Type.Object({ flowId: Type.String(), name: Type.String(), n: Type.Integer(), rate: NullableNumber() })),
    }),
  ),
});
export type Overview = Static<typeof Overview>;

const HeatTask = Type.Object({
  elementId: Type.String(),
  name: Type.String(),
  completed: Type.Integer(),
  open: Type.Integer(),
  lateOpen: Type.Integer(),
  breachRate: NullableNumber(),
  p50Seconds: NullableNumber(),
  p90Seconds: NullableNumber(),
  slaSeconds: NullableNumber(),
});
export type HeatTask = Static<typeof HeatTask>;
export const Heatmap = Type.Object({
  filter: Filter,
  publication: Nullable(Type.Integer()),
  tasks: Type.Array(HeatTask),
  flows: Type.Array(Type.Object({ flowId: Type.String(), name: Type.String(), n: Type.Integer() })),
});
export type Heatmap = Static<typeof Heatmap>;

export const Workload = Type.Object({
  filter: Filter,
  posts: Type.Array(Type.Object({ role: Type.String(), office: Type.String(), open: Type.Integer(), late: Type.Integer() })),
  officers: Type.Array(Type.Object({ officer: Type.String(), role: Type.String(), office: Type.String(), completed: Type.Integer(), avgSeconds: NullableNumber() })),
});
export type Workload = Static<typeof Workload>;

export const StepDetail = Type.Object({
  filter: Filter,
  elementId: Type.String(),
  n: Type.Integer(),
  p50Seconds: NullableNumber(),
  p90Seconds: NullableNumber(),
  buckets: Type.Array(Type.Object({ fromSeconds: Type.Number(), toSeconds: Type.Number(), n: Type.Integer() })),
  slowestOpen: Type.Array(
    Type.Object({
      taskId: Type.String(),
      instanceId: Type.String(),
      businessKey: Nullable(Type.String()),
      office: Type.String(),
      role: Type.String(),
      createdAt: Type.String(),
      dueAt: Nullable(Type.String()),
      claimedBy: Nullable(Type.String()),
      claimedByUsername: Nullable(Type.String()),
      reassignable: Type.Boolean(),
    }),
  ),
});
export type StepDetail = Static<typeof StepDetail>;

const exported = { description: 'JSON, or the tables as CSV / XLSX with ?format=csv|xlsx (filters in the file)' };
export const OverviewAnswer = ReportOrFile<typeof Overview>(exported);
export const HeatmapAnswer = ReportOrFile<typeof Heatmap>(exported);
export const WorkloadAnswer = ReportOrFile<typeof Workload>(exported);
export const StepDetailAnswer = ReportOrFile<typeof StepDetail>(exported);
