/**
 * The one catalogue of notification events (issue 21): who each event is for, the values its
 * message may use, and its default templates in Bahasa Indonesia and English. An admin may
 * override a template (server: notification_templates); the defaults live here only.
 *
 * A template is `{subject, body}`: the subject is the in-app line and the email subject, the body
 * the email text and the WhatsApp message. `{{field}}` is replaced by the event's value; a field
 * the event does not carry is refused when a template is saved (`templateProblems`).
 */

export type Language = 'id' | 'en';
export const LANGUAGES: readonly Language[] = ['id', 'en'];

/** Delivery channels besides the in-app notification (which every account always gets). */
export type Channel = 'email' | 'whatsapp';
export const CHANNELS: readonly Channel[] = ['email', 'whatsapp'];

/** `account`: anyone with an account (a password-reset code), sent to one address, never in-app. */
export type Audience = 'applicant' | 'officer' | 'account';

export interface Template {
  subject: string;
  body: string;
}

interface EventSpec {
  audience: Audience;
  /** the values a template may use, besides the common ones (COMMON_FIELDS) */
  fields: readonly string[];
  templates: Record<Language, Template>;
}

/** Values every event carries. */
const COMMON_FIELDS = ['name', 'service', 'number', 'office', 'link'] as const;

const catalogue = {
  'berkas-tidak-lengkap': {
    audience: 'applicant',
    fields: ['note'],
    templates: {
      id: {
        subject: 'Berkas {{number}} belum lengkap',
        body: 'Yth. {{name}}, berkas permohonan {{service}} nomor {{number}} di {{office}} belum lengkap. {{note}}\nSilakan lengkapi berkas Anda: {{link}}',
      },
      en: {
        subject: 'Application {{number}}: documents incomplete',
        body: 'Dear {{name}}, the documents of your {{service}} application {{number}} at {{office}} are incomplete. {{note}}\nPlease complete them: {{link}}',
      },
    },
  },
  'fee-to-pay': {
    audience: 'applicant',
    fields: ['amount', 'dueDate'],
    templates: {
      id: {
        subject: 'Tagihan {{number}}: Rp {{amount}}',
        body: 'Yth. {{name}}, tagihan permohonan {{service}} nomor {{number}} sebesar Rp {{amount}} harus dibayar paling lambat {{dueDate}}. Rincian: {{link}}',
      },
      en: {
        subject: 'Fee for {{number}}: Rp {{amount}}',
        body: 'Dear {{name}}, the fee of your {{service}} application {{number}} is Rp {{amount}}, due by {{dueDate}}. Details: {{link}}',
      },
    },
  },
  'ready-to-collect': {
    audience: 'applicant',
    fields: [],
    templates: {
      id: {
        subject: 'Dokumen {{number}} siap diambil',
        body: 'Yth. {{name}}, dokumen permohonan {{service}} nomor {{number}} sudah siap diambil di {{office}}. Bawa tanda terima Anda. {{link}}',
      },
      en: {
        subject: 'Document {{number}} ready to collect',
        body: 'Dear {{name}}, the document of your {{service}} application {{number}} is ready to collect at {{office}}. Please bring your receipt. {{link}}',
      },
    },
  },
  rejected: {
    audience: 'applicant',
    fields: ['reason'],
    templates: {
      id: {
        subject: 'Permohonan {{number}} ditolak',
        body: 'Yth. {{name}}, permohonan {{service}} nomor {{number}} di {{office}} tidak dapat kami kabulkan. Alasan: {{reason}}\n{{link}}',
      },
      en: {
        subject: 'Application {{number}} rejected',
        body: 'Dear {{name}}, your {{service}} application {{number}} at {{office}} could not be granted. Reason: {{reason}}\n{{link}}',
      },
    },
  },
  'permit-issued': {
    audience: 'applicant',
    fields: ['title', 'documentNumber'],
    templates: {
      id: {
        subject: 'Izin terbit: {{title}} {{documentNumber}}',
        body: 'Yth. {{name}}, {{title}} nomor {{documentNumber}} untuk permohonan {{service}} nomor {{number}} di {{office}} telah terbit dan ditandatangani secara elektronik. Unduh: {{link}}',
      },
      en: {
        subject: 'Permit issued: {{title}} {{documentNumber}}',
        body: 'Dear {{name}}, {{title}} number {{documentNumber}} for your {{service}} application {{number}} at {{office}} has been issued and signed electronically. Download: {{link}}',
      },
    },
  },
  'permit-expiring': {
    audience: 'applicant',
    fields: ['permitNumber', 'expiresOn', 'daysLeft'],
    templates: {
      id: {
        subject: 'Izin {{permitNumber}} berakhir {{expiresOn}}',
        body: 'Yth. {{name}}, izin {{service}} nomor {{permitNumber}} berakhir pada {{expiresOn}} ({{daysLeft}} hari lagi). Ajukan perpanjangan di {{office}}. {{link}}',
      },
      en: {
        subject: 'Permit {{permitNumber}} expires {{expiresOn}}',
        body: 'Dear {{name}}, your {{service}} permit {{permitNumber}} expires on {{expiresOn}} (in {{daysLeft}} days). Please apply for renewal at {{office}}. {{link}}',
      },
    },
  },
  'application-registered': {
    audience: 'applicant',
    fields: ['pin'],
    templates: {
      id: {
        subject: 'Permohonan terdaftar: {{number}}',
        body: 'Yth. {{name}}, permohonan {{service}} Anda terdaftar dengan nomor {{number}} di {{office}}. PIN pelacakan: {{pin}}. Lacak status: {{link}}',
      },
      en: {
        subject: 'Application registered: {{number}}',
        body: 'Dear {{name}}, your {{service}} application is registered as {{number}} at {{office}}. Tracking PIN: {{pin}}. Track it: {{link}}',
      },
    },
  },
  'document-sent': {
    audience: 'applicant',
    fields: ['title'],
    templates: {
      id: {
        subject: 'Dokumen dari {{office}}: {{title}}',
        body: 'Yth. {{name}}, {{office}} mengirimkan dokumen "{{title}}" untuk permohonan {{service}} nomor {{number}}. Unduh: {{link}}',
      },
      en: {
        subject: 'Document from {{office}}: {{title}}',
        body: 'Dear {{name}}, {{office}} sent you the document "{{title}}" for your {{service}} application {{number}}. Download: {{link}}',
      },
    },
  },
  'survey-invitation': {
    audience: 'applicant',
    fields: [],
    templates: {
      id: {
        subject: 'Survei kepuasan: {{number}}',
        body: 'Yth. {{name}}, permohonan {{service}} nomor {{number}} telah selesai. Mohon isi survei kepuasan masyarakat (9 pertanyaan): {{link}}',
      },
      en: {
        subject: 'Satisfaction survey: {{number}}',
        body: 'Dear {{name}}, your {{service}} application {{number}} is complete. Please answer the public satisfaction survey (9 questions): {{link}}',
      },
    },
  },
  'complaint-answered': {
    audience: 'applicant',
    fields: ['answer'],
    templates: {
      id: {
        subject: 'Pengaduan {{number}} telah dijawab',
        body: 'Yth. {{name}}, pengaduan Anda nomor {{number}} di {{office}} telah dijawab: {{answer}}\n{{link}}',
      },
      en: {
        subject: 'Complaint {{number}} answered',
        body: 'Dear {{name}}, your complaint {{number}} at {{office}} has been answered: {{answer}}\n{{link}}',
      },
    },
  },
  'task-assigned': {
    audience: 'officer',
    fields: ['task'],
    templates: {
      id: {
        subject: 'Tugas untuk Anda: {{task}}',
        body: 'Yth. {{name}}, tugas "{{task}}" permohonan {{service}} nomor {{number}} di {{office}} diberikan kepada Anda. {{link}}',
      },
      en: {
        subject: 'Task assigned to you: {{task}}',
        body: 'Dear {{name}}, the task "{{task}}" of {{service}} application {{number}} at {{office}} has been assigned to you. {{link}}',
      },
    },
  },
  escalation: {
    audience: 'officer',
    fields: ['task', 'dueAt'],
    templates: {
      id: {
        subject: 'Tugas terlambat: {{task}} ({{number}})',
        body: 'Yth. {{name}}, tugas "{{task}}" permohonan {{service}} nomor {{number}} di {{office}} melewati tenggat {{dueAt}}. {{link}}',
      },
      en: {
        subject: 'Task overdue: {{task}} ({{number}})',
        body: 'Dear {{name}}, the task "{{task}}" of {{service}} application {{number}} at {{office}} is past its due time {{dueAt}}. {{link}}',
      },
    },
  },
  'password-reset-code': {
    audience: 'account',
    fields: ['code', 'minutes'],
    templates: {
      id: {
        subject: 'Kode pemulihan kata sandi: {{code}}',
        body: 'Kode pemulihan kata sandi SOP Studio Anda: {{code}}. Berlaku {{minutes}} menit dan hanya sekali pakai. Jangan berikan kode ini kepada siapa pun. Abaikan pesan ini jika Anda tidak memintanya.',
      },
      en: {
        subject: 'Password recovery code: {{code}}',
        body: 'Your SOP Studio password recovery code: {{code}}. It is valid for {{minutes}} minutes and works once. Never share it. Ignore this message if you did not ask for it.',
      },
    },
  },
} as const satisfies Record<string, EventSpec>;

