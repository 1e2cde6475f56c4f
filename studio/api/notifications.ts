/** Notifications API (issue 21): templates (admin), my channels, password recovery. Same error handling as client.ts. */
import { json } from './client.js';

export type Language = 'id' | 'en';
export interface TemplateText { subject: string; body: string }
export interface EventTemplates {
  event: string;
  audience: 'applicant' | 'officer' | 'account';
  fields: string[];
  templates: Record<Language, TemplateText & { custom: boolean; default: TemplateText }>;
}
export interface ChannelSettings {
  email: { address: string | null; enabled: boolean };
  whatsapp: { address: string | null; enabled: boolean };
  language: Language;
}

export interface ServiceSettings { processKey: string; paymentDueDays: number; validMonths: number | null; remindDaysBefore: number | null }

const enc = encodeURIComponent;

export const notificationsApi = {
  templates: () => json<EventTemplates[]>('GET', '/api/admin/notification-templates'),
  saveTemplate: (event: string, language: Language, t: TemplateText) =>
    json<EventTemplates[]>('PUT', `/api/admin/notification-templates/${enc(event)}/${language}`, { subject: t.subject, body: t.body }),
  resetTemplate: (event: string, language: Language) => json<EventTemplates[]>('DELETE', `/api/admin/notification-templates/${enc(event)}/${language}`),
  serviceSettings: (key: string) => json<ServiceSettings>('GET', `/api/admin/service-notification-settings/${enc(key)}`),
  saveServiceSettings: (key: string, s: { paymentDueDays: number | null; validMonths: number | null; remindDaysBefore: number | null }) =>
    json<ServiceSettings>('PUT', `/api/admin/service-notification-settings/${enc(key)}`, s),
  mySettings: () => json<ChannelSettings>('GET', '/api/me/notification-settings'),
  saveMySettings: (s: { email: boolean; whatsapp: boolean; language: Language }) => json<ChannelSettings>('PUT', '/api/me/notification-settings', s),
  requestCode: (identifier: string) => json<{ message: string }>('POST', '/api/auth/recovery/request', { identifier }),
  resetPassword: (identifier: string, code: string, password: string) => json<{ message: string }>('POST', '/api/auth/recovery/reset', { identifier, code, password }),
};
