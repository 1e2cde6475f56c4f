/** Shared JSON schema pieces for route definitions. */
export const errorBody = {
  type: 'object',
  properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
  required: ['code', 'message'],
} as const;

/** The error answers every authenticated route may give. */
export const errorResponses = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  413: errorBody,
  428: errorBody,
  429: errorBody,
} as const;

export const issue = {
  type: 'object',
  properties: { code: { type: 'string' }, message: { type: 'string' }, path: { type: 'string' }, element: { type: 'string' } },
} as const;

export const roleGrant = {
  type: 'object',
  properties: { role: { type: 'string' }, office: { type: ['string', 'null'] } },
  required: ['role', 'office'],
} as const;

export const userBody = {
  type: 'object',
  properties: { id: { type: 'string' }, username: { type: 'string' }, name: { type: 'string' }, roles: { type: 'array', items: roleGrant } },
  required: ['username', 'name', 'roles'],
} as const;

/** The answer of every route that opens a session (log-in, registration). */
export const sessionAnswer = {
  type: 'object',
  properties: { token: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' }, user: userBody },
  required: ['token', 'expiresAt', 'user'],
} as const;