export type NotificationEvent = keyof typeof catalogue;
export const NOTIFICATION_EVENTS: Readonly<Record<NotificationEvent, EventSpec>> = catalogue;
export const EVENT_KEYS = Object.keys(catalogue) as NotificationEvent[];

export function isNotificationEvent(kind: string): kind is NotificationEvent {
  return Object.prototype.hasOwnProperty.call(catalogue, kind);
}

/** The values a template of this event may use. */
export function eventFields(event: NotificationEvent): string[] {
  return [...COMMON_FIELDS, ...NOTIFICATION_EVENTS[event].fields];
}

export type EventData = Record<string, string | number | null | undefined>;

const PLACEHOLDER = /\{\{\s*([a-zA-Z][a-zA-Z0-9]*)\s*\}\}/g;

/** Fills `{{field}}` with the value (an absent value becomes "-"), and trims the blank lines it leaves. */
function render(text: string, data: EventData): string {
  return text.replace(PLACEHOLDER, (_m, field: string) => {
    const v = data[field];
    return v === null || v === undefined || v === '' ? '-' : String(v);
  });
}

export function renderTemplate(t: Template, data: EventData): Template {
  return { subject: render(t.subject, data).replace(/\s+/g, ' ').trim(), body: render(t.body, data).trim() };
}

export const TEMPLATE_LIMITS = { subject: 200, body: 2000 } as const;

/** What is wrong with a template an admin wrote for this event (empty when it may be saved). */
export function templateProblems(event: NotificationEvent, t: Template): Array<{ path: string; message: string }> {
  const allowed = new Set(eventFields(event));
  const out: Array<{ path: string; message: string }> = [];
  for (const part of ['subject', 'body'] as const) {
    const text = t[part];
    if (text.trim() === '') out.push({ path: `/${part}`, message: 'tidak boleh kosong' });
    if (text.length > TEMPLATE_LIMITS[part]) out.push({ path: `/${part}`, message: `paling banyak ${TEMPLATE_LIMITS[part]} karakter` });
    for (const m of text.matchAll(PLACEHOLDER)) {
      if (!allowed.has(m[1])) out.push({ path: `/${part}`, message: `{{${m[1]}}} tidak dikenal; yang boleh: ${[...allowed].join(', ')}` });
    }
    if (/\{\{(?![^}]*\}\})/.test(text.replace(PLACEHOLDER, ''))) out.push({ path: `/${part}`, message: '"{{" tanpa penutup "}}"' });
  }
  return out;
}
