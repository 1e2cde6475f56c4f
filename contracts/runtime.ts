/** The runtime's routes: applications (instances), tasks, messages, signals. */
import { Type, type Static } from '@sinclair/typebox';
import { paging } from './common.js';
import { Nullable, OpenObject, StringEnum } from './schema.js';

const NullableString = () => Nullable(Type.String());

/** The applicant of a walk-in application, as the officer at the counter enters them. */
export const WalkInApplicant = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    nik: Type.Optional(Type.String({ pattern: '^[0-9]{16}$' })),
    phone: Type.Optional(Type.String({ maxLength: 32 })),
    email: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type WalkInApplicant = Static<typeof WalkInApplicant>;

/** A task as every runtime route answers it (server/services/runtime/runtime.ts `taskView`). */
export const Task = Type.Object({
  id: Type.String(),
  instanceId: Type.String(),
  processKey: Type.String(),
  processName: Type.String(),
  publication: Type.Integer(),
  elementId: Type.String(),
  elementName: Type.String(),
  role: Type.String(),
  office: Type.String(),
  assignee: NullableString(),
  onBehalf: Type.Boolean(),
  businessKey: NullableString(),
  dueAt: NullableString(),
  claimedBy: NullableString(),
  status: StringEnum(['open', 'completed', 'cancelled']),
  createdAt: Type.String(),
  completedAt: NullableString(),
  completedBy: NullableString(),
  form: NullableString(),
  documents: Type.Array(Type.String()),
  instruction: NullableString(),
  item: Type.Optional(Type.Unknown()),
});
export type Task = Static<typeof Task>;

const instanceProperties = {
  id: Type.String(),
  processKey: Type.String(),
  processName: Type.String(),
  publication: Type.Integer(),
  office: Type.String(),
  /** issue 21: the registration number (null for applications started before it) */
  registrationNumber: NullableString(),
  businessKey: NullableString(),
  applicantUserId: NullableString(),
  // stored as entered (WalkInApplicant); answered as an open object
  applicant: Type.Unsafe<WalkInApplicant | null>({ type: ['object', 'null'], additionalProperties: true }),
  startedBy: Type.String(),
  status: Type.String(),
  outcome: NullableString(),
  createdAt: Type.String(),
  endedAt: NullableString(),
  parentInstanceId: NullableString(),
  activeElements: Type.Array(Type.String()),
  tasks: Type.Array(Task),
  variables: OpenObject(),
};

/** An application: state, active elements, open tasks, variables. */
export const Instance = Type.Object(instanceProperties);
export type Instance = Static<typeof Instance>;

/** A start's answer: the application, and once, its registration number and tracking PIN (issue 21). */
export const StartedInstance = Type.Object({
  ...instanceProperties,
  registration: Type.Object({ number: Type.String(), pin: Type.String({ pattern: '^[0-9]{6}$' }) }),
});
export type StartedInstance = Static<typeof StartedInstance>;

export const ProcessKeyParams = (pattern: string) => Type.Object({ key: Type.String({ pattern }) }, { additionalProperties: false });

/** POST /api/processes/:key/instances */
export const StartBody = Type.Object(
  {
    office: Type.String({ minLength: 1, maxLength: 64 }),
    variables: Type.Optional(OpenObject()),
    businessKey: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    applicant: Type.Optional(WalkInApplicant),
  },
  { additionalProperties: false },
);
export type StartBody = Static<typeof StartBody>;

/** GET /api/instances */
export const InstanceQuery = Type.Object(
  {
    process: Type.Optional(Type.String({ maxLength: 64 })),
    office: Type.Optional(Type.String({ maxLength: 64 })),
    status: Type.Optional(StringEnum(['running', 'completed', 'cancelled', 'failed'])),
    businessKey: Type.Optional(Type.String({ maxLength: 128 })),
    /** a part of the business key or registration number, typed any way ("a9999zz", "9999"): closed ones too */
    q: Type.Optional(Type.String({ maxLength: 64 })),
    ...paging,
  },
  { additionalProperties: false },
);
export type InstanceQuery = Static<typeof InstanceQuery>;

const pageProperties = { limit: Type.Optional(Type.Integer()), offset: Type.Optional(Type.Integer()), hasMore: Type.Optional(Type.Boolean()) };

export const InstancePage = Type.Object({ items: Type.Optional(Type.Array(OpenObject())), ...pageProperties });
export type InstancePage = Static<typeof InstancePage>;

