/** An office as the Kantor dialog edits it, and the words for what the server refuses. */
import { ApiError, type AdminOffice, type OfficeInput } from '../../api/client.js';
import type { MessageKey, Translate } from '../../i18n/index.js';

const KNOWN_ERRORS = ['OFFICE_CONFLICT', 'NUMBER_FORMAT_INVALID', 'LOGO_INVALID', 'OFFICE_EXISTS', 'PROCESS_NOT_FOUND'] as const;

/** Our words for the codes this screen expects; otherwise the server's own message. */
export function officeErrorText(t: Translate, e: unknown): string {
  if (e instanceof ApiError && (KNOWN_ERRORS as readonly string[]).includes(e.code)) {
    const d = (e.details ?? {}) as { updatedBy?: string; errors?: Array<{ path: string; message: string }>; processes?: string[] };
    const detail = d.errors?.map((x) => `${x.path.replace('/numbering/', '')}: ${x.message}`).join('; ') ?? d.processes?.join(', ') ?? '';
    return t(`offices.error.${e.code}` as MessageKey, { by: d.updatedBy ?? '', detail });
  }
  if (e instanceof ApiError && e.code === 'NETWORK') return t('error.network');
  return (e as Error).message || t('common.error');
}

export interface OfficeDraft {
  key: string;
  input: OfficeInput;
  /** number formats as editable rows (kind, format) */
  formats: Array<{ kind: string; format: string }>;
  revision: number | null;
  hadLogo: boolean;
}

export function draftOf(o: AdminOffice | null): OfficeDraft {
  return {
    key: o?.key ?? '',
    input: { name: o?.name ?? '', agency: o?.agency ?? '', address: o?.address ?? '', contacts: { ...(o?.contacts ?? {}) }, numbering: { ...(o?.numbering ?? {}) }, processes: [...(o?.processes ?? [])] },
    formats: Object.entries(o?.numbering ?? {}).map(([kind, format]) => ({ kind, format })),
    revision: o?.revision ?? null,
    hadLogo: o?.logo !== null && o?.logo !== undefined,
  };
}

/** What is sent: the input with the filled-in number format rows. */
export function bodyOf(draft: OfficeDraft): OfficeInput {
  return { ...draft.input, numbering: Object.fromEntries(draft.formats.filter((f) => f.kind.trim() && f.format.trim()).map((f) => [f.kind.trim(), f.format.trim()])) };
}

export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
