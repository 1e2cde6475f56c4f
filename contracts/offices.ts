/** Offices as data: /api/admin/offices (the studio's Kantor screen). */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from './schema.js';

const Text = (max: number) => Type.String({ maxLength: max });

const OfficeContacts = Type.Object(
  { phone: Type.Optional(Text(40)), email: Type.Optional(Text(200)), website: Type.Optional(Text(200)), complaints: Type.Optional(Text(2000)) },
  { additionalProperties: false },
);
export type OfficeContacts = Static<typeof OfficeContacts>;

/** An office as the admin's screen sees it: GET /api/admin/offices(/:key). */
export const AdminOffice = Type.Object({
  key: Type.String(),
  name: Type.String(),
  agency: Type.String(),
  address: Type.String(),
  contacts: OfficeContacts,
  logo: Nullable(Type.Object({ contentType: Type.String() })),
  numbering: Type.Unsafe<Record<string, string>>({ type: 'object', additionalProperties: { type: 'string' } }),
  processes: Type.Array(Type.String()),
  revision: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  updatedBy: Type.String(),
});
export type AdminOffice = Static<typeof AdminOffice>;

export const AdminOfficeList = Type.Object({ items: Type.Array(AdminOffice) });

const OfficeKey = Type.String({ minLength: 2, maxLength: 64, pattern: '^[a-z0-9][a-z0-9-]*$' });
export const OfficeKeyParams = Type.Object({ key: OfficeKey }, { additionalProperties: false });

/** What the Kantor screen sends; `logo`: absent keeps it, null removes it. `maxLogoBytes`: the server's bound. */
const inputProperties = (maxLogoBytes: number) => ({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  agency: Type.String({ minLength: 1, maxLength: 64 }),
  address: Type.Optional(Text(500)),
  contacts: Type.Optional(OfficeContacts),
  numbering: Type.Optional(
    Type.Unsafe<Record<string, string>>({
      type: 'object',
      description: 'jenis dokumen → format nomor; token {seq}, {seq:N}, {year}, {month}, {office}, {kind}',
      maxProperties: 50,
      propertyNames: { pattern: '^[a-z0-9][a-z0-9-]{0,39}$' },
      additionalProperties: { type: 'string', minLength: 1, maxLength: 120 },
    }),
  ),
  processes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 500, uniqueItems: true })),
  logo: Type.Optional(
    Nullable(
      Type.Object(
        { contentType: StringEnum(['image/png', 'image/jpeg']), base64: Type.String({ maxLength: Math.ceil((maxLogoBytes * 4) / 3) + 4 }) },
        { additionalProperties: false },
      ),
    ),
  ),
});

/** PUT /api/admin/offices/:key */
export const OfficeInput = (maxLogoBytes: number) => Type.Object(inputProperties(maxLogoBytes), { additionalProperties: false });
export type OfficeInput = Static<ReturnType<typeof OfficeInput>>;

/** POST /api/admin/offices */
export const NewOffice = (maxLogoBytes: number) => Type.Object({ key: OfficeKey, ...inputProperties(maxLogoBytes) }, { additionalProperties: false });
export type NewOffice = Static<ReturnType<typeof NewOffice>>;

export const IfMatchHeaders = Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 20 })) });
