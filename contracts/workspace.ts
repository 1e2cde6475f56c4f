/** The officer's inbox, the task page's context and the applicant's applications: /api/inbox, /api/workspace/*. */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, OpenAnswer, StringEnum } from './schema.js';

const NullableString = () => Nullable(Type.String());

export const SlaState = StringEnum(['none', 'on-time', 'warning', 'late']);
export type SlaState = Static<typeof SlaState>;

/** One row of the inbox: the task's own fields, plus the application's and the SLA state. */
const InboxTask = Type.Object({
  id: Type.String(),
  instanceId: Type.String(),
  processKey: Type.String(),
  processName: Type.String(),
  elementId: Type.String(),
  elementName: Type.String(),
  role: Type.String(),
  office: Type.String(),
  businessKey: NullableString(),
  registrationNumber: NullableString(),
  applicantName: NullableString(),
  claimedBy: NullableString(),
  claimedByName: NullableString(),
  assignee: NullableString(),
  createdAt: Type.String(),
  dueAt: NullableString(),
  sla: SlaState,
});
export type InboxTask = Static<typeof InboxTask>;

/** GET /api/inbox */
export const InboxQuery = Type.Object(
  {
    tab: Type.Optional(StringEnum(['mine', 'available'], { default: 'available' })),
    office: Type.Optional(Type.String({ maxLength: 64 })),
    process: Type.Optional(Type.String({ maxLength: 64 })),
    step: Type.Optional(Type.String({ maxLength: 128 })),
    q: Type.Optional(Type.String({ maxLength: 64 })),
    applicant: Type.Optional(Type.String({ maxLength: 100 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  },
  { additionalProperties: false },
);
export type InboxQuery = Static<typeof InboxQuery>;

export const InboxPage = Type.Object({ tasks: Type.Array(InboxTask), counts: Type.Object({ mine: Type.Integer(), available: Type.Integer() }) });
export type InboxPage = Static<typeof InboxPage>;

/** `:id` of a task or application on the workspace's pages. */
export const WorkspaceIdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

/**
 * The task page's context and the applicant's application status are described in the
 * services that build them (server/services/runtime/task-context.ts, applications.ts); on the wire
 * they are open objects.
 */
export const AnyObject = OpenAnswer();
export const AnyObjects = Type.Array(OpenAnswer());

/** An in-app notification for me (GET /api/notifications). */
export const Notification = Type.Object({
  id: Type.Integer(),
  instanceId: NullableString(),
  kind: Type.String(),
  message: Type.String(),
  link: NullableString(),
  createdAt: Type.String(),
  readAt: NullableString(),
});
export type Notification = Static<typeof Notification>;
export const NotificationQuery = Type.Object({ unread: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

/** Marks some (`ids`) or `all` of my notifications read (POST /api/notifications/read). */
export const MarkReadBody = Type.Object(
  { ids: Type.Optional(Type.Array(Type.Integer(), { maxItems: 500 })), all: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type MarkReadBody = Static<typeof MarkReadBody>;
export const MarkReadAnswer = Type.Object({ updated: Type.Integer() });
export type MarkReadAnswer = Static<typeof MarkReadAnswer>;
