/** The upload refusals (415/413/409 from /api/uploads) in the user's language. */
import { ApiError } from '../../api/client.js';
import type { Translate } from '../../i18n/index.js';

const TYPE_NAMES: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };

export function uploadErrorText(t: Translate, file: string, e: unknown): string {
  if (e instanceof ApiError) {
    if (e.code === 'UPLOAD_TYPE_MISMATCH') {
      const detected = String(e.details?.detected ?? '');
      return t('portal.apply.typeMismatch', { file, actual: TYPE_NAMES[detected] ?? detected, claimed: `.${String(e.details?.extension ?? '')}` });
    }
    if (e.code === 'UPLOAD_TYPE_NOT_ALLOWED') return t('portal.apply.typeNotAllowed', { file });
    if (e.code === 'UPLOAD_TOO_LARGE') return t('portal.apply.tooLarge', { file });
    if (e.code === 'UPLOAD_NOT_EXPECTED') return t('portal.apply.notExpected', { file });
    if (e.code === 'QUOTA_EXCEEDED') return t('portal.apply.quotaExceeded', { file });
  }
  return `${file}: ${(e as Error).message}`;
}
