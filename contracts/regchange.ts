/**
 * Regulation change: "Dampak" of a draft and the migration of running applications, both
 * background runs started by POST (202 `{id}`) and polled by GET (routes/regchange.ts); and the
 * two-person approval of a publication (its `Approval` is contracts/store.ts's). The server's
 * patterns (`KEY_PATTERN`, `DATE_PATTERN`) are passed in.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Approval } from './store.js';
import { Nullable, OpenAnswer, StringEnum } from './schema.js';

export const JobParams = (keyPattern: string) =>
  Type.Object({ key: Type.String({ pattern: keyPattern }), id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
/** `?limit`: how many items of a run, the largest first; `max`: the default. */
export const JobQuery = (byDefault: number) => Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 5000, default: byDefault }) }, { additionalProperties: false });

/** 202: the run is queued; poll it by its id. */
export const Started = Type.Object({ id: Type.String() });
export type Started = Static<typeof Started>;

export const JobStatus = StringEnum(['queued', 'running', 'done', 'failed']);
export type JobStatus = Static<typeof JobStatus>;
/**
 * A background run as its poll answers. `result` and `items` are what the run's kind writes
 * (below: RuleImpactResult/Item, ProcessImpactResult, MigrationResult/Item); on the wire open objects.
 */
export const JobAnswer = Type.Object({
  id: Type.String(),
  status: JobStatus,
  progress: Type.Number({ minimum: 0, maximum: 1 }),
  total: Nullable(Type.Integer()),
  createdBy: Type.Optional(Type.String()),
  createdAt: Type.Optional(Type.String({ format: 'date-time' })),
  finishedAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
  error: Nullable(Type.String()),
  params: Type.Optional(OpenAnswer()),
  result: Type.Unsafe<Record<string, unknown> | null>({ type: ['object', 'null'], additionalProperties: true }),
  counts: Type.Optional(Type.Unsafe<Record<string, number>>({ type: 'object', additionalProperties: { type: 'integer' } })),
  items: Type.Array(OpenAnswer()),
});
/** A run whose result and items are typed by its kind. */
export type Job<R, I> = Omit<Static<typeof JobAnswer>, 'result' | 'items'> & { result: R | null; items: I[] };

const money = Type.String({ description: 'whole rupiah, decimal' });
const ImpactLine = Type.Object({ code: Type.String(), label: Type.String(), before: Nullable(Type.String()), after: Nullable(Type.String()) });
/** Dampak of a rule-set draft, per application. */
export const RuleImpactItem = Type.Object({
  instanceId: Type.String(),
  status: StringEnum(['changed', 'unchanged', 'failed']),
  reason: Type.Optional(Type.String()),
  businessKey: Nullable(Type.String()),
  office: Type.String(),
  open: Type.Boolean(),
  assessedTotal: money,
  totalBefore: money,
  totalAfter: money,
  difference: money,
  eligibleBefore: Type.Boolean(),
  eligibleAfter: Type.Boolean(),
  evaluations: Type.Array(Type.Object({ variable: Type.String(), lines: Type.Array(ImpactLine) })),
});
export type RuleImpactItem = Static<typeof RuleImpactItem>;
export const RuleImpactResult = Type.Object({
  asOf: Type.String(),
  since: Type.String(),
  publication: Nullable(Type.Integer()),
  applications: Type.Integer(),
  changed: Type.Integer(),
  unchanged: Type.Integer(),
  failed: Type.Integer(),
  eligibilityChanged: Type.Integer(),
  totalBefore: money,
  totalAfter: money,
  difference: money,
});
export type RuleImpactResult = Static<typeof RuleImpactResult>;
/** Dampak of a process draft: open applications on steps the draft removes or changes. */
export const ProcessImpactResult = Type.Object({
  open: Type.Integer(),
  affected: Type.Integer(),
  byElement: Type.Array(
    Type.Object({ elementId: Type.String(), name: Type.String(), change: StringEnum(['removed', 'changed']), kinds: Type.Array(Type.String()), instances: Type.Integer() }),
  ),
});
export type ProcessImpactResult = Static<typeof ProcessImpactResult>;
export const MigrationResult = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  dryRun: Type.Boolean(),
  ok: Type.Integer(),
  moved: Type.Integer(),
  blocked: Type.Integer(),
  failed: Type.Integer(),
});
export type MigrationResult = Static<typeof MigrationResult>;
export const MigrationItem = Type.Object({
  instanceId: Type.String(),
  businessKey: Nullable(Type.String()),
  office: Nullable(Type.String()),
  status: StringEnum(['ok', 'blocked', 'moved', 'failed']),
  reason: Type.Optional(Type.String()),
});
export type MigrationItem = Static<typeof MigrationItem>;

/** POST /api/rulesets/:key/impact: the draft's date to evaluate at, and how far back to look. */
export const RuleImpactBody = (datePattern: string) =>
  Type.Object({ asOf: Type.Optional(Type.String({ pattern: datePattern })), since: Type.Optional(Type.String({ pattern: datePattern })) }, { additionalProperties: false });
export type RuleImpactBody = Static<ReturnType<typeof RuleImpactBody>>;

export const MigrationOptionsQuery = Type.Object({ from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
const Element = Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String() });
/** The mapping editor: elements of `from` with no same-id element in `to`, and `to`'s elements. */
export const MigrationOptions = Type.Object({ unmatched: Type.Array(Element), targets: Type.Array(Element) });
export type MigrationOptions = Static<typeof MigrationOptions>;
/** POST /api/processes/:key/migrations: old element id → new (default the same id); `dryRun` only checks. */
export const MigrationBody = Type.Object(
  {
    from: Type.Integer({ minimum: 1 }),
    to: Type.Integer({ minimum: 1 }),
    mapping: Type.Optional(Type.Unsafe<Record<string, string>>({ type: 'object', additionalProperties: { type: 'string', minLength: 1, maxLength: 200 }, maxProperties: 500 })),
    dryRun: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);
export type MigrationBody = Static<typeof MigrationBody>;

/* ---------- two people for a publication ---------- */

export const ApprovalList = Type.Object({ required: Type.Boolean(), approvals: Type.Array(Approval) });
export type ApprovalList = Static<typeof ApprovalList>;
export const ApprovalSetting = Type.Object({ required: Type.Boolean() }, { additionalProperties: false });
export type ApprovalSetting = Static<typeof ApprovalSetting>;
export const Approved = Type.Object({ approval: Approval, version: Type.Integer() });
export type Approved = Static<typeof Approved>;
export const RejectBody = Type.Object({ comment: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });

