import { ApiError } from '../../api/client.js';
import type { MessageKey, Translate } from '../../i18n/index.js';

const KNOWN_ERRORS = ['UNKNOWN_ROLE', 'UNKNOWN_OFFICE', 'USER_EXISTS', 'USER_NOT_FOUND', 'CANNOT_DISABLE_SELF', 'CANNOT_REMOVE_OWN_ADMIN', 'LAST_ADMIN', 'FORBIDDEN', 'PASSWORD_TOO_WEAK'] as const;

/** Our words for the codes the Pengguna screen expects; otherwise the server's own message. */
export function userErrorText(t: Translate, e: unknown): string {
  if (e instanceof ApiError && (KNOWN_ERRORS as readonly string[]).includes(e.code)) return t(`users.error.${e.code}` as MessageKey);
  if (e instanceof ApiError && e.code === 'NETWORK') return t('error.network');
  return (e as Error).message || t('common.error');
}
