/**
 * Notifications: my channels, the admin's templates and per-service settings, password recovery
 * (routes/notifications.ts). The languages, channels and template limits are core's
 * (core/notification-events.ts), passed in: `NotificationSchemas({languages, channels, limits})`.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from './schema.js';

const TemplateText = Type.Object({ subject: Type.String(), body: Type.String() });
export type TemplateText = Static<typeof TemplateText>;
/** One language's template: the text in use, whether an admin changed it, and the catalogue's own. */
const Template = Type.Object({
  subject: Type.String(),
  body: Type.String(),
  custom: Type.Boolean(),
  default: TemplateText,
});

const Channel = Type.Object({ address: Nullable(Type.String()), enabled: Type.Boolean() });

/** A service's notification settings (GET/PUT /api/admin/service-notification-settings/:key). */
export const ServiceSettings = Type.Object({
  processKey: Type.String(),
  paymentDueDays: Type.Integer(),
  validMonths: Nullable(Type.Integer()),
  remindDaysBefore: Nullable(Type.Integer()),
});
export type ServiceSettings = Static<typeof ServiceSettings>;
const dayCount = (max: number) => Nullable(Type.Integer({ minimum: 1, maximum: max }));
export const ServiceSettingsBody = Type.Object(
  { paymentDueDays: dayCount(365), validMonths: dayCount(600), remindDaysBefore: dayCount(365) },
  { additionalProperties: false },
);
export type ServiceSettingsBody = Static<typeof ServiceSettingsBody>;
export const ProcessParams = Type.Object({ key: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });

const identifier = Type.String({ minLength: 3, maxLength: 200, description: 'nama pengguna, email, atau nomor telepon dalam bentuk apa pun (0812…, +62812…, 62812…)' });
export const RecoveryReset = Type.Object(
  { identifier, code: Type.String({ minLength: 1, maxLength: 12 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);
/** What recovery answers, whatever happened (no account is revealed). */
export const Message = Type.Object({ message: Type.String() });
export type Message = Static<typeof Message>;

/** The schemas that name core's languages and channels. */
export function NotificationSchemas<const L extends string, const C extends string>(o: { languages: readonly L[]; channels: readonly C[]; limits: { subject: number; body: number } }) {
  const Language = StringEnum(o.languages);
  const EventTemplates = Type.Object({
    event: Type.String(),
    audience: StringEnum(['applicant', 'officer', 'account']),
    fields: Type.Array(Type.String()),
    // {id: template, en: template}: one property per language, all required
    templates: Type.Unsafe<Record<L, Static<typeof Template>>>(Type.Object(Object.fromEntries(o.languages.map((l) => [l, Template])))),
  });
  return {
    Language,
    EventTemplates,
    EventTemplatesList: Type.Array(EventTemplates),
    TemplateParams: Type.Object({ event: Type.String({ maxLength: 64 }), language: Language }, { additionalProperties: false }),
    TemplateBody: Type.Object(
      { subject: Type.String({ maxLength: o.limits.subject }), body: Type.String({ maxLength: o.limits.body }) },
      { additionalProperties: false },
    ),
    ChannelSettings: Type.Object({ email: Channel, whatsapp: Channel, language: Language }),
    ChannelBody: Type.Object({ email: Type.Boolean(), whatsapp: Type.Boolean(), language: Language }, { additionalProperties: false }),
    RecoveryRequest: Type.Object({ identifier, channel: Type.Optional(StringEnum(o.channels)) }, { additionalProperties: false }),
  };
}
type Schemas<L extends string> = ReturnType<typeof NotificationSchemas<L, string>>;
/** An event of the catalogue with its templates per language (GET /api/admin/notification-templates). */
export type EventTemplates<L extends string> = Static<Schemas<L>['EventTemplates']>;
/** My channels and their language (GET/PUT /api/me/notification-settings). */
export type ChannelSettings<L extends string> = Static<Schemas<L>['ChannelSettings']>;
export type ChannelBody<L extends string> = Static<Schemas<L>['ChannelBody']>;
