/** JSON schemas shared by the runtime's routes (instances, tasks, messages). */
export const open = { type: 'object', additionalProperties: true } as const;
export const idParams = { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 64 } }, required: ['id'], additionalProperties: false } as const;
const nullableString = { type: ['string', 'null'] } as const;

export const taskBody = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    instanceId: { type: 'string' },
    processKey: { type: 'string' },
    processName: { type: 'string' },
    publication: { type: 'integer' },
    elementId: { type: 'string' },
    elementName: { type: 'string' },
    role: { type: 'string' },
    office: { type: 'string' },
    assignee: nullableString,
    onBehalf: { type: 'boolean' },
    businessKey: nullableString,
    dueAt: nullableString,
    claimedBy: nullableString,
    status: { type: 'string', enum: ['open', 'completed', 'cancelled'] },
    createdAt: { type: 'string' },
    completedAt: nullableString,
    completedBy: nullableString,
    form: nullableString,
    documents: { type: 'array', items: { type: 'string' } },
    instruction: nullableString,
    item: {},
  },
  required: ['id', 'instanceId', 'processKey', 'elementId', 'role', 'office', 'status', 'dueAt'],
} as const;

export const instanceBody = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    processKey: { type: 'string' },
    processName: { type: 'string' },
    publication: { type: 'integer' },
    office: { type: 'string' },
    /** issue 21: the registration number (null for applications started before it) */
    registrationNumber: nullableString,
    businessKey: nullableString,
    applicantUserId: nullableString,
    applicant: { type: ['object', 'null'], additionalProperties: true },
    startedBy: { type: 'string' },
    status: { type: 'string' },
    outcome: nullableString,
    createdAt: { type: 'string' },
    endedAt: nullableString,
    parentInstanceId: nullableString,
    activeElements: { type: 'array', items: { type: 'string' } },
    tasks: { type: 'array', items: taskBody },
    variables: open,
  },
  required: ['id', 'processKey', 'publication', 'office', 'status', 'activeElements', 'tasks', 'variables'],
} as const;

/** A start's answer: the application, and once, its registration number and tracking PIN (issue 21). */
export const startedBody = {
  ...instanceBody,
  properties: {
    ...instanceBody.properties,
    registration: { type: 'object', properties: { number: { type: 'string' }, pin: { type: 'string', pattern: '^[0-9]{6}$' } }, required: ['number', 'pin'] },
  },
} as const;

export const paging = {
  limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
  offset: { type: 'integer', minimum: 0, maximum: 100000, default: 0 },
} as const;