/** One step of an application's history: element, who, when, duration against the SOP time. */
export const HistoryItem = Type.Object({
  elementId: Type.String(),
  elementName: Type.String(),
  elementKind: Type.String(),
  event: Type.String(),
  actor: NullableString(),
  /** the actor's name (full name when recorded); null for an applicant's reading */
  actorName: Type.Optional(NullableString()),
  /** the named way out the step (or the gateway after it) took: "Lengkap", "Tidak setuju" */
  outcome: Type.Optional(NullableString()),
  onBehalf: Type.Boolean(),
  startedAt: Type.String(),
  endedAt: Type.String(),
  durationMs: Type.Integer(),
  slaMs: Nullable(Type.Integer()),
  withinSla: Nullable(Type.Boolean()),
  taskId: NullableString(),
  details: Type.Unsafe<Record<string, unknown> | null>({ type: ['object', 'null'], additionalProperties: true }),
});
export type HistoryItem = Static<typeof HistoryItem>;

/** A variable the history names (a value an officer changed): its label and type as the model's forms or fee facts declare it. */
export const HistoryField = Type.Object({
  label: Type.String(),
  type: Type.Optional(Type.String()),
  /** a choice's values with their titles (`oneOf: [{const, title}]`), when the declaration names them */
  options: Type.Optional(Type.Record(Type.String(), Type.String())),
});
export type HistoryField = Static<typeof HistoryField>;

export const History = Type.Object({
  items: Type.Array(HistoryItem),
  /** the variables the items' details name (`corrected`), by name: shown by their labels, never by their names (issue 23) */
  fields: Type.Record(Type.String(), HistoryField),
});
export type History = Static<typeof History>;

export const CancelBody = Type.Object({ reason: Type.String({ minLength: 3, maxLength: 1000 }) }, { additionalProperties: false });

/** GET /api/tasks */
export const TaskQuery = Type.Object(
  { scope: Type.Optional(StringEnum(['mine', 'available'], { default: 'available' })), office: Type.Optional(Type.String({ maxLength: 64 })), ...paging },
  { additionalProperties: false },
);
export type TaskQuery = Static<typeof TaskQuery>;

export const TaskPage = Type.Object({ items: Type.Optional(Type.Array(Task)), ...pageProperties });
export type TaskPage = Static<typeof TaskPage>;

/** POST /api/tasks/next: "Ambil tugas berikutnya" for one post (role × office), optionally one process. */
export const TakeNextBody = Type.Object(
  { role: Type.String({ minLength: 1, maxLength: 64 }), office: Type.String({ minLength: 1, maxLength: 64 }), processKey: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })) },
  { additionalProperties: false },
);
export type TakeNextBody = Static<typeof TakeNextBody>;

export const TakeNextAnswer = Type.Object({ task: Type.Union([Task, Type.Null()]) });
export type TakeNextAnswer = Static<typeof TakeNextAnswer>;

/** POST /api/tasks/:id/complete */
export const CompleteBody = Type.Object(
  {
    variables: Type.Optional(OpenObject()),
    // the steps this completion opens for the same officer are claimed for them ("the next step is yours")
    claimNext: Type.Optional(Type.Boolean()),
    // a signing step's (sop:handler="sign-document" on a user task) — the official's, never stored
    passphrase: Type.Optional(Type.String({ maxLength: 256, writeOnly: true })),
  },
  { additionalProperties: false },
);
export type CompleteBody = Static<typeof CompleteBody>;

export const CompleteAnswer = Type.Object({
  task: Type.Optional(Task),
  instance: Type.Optional(Type.Object({ id: Type.Optional(Type.String()), status: Type.Optional(Type.String()), activeElements: Type.Optional(Type.Array(Type.String())) })),
  nextTasks: Type.Optional(
    Type.Array(Type.Object({ id: Type.Optional(Type.String()), elementId: Type.Optional(Type.String()), elementName: Type.Optional(Type.String()), instanceId: Type.Optional(Type.String()) })),
  ),
});
export type CompleteAnswer = Static<typeof CompleteAnswer>;

/** What a message or signal reached: applications that went on, applications it started. */
export const DeliveryAnswer = Type.Object({ instanceIds: Type.Optional(Type.Array(Type.String())), started: Type.Optional(Type.Array(Type.String())) });
export type DeliveryAnswer = Static<typeof DeliveryAnswer>;

/** POST /api/messages */
export const MessageBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 128 }),
    correlationKey: Type.String({ minLength: 1, maxLength: 128 }),
    variables: Type.Optional(OpenObject()),
    office: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type MessageBody = Static<typeof MessageBody>;

/** POST /api/signals */
export const SignalBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 128 }), office: Type.String({ minLength: 1, maxLength: 64 }), variables: Type.Optional(OpenObject()) },
  { additionalProperties: false },
);
export type SignalBody = Static<typeof SignalBody>;
