/** Notifications API (issue 21): templates (admin), my channels, password recovery. Same error handling as client.ts. */
import type { Language } from '../../core/notification-events.js';
import type {
  ChannelBody,
  ChannelSettings as ChannelSettingsOf,
  EventTemplates as EventTemplatesOf,
  Message,
  ServiceSettings,
  ServiceSettingsBody,
  TemplateText,
} from '../../contracts/notifications.js';
import { json } from './client.js';

export type { Language };
export type { TemplateText };
export type EventTemplates = EventTemplatesOf<Language>;
export type ChannelSettings = ChannelSettingsOf<Language>;

const enc = encodeURIComponent;

export const notificationsApi = {
  templates: () => json<EventTemplates[]>('GET', '/api/admin/notification-templates'),
  saveTemplate: (event: string, language: Language, t: TemplateText) =>
    json<EventTemplates[]>('PUT', `/api/admin/notification-templates/${enc(event)}/${language}`, { subject: t.subject, body: t.body }),
  resetTemplate: (event: string, language: Language) => json<EventTemplates[]>('DELETE', `/api/admin/notification-templates/${enc(event)}/${language}`),
  serviceSettings: (key: string) => json<ServiceSettings>('GET', `/api/admin/service-notification-settings/${enc(key)}`),
  saveServiceSettings: (key: string, s: ServiceSettingsBody) =>
    json<ServiceSettings>('PUT', `/api/admin/service-notification-settings/${enc(key)}`, s),
  mySettings: () => json<ChannelSettings>('GET', '/api/me/notification-settings'),
  saveMySettings: (s: ChannelBody<Language>) => json<ChannelSettings>('PUT', '/api/me/notification-settings', s),
  requestCode: (identifier: string) => json<Message>('POST', '/api/auth/recovery/request', { identifier }),
  resetPassword: (identifier: string, code: string, password: string) => json<Message>('POST', '/api/auth/recovery/reset', { identifier, code, password }),
};
