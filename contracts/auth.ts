/** Log-in, the session's user, registration: /api/auth/*. */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './schema.js';

/** A role held in an office (office null: every office). */
export const RoleGrant = Type.Object({ role: Type.String(), office: Nullable(Type.String()) });
export type RoleGrant = Static<typeof RoleGrant>;

/** The user of a session: GET /api/auth/me. */
export const User = Type.Object({ id: Type.Optional(Type.String()), username: Type.String(), name: Type.String(), roles: Type.Array(RoleGrant) });
export type User = Static<typeof User>;

/** GET /api/auth/session: the session's user, or null without one (a first visit is no 401). */
export const SessionState = Type.Object({ user: Nullable(User) });
export type SessionState = Static<typeof SessionState>;

/** The answer of every route that opens a session (log-in, registration). */
export const SessionAnswer = Type.Object({ token: Type.String(), expiresAt: Type.String({ format: 'date-time' }), user: User });
export type SessionAnswer = Static<typeof SessionAnswer>;

export const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

/** Applicant self-registration: POST /api/auth/register. */
export const RegisterBody = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 200 }),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
    phone: Type.Optional(Type.String({ pattern: '^[+0-9 ()-]{8,20}$' })),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBody>;
