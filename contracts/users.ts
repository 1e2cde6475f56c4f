/** Account administration: /api/admin/users (the studio's Pengguna screen). */
import { Type, type Static } from '@sinclair/typebox';
import { RoleGrant } from './auth.js';
import { Nullable } from './schema.js';

const NullableString = (options: { maxLength?: number } = {}) => Nullable(Type.String(options));

/** An official's signing identity (printed on the documents they sign; NIK for the TTE service). */
export const OfficialIdentity = Type.Object({ fullName: NullableString(), nip: NullableString(), jabatan: NullableString(), nik: NullableString() });
export type OfficialIdentity = Static<typeof OfficialIdentity>;

/** An account as the admin's screen sees it (never its password hash). */
export const AdminUser = Type.Object({
  id: Type.String(),
  username: Type.String(),
  name: Type.String(),
  email: NullableString(),
  phone: NullableString(),
  disabled: Type.Boolean(),
  roles: Type.Array(RoleGrant),
  createdAt: Type.String({ format: 'date-time' }),
  identity: Type.Optional(OfficialIdentity),
});
export type AdminUser = Static<typeof AdminUser>;

/** GET /api/admin/users; `defaultPageSize` is the server's (server/services/accounts/user-admin.ts). */
export const UserQuery = (defaultPageSize: number) =>
  Type.Object(
    {
      search: Type.Optional(Type.String({ maxLength: 100 })),
      role: Type.Optional(Type.String({ maxLength: 64 })),
      office: Type.Optional(Type.String({ maxLength: 64 })),
      page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
      pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: defaultPageSize })),
    },
    { additionalProperties: false },
  );
export type UserQuery = Static<ReturnType<typeof UserQuery>>;

export const UserPage = Type.Object({ items: Type.Array(AdminUser), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type UserPage = Static<typeof UserPage>;

const GrantInput = Type.Object({ role: Type.String({ minLength: 1, maxLength: 64 }), office: NullableString({ maxLength: 64 }) }, { additionalProperties: false });
const GrantsInput = Type.Array(GrantInput, { maxItems: 100 });

// Length rules (minimum password, username pattern) are createUser's and setPassword's, so the
// CLI and the browser give the same errors; the schema only bounds the sizes.
const Password = Type.String({ minLength: 1, maxLength: 1024 });

/** POST /api/admin/users */
export const NewUser = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    email: Type.Optional(NullableString({ maxLength: 200 })),
    phone: Type.Optional(NullableString({ maxLength: 32 })),
    password: Password,
    roles: GrantsInput,
  },
  { additionalProperties: false },
);
export type NewUser = Static<typeof NewUser>;

/** PUT /api/admin/users/:id/roles */
export const RolesBody = Type.Object({ roles: GrantsInput }, { additionalProperties: false });

/** PUT /api/admin/users/:id/identity: each part absent keeps it, null clears it. */
export const IdentityBody = Type.Object(
  {
    fullName: Type.Optional(NullableString({ maxLength: 200 })),
    nip: Type.Optional(NullableString({ maxLength: 32 })),
    jabatan: Type.Optional(NullableString({ maxLength: 200 })),
    nik: Type.Optional(NullableString({ maxLength: 32 })),
  },
  { additionalProperties: false },
);
export type IdentityBody = Static<typeof IdentityBody>;

/** POST /api/admin/users/:id/password */
export const PasswordBody = Type.Object({ password: Password }, { additionalProperties: false });
